/**
 * Check negotiation outcome
 *
 * A negotiation's outcome is only recorded while the request is being negotiated, by one of its two
 * departments, with a text saying what was agreed or why it failed. A failed negotiation goes to the
 * coordination office. An agreement is recorded by the provider's sharing administrator, who grants
 * with it: only requested items, never items not shared (NONE: only the coordination office grants
 * those), never longer than the request asked.
 * Serves art. 13: refused and non-shared items are negotiated between the two departments (协商);
 * only when that fails (协商未果) does the coordination office decide.
 */
import type { Consumer } from '../types.ts';
import { narrowValidity, type ValidityWindow } from './check-valid-until.ts';
import type { RequestState } from './request-state.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface NegotiationRecord {
  outcome: 'AGREED' | 'FAILED';
  text: string;
  /** Agreed items (default: all requested). */
  fields?: readonly string[] | undefined;
  /** Agreed last day of validity (default: as asked, cut to the longest validity). */
  validUntil?: string | undefined;
}

/** What the record grants: the agreed items and validity (none for a failed negotiation). */
export function checkNegotiationOutcome(
  actor: Consumer,
  request: RequestState,
  record: NegotiationRecord,
  context: { notShared: readonly string[]; window: ValidityWindow },
): Verdict<{ fields: string[]; validUntil: string }> {
  const provider = actor.dept === request.provider && actor.roles.includes('provider-admin');
  if (actor.dept !== request.requestingDept && !provider)
    return deny('FORBIDDEN', "Only the two departments record their negotiation: the requester, or the provider's sharing administrator");
  if (request.status !== 'NEGOTIATING') return deny('CONFLICT', `The request is ${request.status.toLowerCase()}; only a request under negotiation has one`);
  if (!record.text.trim()) return deny('BAD_USER_INPUT', 'Record what the negotiation came to: what was agreed, or why it failed');
  if (record.outcome === 'FAILED') return allow({ fields: [], validUntil: request.wantedUntil });
  if (!provider) return deny('FORBIDDEN', "An agreement is recorded by the provider's sharing administrator, who grants the items with it");
  const fields = record.fields ? [...new Set(record.fields)] : [...request.fields];
  const extra = fields.filter((field) => !request.fields.includes(field));
  if (extra.length > 0) return deny('BAD_USER_INPUT', `An agreement cannot add items that were not requested: ${extra.join(', ')}`);
  if (fields.length === 0) return deny('BAD_USER_INPUT', 'Agree on at least one of the requested items, or record the negotiation as failed');
  const notShared = fields.filter((field) => context.notShared.includes(field));
  if (notShared.length > 0)
    return deny(
      'BAD_USER_INPUT',
      `Items not shared (NONE) are granted only by the coordination office: ${notShared.join(', ')}; agree on the others, or record the negotiation as failed`,
    );
  const validity = narrowValidity(record.validUntil, request.wantedUntil, context.window, 'An agreement');
  return validity.ok ? allow({ fields, validUntil: validity.value }) : validity;
}
