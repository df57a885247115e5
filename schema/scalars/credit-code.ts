/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: registration authority, entity type,
 * 6-digit administrative division, 9-character organisation code (GB 11714, with its own check
 * character) and a MOD 31 check character over the first 17.
 */
import { createKeyScalar } from './create-key-scalar.ts';

/** The 31 characters of GB 32100 (I, O, S, V and Z are never used). */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/** The GB 32100 check character of the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an 8-character organisation code body. */
export function organisationCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    sum += (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Why `value` is not a valid credit code, or `undefined` when it is one. */
export function describeInvalidCreditCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'a unified social credit code must be a string of 18 characters';
  if (!SHAPE.test(value)) {
    return `"${value}" is not a unified social credit code: expected 18 characters of digits and capitals without I, O, S, V, Z (GB 32100)`;
  }
  const orgCheck = organisationCodeCheckCharacter(value.slice(8, 16));
  if (value[16] !== orgCheck) {
    return `"${value}" is not a unified social credit code: organisation code check character is ${value[16]}, expected ${orgCheck}`;
  }
  const expected = creditCodeCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return `"${value}" is not a unified social credit code: check character is ${value[17]}, expected ${expected}`;
  }
  return undefined;
}

/** The same judgement as `describeInvalidCreditCode(value) === undefined`, without building a message or slices (see isCitizenId). */
export function isCreditCode(value: unknown): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  let org = 0;
  for (let i = 0; i < 8; i++) {
    const code = value.charCodeAt(8 + i);
    org += (code >= 48 && code <= 57 ? code - 48 : code - 55) * ORG_WEIGHTS[i]!;
  }
  const orgCheck = 11 - (org % 11);
  if (value.charCodeAt(16) !== (orgCheck === 10 ? 88 : orgCheck === 11 ? 48 : 48 + orgCheck)) return false;
  return value[17] === creditCodeCheckCharacter(value);
}

export const CreditCodeScalar = createKeyScalar({
  name: 'CreditCode',
  description: 'Unified social credit code (GB 32100), 18 characters with check character',
  describeInvalid: describeInvalidCreditCode,
});
