import { describe, expect, it } from 'vitest';
import { subjectAccessItems, subjectLogScopeOf } from './subject-log-scope.ts';

const PROVIDERS: Record<string, string> = { 'Resident.monthlyPension': 'human-resources', 'Resident.name': 'public-security' };
const providerOf = (coordinate: string) => PROVIDERS[coordinate];

describe('subject log scope', () => {
  it('when the operator asks, then every access is in scope; when a provider-admin asks, then only what its department served', () => {
    expect(subjectLogScopeOf({ app: 'info-center-admin', dept: 'info-center', roles: ['platform-admin'] })).toEqual({ ok: true, value: { kind: 'all' } });
    expect(subjectLogScopeOf({ app: 'hr-admin', dept: 'human-resources', roles: ['consumer', 'provider-admin'] })).toEqual({
      ok: true,
      value: { kind: 'provider', dept: 'human-resources' },
    });
  });

  it('when a plain consumer asks, then it is FORBIDDEN', () => {
    expect(subjectLogScopeOf({ app: 'desk', dept: 'civil-affairs', roles: ['consumer'] })).toMatchObject({ ok: false, problem: 'FORBIDDEN' });
  });

  it("when an access is listed, then it names only the serving provider's items, each once", () => {
    const items = ['Resident.name', 'Resident.monthlyPension', 'Resident.monthlyPension', 'Resident.unknown'];
    expect(subjectAccessItems('human-resources', items, providerOf)).toEqual(['Resident.monthlyPension']);
    expect(subjectAccessItems('public-security', items, providerOf)).toEqual(['Resident.name']);
  });
});
