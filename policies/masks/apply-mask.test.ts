import { describe, expect, it } from 'vitest';
import { MASK_KINDS } from '../types.ts';
import { applyMask, maskFits } from './apply-mask.ts';

describe('applying a mask', () => {
  it('when the value is a list, then each element is masked alone', () => {
    expect(applyMask('NAME_PARTIAL', ['王淑芬', null, '张建国'])).toEqual(['王*芬', null, '张*国']);
  });

  it('when the value is null, then it stays null for every kind', () => {
    for (const kind of MASK_KINDS) expect(applyMask(kind, null)).toBeNull();
  });

  it('when a value of the wrong kind reaches a mask, then it is withheld, never passed through', () => {
    for (const kind of MASK_KINDS) expect(applyMask(kind, { secret: '370306198503120122' })).toBeNull();
  });

  it('when a mask is checked against field types, then only types its values stay valid for fit', () => {
    expect(maskFits('AMOUNT_BAND', 'Float')).toBe(true);
    expect(maskFits('AMOUNT_BAND', 'String')).toBe(false);
    expect(maskFits('DATE_TO_YEAR', 'Date')).toBe(true);
    expect(maskFits('CITIZEN_ID_PARTIAL', 'CitizenId')).toBe(false);
    expect(maskFits('ADDRESS_TO_SUBDISTRICT', undefined)).toBe(false);
  });
});
