/**
 * Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth date,
 * 3-digit sequence code, and an ISO 7064 MOD 11-2 check character.
 */
import { createKeyScalar } from './create-key-scalar.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

/** The check character for the first 17 digits of a citizen ID. */
export function citizenIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Why `value` is not a valid citizen ID, or `undefined` when it is one. */
export function describeInvalidCitizenId(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'a citizen ID must be a string of 18 characters';
  if (!SHAPE.test(value)) {
    return `"${value}" is not a citizen ID: expected 17 digits followed by a digit or X (GB 11643)`;
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1850 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) {
    return `"${value}" is not a citizen ID: ${value.slice(6, 14)} is not a valid birth date`;
  }
  const expected = citizenIdCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return `"${value}" is not a citizen ID: check character is ${value[17]}, expected ${expected}`;
  }
  return undefined;
}

/**
 * The same judgement as `describeInvalidCitizenId(value) === undefined`, without building a message or a date:
 * it runs on every key the gateway reads from an answer (the subject-level access log), hundreds per request.
 */
export function isCitizenId(value: unknown): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  const year = digits(value, 6, 10);
  const month = digits(value, 10, 12);
  const day = digits(value, 12, 14);
  if (year < 1850 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return value[17] === citizenIdCheckCharacter(value);
}

/** The number written by the ASCII digits `value[from..to)`. */
function digits(value: string, from: number, to: number): number {
  let number = 0;
  for (let i = from; i < to; i++) number = number * 10 + value.charCodeAt(i) - 48;
  return number;
}

/** Days of `month` (1–12) of `year` in the proleptic Gregorian calendar, as \`Date\` counts them. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const CitizenIdScalar = createKeyScalar({
  name: 'CitizenId',
  description: 'Citizen identity number (GB 11643), 18 characters with check character',
  describeInvalid: describeInvalidCitizenId,
});
