import { describe, expect, it } from 'vitest';
import { checkDisputeAnswer } from './check-dispute-answer.ts';
import { actor, outcome } from './harness.ts';

describe('art-16: answering a dispute', () => {
  it("art-16: only the provider's administrator answers, once", () => {
    expect(checkDisputeAnswer(actor('human-resources', 'provider-admin'), { provider: 'human-resources', status: 'OPEN' }, '已核实').ok).toBe(true);
    expect(outcome(checkDisputeAnswer(actor('civil-affairs', 'provider-admin'), { provider: 'human-resources', status: 'OPEN' }, 'x'))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkDisputeAnswer(actor('human-resources', 'provider-admin'), { provider: 'human-resources', status: 'ANSWERED' }, 'x'))).toMatch(
      /^CONFLICT/,
    );
  });
});
