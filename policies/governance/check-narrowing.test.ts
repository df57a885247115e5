import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import type { FieldShare, ShareCatalog } from '../types.ts';
import { checkNarrowing, MAX_CONDITION_ATTRIBUTES, MAX_CONDITION_VALUES, type Narrowing, type NarrowedRequest } from './check-narrowing.ts';

const catalog: ShareCatalog = (() => {
  const typed = new Map<string, FieldShare>();
  const valueTypes: Record<string, string> = { pension: 'Float', employer: 'Enterprise', formerEmployer: 'Enterprise' };
  for (const [coordinate, share] of testCatalog) typed.set(coordinate, { ...share, valueType: valueTypes[share.fieldName] ?? 'String' });
  typed.set('Resident.householdSubdistrict', {
    ...typed.get('Resident.name')!,
    coordinate: 'Resident.householdSubdistrict',
    fieldName: 'householdSubdistrict',
  });
  typed.set('Resident.citizenId', { ...typed.get('Resident.name')!, coordinate: 'Resident.citizenId', fieldName: 'citizenId', valueType: 'CitizenId' });
  typed.set('Query.civilAffairsOpenCases', {
    ...typed.get('Query.resident')!,
    coordinate: 'Query.civilAffairsOpenCases',
    fieldName: 'civilAffairsOpenCases',
    shareType: 'CONDITIONAL',
    provider: 'civil-affairs',
    valueType: 'CitizenId',
  });
  return typed;
})();

const check = (narrowing: Narrowing, fields = ['Resident.address'], request: NarrowedRequest = {}) => checkNarrowing(fields, narrowing, catalog, request);
const problem = (narrowing: Narrowing, fields?: string[], request?: NarrowedRequest) => {
  const verdict = check(narrowing, fields, request);
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
  it("art-23: when an approval narrows to the requester's open cases, and the requester's subgraph answers them, then the grant carries the open-case condition, beside attribute entries", () => {
    const civilAffairs = { requestingDept: 'civil-affairs' };
    expect(check({ condition: [{ kind: 'OPEN_CASE' }] }, undefined, civilAffairs)).toEqual({
      ok: true,
      value: { condition: { '@openCase': { $in: ['HELD'] } } },
    });
    expect(
      check({ condition: [{ kind: 'OPEN_CASE' }, { kind: 'ATTRIBUTE', attribute: 'householdSubdistrict', anyOf: ['a'] }] }, undefined, civilAffairs),
    ).toEqual({
      ok: true,
      value: { condition: { '@openCase': { $in: ['HELD'] }, householdSubdistrict: { $in: ['a'] } } },
    });
  });

  it("when an open-case entry names values, repeats, or the requester answers no open cases, or the item is not a resident's, then it is refused", () => {
    const civilAffairs = { requestingDept: 'civil-affairs' };
    expect(problem({ condition: [{ kind: 'OPEN_CASE', attribute: '@openCase', anyOf: ['HELD'] }] }, undefined, civilAffairs)).toBe(
      'BAD_USER_INPUT: an OPEN_CASE entry of a condition names no attribute and no values',
    );
    expect(problem({ condition: [{ kind: 'OPEN_CASE' }, { kind: 'OPEN_CASE' }] }, undefined, civilAffairs)).toBe(
      'BAD_USER_INPUT: condition names OPEN_CASE twice',
    );
    expect(problem({ condition: [{ kind: 'OPEN_CASE' }] }, undefined, { requestingDept: 'approval' })).toBe(
      "BAD_USER_INPUT: OPEN_CASE needs the requesting department's subgraph to answer its open cases (Query.approvalOpenCases); it does not",
    );
    expect(problem({ condition: [{ kind: 'OPEN_CASE' }] }, ['Enterprise.penalties'], civilAffairs)).toBe(
      'BAD_USER_INPUT: OPEN_CASE fits items of residents (keyed by citizen ID) only, not Enterprise.penalties',
    );
    expect(problem({ condition: [{ attribute: '@openCase', anyOf: ['HELD'] }] }, undefined, civilAffairs)).toBe(
      'BAD_USER_INPUT: condition attribute @openCase is not an unconditional scalar item of the resource of Resident.address',
    );
    expect(problem({ condition: [{ kind: 'ATTRIBUTE' }] })).toBe('BAD_USER_INPUT: an ATTRIBUTE entry of a condition names its attribute and anyOf');
  });

  it('art-13: when a VERIFY request is approved with a mask or a condition, then it is refused: verification delivers no value to narrow', () => {
    const verify = { action: 'VERIFY' as const, requestingDept: 'civil-affairs' };
    expect(problem({ mask: 'ADDRESS_TO_SUBDISTRICT' }, undefined, verify)).toMatch(/^BAD_USER_INPUT: A VERIFY grant answers MATCH, MISMATCH or NO_RECORD/);
    expect(problem({ condition: [{ kind: 'OPEN_CASE' }] }, undefined, verify)).toMatch(/takes no mask and no row condition$/);
    expect(check({}, undefined, verify)).toEqual({ ok: true, value: {} });
  });
});
