import { describe, expect, it } from 'vitest';
import { countStatusTime, longestStatusRun, type StatusInterval } from './freshness-intervals.ts';

const H = 3_600_000;
const at = (hours: number) => Date.UTC(2026, 5, 1) + hours * H;

describe('freshness over a period (周政发〔2018〕6号 art. 14, 17)', () => {
  it('art-14: when an interval straddles the start or the end of the period, then only the part inside it counts', () => {
    const intervals: StatusInterval[] = [
      { status: 'STALE', from: at(-48), to: at(10) }, // began two days before the period
      { status: 'FRESH', from: at(10), to: at(30) },
      { status: 'STALE', from: at(30), to: at(200) }, // ends after the period
    ];
    expect(countStatusTime(intervals, at(0), at(48))).toEqual({ periodMs: 48 * H, freshMs: 20 * H, staleMs: 28 * H, unknownMs: 0, freshShare: 20 / 48 });
  });

  it('art-14: when the current interval is open, then it lasts until the end of the period counted', () => {
    const intervals: StatusInterval[] = [
      { status: 'FRESH', from: at(-5), to: at(6) },
      { status: 'STALE', from: at(6), to: null },
    ];
    expect(countStatusTime(intervals, at(0), at(24))).toMatchObject({ freshMs: 6 * H, staleMs: 18 * H, unknownMs: 0 });
  });

  it('art-14: when no interval covers part of the period (not measured yet, or not watched), then that part is UNKNOWN, never fresh', () => {
    const intervals: StatusInterval[] = [
      { status: 'FRESH', from: at(12), to: at(18) },
      { status: 'UNKNOWN', from: at(20), to: at(22) },
      { status: 'FRESH', from: at(22), to: null },
    ];
    expect(countStatusTime(intervals, at(0), at(24))).toEqual({ periodMs: 24 * H, freshMs: 8 * H, staleMs: 0, unknownMs: 16 * H, freshShare: 8 / 24 });
    expect(countStatusTime([], at(0), at(24))).toMatchObject({ freshMs: 0, unknownMs: 24 * H, freshShare: 0 });
  });

  it('art-14: when intervals lie wholly outside the period, then they count for nothing', () => {
    const intervals: StatusInterval[] = [
      { status: 'STALE', from: at(-100), to: at(-1) },
      { status: 'STALE', from: at(24), to: null },
    ];
    expect(countStatusTime(intervals, at(0), at(24))).toMatchObject({ staleMs: 0, unknownMs: 24 * H });
  });

  it('art-14: when intervals overlap or come out of order, then no instant is counted twice and the totals add up to the period', () => {
    const intervals: StatusInterval[] = [
      { status: 'STALE', from: at(8), to: at(20) },
      { status: 'FRESH', from: at(0), to: at(12) }, // overlaps the next by 4 hours: the later one counts there
    ];
    const time = countStatusTime(intervals, at(0), at(24));
    expect(time).toMatchObject({ freshMs: 8 * H, staleMs: 12 * H, unknownMs: 4 * H });
    expect(time.freshMs + time.staleMs + time.unknownMs).toBe(time.periodMs);
  });

  it('when the period is empty, then nothing is counted and the share is null', () => {
    expect(countStatusTime([{ status: 'FRESH', from: at(0), to: null }], at(5), at(5))).toEqual({
      periodMs: 0,
      freshMs: 0,
      staleMs: 0,
      unknownMs: 0,
      freshShare: null,
    });
  });

  it('art-14, art-22: the longest stretch of a status joins adjoining intervals, breaks on another status or on uncovered time, and is clipped to the period', () => {
    const intervals: StatusInterval[] = [
      { status: 'STALE', from: at(-48), to: at(10) }, // 10 h inside the period
      { status: 'STALE', from: at(10), to: at(30) }, // adjoins: one stretch of 30 h
      { status: 'FRESH', from: at(30), to: at(40) },
      { status: 'STALE', from: at(40), to: at(50) },
      { status: 'STALE', from: at(60), to: null }, // after uncovered time: a new stretch, open until the period's end
    ];
    expect(longestStatusRun(intervals, 'STALE', at(0), at(100))).toBe(40 * H); // 60 → 100
    expect(longestStatusRun(intervals, 'STALE', at(0), at(80))).toBe(30 * H);
    expect(longestStatusRun(intervals, 'FRESH', at(0), at(80))).toBe(10 * H);
    expect(longestStatusRun(intervals, 'UNKNOWN', at(0), at(80))).toBe(0);
    expect(longestStatusRun([], 'STALE', at(0), at(80))).toBe(0);
    // never longer than the status's total
    const total = countStatusTime(intervals, at(0), at(100)).staleMs;
    expect(longestStatusRun(intervals, 'STALE', at(0), at(100))).toBeLessThanOrEqual(total);
  });
});
