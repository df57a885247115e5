import { describe, expect, it } from 'vitest';
import { buildShareAbility } from './build-share-ability.ts';
import { NOW, grant, testCatalog } from './test-fixtures.ts';
import { PURPOSES, type Grant, type Purpose } from './types.ts';

function setup(options: { dept?: string; purpose?: Purpose; grants?: Grant[]; now?: Date } = {}) {
  const built = buildShareAbility({
    consumer: { dept: options.dept ?? 'civil-affairs' },
    purpose: options.purpose ?? 'ADMINISTRATIVE_BASIS',
    catalog: testCatalog,
    grants: options.grants ?? [],
    now: options.now ?? NOW,
  });
  return { ...built, can: (type: string, field: string) => built.ability.can('read', type, field) };
}

describe('buildShareAbility', () => {
  describe.each(PURPOSES)('for purpose %s', (purpose) => {
    it('art-10: when an item is UNCONDITIONAL, then any department may read it without a grant', () => {
      const { can } = setup({ purpose, dept: 'approval' });
      expect(can('Resident', 'name')).toBe(true);
      expect(can('Enterprise', 'name')).toBe(true);
    });

    it('art-13: when an item is CONDITIONAL and there is no grant, then it is denied', () => {
      expect(setup({ purpose }).can('Resident', 'pension')).toBe(false);
    });

    it('art-13: when a live grant names the item and this purpose, then it is readable', () => {
      expect(setup({ purpose, grants: [grant({ purpose })] }).can('Resident', 'pension')).toBe(true);
    });

    it('art-11: when an item is NONE, then an ordinary grant does not open it', () => {
      expect(setup({ purpose, grants: [grant({ purpose, field: 'Resident.record' })] }).can('Resident', 'record')).toBe(false);
    });
  });

  it('art-13: when the grant is for another purpose, then the item is denied', () => {
    expect(setup({ purpose: 'WORK_REFERENCE', grants: [grant({ purpose: 'ADMINISTRATIVE_BASIS' })] }).can('Resident', 'pension')).toBe(false);
  });

  it('art-13: when the grant belongs to another department, then the item is denied', () => {
    expect(setup({ dept: 'approval', grants: [grant({ dept: 'civil-affairs' })] }).can('Resident', 'pension')).toBe(false);
  });

  it('art-13: when the grant has expired, then the item is denied', () => {
    expect(setup({ grants: [grant({ validUntil: '2026-05-31T23:59:59Z' })] }).can('Resident', 'pension')).toBe(false);
  });

  it('when the grant ends exactly now, then the item is denied (validUntil is exclusive)', () => {
    expect(setup({ grants: [grant({ validUntil: NOW.toISOString() })] }).can('Resident', 'pension')).toBe(false);
  });

  it('when the grant starts in the future, then the item is denied and the ability expires when it starts', () => {
    const built = setup({ grants: [grant({ validFrom: '2026-07-01T00:00:00Z' })] });
    expect(built.can('Resident', 'pension')).toBe(false);
    expect(built.validUntil?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('when the grant is revoked, then the item is denied', () => {
    expect(setup({ grants: [grant({ revokedAt: '2026-05-01T00:00:00Z' })] }).can('Resident', 'pension')).toBe(false);
  });

  it('when a grant has unreadable dates, then it is never live (fail closed)', () => {
    expect(setup({ grants: [grant({ validUntil: 'someday' })] }).can('Resident', 'pension')).toBe(false);
  });

  it('when a grant names one item, then it opens no other item of the type', () => {
    const { can } = setup({ grants: [grant()] });
    expect(can('Resident', 'pension')).toBe(true);
    expect(can('Resident', 'address')).toBe(false);
    expect(can('Resident', 'record')).toBe(false);
  });

  it('art-13: when the coordination office made a live EXCEPTION grant, then a NONE item is readable for that purpose only', () => {
    const exception = grant({ kind: 'EXCEPTION', field: 'Resident.record', basis: 'court order' });
    expect(setup({ grants: [exception] }).can('Resident', 'record')).toBe(true);
    expect(setup({ grants: [exception], purpose: 'WORK_REFERENCE' }).can('Resident', 'record')).toBe(false);
  });

  it('when the consumer is the provider, then it reads its own CONDITIONAL and NONE items', () => {
    const { can } = setup({ dept: 'public-security', purpose: 'WORK_REFERENCE' });
    expect(can('Resident', 'address')).toBe(true);
    expect(can('Resident', 'record')).toBe(true);
    expect(can('Resident', 'pension')).toBe(false);
  });

  it('when an item is not in the catalog, then it is denied (no rule matches)', () => {
    const { can } = setup({ grants: [grant({ field: 'Resident.secret' })] });
    expect(can('Resident', 'secret')).toBe(false);
    expect(can('Unknown', 'name')).toBe(false);
  });

  it('when the ability is asked about a whole type, then every rule names fields (no rule covers a whole type)', () => {
    const { ability } = setup({ grants: [grant()] });
    expect(ability.rules.every((rule) => Array.isArray(rule.fields) && rule.fields.length > 0)).toBe(true);
  });

  it('when the grant expires later, then the ability is valid until that instant', () => {
    expect(setup({ grants: [grant()] }).validUntil?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
