/**
 * The notification outbox: an announcement is written in the transaction of the change it announces
 * (or, for a deadline, by the scheduler, keyed so that it is written at most once per subject and
 * kind), together with its inbox entries and one pending delivery per recipient department that has
 * a webhook. Nothing leaves the store here: the scheduler delivers the pending rows later, so a change
 * that rolls back announces nothing, and one that commits is announced even if this process dies.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { notificationFor, type NotifiableFacts, type NotificationDraft } from '../../policies/governance/notification-for.ts';
import type { Database, DisputesTable, GrantsTable } from '../../platform/store/tables.ts';
import type { AccessRequestRow } from './governance-rows.ts';

export interface NotificationSubject {
  kind: string;
  id: string;
}

/** Writes one announcement; returns its event id, or null when its key was already announced. */
async function enqueueNotification(
  trx: Transaction<Database>,
  draft: NotificationDraft,
  subject: NotificationSubject,
  options: { at: Date; dedupKey?: string },
): Promise<string | null> {
  const inserted = await trx
    .insertInto('notification_events')
    .values({
      id: randomUUID(),
      kind: draft.kind,
      at: options.at,
      subject_kind: subject.kind,
      subject_id: subject.id,
      text: draft.text,
      dedup_key: options.dedupKey ?? null,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const recipients = [...new Map(draft.recipients.map((r) => [`${r.dept}\u0000${r.role}`, r])).values()];
  await trx
    .insertInto('notification_inbox')
    .values(recipients.map((r) => ({ event_id: inserted.id, dept: r.dept, role: r.role })))
    .execute();
  const departments = [...new Set(recipients.map((r) => r.dept))];
  const hooks = await trx.selectFrom('webhooks').select('dept').where('dept', 'in', departments).where('removed_at', 'is', null).execute();
  if (hooks.length > 0) {
    await trx
      .insertInto('webhook_deliveries')
      .values(hooks.map((hook) => ({ event_id: inserted.id, dept: hook.dept, status: 'PENDING', next_attempt_at: new Date() })))
      .execute();
  }
  return inserted.id;
}

/** What a notification about an access request says of it. */
export const requestFacts = (row: AccessRequestRow, action: string): NotifiableFacts => ({
  subjectKind: 'access_request',
  action,
  requestingDept: row.requesting_dept,
  provider: row.provider,
  fields: row.fields,
  purpose: row.purpose,
  status: row.status,
  dueDate: row.due_date,
});

/** What a notification about a grant says of it. */
export const grantFacts = (row: Pick<Selectable<GrantsTable>, 'dept' | 'field' | 'request_id' | 'valid_until'>, action: string): NotifiableFacts => ({
  subjectKind: 'grant',
  action,
  dept: row.dept,
  field: row.field,
  fromRequest: row.request_id !== null,
  validUntil: lastDayOf(row.valid_until),
});

/** What a notification about a data dispute says of it. */
export const disputeFacts = (row: Pick<Selectable<DisputesTable>, 'reporting_dept' | 'provider' | 'field' | 'due_date'>, action: string): NotifiableFacts => ({
  subjectKind: 'dispute',
  action,
  reportingDept: row.reporting_dept,
  provider: row.provider,
  field: row.field,
  dueDate: row.due_date,
});

/** The last China date a grant is valid (it ends at the start of the next day). */
function lastDayOf(validUntil: Date | string): string {
  return chinaDate(new Date(new Date(validUntil).getTime() - 1));
}

/** The department names announcements use (the registry's), by code; a code the registry does not hold is its own name. */
export async function readDepartmentNames(db: Kysely<Database>): Promise<(code: string) => string> {
  const rows = await db.selectFrom('departments').select(['code', 'name']).execute();
  const names = new Map(rows.map((row) => [row.code, row.name]));
  return (code) => names.get(code) ?? code;
}

/** The facts of a governance event's subject as the announcement rule reads them; undefined for subjects nobody is told about. */
async function factsOf(
  trx: Transaction<Database>,
  event: { subjectKind: string; subjectId: string; action: string; details?: Record<string, unknown> | undefined },
): Promise<NotifiableFacts | undefined> {
  const { subjectId: id, action } = event;
  switch (event.subjectKind) {
    case 'access_request': {
      const row = await trx.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? requestFacts(row, action) : undefined;
    }
    case 'grant': {
      const row = await trx.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? grantFacts(row, action) : undefined;
    }
    case 'dispute': {
      const row = await trx.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? disputeFacts(row, action) : undefined;
    }
    case 'rectification_notice': {
      const row = await trx.selectFrom('rectification_notices').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { subjectKind: 'rectification_notice', action, department: row.department, kind: row.kind, dueDate: row.due_date } : undefined;
    }
    case 'subgraph': {
      const version = event.details?.['version'];
      return { subjectKind: 'subgraph', action, name: id, version: typeof version === 'number' ? version : undefined };
    }
    default:
      return undefined;
  }
}

const ANNOUNCED_SUBJECTS = new Set(['access_request', 'grant', 'dispute', 'rectification_notice', 'subgraph']);

/** Announces a governance event, in its transaction, to whoever it concerns (if anyone). */
export async function enqueueGovernanceNotification(
  trx: Transaction<Database>,
  event: { subjectKind: string; subjectId: string; action: string; details?: Record<string, unknown> | undefined },
): Promise<void> {
  if (!ANNOUNCED_SUBJECTS.has(event.subjectKind)) return;
  const facts = await factsOf(trx, event);
  if (!facts) return;
  const draft = notificationFor(facts, await readDepartmentNames(trx));
  if (draft) await enqueueNotification(trx, draft, { kind: event.subjectKind, id: event.subjectId }, { at: new Date() });
}

/**
 * Announces a deadline at most once per subject and kind (the scheduler's events), naming departments
 * by `names` (`readDepartmentNames`, read once per sweep rather than once per announcement).
 */
export async function enqueueDeadlineNotification(
  trx: Transaction<Database>,
  facts: NotifiableFacts,
  subjectId: string,
  options: { at: Date; names: (code: string) => string },
): Promise<string | null> {
  const { at } = options;
  const draft = notificationFor(facts, options.names);
  if (!draft) return null;
  return enqueueNotification(trx, draft, { kind: facts.subjectKind, id: subjectId }, { at, dedupKey: `${draft.kind}:${subjectId}` });
}
