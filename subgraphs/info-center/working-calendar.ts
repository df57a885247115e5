/**
 * The working calendar in the store of record (周政发〔2018〕6号 art. 13, 16): the years the
 * coordination office entered from the State Council's notices, read for every deadline counted; and
 * entering a year, which recounts the deadlines still running that it moves, each change recorded.
 */
import type { Kysely, Transaction } from 'kysely';
import { checkCalendarEntry, checkCalendarYear } from '../../policies/governance/check-calendar-entry.ts';
import { ANSWER_WORKING_DAYS } from '../../policies/governance/check-access-request.ts';
import { DISPUTE_ANSWER_WORKING_DAYS } from '../../policies/governance/check-dispute-report.ts';
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

/** Deadlines still running, with the day they were counted from and how many working days they run. */
const RUNNING = [
  { table: 'access_requests', status: 'PENDING', from: 'submitted_at', days: ANSWER_WORKING_DAYS, kind: 'access_request' },
  { table: 'disputes', status: 'OPEN', from: 'reported_at', days: DISPUTE_ANSWER_WORKING_DAYS, kind: 'dispute' },
] as const;

async function recountRunningDeadlines(trx: Transaction<Database>, actor: Actor, calendar: WorkingCalendar, year: number): Promise<number> {
  let moved = 0;
  for (const running of RUNNING) {
    const rows = await trx.selectFrom(running.table).select(['id', running.from, 'due_date']).where('status', '=', running.status).forUpdate().execute();
    for (const row of rows) {
      const from = chinaDate(new Date(row[running.from as keyof typeof row] as Date | string));
      const dueDate = addWorkingDays(from, running.days, calendar);
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
    await recountRunningDeadlines(trx, actor, await loadWorkingCalendar(trx), input.year);
  });
  return workingCalendarYear(services, input.year);
}
