import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../platform/store/tables.ts';
import { startAuditRollUp } from './audit-rollup-scheduler.ts';

/** A store that is away: every query throws. */
const awayStore = () =>
  new Proxy({} as Kysely<Database>, {
    get: () => () => {
      throw new Error('store away');
    },
  });

describe('audit roll-up scheduler (周政发〔2018〕6号 art. 17)', () => {
  afterEach(() => void vi.useRealTimers());

  it('art-17: when the store is away at start, then the start run fails without stopping the process, is told, and is tried again after the retry wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const now = new Date('2026-07-01T04:00:00Z'); // noon China: tonight's run is 12 h 5 min away
    const errors: unknown[] = [];
    const scheduler = startAuditRollUp(awayStore(), { now: () => now, retryMs: 60_000, onError: (error) => errors.push(error) });
    expect(await scheduler.started).toEqual([]);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toHaveLength(2);
    await scheduler.close();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(errors).toHaveLength(2); // closed: no more runs
  });

  it('art-17: when a run is asked for after close, then it rolls nothing', async () => {
    const scheduler = startAuditRollUp(awayStore(), { now: () => new Date('2026-07-01T04:00:00Z'), onError: () => undefined });
    await scheduler.close();
    expect(await scheduler.run()).toEqual([]);
  });
});
