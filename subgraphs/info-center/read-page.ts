/**
 * The page arguments of the listings paged by row id, newest first (notifications, webhook
 * deliveries): `first` from 1 to the listing's most (default 20), and `after` the `nextCursor` of a
 * previous page — a row id. Anything else is an input error, before the store is asked.
 */
import { shareError } from '../../platform/errors.ts';

/** A row id: what `nextCursor` carries (a bigint's decimal digits). */
export const ROW_ID = /^[1-9]\d{0,17}$/;
const DEFAULT_PAGE = 20;

export function readPage(args: { first?: number | null; after?: string | null }, max: number): { first: number; after: string | undefined } {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > max) throw shareError('BAD_USER_INPUT', { message: `first must be between 1 and ${max}` });
  if (args.after && !ROW_ID.test(args.after)) throw shareError('BAD_USER_INPUT', { message: 'after is not a cursor from a previous page (nextCursor)' });
  return { first, after: args.after || undefined };
}
