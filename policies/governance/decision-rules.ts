/**
 * Decision rules
 *
 * A provider's sharing administrator decides requests for its own department's items only, never a
 * request its own department made; a refusal states its reason; an approval may be narrower (fewer
 * items, a shorter validity) but never wider, and never expires in the past. Only pending requests
 * are decided. A refused request, or a pending one whose answer is overdue, may be escalated by the
 * requesting department; the coordination office (platform-admin) then grants exceptions with a
 * legal basis — exactly to the escalated request's department, items and purpose — and only it
 * revokes them. The operator never grants its own department an exception.
 * Serves art. 13 and 21.
 */
import { PLATFORM_OPERATOR, type Consumer, type Purpose, type ShareCatalog } from '../types.ts';
import { checkValidUntil, latestValidUntil, type ValidityWindow } from './check-valid-until.ts';
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

export function checkDecision(actor: Consumer, request: RequestState, decision: Decision, window: ValidityWindow, wantedUntil: string): Verdict<{ fields: string[]; validUntil: string }> {
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
  return withinValidity(decision.validUntil, wantedUntil, window, 'An approval', (validUntil) => allow({ fields, validUntil }));
}

/** The asked `validUntil`, or the wanted one cut to the longest validity; never beyond what was wanted. */
function withinValidity<T>(asked: string | undefined, wantedUntil: string, window: ValidityWindow, who: string, then: (validUntil: string) => Verdict<T>): Verdict<T> {
  const latest = latestValidUntil(window);
  const validUntil = asked ?? (wantedUntil < latest ? wantedUntil : latest);
  const badExpiry = checkValidUntil(validUntil, window);
  if (badExpiry) return deny('BAD_USER_INPUT', badExpiry);
  if (validUntil > wantedUntil) return deny('BAD_USER_INPUT', `${who} may shorten the validity, never extend it: the request asks until ${wantedUntil}`);
  return then(validUntil);
}

export function checkEscalation(actor: Consumer, request: RequestState & { dueDate: string }, reason: string, today: string): Verdict {
  if (actor.dept !== request.requestingDept) return deny('FORBIDDEN', 'Only the department that made the request can escalate it');
  if (request.status === 'PENDING' && today <= request.dueDate) {
    return deny('CONFLICT', `The provider's answer is due by ${request.dueDate}; a pending request can be escalated once that day has passed`);
  }
  if (request.status !== 'REFUSED' && request.status !== 'PENDING') {
    return deny('CONFLICT', `Only a refused or overdue request can be escalated; this one is ${request.status.toLowerCase()}`);
  }
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
  purpose: Purpose;
  basis: string;
  reason: string;
  validUntil: string;
}

/** The escalated request an exception answers. */
export interface EscalatedRequest {
  requestingDept: string;
  fields: readonly string[];
  purpose: string;
  status: string;
  wantedUntil: string;
}

export function checkException(
  actor: Consumer,
  input: ExceptionInput,
  request: EscalatedRequest | undefined,
  context: { catalog: ShareCatalog; window: ValidityWindow; departments: readonly string[] },
): Verdict {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the coordination office (platform-admin) grants exceptional access');
  if (input.dept === PLATFORM_OPERATOR) return deny('FORBIDDEN', `The coordination office never grants exceptional access to the platform operator (${PLATFORM_OPERATOR}) itself`);
  if (!context.departments.includes(input.dept)) return deny('BAD_USER_INPUT', `Unknown department ${input.dept}`);
  if (!input.basis.trim()) return deny('BAD_USER_INPUT', 'An exceptional grant must be recorded with its legal basis');
  if (!input.reason.trim()) return deny('BAD_USER_INPUT', 'The coordination office must give its reason (art. 13)');
  const unknown = input.fields.filter((field) => !context.catalog.has(field));
  if (input.fields.length === 0 || unknown.length > 0) return deny('BAD_USER_INPUT', `Unknown data items: ${unknown.join(', ') || '(none given)'}`);
  if (!request) return withinValidity(input.validUntil, latestValidUntil(context.window), context.window, 'An exception', () => allow(true));
  if (request.status !== 'ESCALATED') return deny('CONFLICT', `Only an escalated request is answered with an exception; this one is ${request.status.toLowerCase()}`);
  if (input.dept !== request.requestingDept) return deny('BAD_USER_INPUT', `The request was made by ${request.requestingDept}: an exception answering it grants ${request.requestingDept} only`);
  if (input.purpose !== request.purpose) return deny('BAD_USER_INPUT', `The request is for ${request.purpose}: an exception answering it grants that purpose only`);
  const extra = input.fields.filter((field) => !request.fields.includes(field));
  if (extra.length > 0) return deny('BAD_USER_INPUT', `An exception cannot add items that were not requested: ${extra.join(', ')}`);
  return withinValidity(input.validUntil, request.wantedUntil, context.window, 'An exception', () => allow(true));
}

export function checkRevocation(actor: Consumer, grant: { field: string; kind: string; revoked: boolean }, catalog: ShareCatalog, reason: string): Verdict {
  if (grant.kind === 'EXCEPTION' && !actor.roles.includes('platform-admin')) {
    return deny('FORBIDDEN', 'An exceptional grant is revoked only by the coordination office (platform-admin) that granted it');
  }
  const provider = catalog.get(grant.field)?.provider;
  const isProviderAdmin = actor.roles.includes('provider-admin') && actor.dept === provider;
  if (!isProviderAdmin && !actor.roles.includes('platform-admin')) {
    return deny('FORBIDDEN', 'Only the provider\'s sharing administrator or the coordination office revokes a grant');
  }
  if (!reason.trim()) return deny('BAD_USER_INPUT', 'A revocation must give its reason');
  if (grant.revoked) return deny('CONFLICT', 'The grant is already revoked');
  return allow(true);
}
