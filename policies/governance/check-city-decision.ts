/**
 * Check city decision
 *
 * The city leading group's decision on a referred request is only entered by the coordination office
 * (platform-admin), for a request referred and not yet decided, with the decision's text (its number
 * and what it says). A decision that grants is recorded as exceptional grants with the decision as
 * their basis: only requested items, never longer than the request asked.
 * Serves art. 13: "必要时报请市领导小组协调决定" — the city's decision is entered when it comes.
 */
import type { Consumer } from '../types.ts';
import { narrowValidity, type ValidityWindow } from './check-valid-until.ts';
import type { RequestState } from './request-state.ts';
import { allow, deny, type Verdict } from './verdict.ts';

export interface CityDecision {
  approve: boolean;
  decision: string;
  fields?: readonly string[] | undefined;
  validUntil?: string | undefined;
}

/** The items and validity the decision grants (none when it refuses). */
export function checkCityDecision(
  actor: Consumer,
  request: RequestState,
  decision: CityDecision,
  window: ValidityWindow,
): Verdict<{ fields: string[]; validUntil: string }> {
  if (!actor.roles.includes('platform-admin'))
    return deny('FORBIDDEN', "Only the coordination office (platform-admin) enters the city leading group's decision");
  if (request.status !== 'REFERRED_TO_CITY')
    return deny('CONFLICT', `Only a request referred to the city leading group awaits its decision; this one is ${request.status.toLowerCase()}`);
  if (!decision.decision.trim()) return deny('BAD_USER_INPUT', "Enter the city leading group's decision: its number and what it says");
  if (!decision.approve) return allow({ fields: [], validUntil: request.wantedUntil });
  const fields = decision.fields ? [...new Set(decision.fields)] : [...request.fields];
  const extra = fields.filter((field) => !request.fields.includes(field));
  if (extra.length > 0) return deny('BAD_USER_INPUT', `A decision entered for a request grants only requested items, not ${extra.join(', ')}`);
  if (fields.length === 0) return deny('BAD_USER_INPUT', 'A decision that grants names at least one of the requested items');
  const validity = narrowValidity(decision.validUntil, request.wantedUntil, window, "The city leading group's decision");
  return validity.ok ? allow({ fields, validUntil: validity.value }) : validity;
}
