import { describe, expect, it } from 'vitest';
import type { Consumer } from '../types.ts';
import { checkRoleClaims } from './check-role-claims.ts';

const actor = (dept: string, app: string, ...roles: Consumer['roles'][number][]): Consumer => ({ app, dept, roles });
const problem = (verdict: ReturnType<typeof checkRoleClaims>) => (verdict.ok ? 'ok' : `${verdict.problem}: ${verdict.message}`);

describe('art-21: roles are bound to departments', () => {
  it('art-21: when a listed sharing administrator claims provider-admin, then it acts as one', () => {
    const admin = actor('human-resources', 'human-resources-admin', 'consumer', 'provider-admin');
    expect(checkRoleClaims(admin, true)).toEqual({ ok: true, value: admin });
  });

  it('art-21: when an application not listed for its department claims provider-admin, then FORBIDDEN', () => {
    expect(problem(checkRoleClaims(actor('human-resources', 'hr-portal', 'consumer', 'provider-admin'), false))).toBe(
      'FORBIDDEN: hr-portal is not a listed sharing administrator of human-resources (art. 21); the platform operator keeps the list in the department registry',
    );
  });

  it('art-4: when a department other than the operator claims platform-admin, then FORBIDDEN, even for its listed administrator', () => {
    expect(problem(checkRoleClaims(actor('civil-affairs', 'civil-affairs-admin', 'platform-admin'), false))).toBe(
      'FORBIDDEN: platform-admin belongs to the platform operator (info-center) alone; a token of civil-affairs claiming it is refused (art. 4)',
    );
    expect(problem(checkRoleClaims(actor('civil-affairs', 'civil-affairs-admin', 'provider-admin', 'platform-admin'), true))).toMatch(
      /^FORBIDDEN: platform-admin belongs/,
    );
  });

  it('art-4: when the operator claims platform-admin, then it acts as the operator; a consumer needs no listing', () => {
    expect(checkRoleClaims(actor('info-center', 'info-center-admin', 'platform-admin'), false).ok).toBe(true);
    expect(checkRoleClaims(actor('approval', 'licensing', 'consumer'), false).ok).toBe(true);
  });
});
