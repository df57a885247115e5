import { describe, expect, it } from 'vitest';
import { checkAuditIntegrityRead } from './check-audit-integrity-read.ts';

describe('checkAuditIntegrityRead', () => {
  it('art-19 when the operator asks, then it is allowed', () => {
    expect(checkAuditIntegrityRead({ app: 'info-center-admin', dept: 'info-center', roles: ['consumer', 'platform-admin'] })).toEqual({
      ok: true,
      value: true,
    });
  });

  it("when a provider's sharing administrator asks, then it is FORBIDDEN", () => {
    const verdict = checkAuditIntegrityRead({ app: 'human-resources-admin', dept: 'human-resources', roles: ['consumer', 'provider-admin'] });
    expect(verdict).toMatchObject({ ok: false, problem: 'FORBIDDEN' });
  });
});
