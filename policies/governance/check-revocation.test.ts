import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import { checkRevocation } from './check-revocation.ts';
import { actor, outcome } from './harness.ts';

describe('art-13: revocation', () => {
  const grant = { field: 'Resident.pension', kind: 'REQUEST', revoked: false };

  it("when a grant is revoked, then only its provider's administrator or the operator may, with a reason, once", () => {
    expect(checkRevocation(actor('human-resources', 'provider-admin'), grant, testCatalog, '超期使用').ok).toBe(true);
    expect(checkRevocation(actor('info-center', 'platform-admin'), grant, testCatalog, '违规使用').ok).toBe(true);
    expect(outcome(checkRevocation(actor('civil-affairs', 'provider-admin'), grant, testCatalog, 'x'))).toMatch(/^FORBIDDEN/);
    expect(outcome(checkRevocation(actor('human-resources', 'provider-admin'), grant, testCatalog, ' '))).toMatch(/^BAD_USER_INPUT/);
    expect(outcome(checkRevocation(actor('human-resources', 'provider-admin'), { ...grant, revoked: true }, testCatalog, 'x'))).toMatch(/^CONFLICT/);
  });

  it("art-13: when the provider's administrator revokes an exceptional grant, then FORBIDDEN: only the coordination office revokes it", () => {
    const exception = { ...grant, field: 'Resident.record', kind: 'EXCEPTION' };
    expect(outcome(checkRevocation(actor('public-security', 'provider-admin'), exception, testCatalog, '不同意'))).toBe(
      'FORBIDDEN: An exceptional grant is revoked only by the coordination office (platform-admin) that granted it',
    );
    expect(checkRevocation(actor('info-center', 'platform-admin'), exception, testCatalog, '裁定期满').ok).toBe(true);
  });
});
