import { describe, expect, it } from 'vitest';
import { needsOpenCases, openCasesField, readOpenCases, withOpenCase } from './open-case.ts';

describe('open cases', () => {
  it("when a department's open cases are asked for, then the field is named after its code", () => {
    expect(openCasesField('civil-affairs')).toBe('civilAffairsOpenCases');
    expect(openCasesField('health')).toBe('healthOpenCases');
    expect(openCasesField('public-security')).toBe('publicSecurityOpenCases');
  });

  it('when a decision reads the open-case attribute, then it needs the open cases', () => {
    expect(needsOpenCases(['@openCase', 'citizenId'])).toBe(true);
    expect(needsOpenCases(['householdSubdistrict'])).toBe(false);
    expect(needsOpenCases(undefined)).toBe(false);
  });

  it('when the answer is not a list of texts, then it is no answer; IDs not asked about are left out', () => {
    const asked = new Set(['370306198503120122', '370306197811232017']);
    expect(readOpenCases(['370306198503120122', '110101199003074477'], asked)).toEqual(new Set(['370306198503120122']));
    expect(readOpenCases([], asked)).toEqual(new Set());
    for (const malformed of [null, undefined, 'x', [1], [null], { 0: '370306198503120122' }]) expect(readOpenCases(malformed, asked)).toBeUndefined();
  });

  it('when a record is read for a condition, then only the answer sets the open-case fact', () => {
    const held = new Set(['370306198503120122']);
    expect(withOpenCase({ citizenId: '370306198503120122' }, held)).toEqual({ citizenId: '370306198503120122', '@openCase': 'HELD' });
    expect(withOpenCase({ citizenId: '370306198503120122', '@openCase': 'HELD' }, undefined)).toEqual({ citizenId: '370306198503120122' });
  });
});
