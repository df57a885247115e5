/**
 * Check access request
 *
 * An access request is only accepted if it names known data items of one provider that are not
 * already the consumer's (UNCONDITIONAL items need no request; a provider reads its own), states a
 * justification, and asks for a validity in the future and within the district's longest validity
 * (`checkValidUntil`; one year, or the longest validity if shorter, when it names none). The
 * provider's answer is due in 10 working days. A request for NONE items goes straight to the
 * coordination office: the provider cannot grant them.
 * Serves art. 13: apply for conditional items, with purpose and scope.
 */
import type { Purpose, ShareCatalog } from '../types.ts';
import { checkValidUntil, type ValidityWindow } from './check-valid-until.ts';
import { addCalendarDays } from './china-date.ts';
import { addWorkingDays, type WorkingCalendar } from './working-calendar.ts';
import { allow, deny, type Verdict } from './verdict.ts';

/** Working days a provider has to answer (art. 13). */
export const ANSWER_WORKING_DAYS = 10;
/** Validity asked for when a request names none: one year, or the longest validity if that is shorter. */
const DEFAULT_VALIDITY_DAYS = 365;

export interface AccessRequestInput {
  fields: readonly string[];
  purpose: Purpose;
  justification: string;
  /** YYYY-MM-DD, the last day the grant is wanted; absent: the default validity. */
  validUntil?: string | null | undefined;
}

export interface CheckedAccessRequest {
  provider: string;
  fields: string[];
  /** The request holds NONE items: only the coordination office can decide it. */
  toCoordinationOffice: boolean;
  /** YYYY-MM-DD: the last day the grant is wanted. */
  validUntil: string;
  /** YYYY-MM-DD: the provider's answer is due by the end of this day. */
  dueDate: string;
}

export function checkAccessRequest(
  input: AccessRequestInput,
  requestingDept: string,
  catalog: ShareCatalog,
  window: ValidityWindow,
  calendar: WorkingCalendar,
): Verdict<CheckedAccessRequest> {
  const fields = [...new Set(input.fields.map((field) => field.trim()))];
  if (fields.length === 0) return deny('BAD_USER_INPUT', 'Name at least one data item (Type.field) in fields');
  const unknown = fields.filter((field) => !catalog.has(field));
  if (unknown.length > 0) return deny('BAD_USER_INPUT', `Unknown data items: ${unknown.join(', ')} (use Type.field as listed in the catalog)`);
  const shares = fields.map((field) => catalog.get(field)!);
  const open = shares.filter((share) => share.shareType === 'UNCONDITIONAL').map((share) => share.coordinate);
  if (open.length > 0) return deny('BAD_USER_INPUT', `Shared unconditionally, no request needed: ${open.join(', ')}`);
  const providers = [...new Set(shares.map((share) => share.provider))];
  if (providers.length > 1) return deny('BAD_USER_INPUT', `The items belong to several providers (${providers.join(', ')}): send one request per provider`);
  if (providers[0] === requestingDept) return deny('BAD_USER_INPUT', "These items are your own department's: a provider reads its own data without a request");
  if (!input.justification.trim()) return deny('BAD_USER_INPUT', 'A justification is required: say what the data is needed for');
  const validUntil = input.validUntil ?? addCalendarDays(window.today, Math.min(DEFAULT_VALIDITY_DAYS, window.maxDays));
  const badExpiry = checkValidUntil(validUntil, window);
  if (badExpiry) return deny('BAD_USER_INPUT', badExpiry);
  return allow({
    provider: providers[0]!,
    fields,
    toCoordinationOffice: shares.some((share) => share.shareType === 'NONE'),
    validUntil,
    dueDate: addWorkingDays(window.today, ANSWER_WORKING_DAYS, calendar),
  });
}
