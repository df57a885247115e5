import { describe, expect, it } from 'vitest';
import { buildShareAbility } from './build-share-ability.ts';
import { decideRow, rowScopeOf } from './decide-row.ts';
import { NOW, grant, testCatalog } from './test-fixtures.ts';
import { OPEN_CASE_CONDITION } from './open-case.ts';
import type { FieldShare, Grant, Purpose, ShareCatalog } from './types.ts';

const IN_DAJIE = { householdSubdistrict: { $in: ['大街街道'] } };

function setup(options: { dept?: string; purpose?: Purpose; grants?: Grant[]; catalog?: ShareCatalog } = {}) {
  const { ability } = buildShareAbility({
    consumer: { dept: options.dept ?? 'civil-affairs' },
    purpose: options.purpose ?? 'ADMINISTRATIVE_BASIS',
    catalog: options.catalog ?? testCatalog,
    grants: options.grants ?? [],
    now: NOW,
  });
  return {
    scope: (field: string) => rowScopeOf(ability, 'Resident', field),
    decide: (field: string, record: Record<string, unknown>, openCases?: ReadonlySet<string>) => decideRow(ability, 'Resident', field, record, openCases),
  };
}

function withMask(coordinate: string, masks: FieldShare['masks']): ShareCatalog {
  const catalog = new Map(testCatalog);
  catalog.set(coordinate, { ...catalog.get(coordinate)!, masks });
  return catalog;
}

