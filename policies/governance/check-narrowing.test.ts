import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import type { FieldShare, ShareCatalog } from '../types.ts';
import { checkNarrowing, MAX_CONDITION_ATTRIBUTES, MAX_CONDITION_VALUES, type Narrowing } from './check-narrowing.ts';

const catalog: ShareCatalog = (() => {
  const typed = new Map<string, FieldShare>();
  const valueTypes: Record<string, string> = { pension: 'Float', employer: 'Enterprise', formerEmployer: 'Enterprise' };
  for (const [coordinate, share] of testCatalog) typed.set(coordinate, { ...share, valueType: valueTypes[share.fieldName] ?? 'String' });
  typed.set('Resident.householdSubdistrict', {
    ...typed.get('Resident.name')!,
    coordinate: 'Resident.householdSubdistrict',
    fieldName: 'householdSubdistrict',
  });
  return typed;
})();

const check = (narrowing: Narrowing, fields = ['Resident.address']) => checkNarrowing(fields, narrowing, catalog);
const problem = (narrowing: Narrowing, fields?: string[]) => {
  const verdict = check(narrowing, fields);
  return verdict.ok ? 'allowed' : `${verdict.problem}: ${verdict.message}`;
};

describe('narrowing an approval', () => {
  it('art-13: when an approval names a row condition on an unconditional attribute of the item type, then the grant carries it as a CASL condition', () => {
    const verdict = check({ condition: [{ attribute: 'householdSubdistrict', anyOf: ['大街街道', '大街街道', '永安街道'] }] });
    expect(verdict).toEqual({ ok: true, value: { condition: { householdSubdistrict: { $in: ['大街街道', '永安街道'] } } } });
  });

  it('art-23: when an approval requires a mask that fits the item, then the grant carries it', () => {
    expect(check({ mask: 'ADDRESS_TO_SUBDISTRICT' })).toEqual({ ok: true, value: { mask: 'ADDRESS_TO_SUBDISTRICT' } });
    expect(check({})).toEqual({ ok: true, value: {} });
  });

  it('art-23: when the mask does not fit every approved item, then it is refused naming them', () => {
    expect(problem({ mask: 'ADDRESS_TO_SUBDISTRICT' }, ['Resident.address', 'Resident.pension'])).toBe(
      'BAD_USER_INPUT: mask ADDRESS_TO_SUBDISTRICT fits String items only, not Resident.pension',
    );
    expect(problem({ mask: 'SCRAMBLE' })).toBe('BAD_USER_INPUT: mask is not a mask kind');
  });

  it('when a condition attribute is unknown, not unconditional, or a prototype key, then it is refused', () => {
    for (const attribute of ['nope', 'record', 'pension', '__proto__', 'constructor', 'employer']) {
      expect(problem({ condition: [{ attribute, anyOf: ['x'] }] })).toBe(
        `BAD_USER_INPUT: condition attribute ${attribute} is not an unconditional scalar item of the resource of Resident.address`,
      );
    }
  });

  it('when a condition is empty, repeats an attribute, or has no values, then it is refused', () => {
    expect(problem({ condition: [] })).toBe('BAD_USER_INPUT: condition names no attribute: leave it out to grant every subject');
    const twice = { attribute: 'householdSubdistrict', anyOf: ['a'] };
    expect(problem({ condition: [twice, twice] })).toBe('BAD_USER_INPUT: condition names householdSubdistrict twice');
    expect(problem({ condition: [{ attribute: 'householdSubdistrict', anyOf: [] }] })).toBe(
      `BAD_USER_INPUT: condition attribute householdSubdistrict needs 1 to ${MAX_CONDITION_VALUES} distinct values`,
    );
  });

  it('when a condition is over its size limits, then it is refused', () => {
    const attributes = Array.from({ length: MAX_CONDITION_ATTRIBUTES + 1 }, () => ({ attribute: 'householdSubdistrict', anyOf: ['a'] }));
    expect(problem({ condition: attributes })).toBe(`BAD_USER_INPUT: condition names more than ${MAX_CONDITION_ATTRIBUTES} attributes`);
    const values = Array.from({ length: MAX_CONDITION_VALUES + 1 }, (_, index) => `街道${index}`);
    expect(problem({ condition: [{ attribute: 'householdSubdistrict', anyOf: values }] })).toBe(
      `BAD_USER_INPUT: condition attribute householdSubdistrict needs 1 to ${MAX_CONDITION_VALUES} distinct values`,
    );
  });

  it('when the approved items are of different types, then the attribute must exist on each', () => {
    expect(problem({ condition: [{ attribute: 'householdSubdistrict', anyOf: ['a'] }] }, ['Resident.address', 'Enterprise.penalties'])).toBe(
      'BAD_USER_INPUT: condition attribute householdSubdistrict is not an unconditional scalar item of the resource of Enterprise.penalties',
    );
  });
});
