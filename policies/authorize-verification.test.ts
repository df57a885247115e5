import { describe, expect, it } from 'vitest';
import { authorizeVerification } from './authorize-verification.ts';
import { buildShareAbility } from './build-share-ability.ts';
import { NOW, grant, testCatalog } from './test-fixtures.ts';
import type { Grant } from './types.ts';

const abilityOf = (grants: Grant[], dept = 'civil-affairs') =>
  buildShareAbility({ consumer: { dept }, purpose: 'DATA_VERIFICATION', catalog: testCatalog, grants, now: NOW }).ability;

describe('authorizeVerification', () => {
  it('art-13: when a live VERIFY grant names the item, then it may be verified but not read', () => {
    const ability = abilityOf([grant({ action: 'VERIFY', purpose: 'DATA_VERIFICATION' })]);
    expect(authorizeVerification(ability, ['Resident.pension'])).toEqual({ verifiable: ['Resident.pension'], denied: [] });
    expect(ability.can('read', 'Resident', 'pension')).toBe(false);
  });

  it('art-13: when only a READ grant names the item, then it may be read but not verified', () => {
    const ability = abilityOf([grant({ purpose: 'DATA_VERIFICATION' })]);
    expect(ability.can('read', 'Resident', 'pension')).toBe(true);
    expect(authorizeVerification(ability, ['Resident.pension'])).toEqual({ verifiable: [], denied: ['Resident.pension'] });
  });

  it('when the VERIFY grant is for another purpose, expired or revoked, then the item is denied', () => {
    for (const denied of [
      grant({ action: 'VERIFY', purpose: 'WORK_REFERENCE' }),
      grant({ action: 'VERIFY', purpose: 'DATA_VERIFICATION', validUntil: '2026-05-01T00:00:00Z' }),
      grant({ action: 'VERIFY', purpose: 'DATA_VERIFICATION', revokedAt: '2026-05-01T00:00:00Z' }),
    ]) {
      expect(authorizeVerification(abilityOf([denied]), ['Resident.pension']).denied).toEqual(['Resident.pension']);
    }
  });

  it('art-11: when an item is NONE, then only an EXCEPTION VERIFY grant opens it for verification', () => {
    const request = grant({ action: 'VERIFY', purpose: 'DATA_VERIFICATION', field: 'Resident.record' });
    expect(authorizeVerification(abilityOf([request]), ['Resident.record']).denied).toEqual(['Resident.record']);
    const exception = { ...request, kind: 'EXCEPTION' as const, basis: 'law' };
    expect(authorizeVerification(abilityOf([exception]), ['Resident.record']).verifiable).toEqual(['Resident.record']);
  });

  it('when an item is UNCONDITIONAL or the consumer provides it, then it may be verified without a grant', () => {
    expect(authorizeVerification(abilityOf([]), ['Resident.name']).verifiable).toEqual(['Resident.name']);
    expect(authorizeVerification(abilityOf([], 'human-resources'), ['Resident.pension']).verifiable).toEqual(['Resident.pension']);
  });

  it('when an item is unknown or malformed, then it is denied, each claimed item once', () => {
    const verdict = authorizeVerification(abilityOf([]), ['Resident.nothing', 'Resident', 'a.b.c', 'Resident.name', 'Resident.name']);
    expect(verdict).toEqual({ verifiable: ['Resident.name'], denied: ['Resident.nothing', 'Resident', 'a.b.c'] });
  });
});
