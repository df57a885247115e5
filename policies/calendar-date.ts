/**
 * What a calendar date is, wherever one is given: `YYYY-MM-DD` (ISO 8601), a day that exists on the
 * calendar. Pure, so that the share rules (a grant's validity) and the `Date` key scalar of every
 * schema hold dates to the same check; `schema/` reads it from here, never the other way round.
 */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The value as a message shows it: a variable nested too deep for JSON.stringify is named by its kind, not by the stack overflow. */
function shown(value: unknown): string {
  try {
    return String(JSON.stringify(value));
  } catch {
    return Array.isArray(value) ? 'a deeply nested list' : 'a deeply nested object';
  }
}

/** Why `value` is not a calendar date, or `undefined` when it is one. */
export function describeInvalidDate(value: unknown): string | undefined {
  const match = typeof value === 'string' ? SHAPE.exec(value) : null;
  if (!match) return `${shown(value)} is not a date: expected YYYY-MM-DD`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `"${value as string}" is not a date on the calendar`;
  return undefined;
}
