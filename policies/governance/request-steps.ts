/**
 * Request steps
 *
 * Where an access request goes next, as the regulation profile sets its steps: a new request to the
 * operator's compliance check when the profile has one, else to the provider; a request holding items
 * not shared (NONE), which no provider may grant, past the provider to the first escalation step; a
 * refused or overdue request to negotiation between the two departments when the profile has it,
 * else to the coordination office. Each step that awaits someone's answer runs a deadline in working
 * days from the day it starts.
 * Serves art. 13: the provider answers in 10 working days; refused and non-shared items are
 * negotiated, then decided by the coordination office, and if need be by the city leading group.
 */
import { negotiationWorkingDays, providerAnswerWorkingDays, type RegulationProfile } from '../regulation-profile.ts';

/** Statuses awaiting someone's answer by a due date: the operator's check, the provider's answer, the negotiation. */
export const RUNNING_STATUSES = ['COMPLIANCE_CHECK', 'PENDING', 'NEGOTIATING'] as const;

/** A step a request enters: its status and, when it awaits an answer, the working days it runs. */
export interface RequestStep {
  status: string;
  /** Working days until its answer is due; null for a step without a deadline (the coordination office, the city). */
  workingDays: number | null;
}

export function isRunning(status: string): boolean {
  return (RUNNING_STATUSES as readonly string[]).includes(status);
}

/** The first escalation step: negotiation between the two departments, or the coordination office. */
export function escalationStart(profile: RegulationProfile): RequestStep {
  const days = negotiationWorkingDays(profile);
  return days === undefined ? { status: 'ESCALATED', workingDays: null } : { status: 'NEGOTIATING', workingDays: days };
}

/** Where a request goes once it may reach the provider (after the compliance check, if any). */
export function providerStep(profile: RegulationProfile, holdsNotShared: boolean, publicationNeeded: boolean): RequestStep {
  if (holdsNotShared) return escalationStart(profile);
  return { status: 'PENDING', workingDays: providerAnswerWorkingDays(profile, publicationNeeded) };
}

/** Where a new request starts. */
export function firstStep(profile: RegulationProfile, holdsNotShared: boolean): RequestStep {
  const check = profile.request.complianceCheck;
  return check ? { status: 'COMPLIANCE_CHECK', workingDays: check.workingDays } : providerStep(profile, holdsNotShared, false);
}
