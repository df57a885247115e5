import { describe, expect, it } from 'vitest';
import { checkClosingEscalation } from './check-closing-escalation.ts';
import { actor, outcome, pending } from './harness.ts';

describe('art-13: closing an escalation', () => {
  const escalated = { ...pending, status: 'ESCALATED' };
  const operator = actor('info-center', 'platform-admin');

  it('art-13: when the coordination office closes an escalated request with its reason, then it is accepted', () => {
    expect(checkClosingEscalation(operator, escalated, '不符合例外条件').ok).toBe(true);
  });

  it('art-13: when anyone else closes it, it is not escalated, or no reason is given, then it is refused', () => {
    expect(outcome(checkClosingEscalation(actor('human-resources', 'provider-admin'), escalated, 'x'))).toBe(
      'FORBIDDEN: Only the coordination office (platform-admin) decides escalated requests',
    );
    expect(outcome(checkClosingEscalation(operator, pending, 'x'))).toBe('CONFLICT: Only an escalated request can be closed; this one is pending');
    expect(outcome(checkClosingEscalation(operator, escalated, ' '))).toBe('BAD_USER_INPUT: The coordination office must give its reason (art. 13)');
  });
});
