/**
 * Webhook delivery: the pending deliveries that are due are claimed (`FOR UPDATE SKIP LOCKED`, so
 * that of several instances exactly one takes a row; the claim is a lease written in a short
 * transaction, not a lock held over the network call, so a crashed instance's claim lapses and
 * another delivers), signed, posted, and settled: DELIVERED on a 2xx answer; otherwise retried with
 * exponential backoff and jitter until the last attempt, then DEAD. At least once: a receiver may see
 * an event twice (a lease that lapsed mid-call), never with another event id.
 *
 * Signature: `X-Zhoucun-Signature: v1=<hex HMAC-SHA256(secret, "<X-Zhoucun-Timestamp>.<body>")>`.
 * Redirects are not followed, the receiver's answer is read only for its status (never stored or
 * shown), and every connection goes through an address guard applied after name resolution.
 */
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { Kysely, Selectable } from 'kysely';
import retry from 'retry';
import { Agent, request } from 'undici';
import type { Database, NotificationEventsTable } from '../../platform/store/tables.ts';

export interface WebhookDeliveryOptions {
  /** Attempts before a delivery is DEAD (`WEBHOOK_MAX_ATTEMPTS`); default 10. */
  maxAttempts: number;
  /** Longest wait for a receiver's connection, answer headers and body (`WEBHOOK_TIMEOUT_MS`); default 10 000. */
  timeoutMs: number;
  /** Wait before the second attempt, doubled for each one after, times a random factor 1–2 (`WEBHOOK_RETRY_BASE_MS`); default 30 000. */
  retryBaseMs: number;
  /** Longest wait between two attempts; default one hour. */
  retryMaxMs: number;
  /** Let deliveries reach loopback addresses (`WEBHOOK_ALLOW_LOOPBACK`: development and tests); default false. */
  allowLoopback: boolean;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  maxAttempts: 10,
  timeoutMs: 10_000,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60 * 1000,
  allowLoopback: false,
};

/** Header names of a delivery (README, Notifications). */
const WEBHOOK_HEADERS = {
  eventId: 'x-zhoucun-event-id',
  deliveryId: 'x-zhoucun-delivery-id',
  attempt: 'x-zhoucun-delivery-attempt',
  timestamp: 'x-zhoucun-timestamp',
  signature: 'x-zhoucun-signature',
} as const;

/** Deliveries claimed per round; each round's are posted concurrently. */
const BATCH = 10;

/** The signature header's value for `body` sent at `timestamp` (Unix seconds). */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

