/**
 * Check valid until
 *
 * A grant's `validUntil` is only accepted if it is a calendar date (YYYY-MM-DD) not before today.
 * Serves art. 13: grants bind items to a purpose and an expiry.
 */
import { describeInvalidDate } from '../../schema/scalars/date.ts';

/** Why `validUntil` cannot be used, or `undefined` when it can. */
export function checkValidUntil(validUntil: string, today: string): string | undefined {
  if (describeInvalidDate(validUntil)) return `validUntil "${validUntil}" is not a date (YYYY-MM-DD)`;
  if (validUntil < today) return `validUntil ${validUntil} is in the past`;
  return undefined;
}