describe('row decisions', () => {
  it('when an item reads the same for every record, then it needs no row decision', () => {
    const { scope } = setup({ grants: [grant()] });
    expect(scope('pension')).toBeUndefined();
    expect(scope('name')).toBeUndefined();
  });

  it('art-13: when the grant carries a row condition, then a record inside it reads the item and one outside does not', () => {
    const { scope, decide } = setup({ grants: [grant({ field: 'Resident.address', condition: IN_DAJIE })] });
    expect(scope('address')).toEqual(['householdSubdistrict']);
    expect(decide('address', { householdSubdistrict: '大街街道' })).toEqual({ verdict: 'READ' });
    expect(decide('address', { householdSubdistrict: '丝绸路街道' })).toEqual({ verdict: 'FORBIDDEN_ROW', conditions: [IN_DAJIE] });
  });

  it('when the record attribute could not be read, then the record meets no condition (fail closed)', () => {
    const { decide } = setup({ grants: [grant({ field: 'Resident.address', condition: IN_DAJIE })] });
    expect(decide('address', {}).verdict).toBe('FORBIDDEN_ROW');
    expect(decide('address', { householdSubdistrict: null }).verdict).toBe('FORBIDDEN_ROW');
  });

  it('when a second grant without a condition covers the item, then every record reads it', () => {
    const { decide } = setup({ grants: [grant({ id: 'a', field: 'Resident.address', condition: IN_DAJIE }), grant({ id: 'b', field: 'Resident.address' })] });
    expect(decide('address', { householdSubdistrict: '丝绸路街道' })).toEqual({ verdict: 'READ' });
  });

  it('art-23: when the provider declared a mask for the purpose, then every record reads masked', () => {
    const catalog = withMask('Resident.address', { WORK_REFERENCE: 'ADDRESS_TO_SUBDISTRICT' });
    const { scope, decide } = setup({ catalog, purpose: 'WORK_REFERENCE', grants: [grant({ field: 'Resident.address', purpose: 'WORK_REFERENCE' })] });
    expect(scope('address')).toEqual([]);
    expect(decide('address', {})).toEqual({ verdict: 'MASKED', mask: 'ADDRESS_TO_SUBDISTRICT' });
  });

  it('art-23: when the declared mask is for another purpose, then the item reads in full', () => {
    const catalog = withMask('Resident.address', { WORK_REFERENCE: 'ADDRESS_TO_SUBDISTRICT' });
    expect(setup({ catalog, grants: [grant({ field: 'Resident.address' })] }).scope('address')).toBeUndefined();
  });

  it('art-23: when the provider reads its own masked item, then it reads in full', () => {
    const catalog = withMask('Resident.address', { WORK_REFERENCE: 'ADDRESS_TO_SUBDISTRICT' });
    expect(setup({ catalog, dept: 'public-security', purpose: 'WORK_REFERENCE' }).scope('address')).toBeUndefined();
  });

  it('art-23: when an UNCONDITIONAL item has a declared mask, then every consumer reads it masked for that purpose', () => {
    const catalog = withMask('Resident.name', { WORK_REFERENCE: 'NAME_PARTIAL' });
    expect(setup({ catalog, purpose: 'WORK_REFERENCE' }).decide('name', {})).toEqual({ verdict: 'MASKED', mask: 'NAME_PARTIAL' });
  });

  it('art-23: when the approval requires masked delivery, then the grant reads masked, and a grant without a mask still reads in full', () => {
    const masked = grant({ id: 'a', mask: 'AMOUNT_BAND' });
    expect(setup({ grants: [masked] }).decide('pension', {})).toEqual({ verdict: 'MASKED', mask: 'AMOUNT_BAND' });
    expect(setup({ grants: [masked, grant({ id: 'b' })] }).decide('pension', {})).toEqual({ verdict: 'READ' });
  });

  it('when the declared mask and the grant mask differ, then the declared one applies', () => {
    const catalog = withMask('Resident.pension', { ADMINISTRATIVE_BASIS: 'AMOUNT_BAND' });
    expect(setup({ catalog, grants: [grant({ mask: 'NAME_PARTIAL' })] }).decide('pension', {})).toEqual({ verdict: 'MASKED', mask: 'AMOUNT_BAND' });
  });

  it('when a masked grant carries a row condition, then records inside it read masked and the others not at all', () => {
    const { scope, decide } = setup({ grants: [grant({ field: 'Resident.address', mask: 'ADDRESS_TO_SUBDISTRICT', condition: IN_DAJIE })] });
    expect(scope('address')).toEqual(['householdSubdistrict']);
    expect(decide('address', { householdSubdistrict: '大街街道' })).toEqual({ verdict: 'MASKED', mask: 'ADDRESS_TO_SUBDISTRICT' });
    expect(decide('address', { householdSubdistrict: '永安街道' }).verdict).toBe('FORBIDDEN_ROW');
  });

  it('when the item is not readable at all, then it needs no row decision (it is pruned before execution)', () => {
    expect(setup().scope('pension')).toBeUndefined();
  });
  it('art-23: when the grant is narrowed to open cases, then the decision reads the citizen ID and only a subject the consumer named as an open case reads the item', () => {
    const { scope, decide } = setup({ grants: [grant({ field: 'Resident.address', condition: OPEN_CASE_CONDITION })] });
    expect(scope('address')).toEqual(['@openCase', 'citizenId']);
    const held = new Set(['370306198503120122']);
    expect(decide('address', { citizenId: '370306198503120122' }, held)).toEqual({ verdict: 'READ' });
    expect(decide('address', { citizenId: '370306197811232017' }, held)).toEqual({ verdict: 'FORBIDDEN_ROW', conditions: [OPEN_CASE_CONDITION] });
  });

  it('art-23: when the consumer did not answer, or the record claims the fact itself, then no subject meets an open-case condition (fail closed)', () => {
    const { decide } = setup({ grants: [grant({ field: 'Resident.address', condition: OPEN_CASE_CONDITION })] });
    expect(decide('address', { citizenId: '370306198503120122' })).toEqual({ verdict: 'FORBIDDEN_ROW', conditions: [OPEN_CASE_CONDITION] });
    expect(decide('address', { citizenId: '370306198503120122', '@openCase': 'HELD' })).toMatchObject({ verdict: 'FORBIDDEN_ROW' });
    expect(decide('address', { citizenId: null }, new Set(['370306198503120122']))).toMatchObject({ verdict: 'FORBIDDEN_ROW' });
  });
});
