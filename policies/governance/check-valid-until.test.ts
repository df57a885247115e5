import { describe, expect, it } from 'vitest';
import { checkValidUntil, latestValidUntil, narrowValidity } from './check-valid-until.ts';
import { outcome, WINDOW } from './harness.ts';

describe('art-13: the validity of a grant', () => {
  it('art-13: when a validity is a date from today to the longest validity, then it is accepted; otherwise it is named', () => {
    expect(latestValidUntil(WINDOW)).toBe('2027-06-01');
    expect(checkValidUntil('2026-06-01', WINDOW)).toBeUndefined();
    expect(checkValidUntil('2027-06-01', WINDOW)).toBeUndefined();
    expect(checkValidUntil('2026-05-31', WINDOW)).toBe('validUntil 2026-05-31 is in the past');
    expect(checkValidUntil('2027-06-02', WINDOW)).toBe('validUntil 2027-06-02 is too far ahead: a grant is valid for at most 365 days, until 2027-06-01');
    expect(checkValidUntil('31.12.2026', WINDOW)).toBe('validUntil "31.12.2026" is not a date (YYYY-MM-DD)');
  });

  it('art-13: when a grant answers a request, then it may shorten the validity asked for, never extend it, and runs as asked without one', () => {
    expect(narrowValidity('2026-09-30', '2026-12-31', WINDOW, 'An approval')).toEqual({ ok: true, value: '2026-09-30' });
    expect(narrowValidity(undefined, '2026-12-31', WINDOW, 'An approval')).toEqual({ ok: true, value: '2026-12-31' });
    expect(narrowValidity(undefined, '2027-12-31', WINDOW, 'An approval')).toEqual({ ok: true, value: '2027-06-01' });
    expect(outcome(narrowValidity('2027-01-01', '2026-12-31', WINDOW, 'An exception'))).toBe(
      'BAD_USER_INPUT: An exception may shorten the validity, never extend it: the request asks until 2026-12-31',
    );
  });
});
