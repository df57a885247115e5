import { describe, expect, it } from 'vitest';
import { checkEscalation } from './check-escalation.ts';
import { actor, outcome, pending, TODAY } from './harness.ts';

describe('art-13: escalation', () => {
  it('art-13: only the requesting department escalates, and only a refused request or a pending one past its due date', () => {
    const dueToday = { ...pending, dueDate: TODAY };
    expect(checkEscalation(actor('civil-affairs'), { ...dueToday, status: 'REFUSED' }, '业务确需', TODAY).ok).toBe(true);
    expect(outcome(checkEscalation(actor('approval'), { ...dueToday, status: 'REFUSED' }, 'x', TODAY))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkEscalation(actor('civil-affairs'), dueToday, 'x', TODAY))).toBe(
      "CONFLICT: The provider's answer is due by 2026-06-01; a pending request can be escalated once that day has passed",
    );
    expect(checkEscalation(actor('civil-affairs'), dueToday, '逾期未答复', '2026-06-02').ok).toBe(true);
    expect(outcome(checkEscalation(actor('approval'), dueToday, '逾期未答复', '2026-06-02'))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkEscalation(actor('civil-affairs'), { ...dueToday, status: 'APPROVED' }, 'x', '2026-06-02'))).toMatch(
      /^CONFLICT: Only a refused or overdue request/,
    );
  });
});
