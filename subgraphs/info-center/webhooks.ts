/**
 * Departments' webhooks: registered (or moved to another address), their secret rotated, removed,
 * and their deliveries listed, by the department's sharing administrator or the operator. The
 * secret is generated here and answered once, to whoever registered or rotated it; it is never read
 * back through the API. Every change is a governance event (the address, never the secret).
 */
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { checkWebhookAdministration, checkWebhookUrl } from '../../policies/governance/check-webhook.ts';
import { shareError } from '../../platform/errors.ts';
import type { WebhookDeliveriesTable, WebhooksTable } from '../../platform/store/tables.ts';
import { assertVerdict } from './governance-errors.ts';
import { recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { readPage } from './read-page.ts';

export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable> & { kind: string };

/** Most deliveries one page holds (`first`). */
const MAX_DELIVERY_PAGE = 100;

/** 32 random bytes, hex: the HMAC-SHA256 key of a department's deliveries. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

export async function registerWebhook(
  services: GovernanceServices,
  actor: Actor,
  args: { department: string; url: string },
): Promise<{ webhook: WebhookRow; secret: string }> {
  assertVerdict(checkWebhookAdministration(actor, args.department, services.departments));
  const url = assertVerdict(checkWebhookUrl(args.url)).href;
  const now = services.now();
  const secret = newSecret();
  const values = { url, secret, registered_by: actor.app, registered_at: now, secret_rotated_at: now, removed_at: null, removed_by: null };
  const webhook = await services.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhooks')
      .values({ dept: args.department, ...values })
      .onConflict((oc) => oc.column('dept').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actor, subjectKind: 'webhook', subjectId: args.department, action: 'registered', details: { url } });
    return row;
  });
  return { webhook, secret };
}

export async function rotateWebhookSecret(
  services: GovernanceServices,
  actor: Actor,
  args: { department: string },
): Promise<{ webhook: WebhookRow; secret: string }> {
  assertVerdict(checkWebhookAdministration(actor, args.department, services.departments));
  const secret = newSecret();
  const webhook = await services.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhooks')
      .set({ secret, secret_rotated_at: services.now() })
      .where('dept', '=', args.department)
      .where('removed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw shareError('NOT_FOUND', { message: `${args.department} has no webhook registered` });
    await recordEvent(trx, { actor, subjectKind: 'webhook', subjectId: args.department, action: 'secret-rotated' });
    return row;
  });
  return { webhook, secret };
}

/** Removes the webhook; its deliveries still pending are not attempted any more (DEAD, saying why). */
export async function removeWebhook(services: GovernanceServices, actor: Actor, args: { department: string }): Promise<WebhookRow> {
  assertVerdict(checkWebhookAdministration(actor, args.department, services.departments));
  return services.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhooks')
      .set({ removed_at: services.now(), removed_by: actor.app })
      .where('dept', '=', args.department)
      .where('removed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw shareError('NOT_FOUND', { message: `${args.department} has no webhook registered` });
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'DEAD', next_attempt_at: null, last_error: 'the webhook was removed' })
      .where('dept', '=', args.department)
      .where('status', '=', 'PENDING')
      .execute();
    await recordEvent(trx, { actor, subjectKind: 'webhook', subjectId: args.department, action: 'removed' });
    return row;
  });
}

/** The caller's department's webhook, or every department's for the operator; provider-admins and the operator only. */
export async function listWebhooks(services: GovernanceServices, actor: Actor): Promise<WebhookRow[]> {
  if (actor.roles.includes('platform-admin')) return services.db.selectFrom('webhooks').selectAll().orderBy('dept').execute();
  assertVerdict(checkWebhookAdministration(actor, actor.dept, services.departments));
  return services.db.selectFrom('webhooks').selectAll().where('dept', '=', actor.dept).execute();
}

export async function listWebhookDeliveries(
  services: GovernanceServices,
  actor: Actor,
  args: { department?: string | null; first?: number | null; after?: string | null },
): Promise<{ deliveries: WebhookDeliveryRow[]; nextCursor: string | null }> {
  const department = args.department ?? actor.dept;
  assertVerdict(checkWebhookAdministration(actor, department, services.departments));
  const { first, after } = readPage(args, MAX_DELIVERY_PAGE);
  let query = services.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.kind')
    .where('d.dept', '=', department)
    .orderBy('d.id', 'desc')
    .limit(first + 1);
  if (after) query = query.where('d.id', '<', after);
  const rows = await query.execute();
  const deliveries = rows.slice(0, first);
  return { deliveries, nextCursor: rows.length > first ? String(deliveries[deliveries.length - 1]!.id) : null };
}
