/**
 * Check valid until
 *
 * A grant's `validUntil` is only accepted if it is a calendar date (YYYY-MM-DD), not before today,
 * and not beyond the longest validity the district allows (`maxDays` from today): a grant is
 * renewed by a new request, never made open-ended. A grant answering a request (an approval, an
 * exception) may shorten the validity the request asked for, never extend it; given no validity,
 * it runs as asked, cut to the longest validity.
 * Serves art. 13: grants bind items to a purpose and an expiry.
 */
import { describeInvalidDate } from '../calendar-date.ts';
import { addCalendarDays } from './china-date.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** Today in China and the longest validity of a grant, in days (configured). */
export interface ValidityWindow {
  today: string;
  maxDays: number;
}

/** The last day a grant made today may run to. */
export function latestValidUntil(window: ValidityWindow): string {
  return addCalendarDays(window.today, window.maxDays);
}

/** Why `validUntil` cannot be used, or `undefined` when it can. */
export function checkValidUntil(validUntil: string, window: ValidityWindow): string | undefined {
  if (describeInvalidDate(validUntil)) return `validUntil "${validUntil}" is not a date (YYYY-MM-DD)`;
  if (validUntil < window.today) return `validUntil ${validUntil} is in the past`;
  const latest = latestValidUntil(window);
  if (validUntil > latest) return `validUntil ${validUntil} is too far ahead: a grant is valid for at most ${window.maxDays} days, until ${latest}`;
  return undefined;
}

/**
 * The validity of a grant answering a request that wants it until `wantedUntil`: `asked`, or the
 * wanted one cut to the longest validity; never beyond what was wanted.
 * @param who the grant, as the refusal names it ("An approval", "An exception").
 */
export function narrowValidity(asked: string | undefined, wantedUntil: string, window: ValidityWindow, who: string): Verdict<string> {
  const latest = latestValidUntil(window);
  const validUntil = asked ?? (wantedUntil < latest ? wantedUntil : latest);
  const badExpiry = checkValidUntil(validUntil, window);
  if (badExpiry) return deny('BAD_USER_INPUT', badExpiry);
  if (validUntil > wantedUntil) return deny('BAD_USER_INPUT', `${who} may shorten the validity, never extend it: the request asks until ${wantedUntil}`);
  return allow(validUntil);
}
