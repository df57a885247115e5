import { GraphQLObjectType, GraphQLSchema, GraphQLString, graphqlSync } from 'graphql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter, describeInvalidCitizenId, isCitizenId } from './citizen-id.ts';
import { creditCodeCheckCharacter, describeInvalidCreditCode, isCreditCode, organisationCodeCheckCharacter } from './credit-code.ts';
import { describeInvalidDate } from '../../policies/calendar-date.ts';
import { SHARED_SCALARS } from './index.ts';

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

  it.each([
    ['short', '3703061985'],
    ['letters', '37030619850312012A'],
    ['lowercase x', '11010519491231002x'],
    ['number', 370306],
  ])('when the value is %s, then it is refused with the expected shape', (_label, value) => {
    expect(describeInvalidCitizenId(value)).toMatch(/citizen ID/);
  });
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

/** 17 characters from `alphabet`, then the right check character half of the time (so both branches are reached). */
const candidates = (alphabet: string, check: (first17: string) => string) =>
  fc
    .tuple(fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }), fc.constantFrom(...alphabet), fc.boolean())
    .map(([first, last, right]) => first.join('') + (right ? check(first.join('')) : last));

describe('key predicates without messages', () => {
  it('when any 18 characters are judged, then isCitizenId agrees with describeInvalidCitizenId', () => {
    // Birth dates near every edge: years around 1850 and leap years, months 00–13, days 00–32.
    const dated = fc
      .tuple(fc.integer({ min: 1800, max: 2400 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.boolean())
      .map(([year, month, day, right]) => {
        const first17 = `370306${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}012`;
        return first17 + (right ? citizenIdCheckCharacter(first17) : '0');
      });
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(dated, candidates('0123456789X', citizenIdCheckCharacter), fc.string({ maxLength: 20 })), (value) => {
        expect(isCitizenId(value)).toBe(describeInvalidCitizenId(value) === undefined);
        if (isCitizenId(value)) valid++;
      }),
      { numRuns: 5_000 },
    );
    expect(valid).toBeGreaterThan(500);
    // The calendar's edges, each with its right check character.
    for (const date of ['20000229', '19000229', '20240229', '20230229', '18500101', '18491231', '19990001', '19991301', '19990431', '19991231', '19990100']) {
      const first17 = `370306${date}012`;
      const value = first17 + citizenIdCheckCharacter(first17);
      expect(isCitizenId(value)).toBe(describeInvalidCitizenId(value) === undefined);
    }
  });

  it('when any 18 characters are judged, then isCreditCode agrees with describeInvalidCreditCode', () => {
    const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    // The right shape, with the organisation code's check character right half of the time.
    const shaped = fc
      .tuple(fc.array(fc.constantFrom(...ALPHABET), { minLength: 8, maxLength: 8 }), fc.constantFrom(...'0123456789X'), fc.boolean(), fc.boolean())
      .map(([body, check, rightOrg, right]) => {
        const first17 = `91370306${body.join('')}${rightOrg ? organisationCodeCheckCharacter(body.join('')) : check}`;
        return first17 + (right ? creditCodeCheckCharacter(first17) : 'M');
      });
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(shaped, candidates(ALPHABET, creditCodeCheckCharacter), candidates('0123456789ABXZ', creditCodeCheckCharacter)), (value) => {
        expect(isCreditCode(value)).toBe(describeInvalidCreditCode(value) === undefined);
        if (isCreditCode(value)) valid++;
      }),
      { numRuns: 5_000 },
    );
    expect(valid).toBeGreaterThan(200);
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

describe('key scalars (createKeyScalar)', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: Object.fromEntries(
        SHARED_SCALARS.map((scalar) => [
          scalar.name,
          { type: GraphQLString, args: { v: { type: scalar } }, resolve: (_: unknown, args: { v: string }) => args.v },
        ]),
      ),
    }),
  });
  const huge = '9'.repeat(200_000);
  let deep: unknown = '2024-02-29';
  for (let i = 0; i < 100_000; i++) deep = [deep];

  const table: Array<{
    scalar: string;
    valid: string;
    bad: string;
    badMessage: string;
    wrongKind: string;
    hugeMessage: RegExp;
    numberMessage: string;
    deepMessage: string;
  }> = [
    {
      scalar: 'CitizenId',
      valid: '370306198503120122',
      bad: '370306198503120123',
      badMessage: '"370306198503120123" is not a citizen ID: check character is 3, expected 2',
      wrongKind: 'a citizen ID must be a string of 18 characters',
      hugeMessage: /^"9{200000}" is not a citizen ID: expected 17 digits followed by a digit or X \(GB 11643\)$/,
      numberMessage: 'a citizen ID must be a string of 18 characters',
      deepMessage: 'a citizen ID must be a string of 18 characters',
    },
    {
      scalar: 'CreditCode',
      valid: '91370306MA3C8K2P9M',
      bad: '91370306MA3C8K2P9N',
      badMessage: '"91370306MA3C8K2P9N" is not a unified social credit code: check character is N, expected M',
      wrongKind: 'a unified social credit code must be a string of 18 characters',
      hugeMessage: /^"9{200000}" is not a unified social credit code: expected 18 characters/,
      numberMessage: 'a unified social credit code must be a string of 18 characters',
      deepMessage: 'a unified social credit code must be a string of 18 characters',
    },
    {
      scalar: 'Date',
      valid: '2024-02-29',
      bad: '2023-02-29',
      badMessage: '"2023-02-29" is not a date on the calendar',
      wrongKind: 'undefined is not a date: expected YYYY-MM-DD',
      hugeMessage: /^"9{200000}" is not a date: expected YYYY-MM-DD$/,
      numberMessage: '5 is not a date: expected YYYY-MM-DD',
      deepMessage: 'a deeply nested list is not a date: expected YYYY-MM-DD',
    },
  ];

  const run = (source: string, variableValues?: Record<string, unknown>) => graphqlSync({ schema, source, variableValues });
  const asVariable = (scalar: string) => `query ($v: ${scalar}) { ${scalar}(v: $v) }`;
  const refusal = (message: string) => ({ message, extensions: { code: 'BAD_USER_INPUT' } });
  const refusedVariable = (value: string, message: string) => refusal(`Variable "$v" got invalid value ${value}; ${message}`);
  const errorsOf = (result: ReturnType<typeof run>) => result.errors?.map((error) => ({ message: error.message, extensions: error.extensions }));

  it.each(table)('when a valid $scalar is given inline or as a variable, then it is the value', ({ scalar, valid }) => {
    expect(run(`{ ${scalar}(v: ${JSON.stringify(valid)}) }`)).toEqual({ data: { [scalar]: valid } });
    expect(run(asVariable(scalar), { v: valid })).toEqual({ data: { [scalar]: valid } });
  });

  it.each(table)('when a $scalar fails its check, then BAD_USER_INPUT says what is wrong, inline and as a variable', ({ scalar, bad, badMessage }) => {
    expect(errorsOf(run(`{ ${scalar}(v: ${JSON.stringify(bad)}) }`))).toEqual([refusal(badMessage)]);
    expect(errorsOf(run(asVariable(scalar), { v: bad }))).toEqual([refusedVariable(JSON.stringify(bad), badMessage)]);
  });

  it.each(table)(
    'when a $scalar is given as another kind of value, then BAD_USER_INPUT, never an internal error',
    ({ scalar, wrongKind, numberMessage, deepMessage }) => {
      expect(errorsOf(run(`{ ${scalar}(v: 5) }`))).toEqual([refusal(wrongKind)]);
      expect(errorsOf(run(`{ ${scalar}(v: ["x"]) }`))).toEqual([refusal(wrongKind)]);
      expect(errorsOf(run(asVariable(scalar), { v: 5 }))).toEqual([refusedVariable('5', numberMessage)]);
      expect(errorsOf(run(asVariable(scalar), { v: deep }))).toEqual([refusedVariable('[[[Array]]]', deepMessage)]);
    },
  );

  it.each(table)('when a $scalar is a huge value, then BAD_USER_INPUT names the expected shape, inline and as a variable', ({ scalar, hugeMessage }) => {
    for (const result of [run(`{ ${scalar}(v: "${huge}") }`), run(asVariable(scalar), { v: huge })]) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(result.errors?.[0]?.message.replace(/^Variable "\$v" got invalid value "9+"; /, '')).toMatch(hugeMessage);
    }
  });
});
