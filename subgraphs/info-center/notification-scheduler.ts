/**
 * The notification scheduler, in the info-center's process: it looks for deadlines (a pending request
 * due within 2 working days or overdue, an open dispute overdue, a grant ending within 10 days) and
 * announces each at most once per subject (the outbox's key holds that across instances); escalates
 * overdue requests where the platform is configured so; and delivers the webhooks due. Runs are
 * serialised within the process; across processes the outbox key and the deliveries' row claims keep
 * every announcement and every delivery single.
 */
import { sql } from 'kysely';
import { chinaDate, endOfChinaDate } from '../../policies/governance/china-date.ts';
import { checkAutoEscalation, dueSoonUntil, expiringUntil } from '../../policies/governance/deadline-notices.ts';
import type { NotifiableFacts } from '../../policies/governance/notification-for.ts';
import { PLATFORM_OPERATOR } from '../../policies/types.ts';
import type { Database } from '../../platform/store/tables.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { disputeFacts, enqueueDeadlineNotification, grantFacts, readDepartmentNames, requestFacts } from './notification-outbox.ts';
import { transitionAccessRequest } from './transition-access-request.ts';
import { enterEscalation } from './enter-step.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { createWebhookSender, type WebhookDeliveryOptions } from './webhook-delivery.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

export interface NotificationSchedulerOptions {
  delivery: WebhookDeliveryOptions;
  /** How often deadlines are looked for (`NOTIFICATION_SWEEP_INTERVAL_MS`); default 60 000. */
  sweepIntervalMs: number;
  /** How often due webhook deliveries are looked for; default 1 000. */
  deliverIntervalMs: number;
  /**
   * Whether an overdue request escalates by itself to the coordination office (`AUTO_ESCALATE_OVERDUE`).
   * Asked in one place only, on every sweep.
   */
  autoEscalateOverdue: () => boolean;
  /** Told of a failed run (the next run tries again). */
  onError: (error: unknown) => void;
}

export interface NotificationScheduler {
  /** Looks for deadlines once; returns how many announcements it wrote. */
  sweep(): Promise<number>;
  /** Posts the webhook deliveries due now; returns how many it attempted. */
  deliver(): Promise<number>;
  close(): Promise<void>;
}

/** Announcements of one kind per sweep at most; the next sweep takes the rest. */
const BATCH = 200;

/** Who escalates an overdue request by itself: the platform, as the operator (it sees every request). */
const SCHEDULER: Actor = { app: 'notification-scheduler', dept: PLATFORM_OPERATOR, roles: ['platform-admin'] };

/** Rows of `table` not yet announced as `kind` (the outbox key is `<kind>:<id>`). */
function notAnnounced(kind: string, table: keyof Database) {
  return sql<boolean>`not exists (select 1 from notification_events ne where ne.dedup_key = ${`${kind}:`} || ${sql.ref(`${table}.id`)})`;
}

async function announce(
  services: GovernanceServices,
  facts: NotifiableFacts,
  id: string,
  deadline: { at: Date; names: (code: string) => string },
): Promise<number> {
  return (await services.db.transaction().execute((trx) => enqueueDeadlineNotification(trx, facts, id, deadline))) ? 1 : 0;
}

/** Escalates one overdue request as the platform; false when it has moved on meanwhile (another instance, an answer). */
async function escalateOverdueRequest(services: GovernanceServices, id: string, today: string): Promise<boolean> {
  const now = services.now();
  try {
    await services.db.transaction().execute(async (trx) => {
      const calendar = await loadWorkingCalendar(trx);
      await transitionAccessRequest(trx, SCHEDULER, id, {
        check: (state) => checkAutoEscalation(state, today, services.profile),
        change: (step) =>
          enterEscalation(step, now, calendar, { by: SCHEDULER.app, reason: '提供部门逾期未答复，平台自动提请协调（周政发〔2018〕6号第十三条）' }),
        event: (step) => ({
          action: 'escalated',
          reason: 'overdue: escalated by the platform',
          details: { from: 'PENDING', to: step.status, automatic: true },
        }),
      });
    });
    return true;
  } catch (error) {
    if ((error as { extensions?: { code?: unknown } }).extensions?.code === 'CONFLICT') return false;
    throw error;
  }
}

async function sweepDeadlines(services: GovernanceServices, autoEscalateOverdue: () => boolean): Promise<number> {
  const { db } = services;
  const now = services.now();
  const today = chinaDate(now);
  const calendar = await loadWorkingCalendar(db);
  // The registry's names, once for the sweep's announcements (a department registered meanwhile has no deadline yet).
  const deadline = { at: now, names: await readDepartmentNames(db) };
  let announced = 0;
  const pending = () => db.selectFrom('access_requests').selectAll().where('status', '=', 'PENDING').limit(BATCH);
  const dueSoon = await pending()
    .where('due_date', '>=', today)
    .where('due_date', '<=', dueSoonUntil(today, calendar))
    .where(notAnnounced('DUE_SOON', 'access_requests'))
    .execute();
  for (const row of dueSoon) announced += await announce(services, requestFacts(row, 'due-soon'), row.id, deadline);
  const overdue = await pending().where('due_date', '<', today).where(notAnnounced('OVERDUE', 'access_requests')).execute();
  for (const row of overdue) announced += await announce(services, requestFacts(row, 'overdue'), row.id, deadline);
  if (autoEscalateOverdue()) {
    for (const row of await pending().where('due_date', '<', today).execute()) await escalateOverdueRequest(services, row.id, today);
  }
  const disputes = await db
    .selectFrom('disputes')
    .selectAll()
    .where('status', '=', 'OPEN')
    .where('due_date', '<', today)
    .where(notAnnounced('DISPUTE_OVERDUE', 'disputes'))
    .limit(BATCH)
    .execute();
  for (const row of disputes) announced += await announce(services, disputeFacts(row, 'overdue'), row.id, deadline);
  const expiring = await db
    .selectFrom('grants')
    .selectAll()
    .where('revoked_at', 'is', null)
    .where('valid_until', '>', now)
    .where('valid_until', '<=', endOfChinaDate(expiringUntil(today)))
    .where(notAnnounced('GRANT_EXPIRING', 'grants'))
    .limit(BATCH)
    .execute();
  for (const row of expiring) announced += await announce(services, grantFacts(row, 'expiring'), row.id, deadline);
  return announced;
}

export function startNotificationScheduler(services: GovernanceServices, options: NotificationSchedulerOptions): NotificationScheduler {
  const sender = createWebhookSender(services.db, options.delivery);
  const runs = oneAtATime();
  const sweep = () => runs.run(() => sweepDeadlines(services, options.autoEscalateOverdue));
  const deliver = () => runs.run(() => sender.deliverDue());
  // A timer's run is skipped while its previous one is still going (a slow receiver), so runs never pile up.
  const every = (run: () => Promise<unknown>, intervalMs: number) => {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      run()
        .catch(options.onError)
        .finally(() => (running = false));
    };
    return [setTimeout(tick, Math.min(intervalMs, 1_000)), setInterval(tick, intervalMs)];
  };
  const timers = [...every(sweep, options.sweepIntervalMs), ...every(deliver, options.deliverIntervalMs)];
  for (const timer of timers) timer.unref();
  return {
    sweep,
    deliver,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await runs.idle();
      await sender.close();
    },
  };
}
