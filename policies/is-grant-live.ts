/**
 * Is grant live
 *
 * A grant is live only between `validFrom` (inclusive) and `validUntil` (exclusive) and only while
 * it is not revoked; a grant with unreadable dates is never live (fail closed).
 * Serves art. 13: grants bind data items to a purpose and an expiry.
 */
import type { Grant } from './types.ts';

export function isGrantLive(grant: Grant, now: Date): boolean {
  if (grant.revokedAt !== undefined) return false;
  const from = Date.parse(grant.validFrom);
  const until = Date.parse(grant.validUntil);
  if (Number.isNaN(from) || Number.isNaN(until)) return false;
  const at = now.getTime();
  return from <= at && at < until;
}
