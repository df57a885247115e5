/**
 * Check exception
 *
 * An exceptional grant is only made by the coordination office (platform-admin), with a legal basis
 * and a reason, for a purpose the regulation profile lists, for known data items of a registered department — never the platform operator
 * itself — and within the longest validity. Answering a request, it answers only an escalated one,
 * and grants exactly its department, purpose and action (READ or VERIFY), only items it asked for,
 * never longer than asked.
 * Serves art. 11(1) (items not shared rest on a legal basis) and art. 13 (the coordination office
 * decides escalated requests); art. 4 (the operator runs the platform, it is no consumer of it).
 */
import { PLATFORM_OPERATOR, type Consumer, type GrantAction, type Purpose, type ShareCatalog } from '../types.ts';
import { latestValidUntil, narrowValidity, type ValidityWindow } from './check-valid-until.ts';
import type { RequestState } from './request-state.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface ExceptionInput {
  dept: string;
  fields: readonly string[];
  purpose: Purpose;
  /** What the grants allow; absent: the answered request's action, else READ. */
  action?: GrantAction | undefined;
  basis: string;
  reason: string;
  validUntil: string;
}

/**
 * @param request the request the exception answers, if any; without it, everything the input alone
 *   settles is checked (so an adapter can refuse before it reads the store).
 */
export function checkException(
  actor: Consumer,
  input: ExceptionInput,
  request: RequestState | undefined,
  context: { catalog: ShareCatalog; window: ValidityWindow; departments: readonly string[]; purposes: readonly Purpose[] },
): Verdict<{ action: GrantAction }> {
  if (!actor.roles.includes('platform-admin')) return deny('FORBIDDEN', 'Only the coordination office (platform-admin) grants exceptional access');
  if (input.dept === PLATFORM_OPERATOR)
    return deny('FORBIDDEN', `The coordination office never grants exceptional access to the platform operator (${PLATFORM_OPERATOR}) itself`);
  if (!context.departments.includes(input.dept)) return deny('BAD_USER_INPUT', `Unknown department ${input.dept}`);
  if (!context.purposes.includes(input.purpose))
    return deny('BAD_USER_INPUT', `The regulation profile knows the purposes ${context.purposes.join(', ')}, not ${input.purpose}`);
  if (!input.basis.trim()) return deny('BAD_USER_INPUT', 'An exceptional grant must be recorded with its legal basis');
  if (!input.reason.trim()) return deny('BAD_USER_INPUT', 'The coordination office must give its reason (art. 13)');
  const unknown = input.fields.filter((field) => !context.catalog.has(field));
  if (input.fields.length === 0 || unknown.length > 0) return deny('BAD_USER_INPUT', `Unknown data items: ${unknown.join(', ') || '(none given)'}`);
  const wantedUntil = request?.wantedUntil ?? latestValidUntil(context.window);
  if (request) {
    if (request.status !== 'ESCALATED')
      return deny('CONFLICT', `Only an escalated request is answered with an exception; this one is ${request.status.toLowerCase()}`);
    if (input.dept !== request.requestingDept)
      return deny('BAD_USER_INPUT', `The request was made by ${request.requestingDept}: an exception answering it grants ${request.requestingDept} only`);
    if (input.purpose !== request.purpose)
      return deny('BAD_USER_INPUT', `The request is for ${request.purpose}: an exception answering it grants that purpose only`);
    if (input.action !== undefined && input.action !== (request.action ?? 'READ'))
      return deny('BAD_USER_INPUT', `The request asks to ${(request.action ?? 'READ').toLowerCase()}: an exception answering it grants that action only`);
    const extra = input.fields.filter((field) => !request.fields.includes(field));
    if (extra.length > 0) return deny('BAD_USER_INPUT', `An exception cannot add items that were not requested: ${extra.join(', ')}`);
  }
  const validity = narrowValidity(input.validUntil, wantedUntil, context.window, 'An exception');
  const action = input.action ?? (request?.action === 'VERIFY' ? 'VERIFY' : 'READ');
  return validity.ok ? allow({ action }) : validity;
}
