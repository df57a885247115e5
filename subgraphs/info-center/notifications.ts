/**
 * The in-app inbox: a department's notifications per role, newest first, and marking them read.
 * A caller reads the inboxes of the roles its token holds and the registry bears out (consumer;
 * provider-admin for a listed sharing administrator; platform-admin for the operator's office); the
 * read state is shared by everyone of the department in that role.
 */
import type { Selectable } from 'kysely';
import { shareError } from '../../platform/errors.ts';
import type { NotificationEventsTable, NotificationInboxTable } from '../../platform/store/tables.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { readPage, ROW_ID } from './read-page.ts';

/** An inbox entry with its event. */
export type NotificationRow = Selectable<NotificationInboxTable> &
  Pick<Selectable<NotificationEventsTable>, 'kind' | 'at' | 'subject_kind' | 'subject_id' | 'text'>;

/** Most notifications one page holds (`first`). */
const MAX_NOTIFICATION_PAGE = 100;

function parseRowId(value: string, name: string): string {
  if (!ROW_ID.test(value)) throw shareError('BAD_USER_INPUT', { message: `${name} "${value.slice(0, 32)}" is not a notification id` });
  return value;
}

export async function listNotifications(
  services: GovernanceServices,
  actor: Actor,
  args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
): Promise<{ notifications: NotificationRow[]; nextCursor: string | null; unread: number }> {
  const { first, after } = readPage(args, MAX_NOTIFICATION_PAGE);
  const mine = services.db
    .selectFrom('notification_inbox as n')
    .where('n.dept', '=', actor.dept)
    .where('n.role', 'in', [...actor.roles]);
  let page = mine
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .selectAll('n')
    .select(['e.kind', 'e.at', 'e.subject_kind', 'e.subject_id', 'e.text'])
    .orderBy('n.id', 'desc')
    .limit(first + 1);
  if (args.unreadOnly) page = page.where('n.read_at', 'is', null);
  if (after) page = page.where('n.id', '<', after);
  const [rows, counted] = await Promise.all([
    page.execute(),
    mine
      .where('n.read_at', 'is', null)
      .select((eb) => eb.fn.countAll<string>().as('unread'))
      .executeTakeFirstOrThrow(),
  ]);
  const notifications = rows.slice(0, first);
  return { notifications, nextCursor: rows.length > first ? String(notifications[notifications.length - 1]!.id) : null, unread: Number(counted.unread) };
}

/** Marks the caller's notifications among `ids` read (ids of other inboxes are passed over, as if absent); returns how many changed. */
export async function markNotificationsRead(services: GovernanceServices, actor: Actor, ids: readonly string[]): Promise<number> {
  const rowIds = [...new Set(ids.map((id) => parseRowId(id, 'ids')))];
  if (rowIds.length === 0) return 0;
  const updated = await services.db
    .updateTable('notification_inbox')
    .set({ read_at: services.now(), read_by: actor.app })
    .where('id', 'in', rowIds)
    .where('dept', '=', actor.dept)
    .where('role', 'in', [...actor.roles])
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}
