/**
 * Check access request
 *
 * An access request is only accepted if it names known data items of one provider that are not
 * already the consumer's (UNCONDITIONAL items need no request; a provider reads its own), states a
 * justification, for a purpose the regulation profile lists, and asks for a validity in the future
 * and within the district's longest validity (`checkValidUntil`; the profile's default validity, or
 * the longest if shorter, when it names none). It starts at the profile's first step (`firstStep`):
 * the operator's compliance check, or the provider, whose answer is due in the profile's working
 * days (10 under 周政发〔2018〕6号); a request for NONE items, which the provider cannot grant,
 * goes to negotiation (or the coordination office) instead.
 * Serves art. 13: apply for conditional items, with purpose and scope.
 */
import type { RegulationProfile } from '../regulation-profile.ts';
import type { Purpose, ShareCatalog } from '../types.ts';
import { checkValidUntil, type ValidityWindow } from './check-valid-until.ts';
import { addCalendarDays } from './china-date.ts';
import { firstStep, type RequestStep } from './request-steps.ts';
import { addWorkingDays, type WorkingCalendar } from './working-calendar.ts';
import { allow, deny, type Verdict } from './verdict.ts';

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
  /** The request holds NONE items: the provider cannot grant them. */
  holdsNotShared: boolean;
  /** The step it starts at. */
  step: RequestStep;
  /** YYYY-MM-DD: the last day the grant is wanted. */
  validUntil: string;
  /** YYYY-MM-DD: the first step's answer is due by the end of this day (the request's submission day, for a step without a deadline). */
  dueDate: string;
}

export function checkAccessRequest(
  input: AccessRequestInput,
  requestingDept: string,
  catalog: ShareCatalog,
  window: ValidityWindow,
  calendar: WorkingCalendar,
  profile: RegulationProfile,
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
  if (!profile.purposes.includes(input.purpose))
    return deny('BAD_USER_INPUT', `The regulation profile ${profile.name} knows the purposes ${profile.purposes.join(', ')}, not ${input.purpose}`);
  const validUntil = input.validUntil ?? addCalendarDays(window.today, Math.min(profile.grantValidity.defaultDays, window.maxDays));
  const badExpiry = checkValidUntil(validUntil, window);
  if (badExpiry) return deny('BAD_USER_INPUT', badExpiry);
  const holdsNotShared = shares.some((share) => share.shareType === 'NONE');
  const step = firstStep(profile, holdsNotShared);
  return allow({
    provider: providers[0]!,
    fields,
    holdsNotShared,
    step,
    validUntil,
    dueDate: step.workingDays === null ? window.today : addWorkingDays(window.today, step.workingDays, calendar),
  });
}
