/**
 * The columns a request sets when it enters a step (周政发〔2018〕6号 art. 13): its status, when the
 * step started and how many working days it runs, and — for a step awaiting an answer — the day that
 * answer is due, counted on the working calendar. A step without a deadline keeps the last due date.
 */
import type { Updateable } from 'kysely';
import { chinaDate } from '../../policies/governance/china-date.ts';
import type { RequestStep } from '../../policies/governance/request-steps.ts';
import { addWorkingDays, type WorkingCalendar } from '../../policies/governance/working-calendar.ts';
import type { AccessRequestsTable } from '../../platform/store/tables.ts';

export function enterStep(step: RequestStep, now: Date, calendar: WorkingCalendar): Updateable<AccessRequestsTable> {
  const entered = { status: step.status, step_started_at: now, step_working_days: step.workingDays };
  if (step.workingDays === null) return entered;
  return { ...entered, due_date: addWorkingDays(chinaDate(now), step.workingDays, calendar) };
}

/**
 * The columns a request sets when it is escalated to the profile's next step, by the requesting
 * department or by the platform: the step, who escalated and why, and when the negotiation or the
 * coordination office's part began.
 */
export function enterEscalation(
  step: RequestStep,
  now: Date,
  calendar: WorkingCalendar,
  escalation: { by: string; reason: string },
): Updateable<AccessRequestsTable> {
  return {
    ...enterStep(step, now, calendar),
    escalated_by: escalation.by,
    escalation_reason: escalation.reason,
    ...(step.status === 'NEGOTIATING' ? { negotiation_started_at: now } : { escalated_at: now }),
  };
}

/** The requested items not shared (NONE) in the catalog as it is now: no provider grants them. */
export function notSharedItems(fields: readonly string[], catalog: ReadonlyMap<string, { shareType: string }>): string[] {
  return fields.filter((field) => catalog.get(field)?.shareType === 'NONE');
}
