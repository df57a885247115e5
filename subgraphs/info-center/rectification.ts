/**
 * Rectification notices (通知整改, 周政发〔2018〕6号 art. 22): from a violation the evaluation report
 * detected, the coordination office notifies the department to rectify within a number of working
 * days; the department records what it did; a notice not rectified by its due date (still open after
 * it, or recorded after it) is listed as OVERDUE, for a circulated criticism (通报批评).
 * Visible as other governance records: the operator sees every notice, a department its own.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { checkRectificationNotice, checkRectificationRecord } from '../../policies/governance/evaluate-department.ts';
import { addWorkingDays } from '../../policies/governance/working-calendar.ts';
import type { RectificationNoticesTable } from '../../platform/store/tables.ts';
import { assertVerdict, notFound } from './governance-errors.ts';
import { recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { loadWorkingCalendar } from './working-calendar.ts';
import { shareError } from '../../platform/errors.ts';

export type RectificationNoticeRow = Selectable<RectificationNoticesTable>;

export const RECTIFICATION_STATUSES = ['OPEN', 'RECORDED', 'OVERDUE'] as const;

export interface IssueNoticeInput {
  department: string;
  kind: string;
  examples?: string[] | null;
  text: string;
  workingDays?: number | null;
}

export async function issueRectificationNotice(services: GovernanceServices, actor: Actor, input: IssueNoticeInput): Promise<RectificationNoticeRow> {
  const { workingDays } = assertVerdict(checkRectificationNotice(actor, input));
  const department = await services.db.selectFrom('departments').select('code').where('code', '=', input.department).executeTakeFirst();
  if (!department) throw shareError('NOT_FOUND', { message: `No department ${JSON.stringify(input.department)} is registered` });
  const now = services.now();
  const dueDate = addWorkingDays(chinaDate(now), workingDays, await loadWorkingCalendar(services.db));
  const notice = await services.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('rectification_notices')
      .values({
        id: randomUUID(),
        department: input.department,
        kind: input.kind,
        examples: JSON.stringify(input.examples ?? []),
        text: input.text.trim(),
        issued_by: actor.app,
        issued_at: now,
        working_days: workingDays,
        due_date: dueDate,
        status: 'OPEN',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      subjectKind: 'rectification_notice',
      subjectId: row.id,
      action: 'issued',
      reason: row.text,
      details: { department: row.department, kind: row.kind, examples: input.examples ?? [], workingDays, dueDate },
    });
    return row;
  });
  return notice; // announced with its event, in its transaction (notification-outbox.ts)
}

export async function recordRectification(services: GovernanceServices, actor: Actor, input: { id: string; action: string }): Promise<RectificationNoticeRow> {
  return services.db.transaction().execute(async (trx) => {
    const notice = await trx.selectFrom('rectification_notices').selectAll().where('id', '=', input.id).forUpdate().executeTakeFirst();
    if (!notice || !visibleTo(actor, notice)) throw notFound('rectification notice', input.id);
    assertVerdict(checkRectificationRecord(actor, notice));
    const updated = await trx
      .updateTable('rectification_notices')
      .set({ status: 'RECORDED', recorded_by: actor.app, recorded_at: services.now(), action_taken: input.action.trim() })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actor, subjectKind: 'rectification_notice', subjectId: input.id, action: 'recorded', reason: input.action });
    return updated;
  });
}

const visibleTo = (actor: Actor, notice: { department: string }) => actor.roles.includes('platform-admin') || notice.department === actor.dept;

/** Whether a notice was not rectified by its due date: still open after it, or recorded after it. */
export function isRectificationOverdue(notice: RectificationNoticeRow, today: string): boolean {
  const done = notice.recorded_at === null ? null : chinaDate(new Date(notice.recorded_at));
  return done === null ? today > notice.due_date : done > notice.due_date;
}

export async function listRectificationNotices(
  services: GovernanceServices,
  actor: Actor,
  args: { status?: string | null; department?: string | null },
): Promise<RectificationNoticeRow[]> {
  if (args.status && !(RECTIFICATION_STATUSES as readonly string[]).includes(args.status))
    throw shareError('BAD_USER_INPUT', { message: `status must be one of ${RECTIFICATION_STATUSES.join(', ')}` });
  let query = services.db.selectFrom('rectification_notices').selectAll().orderBy('issued_at', 'desc').orderBy('id').limit(500);
  if (!actor.roles.includes('platform-admin')) query = query.where('department', '=', actor.dept);
  if (args.department) query = query.where('department', '=', args.department);
  if (args.status === 'OPEN' || args.status === 'RECORDED') query = query.where('status', '=', args.status);
  const today = chinaDate(services.now());
  // Every overdue notice is due before today: narrowed before the limit, so older overdue notices are listed too.
  if (args.status === 'OVERDUE') query = query.where('due_date', '<', today);
  const rows = await query.execute();
  return args.status === 'OVERDUE' ? rows.filter((row) => isRectificationOverdue(row, today)) : rows;
}
