/**
 * Authorize verification
 *
 * Which of the items claimed in one verification call (核验) the consumer may check: each
 * `Type.field` the ability lets it `verify` (see build-share-ability: UNCONDITIONAL items, its own,
 * or a live VERIFY grant for this purpose). Every other item is denied, as an unreadable field is
 * denied: its outcome is withheld with FORBIDDEN_FIELD, or, in strict mode, the call is refused.
 * Serves art. 13: verification instead of resubmission, within what was granted.
 */
import type { ShareAbility } from './build-share-ability.ts';

export interface VerificationVerdict {
  /** Claimed items the consumer may check, each once, in the order first claimed. */
  verifiable: string[];
  /** Claimed items it may not check, each once. */
  denied: string[];
}

export function authorizeVerification(ability: ShareAbility, claimed: Iterable<string>): VerificationVerdict {
  const verdict: VerificationVerdict = { verifiable: [], denied: [] };
  for (const coordinate of new Set(claimed)) {
    const [typeName, fieldName, ...rest] = coordinate.split('.');
    const allowed = typeName !== undefined && fieldName !== undefined && rest.length === 0 && ability.can('verify', typeName, fieldName);
    (allowed ? verdict.verifiable : verdict.denied).push(coordinate);
  }
  return verdict;
}
