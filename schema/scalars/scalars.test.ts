import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter, describeInvalidCitizenId, isCitizenId } from './citizen-id.ts';
import { describeInvalidCreditCode, isCreditCode } from './credit-code.ts';
import { describeInvalidDate } from './date.ts';

describe('CitizenId (GB 11643)', () => {
  it('when the ID has the right check character, then it is valid', () => {
    expect(isCitizenId('370306198503120122')).toBe(true);
    expect(isCitizenId('370306197811232017')).toBe(true);
    expect(citizenIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isCitizenId('11010519491231002X')).toBe(true);
  });

  it('when the check character is wrong, then the message names the expected one', () => {
    expect(describeInvalidCitizenId('370306198503120123')).toBe('"370306198503120123" is not a citizen ID: check character is 3, expected 2');
  });

  it('when the birth date does not exist, then the message says so', () => {
    expect(describeInvalidCitizenId('370306198502300123')).toMatch(/19850230 is not a valid birth date/);
  });

  it.each([['short', '3703061985'], ['letters', '37030619850312012A'], ['lowercase x', '11010519491231002x'], ['number', 370306]])(
    'when the value is %s, then it is refused with the expected shape',
    (_label, value) => {
      expect(describeInvalidCitizenId(value)).toMatch(/citizen ID/);
    },
  );
});

describe('CreditCode (GB 32100)', () => {
  it('when both check characters are right, then it is valid', () => {
    expect(isCreditCode('91370306MA3C8K2P9M')).toBe(true);
  });

  it('when the final check character is wrong, then the message names the expected one', () => {
    expect(describeInvalidCreditCode('91370306MA3C8K2P9N')).toBe('"91370306MA3C8K2P9N" is not a unified social credit code: check character is N, expected M');
  });

  it('when the organisation code check is wrong, then that is named', () => {
    expect(describeInvalidCreditCode('91370306MA3C8K2P8M')).toMatch(/organisation code check character is 8, expected 9/);
  });

  it('when the code uses a letter GB 32100 excludes, then it is refused', () => {
    expect(describeInvalidCreditCode('91370306MA3C8K2POM')).toMatch(/without I, O, S, V, Z/);
  });
});

describe('Date', () => {
  it('when the date is on the calendar, then it is valid', () => {
    expect(describeInvalidDate('2024-02-29')).toBeUndefined();
  });
  it('when the date is not on the calendar, then it is refused', () => {
    expect(describeInvalidDate('2023-02-29')).toBe('"2023-02-29" is not a date on the calendar');
    expect(describeInvalidDate('29.02.2024')).toMatch(/expected YYYY-MM-DD/);
  });
});
