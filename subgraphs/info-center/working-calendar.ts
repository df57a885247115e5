/**
 * The working calendar in the store of record (周政发〔2018〕6号 art. 13, 16): the years the
 * coordination office entered from the State Council's notices, read for every deadline counted; and
 * entering a year, which recounts the deadlines still running that it moves (every running step of an
 * access request, every open dispute, as the regulation profile counts them), each change recorded.
 */
import type { Kysely, Transaction } from 'kysely';
import { checkCalendarEntry, checkCalendarYear } from '../../policies/governance/check-calendar-entry.ts';
import { RUNNING_STATUSES } from '../../policies/governance/request-steps.ts';
import { chinaDate } from '../../policies/governance/china-date.ts';
import {
  addWorkingDays,
  calendarSource,
  scheduleOf,
  type CalendarSource,
  type WorkingCalendar,
  type YearSchedule,
} from '../../policies/governance/working-calendar.ts';
import type { Database } from '../../platform/store/tables.ts';
import { assertVerdict } from './governance-errors.ts';
import { recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';

export interface WorkingCalendarYearView extends YearSchedule {
  year: number;
  source: CalendarSource;
  enteredBy: string | null;
  enteredAt: Date | null;
  reason: string | null;
}

export async function loadWorkingCalendar(db: Kysely<Database> | Transaction<Database>): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('working_calendar_years').select(['year', 'holidays', 'workdays']).execute();
  return { entered: new Map(rows.map((row) => [row.year, { holidays: row.holidays, workdays: row.workdays }])) };
}

export async function workingCalendarYear(services: GovernanceServices, year: number): Promise<WorkingCalendarYearView> {
  assertVerdict(checkCalendarYear(year));
  const entry = await services.db.selectFrom('working_calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  const calendar = await loadWorkingCalendar(services.db);
  return {
    year,
    source: calendarSource(year, calendar),
    ...scheduleOf(year, calendar),
    enteredBy: entry?.entered_by ?? null,
    enteredAt: entry ? new Date(entry.entered_at) : null,
    reason: entry?.reason ?? null,
  };
}

/** A deadline still running: the day its step started and the working days it runs. */
interface RunningDeadline {
  id: string;
  from: Date | string;
  workingDays: number | null;
  due_date: string;
}

/**
 * Deadlines still running: each access request's current step (compliance check, provider's answer,
 * negotiation) from the day that step started, and each open dispute's answer under the profile.
 */
async function runningDeadlines(trx: Transaction<Database>, disputeDays: number) {
  const requests = await trx
    .selectFrom('access_requests')
    .select(['id', 'step_started_at as from', 'step_working_days as workingDays', 'due_date'])
    .where('status', 'in', [...RUNNING_STATUSES])
    .forUpdate()
    .execute();
  const disputes = await trx.selectFrom('disputes').select(['id', 'reported_at as from', 'due_date']).where('status', '=', 'OPEN').forUpdate().execute();
  return [
    { table: 'access_requests' as const, kind: 'access_request', rows: requests as RunningDeadline[] },
    { table: 'disputes' as const, kind: 'dispute', rows: disputes.map((row): RunningDeadline => ({ ...row, workingDays: disputeDays })) },
  ];
}

async function recountRunningDeadlines(
  trx: Transaction<Database>,
  actor: Actor,
  calendar: WorkingCalendar,
  year: number,
  disputeDays: number,
): Promise<number> {
  let moved = 0;
  for (const running of await runningDeadlines(trx, disputeDays)) {
    for (const row of running.rows) {
      if (row.workingDays === null) continue;
      const dueDate = addWorkingDays(chinaDate(new Date(row.from)), row.workingDays, calendar);
      if (dueDate === row.due_date) continue;
      await trx.updateTable(running.table).set({ due_date: dueDate }).where('id', '=', row.id).execute();
      await recordEvent(trx, {
        actor,
        subjectKind: running.kind,
        subjectId: row.id,
        action: 'due-date-recounted',
        details: { year, from: row.due_date, to: dueDate },
      });
      moved += 1;
    }
  }
  return moved;
}

/** The operator enters (or corrects) a year's schedule; deadlines still running that it moves are recounted. */
export async function enterWorkingCalendar(
  services: GovernanceServices,
  actor: Actor,
  input: { year: number; holidays: string[]; workdays: string[]; reason: string },
): Promise<WorkingCalendarYearView> {
  const schedule = assertVerdict(checkCalendarEntry(actor, input.year, input, input.reason));
  const reason = input.reason.trim();
  const row = {
    holidays: JSON.stringify(schedule.holidays),
    workdays: JSON.stringify(schedule.workdays),
    entered_by: actor.app,
    entered_at: services.now(),
    reason,
  };
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('working_calendar_years')
      .values({ year: input.year, ...row })
      .onConflict((oc) => oc.column('year').doUpdateSet(row))
      .execute();
    await recordEvent(trx, { actor, subjectKind: 'working_calendar', subjectId: String(input.year), action: 'entered', reason, details: { ...schedule } });
    await recountRunningDeadlines(trx, actor, await loadWorkingCalendar(trx), input.year, services.profile.disputes.answerWorkingDays);
  });
  return workingCalendarYear(services, input.year);
}
