import { describe, expect, it } from 'vitest';
import type { Consumer } from '../types.ts';
import { canSee } from './can-see.ts';
import { isInScope, visibilityScope } from './visibility-scope.ts';

const actor = (dept: string, ...roles: Consumer['roles'][number][]): Consumer => ({ app: `${dept}-app`, dept, roles: roles.length ? roles : ['consumer'] });
const request = { requestingDept: 'civil-affairs', provider: 'human-resources' };

describe('art-13: who sees an access request or a dispute', () => {
  it.each([
    ['the requesting department', actor('civil-affairs'), true],
    ["the provider's sharing administrator", actor('human-resources', 'provider-admin'), true],
    ['a consumer of the provider', actor('human-resources'), true],
    ['the platform operator', actor('info-center', 'platform-admin'), true],
    ['another department', actor('approval'), false],
    ["another department's sharing administrator", actor('approval', 'provider-admin'), false],
    ["the operator's department without platform-admin", actor('info-center'), false],
  ])('art-13: when %s looks, then it sees the request: %s', (_who, viewer, visible) => {
    expect(canSee(viewer, request)).toBe(visible);
    expect(isInScope(visibilityScope(viewer), request)).toBe(visible);
  });

  it('art-16: when a department is on both sides, then it sees the record once, as either side', () => {
    expect(canSee(actor('civil-affairs'), { requestingDept: 'civil-affairs', provider: 'civil-affairs' })).toBe(true);
  });

  it("when the scope is read as data, then the operator's covers all and a department's names its two sides", () => {
    expect(visibilityScope(actor('info-center', 'platform-admin'))).toEqual({ kind: 'all' });
    expect(visibilityScope(actor('approval', 'provider-admin'))).toEqual({ kind: 'sides', dept: 'approval', sides: ['requestingDept', 'provider'] });
  });
});
