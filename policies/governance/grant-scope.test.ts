import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import type { Consumer } from '../types.ts';
import { canSee } from './can-see.ts';
import { grantListingScope, grantSides, isListed } from './grant-scope.ts';

const actor = (dept: string, ...roles: Consumer['roles'][number][]): Consumer => ({ app: `${dept}-app`, dept, roles: roles.length ? roles : ['consumer'] });
const grant = { dept: 'civil-affairs', field: 'Resident.pension' };

describe('art-13: who sees a grant', () => {
  it.each([
    ['the holding department', actor('civil-affairs'), true],
    ["the item's provider", actor('human-resources', 'provider-admin'), true],
    ['the platform operator', actor('info-center', 'platform-admin'), true],
    ['another department', actor('approval'), false],
    ["another department's sharing administrator", actor('public-security', 'provider-admin'), false],
    ["the operator's department without platform-admin", actor('info-center'), false],
  ])('when %s looks the grant up, then it sees it: %s', (_who, viewer, visible) => {
    expect(canSee(viewer, grantSides(grant, testCatalog))).toBe(visible);
  });

  it('when the grant names an item no longer in the catalog, then only the holder and the operator see it', () => {
    const orphan = grantSides({ dept: 'civil-affairs', field: 'Resident.gone' }, testCatalog);
    expect(orphan).toEqual({ requestingDept: 'civil-affairs', provider: '' });
    expect(canSee(actor('human-resources', 'provider-admin'), orphan)).toBe(false);
    expect(canSee(actor('civil-affairs'), orphan)).toBe(true);
  });
});

describe('art-4, art-17: which grants myGrants lists', () => {
  it('when the operator lists grants, then it lists every department’s; a department lists only those it holds', () => {
    expect(grantListingScope(actor('info-center', 'platform-admin'))).toEqual({ kind: 'all' });
    expect(isListed(grantListingScope(actor('info-center', 'platform-admin')), grant)).toBe(true);
    expect(isListed(grantListingScope(actor('civil-affairs')), grant)).toBe(true);
    // the provider revokes through the request it decided; its listing stays its own department's grants
    expect(isListed(grantListingScope(actor('human-resources', 'provider-admin')), grant)).toBe(false);
    expect(isListed(grantListingScope(actor('info-center')), grant)).toBe(false);
  });
});