// Never reachable by a delivery: the unspecified, link-local (cloud metadata services), multicast and
// reserved ranges. Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) are the intranet: allowed.
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 3, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Why a delivery may not connect to `address`, or undefined when it may. */
export function refusedAddress(address: string, allowLoopback: boolean): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (NEVER.check(ip, family)) return `${address} is an unspecified, link-local, multicast or reserved address`;
  if (!allowLoopback && LOOPBACK.check(ip, family)) return `${address} is a loopback address`;
  return undefined;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.map((a) => refusedAddress(a.address, allowLoopback)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(`${hostname} resolves to ${refused}`), { code: 'EADDRREFUSED' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Why an attempt failed; `final` when no later attempt can succeed. */
interface Failure {
  error: string;
  final: boolean;
}

interface Claimed {
  id: string;
  event_id: string;
  dept: string;
  attempts: number;
}

/** What the deliveries of one claimed batch are posted from. */
interface Batch {
  webhook(delivery: Claimed): { url: string; secret: string } | undefined;
  event(delivery: Claimed): Selectable<NotificationEventsTable> | undefined;
  /** The roles the delivery's department is told the event in, in order. */
  roles(delivery: Claimed): string[];
}

export interface WebhookSender {
  /** Claims the deliveries due now and posts them; returns how many were attempted. */
  deliverDue(): Promise<number>;
  close(): Promise<void>;
}

export function createWebhookSender(db: Kysely<Database>, options: WebhookDeliveryOptions): WebhookSender {
  const agent = new Agent({
    connect: { timeout: options.timeoutMs, lookup: guardedLookup(options.allowLoopback) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });

  async function claim(): Promise<Claimed[]> {
    const now = new Date();
    // Longer than any attempt can take: a claim lapses only when its instance died mid-call.
    const leaseEnd = new Date(now.getTime() + 3 * options.timeoutMs + 5_000);
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'PENDING')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      return trx
        .updateTable('webhook_deliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseEnd, last_attempt_at: now }))
        .where(
          'id',
          'in',
          due.map((row) => row.id),
        )
        .returning(['id', 'event_id', 'dept', 'attempts'])
        .execute();
    });
  }

  /**
   * What a batch of deliveries needs, read once for the batch rather than once per delivery: the
   * departments' webhooks as they stand (read just before the batch's posts start, all at once, as a
   * read per delivery would be), the events, and the roles each department is told in.
   */
  async function readBatch(claimed: readonly Claimed[]): Promise<Batch> {
    const departments = [...new Set(claimed.map((delivery) => delivery.dept))];
    const eventIds = [...new Set(claimed.map((delivery) => delivery.event_id))];
    const [webhooks, events, inbox] = await Promise.all([
      db.selectFrom('webhooks').select(['dept', 'url', 'secret']).where('dept', 'in', departments).where('removed_at', 'is', null).execute(),
      db.selectFrom('notification_events').selectAll().where('id', 'in', eventIds).execute(),
      db
        .selectFrom('notification_inbox')
        .select(['event_id', 'dept', 'role'])
        .where('event_id', 'in', eventIds)
        .where('dept', 'in', departments)
        .orderBy('role')
        .execute(),
    ]);
    const roles = new Map<string, string[]>();
    for (const row of inbox) {
      const key = `${row.event_id}\u0000${row.dept}`;
      roles.set(key, [...(roles.get(key) ?? []), row.role]);
    }
    return {
      webhook: (delivery: Claimed) => webhooks.find((webhook) => webhook.dept === delivery.dept),
      event: (delivery: Claimed) => events.find((event) => event.id === delivery.event_id),
      roles: (delivery: Claimed) => roles.get(`${delivery.event_id}\u0000${delivery.dept}`) ?? [],
    };
  }

  /** The body a receiver gets: the same bytes on every attempt (the event id first). */
  function bodyOf(delivery: Claimed, batch: Batch): string | undefined {
    const event = batch.event(delivery);
    if (!event) return undefined;
    return JSON.stringify({
      id: event.id,
      kind: event.kind,
      at: new Date(event.at).toISOString(),
      department: delivery.dept,
      roles: batch.roles(delivery),
      subject: { kind: event.subject_kind.toUpperCase(), id: event.subject_id, text: event.text },
    });
  }

  /** Posts one delivery; undefined when the receiver took it, else why not (never the receiver's words) and whether trying again can help. */
  async function post(delivery: Claimed, batch: Batch): Promise<Failure | undefined> {
    const webhook = batch.webhook(delivery);
    if (!webhook) return { error: 'the webhook was removed', final: true };
    const body = bodyOf(delivery, batch);
    if (body === undefined) return { error: 'the event is missing', final: true };
    const error = await send(delivery, webhook, body);
    return error === undefined ? undefined : { error, final: false };
  }

  /** The HTTP attempt itself: undefined on a 2xx answer, else why not. */
  async function send(delivery: Claimed, webhook: { url: string; secret: string }, body: string): Promise<string | undefined> {
    const host = new URL(webhook.url).hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host) ? refusedAddress(host, options.allowLoopback) : undefined;
    if (literal) return `refused: ${literal}`;
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await request(webhook.url, {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'zhoucun-notifications/1',
          [WEBHOOK_HEADERS.eventId]: delivery.event_id,
          [WEBHOOK_HEADERS.deliveryId]: delivery.id,
          [WEBHOOK_HEADERS.attempt]: String(delivery.attempts),
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhookBody(webhook.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(2 * options.timeoutMs),
      });
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return response.statusCode >= 200 && response.statusCode < 300 ? undefined : `HTTP ${response.statusCode}`;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const name = (error as Error).name;
      if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        return `no answer within ${options.timeoutMs} ms`;
      }
      const cause = (error as { cause?: { message?: string } }).cause;
      return `${typeof code === 'string' ? code : name}: ${(error as Error).message || cause?.message || 'failed'}`.slice(0, 300);
    }
  }

  async function settle(delivery: Claimed, failure: Failure | undefined): Promise<void> {
    const now = new Date();
    const dead = failure !== undefined && (failure.final || delivery.attempts >= options.maxAttempts);
    const change =
      failure === undefined
        ? { status: 'DELIVERED', delivered_at: now, next_attempt_at: null, last_error: null }
        : dead
          ? { status: 'DEAD', next_attempt_at: null, last_error: failure.error }
          : {
              status: 'PENDING',
              last_error: failure.error,
              next_attempt_at: new Date(
                now.getTime() +
                  retry.createTimeout(delivery.attempts - 1, { factor: 2, minTimeout: options.retryBaseMs, maxTimeout: options.retryMaxMs, randomize: true }),
              ),
            };
    // Only over this very claim: a lapsed lease another instance took since is left to that one.
    await db
      .updateTable('webhook_deliveries')
      .set(change)
      .where('id', '=', delivery.id)
      .where('attempts', '=', delivery.attempts)
      .where('status', '=', 'PENDING')
      .execute();
  }

  return {
    async deliverDue() {
      const claimed = await claim();
      if (claimed.length === 0) return 0;
      const batch = await readBatch(claimed);
      await Promise.all(claimed.map(async (delivery) => settle(delivery, await post(delivery, batch))));
      return claimed.length;
    },
    close: () => agent.close(),
  };
}
