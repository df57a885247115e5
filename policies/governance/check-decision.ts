/**
 * Check decision
 *
 * A decision on an access request is only valid if it is made by a sharing administrator of the
 * provider of the requested items, never for a request its own department made, and only on a
 * pending request; a refusal states its reason; an approval may be narrower than the request
 * (fewer items, a shorter validity) but never wider, and never expires in the past.
 * Serves art. 13 (the provider answers, refusals give reasons) and art. 21 (the sharing
 * administrator answers for the department).
 */
import type { Consumer } from '../types.ts';
import { narrowValidity, type ValidityWindow } from './check-valid-until.ts';
import type { RequestState } from './request-state.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface Decision {
  approve: boolean;
  reason?: string | undefined;
  fields?: readonly string[] | undefined;
  validUntil?: string | undefined;
}

/** The items and validity granted (none, for a refusal). */
export function checkDecision(
  actor: Consumer,
  request: RequestState,
  decision: Decision,
  window: ValidityWindow,
): Verdict<{ fields: string[]; validUntil: string }> {
  if (!actor.roles.includes('provider-admin')) return deny('FORBIDDEN', 'Only a sharing administrator (provider-admin) decides access requests');
  if (actor.dept === request.requestingDept) return deny('FORBIDDEN', 'No one decides their own request: your department made this request');
  if (actor.dept !== request.provider) return deny('FORBIDDEN', `This request is for ${request.provider}'s data items; your department cannot decide it`);
  if (request.status !== 'PENDING') return deny('CONFLICT', `The request is already ${request.status.toLowerCase()}; only pending requests are decided`);
  if (!decision.approve) {
    if (!decision.reason?.trim()) return deny('BAD_USER_INPUT', 'A refusal must give its reason (art. 13)');
    return allow({ fields: [], validUntil: request.wantedUntil });
  }
  const fields = decision.fields ? [...new Set(decision.fields)] : [...request.fields];
  const extra = fields.filter((field) => !request.fields.includes(field));
  if (extra.length > 0) return deny('BAD_USER_INPUT', `An approval cannot add items that were not requested: ${extra.join(', ')}`);
  if (fields.length === 0) return deny('BAD_USER_INPUT', 'Approve at least one of the requested items, or refuse with a reason');
  const validity = narrowValidity(decision.validUntil, request.wantedUntil, window, 'An approval');
  return validity.ok ? allow({ fields, validUntil: validity.value }) : validity;
}
