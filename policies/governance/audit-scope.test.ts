import { describe, expect, it } from 'vitest';
import { auditScopeOf, filterConfinement, visibleItems, visibleProviders } from './audit-scope.ts';

const PROVIDERS: Record<string, string> = {
  'Resident.monthlyPension': 'human-resources',
  'Resident.name': 'public-security',
  'Resident.criminalRecord': 'public-security',
};
const providerOf = (coordinate: string) => PROVIDERS[coordinate];
const hrAdmin = auditScopeOf({ app: 'human-resources-admin', dept: 'human-resources', roles: ['provider-admin'] });
const operator = auditScopeOf({ app: 'info-center-admin', dept: 'info-center', roles: ['platform-admin'] });
const record = { dept: 'civil-affairs' };
const served = { 'public-security': { calls: 1, entities: 1 }, 'human-resources': { calls: 1, entities: 1 } };

describe('art-15: who used my data', () => {
  it("art-15: when a provider reads another department's record, then it sees only its own items and its own entry among the providers served", () => {
    expect(visibleItems(hrAdmin, record, ['Resident.name', 'Resident.monthlyPension'], providerOf)).toEqual(['Resident.monthlyPension']);
    expect(visibleItems(hrAdmin, record, ['Resident.criminalRecord'], providerOf)).toEqual([]);
    expect(visibleProviders(hrAdmin, record, served)).toEqual({ 'human-resources': { calls: 1, entities: 1 } });
  });

  it("art-15: when a provider reads its own department's record, or the operator any record, then it is whole", () => {
    expect(visibleItems(hrAdmin, { dept: 'human-resources' }, ['Resident.name'], providerOf)).toEqual(['Resident.name']);
    expect(visibleProviders(hrAdmin, { dept: 'human-resources' }, served)).toEqual(served);
    expect(visibleProviders(operator, record, served)).toEqual(served);
  });

  it("art-15: when a provider filters on another provider or its item, then only its own department's records can match", () => {
    expect(filterConfinement(hrAdmin, { field: 'Resident.name' }, providerOf)).toBe('human-resources');
    expect(filterConfinement(hrAdmin, { field: 'Resident.unknown' }, providerOf)).toBe('human-resources');
    expect(filterConfinement(hrAdmin, { provider: 'public-security' }, providerOf)).toBe('human-resources');
    expect(filterConfinement(hrAdmin, { provider: 'human-resources', field: 'Resident.monthlyPension' }, providerOf)).toBeUndefined();
    expect(filterConfinement(operator, { field: 'Resident.name' }, providerOf)).toBeUndefined();
  });
});
