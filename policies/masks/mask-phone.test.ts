import { describe, expect, it } from 'vitest';
import { maskPhone } from './mask-phone.ts';

describe('phone mask', () => {
  it('art-23: when a mobile number is masked, then its first three and last four digits remain', () => {
    expect(maskPhone('13853301234')).toBe('138****1234');
    expect(maskPhone('0533-6412345')).toBe('053*****2345');
  });

  it('when the number is too short to hide anything, then all of it is starred', () => {
    expect(maskPhone('6412345')).toBe('*******');
  });

  it('when the value is not a string, then it is withheld', () => {
    expect(maskPhone(13853301234)).toBeNull();
  });
});
