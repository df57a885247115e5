import { describe, expect, it } from 'vitest';
import { readOidcClaims } from './oidc-claims.ts';

const NAMES = { departmentClaim: 'zhoucun/dept', rolesClaim: 'groups' };
const DEPARTMENTS = ['civil-affairs', 'human-resources', 'info-center'];

describe('readOidcClaims', () => {
  it('art-5 when the claims name a registry department and known roles, then the person acts as that department with those roles', () => {
    expect(readOidcClaims({ sub: 'wang.li', 'zhoucun/dept': 'human-resources', groups: 'consumer provider-admin' }, NAMES, DEPARTMENTS)).toEqual({
      consumer: { app: 'wang.li', dept: 'human-resources', roles: ['consumer', 'provider-admin'] },
    });
  });

  it.each([
    ['no department', { sub: 'a', groups: ['consumer'] }],
    ['a department outside the registry', { sub: 'a', 'zhoucun/dept': 'tax', groups: ['consumer'] }],
    ['no roles', { sub: 'a', 'zhoucun/dept': 'civil-affairs', groups: [] }],
    ['an unknown role', { sub: 'a', 'zhoucun/dept': 'civil-affairs', groups: ['consumer', 'root'] }],
    ['a role twice', { sub: 'a', 'zhoucun/dept': 'civil-affairs', groups: ['consumer', 'consumer'] }],
    ['platform-admin outside the operator', { sub: 'a', 'zhoucun/dept': 'civil-affairs', groups: ['platform-admin'] }],
    ['a subject with control characters', { sub: 'a\u0000b', 'zhoucun/dept': 'civil-affairs', groups: ['consumer'] }],
    ['a huge subject', { sub: 'a'.repeat(100_000), 'zhoucun/dept': 'civil-affairs', groups: ['consumer'] }],
    ['a department that is not a string', { sub: 'a', 'zhoucun/dept': ['civil-affairs'], groups: ['consumer'] }],
  ])('when the claims carry %s, then the sign-in is refused', (_case, claims) => {
    expect(readOidcClaims(claims, NAMES, DEPARTMENTS)).toHaveProperty('refused');
  });
});
