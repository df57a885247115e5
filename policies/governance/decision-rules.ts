/**
 * Decision rules
 *
 * A provider's sharing administrator decides requests for its own department's items only, never a
 * request its own department made; a refusal states its reason; an approval may be narrower (fewer
 * items, another expiry) but never wider, and never expires in the past. Only pending requests are
 * decided. A refused request (or one holding NONE items) may be escalated by the requesting
 * department; the coordination office (platform-admin) then grants exceptions with a legal basis.
 * Serves art. 13 and 21.
 */
import type { Consumer, ShareCatalog } from '../types.ts';
import { checkValidUntil } from './check-valid-until.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface RequestState {
  requestingDept: string;
  provider: string;
  fields: readonly string[];
  status: string;
}

export interface Decision {
  approve: boolean;
  reason?: string | undefined;
  fields?: readonly string[] | undefined;
  validUntil?: string | undefined;
}

export function checkDecision(actor: Consumer, request: RequestState, decision: Decision, today: string, wantedUntil: string): Verdict<{ fields: string[]; validUntil: string }> {
  if (!actor.roles.includes('provider-admin')) return deny('FORBIDDEN', 'Only a sharing administrator (provider-admin) decides access requests');
  if (actor.dept === request.requestingDept) return deny('FORBIDDEN', 'No one decides their own request: your department made this request');
  if (actor.dept !== request.provider) return deny('FORBIDDEN', `This request is for ${request.provider}'s data items; your department cannot decide it`);
  if (request.status !== 'PENDING') return deny('CONFLICT', `The request is already ${request.status.toLowerCase()}; only pending requests are decided`);
  if (!decision.approve) {
    if (!decision.reason?.trim()) return deny('BAD_USER_INPUT', 'A refusal must give its reason (art. 13)');
    return allow({ fields: [], validUntil: wantedUntil });
  }
  const fields = decision.fields ? [...new Set(decision.fields)] : [...request.fields];
  const extra = fields.filter((field) => !request.fields.includes(field));
  if (extra.length > 0) return deny('BAD_USER_INPUT', `An approval cannot add items that were not requested: ${extra.join(', ')}`);
  if (fields.length === 0) return deny('BAD_USER_INPUT', 'Approve at least one of the requested items, or refuse with a reason');
  const validUntil = decision.validUntil ?? wantedUntil;
  const badExpiry = checkValidUntil(validUntil, today);
  if (badExpiry) return deny('BAD_USER_INPUT', badExpiry);
  return allow({ fields, validUntil });
}

export function checkEscalation(actor: Consumer, request: RequestState, reason: string): Verdict {
  if (actor.dept !== request.requestingDept) return deny('FORBIDDEN', 'Only the department that made the request can escalate it');
  if (request.status !== 'REFUSED') return deny('CONFLICT', `Only a refused request can be escalated; this one is ${request.status.toLowerCase()}`);
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'Say why the coordination office should decide otherwise');
  return allow(true);
}

export function checkClosingEscalation(actor: Consumer, request: RequestState, reason: string): Verdict {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the coordination office (platform-admin) decides escalated requests');
  if (request.status !== 'ESCALATED') return deny('CONFLICT', `Only an escalated request can be closed; this one is ${request.status.toLowerCase()}`);
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'The coordination office must give its reason (art. 13)');
  return allow(true);
}

export interface ExceptionInput {
  dept: string;
  fields: readonly string[];
  basis: string;
  validUntil: string;
}

export function checkException(actor: Consumer, input: ExceptionInput, catalog: ShareCatalog, today: string, departments: readonly string[]): Verdict {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the coordination office (platform-admin) grants exceptional access');
  if (!departments.includes(input.dept)) return deny('BAD_USER_INPUT', `Unknown department ${input.dept}`);
  if (!input.basis.trim()) return deny('BAD_USER_INPUT', 'An exceptional grant must be recorded with its legal basis');
  const unknown = input.fields.filter((field) => !catalog.has(field));
  if (input.fields.length === 0 || unknown.length > 0) return deny('BAD_USER_INPUT', `Unknown data items: ${unknown.join(', ') || '(none given)'}`);
  const badExpiry = checkValidUntil(input.validUntil, today);
  if (badExpiry) return deny('BAD_USER_INPUT', badExpiry);
  return allow(true);
}

export function checkRevocation(actor: Consumer, grant: { field: string; revoked: boolean }, catalog: ShareCatalog, reason: string): Verdict {
  const provider = catalog.get(grant.field)?.provider;
  const isProviderAdmin = actor.roles.includes('provider-admin') && actor.dept === provider;
  if (!isProviderAdmin && !actor.roles.includes('platform-admin')) {
    return deny('FORBIDDEN', 'Only the provider\'s sharing administrator or the coordination office revokes a grant');
  }
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'A revocation must give its reason');
  if (grant.revoked) return deny('CONFLICT', 'The grant is already revoked');
  return allow(true);
}
