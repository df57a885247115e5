import { describe, expect, it } from 'vitest';
import { checkAutoEscalation, expiringUntil, isDueSoon } from './deadline-notices.ts';
import { outcome, pending } from './harness.ts';
import { LIBRARY_CALENDAR } from './working-calendar.ts';
import { requireShippedProfile } from '../regulation-profiles.ts';

const ZHOUCUN = requireShippedProfile('zhoucun-2018');
const PROVINCIAL = requireShippedProfile('provincial-two-step');

describe('deadline notices', () => {
  it('art-13: when a pending request is due within 2 working days, then it is due soon; a weekend does not count', () => {
    // 2026-06-15 is a Monday: from Thursday 11th two working days reach it, from Wednesday 10th they do not.
    expect(isDueSoon('2026-06-15', '2026-06-10', LIBRARY_CALENDAR)).toBe(false);
    expect(isDueSoon('2026-06-15', '2026-06-11', LIBRARY_CALENDAR)).toBe(true);
    expect(isDueSoon('2026-06-15', '2026-06-15', LIBRARY_CALENDAR)).toBe(true);
    expect(isDueSoon('2026-06-15', '2026-06-16', LIBRARY_CALENDAR)).toBe(false);
  });

  it('when a grant ends within 10 days, then it is expiring', () => {
    expect(expiringUntil('2026-06-25')).toBe('2026-07-05');
  });

  it("art-13: when a request is pending past its due date, then the platform may escalate it to the profile's first step (negotiation first); otherwise CONFLICT", () => {
    const escalated = checkAutoEscalation(pending, '2026-06-16', ZHOUCUN);
    expect(outcome(escalated)).toBe('ok');
    expect(escalated.ok && escalated.value.status).toBe('NEGOTIATING');
    const provincial = checkAutoEscalation(pending, '2026-06-16', PROVINCIAL);
    expect(provincial.ok && provincial.value.status).toBe('NEGOTIATING');
    expect(outcome(checkAutoEscalation(pending, '2026-06-15', ZHOUCUN))).toBe('CONFLICT: The answer is due by 2026-06-15');
    expect(outcome(checkAutoEscalation({ ...pending, status: 'APPROVED' }, '2026-07-01', ZHOUCUN))).toBe(
      'CONFLICT: Only a pending request escalates by itself; this one is approved',
    );
  });
});
