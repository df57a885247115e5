import { describe, expect, it } from 'vitest';
import { checkEscalation } from './check-escalation.ts';
import { actor, outcome, pending, PROVINCIAL, TODAY, ZHOUCUN } from './harness.ts';

describe('art-13: escalation', () => {
  it('art-13: only the requesting department escalates, and only a refused request or a pending one past its due date', () => {
    const dueToday = { ...pending, dueDate: TODAY };
    expect(checkEscalation(actor('civil-affairs'), { ...dueToday, status: 'REFUSED' }, '业务确需', TODAY, ZHOUCUN).ok).toBe(true);
    expect(outcome(checkEscalation(actor('approval'), { ...dueToday, status: 'REFUSED' }, 'x', TODAY, ZHOUCUN))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkEscalation(actor('civil-affairs'), dueToday, 'x', TODAY, ZHOUCUN))).toBe(
      "CONFLICT: The provider's answer is due by 2026-06-01; a pending request can be escalated once that day has passed",
    );
    expect(checkEscalation(actor('civil-affairs'), dueToday, '逾期未答复', '2026-06-02', ZHOUCUN).ok).toBe(true);
    expect(outcome(checkEscalation(actor('approval'), dueToday, '逾期未答复', '2026-06-02', ZHOUCUN))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkEscalation(actor('civil-affairs'), { ...dueToday, status: 'APPROVED' }, 'x', '2026-06-02', ZHOUCUN))).toMatch(
      /^CONFLICT: Only a refused or overdue request/,
    );
  });

  it('art-13: when a refused request is escalated, then the two departments negotiate first (both profiles); without negotiation in a profile, the coordination office decides', () => {
    const refused = { ...pending, status: 'REFUSED' };
    expect(checkEscalation(actor('civil-affairs'), refused, '业务确需', TODAY, ZHOUCUN)).toEqual({
      ok: true,
      value: { status: 'NEGOTIATING', workingDays: 10 },
    });
    expect(checkEscalation(actor('civil-affairs'), refused, '业务确需', TODAY, PROVINCIAL)).toEqual({
      ok: true,
      value: { status: 'NEGOTIATING', workingDays: 10 },
    });
    const direct = { ...ZHOUCUN, escalation: [{ step: 'COORDINATION_OFFICE' as const }] };
    expect(checkEscalation(actor('civil-affairs'), refused, '业务确需', TODAY, direct)).toEqual({
      ok: true,
      value: { status: 'ESCALATED', workingDays: null },
    });
  });
});
