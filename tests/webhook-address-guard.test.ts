/**
 * The webhook sender's address guard over a real store and a real HTTP server on this machine: a
 * receiver named `localhost` (resolved at connection time) or given as 127.0.0.1 is refused unless
 * loopback is allowed, and nothing reaches it; two senders on one store (two instances) deliver a
 * pending row once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_DELIVERY, createWebhookSender } from '../subgraphs/info-center/webhook-delivery.ts';
import { seedStore } from '../subgraphs/info-center/seed.ts';
import { openMigratedStore, STORE_BACKENDS } from './support/databases.ts';

describe.each(STORE_BACKENDS)('webhook address guard on %s', (_backend, createDatabase) => {
  let opened: Awaited<ReturnType<typeof openMigratedStore>>;
  let server: Server;
  let hits = 0;
  let port = 0;
  beforeAll(async () => {
    opened = await openMigratedStore(createDatabase);
    await seedStore(opened.store.db);
    server = createServer((_request, response) => {
      hits += 1;
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await opened.close();
  });

  async function pendingDelivery(url: string): Promise<string> {
    const { db } = opened.store;
    const eventId = crypto.randomUUID();
    await db
      .insertInto('webhooks')
      .values({
        dept: 'civil-affairs',
        url,
        secret: 'whsec_test',
        registered_by: 't',
        registered_at: new Date(),
        secret_rotated_at: new Date(),
        removed_at: null,
        removed_by: null,
      })
      .onConflict((oc) => oc.column('dept').doUpdateSet({ url }))
      .execute();
    await db
      .insertInto('notification_events')
      .values({ id: eventId, kind: 'DECIDED', at: new Date(), subject_kind: 'access_request', subject_id: 'x', text: '共享申请已同意', dedup_key: null })
      .execute();
    await db.insertInto('notification_inbox').values({ event_id: eventId, dept: 'civil-affairs', role: 'consumer' }).execute();
    const row = await db
      .insertInto('webhook_deliveries')
      .values({ event_id: eventId, dept: 'civil-affairs', status: 'PENDING', next_attempt_at: new Date(Date.now() - 1000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  const deliveryRow = (id: string) => opened.store.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('when a receiver is on loopback and loopback is not allowed, then the attempt is refused at connection time and nothing reaches it', async () => {
    const sender = createWebhookSender(opened.store.db, { ...DEFAULT_WEBHOOK_DELIVERY, timeoutMs: 1_000 });
    try {
      const byName = await pendingDelivery(`http://localhost:${port}/hook`);
      await sender.deliverDue();
      expect(await deliveryRow(byName)).toMatchObject({ status: 'PENDING', attempts: 1, last_error: expect.stringMatching(/loopback address/) });
      const byAddress = await pendingDelivery(`http://127.0.0.1:${port}/hook`);
      await sender.deliverDue();
      expect(await deliveryRow(byAddress)).toMatchObject({ status: 'PENDING', attempts: 1, last_error: 'refused: 127.0.0.1 is a loopback address' });
      expect(hits).toBe(0);
    } finally {
      await sender.close();
    }
  });

  it('when two instances deliver the same pending rows at once, then each row is posted once', async () => {
    const a = createWebhookSender(opened.store.db, { ...DEFAULT_WEBHOOK_DELIVERY, allowLoopback: true });
    const b = createWebhookSender(opened.store.db, { ...DEFAULT_WEBHOOK_DELIVERY, allowLoopback: true });
    try {
      await opened.store.db.updateTable('webhook_deliveries').set({ status: 'DEAD', next_attempt_at: null }).where('status', '=', 'PENDING').execute();
      hits = 0;
      const ids = [];
      for (let i = 0; i < 6; i += 1) ids.push(await pendingDelivery(`http://127.0.0.1:${port}/hook`));
      const attempted = await Promise.all([a.deliverDue(), b.deliverDue(), a.deliverDue(), b.deliverDue()]);
      expect(attempted.reduce((sum, n) => sum + n, 0)).toBe(6);
      expect(hits).toBe(6);
      for (const id of ids) expect(await deliveryRow(id)).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
