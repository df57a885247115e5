/** What the governance rule tests share: a day, actors, a pending request, and verdicts in words. */
import { requireShippedProfile } from '../regulation-profiles.ts';
import type { Consumer, Role } from '../types.ts';
import type { RequestState } from './request-state.ts';
import type { Verdict } from './verdict.ts';

export const TODAY = '2026-06-01';
export const WINDOW = { today: TODAY, maxDays: 365 };

/** The shipped profiles: 周政发〔2018〕6号 as it reads, and the provincial two-step procedure. */
export const ZHOUCUN = requireShippedProfile('zhoucun-2018');
export const PROVINCIAL = requireShippedProfile('provincial-two-step');

/** An application of `dept` holding `roles` (a plain consumer without). */
export const actor = (dept: string, ...roles: Role[]): Consumer => ({ app: `${dept}-app`, dept, roles: roles.length ? roles : ['consumer'] });

/** civil-affairs asks human-resources for two items, until the end of the year. */
export const pending: RequestState = {
  requestingDept: 'civil-affairs',
  provider: 'human-resources',
  fields: ['Resident.pension', 'Resident.pensionIn'],
  status: 'PENDING',
  purpose: 'ADMINISTRATIVE_BASIS',
  wantedUntil: '2026-12-31',
  dueDate: '2026-06-15',
};

/** `ok`, or `PROBLEM: message`: a refusal compared by its exact words. */
export function outcome(verdict: Verdict<unknown>): string {
  return verdict.ok ? 'ok' : `${verdict.problem}: ${verdict.message}`;
}
