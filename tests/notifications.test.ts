/**
 * Notifications end to end over HTTP, on embedded PGlite and on the machine's real PostgreSQL: the
 * inboxes after a request, a decision and a revocation; deadlines announced once on a controlled
 * clock, and an overdue request escalating by itself through a second instance; webhooks delivered
 * to real HTTP receivers started here (signature verified, retried after failures with the same
 * event id, DEAD when the receiver never answers); and hostile inputs refused with registry codes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { failure, startStoreBackedPlatform, stopStoreBackedPlatform, type Client, type TestPlatform } from './support/test-platform.ts';

const NOTIFICATIONS = '{ notifications(first: 100) { unread notifications { id eventId kind role read subject { kind id text } } } }';

interface Notice {
  id: string;
  eventId: string;
  kind: string;
  role: string;
  read: boolean;
  subject: { kind: string; id: string; text: string };
}

interface Received {
  eventId: string | undefined;
  attempt: string | undefined;
  signatureValid: boolean;
  body: { id: string; kind: string; department: string; roles: string[]; subject: { id: string } };
}

/** A real receiver: verifies each delivery's signature with `secret()`, answers `status(n)` for the n-th delivery (undefined: never answers). */
async function startReceiver(secret: () => string, status: (n: number) => number | undefined) {
  const received: Received[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-zhoucun-timestamp']);
      const expected = Buffer.from(`v1=${createHmac('sha256', secret()).update(`${timestamp}.${body}`).digest('hex')}`);
      const sent = Buffer.from(String(request.headers['x-zhoucun-signature']));
      received.push({
        eventId: request.headers['x-zhoucun-event-id'] as string | undefined,
        attempt: request.headers['x-zhoucun-delivery-attempt'] as string | undefined,
        signatureValid: sent.length === expected.length && timingSafeEqual(sent, expected),
        body: JSON.parse(body) as Received['body'],
      });
      const answer = status(received.length);
      if (answer !== undefined) response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/zhoucun`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let tries = 0; tries < 300; tries += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.each(STORE_BACKENDS)('notifications on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => {
    ({ platform, database } = await startStoreBackedPlatform(createDatabase, {
      notifications: {
        sweepIntervalMs: 3_600_000,
        deliverIntervalMs: 50,
        delivery: { allowLoopback: true, maxAttempts: 4, timeoutMs: 300, retryBaseMs: 50 },
      },
    }));
  });
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const approvalClerk = () => platform.client({ dept: 'approval', app: 'approval-clerk' });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
  const civilAdmin = () => platform.client({ dept: 'civil-affairs', app: 'civil-affairs-admin', roles: ['consumer', 'provider-admin'] });
  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });

  async function inbox(client: Client): Promise<{ unread: number; notifications: Notice[] }> {
    const { body } = await client.query(NOTIFICATIONS);
    expect(body.errors).toBeUndefined();
    return body.data?.['notifications'] as { unread: number; notifications: Notice[] };
  }
  const about = async (client: Client, id: string, kind?: string) =>
    (await inbox(client)).notifications.filter((n) => n.subject.id === id && (!kind || n.kind === kind));

  async function apply(field = 'Resident.pensionStatus'): Promise<{ id: string; dueDate: string }> {
    const { body } = await approvalClerk().query(
      `mutation { requestAccess(input: { fields: ["${field}"], purpose: DATA_VERIFICATION, justification: "核验申请人参保状态" }) { id dueDate } }`,
    );
    expect(body.errors).toBeUndefined();
    return body.data?.['requestAccess'] as { id: string; dueDate: string };
  }

  it('art-13: when a department applies, then the provider’s sharing administrators find NEW_REQUEST in their inbox, and no one else does', async () => {
    const { id, dueDate } = await apply();
    const [notice] = await about(hrAdmin(), id);
    expect(notice).toMatchObject({ kind: 'NEW_REQUEST', role: 'provider-admin', read: false, subject: { kind: 'ACCESS_REQUEST', id } });
    expect(notice!.subject.text).toBe(`新的共享申请：区行政审批服务局申请区人力资源和社会保障局的Resident.pensionStatus（数据校核），请于${dueDate}前答复`);
    expect(await about(approvalClerk(), id)).toEqual([]);
    expect(await about(civilAdmin(), id)).toEqual([]);
    expect(await about(platform.client({ dept: 'human-resources', app: 'hr-clerk' }), id)).toEqual([]);
  });

  it('art-13: when the provider decides and later revokes, then the consumer department finds DECIDED and GRANT_REVOKED, and marks them read', async () => {
    const { id } = await apply('Resident.monthlyPension');
    const decided = await hrAdmin().query(`mutation { decideAccessRequest(id: "${id}", approve: true) { grants { id } } }`);
    const grantId = (decided.body.data?.['decideAccessRequest'] as { grants: Array<{ id: string }> }).grants[0]!.id;
    const [decision] = await about(approvalClerk(), id, 'DECIDED');
    expect(decision).toMatchObject({ role: 'consumer', read: false });
    expect(decision!.subject.text).toMatch(/^共享申请已同意：/);

    await hrAdmin().query(`mutation { revokeGrant(id: "${grantId}", reason: "核验事项已办结") { live } }`);
    const [revoked] = await about(approvalClerk(), grantId, 'GRANT_REVOKED');
    expect(revoked).toMatchObject({ role: 'consumer', subject: { kind: 'GRANT', id: grantId, text: '授权已撤销：Resident.monthlyPension' } });

    const before = (await inbox(approvalClerk())).unread;
    const marked = await approvalClerk().query('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [decision!.id, revoked!.id] });
    expect(marked.body.data?.['markNotificationsRead']).toBe(2);
    expect((await inbox(approvalClerk())).unread).toBe(before - 2);
    const unread = await approvalClerk().query('{ notifications(unreadOnly: true, first: 100) { notifications { id } } }');
    expect((unread.body.data?.['notifications'] as { notifications: Notice[] }).notifications.map((n) => n.id)).not.toContain(decision!.id);
    // Another department's inbox entry is passed over, as if it did not exist.
    const [theirs] = (await inbox(hrAdmin())).notifications;
    const foreign = await approvalClerk().query('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [theirs!.id] });
    expect(foreign.body.data?.['markNotificationsRead']).toBe(0);
  });

  it('art-13: when a pending request comes within 2 working days of its due date and then passes it, then DUE_SOON and OVERDUE are each announced once', async () => {
    const { id, dueDate } = await apply('Resident.socialInsurance');
    try {
      platform.governanceClock.set(`${dueDate}T09:00:00+08:00`);
      await platform.notifications!.sweep();
      await platform.notifications!.sweep();
      expect((await about(hrAdmin(), id, 'DUE_SOON')).length).toBe(1);
      platform.governanceClock.set(`${addCalendarDays(dueDate, 1)}T09:00:00+08:00`);
      await platform.notifications!.sweep();
      await platform.notifications!.sweep();
    } finally {
      platform.governanceClock.reset();
    }
    const [overdue, ...again] = await about(hrAdmin(), id, 'OVERDUE');
    expect(again).toEqual([]);
    // Deadline announcements name the departments as the registry does, as every other announcement.
    expect(overdue!.subject.text).toContain('：区行政审批服务局申请区人力资源和社会保障局的Resident.socialInsurance（');
    expect((await about(operator(), id, 'OVERDUE')).length).toBe(1);
    expect((await about(approvalClerk(), id, 'OVERDUE')).length).toBe(1);
    expect((await about(hrAdmin(), id, 'DUE_SOON')).length).toBe(1);
    // Without AUTO_ESCALATE_OVERDUE the request waits for its requester to escalate it.
    const status = await approvalClerk().query(`{ accessRequest(id: "${id}") { status } }`);
    expect(status.body.data?.['accessRequest']).toEqual({ status: 'PENDING' });
  });

  it('art-16: when a dispute is reported, runs past its due date and is answered, then DISPUTE_OPENED, DISPUTE_OVERDUE (once) and DISPUTE_ANSWERED reach their inboxes', async () => {
    const reported = await approvalClerk().query(
      `mutation { reportDispute(input: { field: "Resident.monthlyPension", entityKey: "${DEMO.resident}", description: "数额不符", evidence: "银行流水" }) { id dueDate } }`,
    );
    const { id, dueDate } = reported.body.data?.['reportDispute'] as { id: string; dueDate: string };
    expect((await about(hrAdmin(), id, 'DISPUTE_OPENED')).length).toBe(1);
    try {
      platform.governanceClock.set(`${addCalendarDays(dueDate, 1)}T09:00:00+08:00`);
      await platform.notifications!.sweep();
      await platform.notifications!.sweep();
    } finally {
      platform.governanceClock.reset();
    }
    expect((await about(hrAdmin(), id, 'DISPUTE_OVERDUE')).length).toBe(1);
    expect((await about(operator(), id, 'DISPUTE_OVERDUE')).length).toBe(1);
    await hrAdmin().query(`mutation { answerDispute(id: "${id}", answer: "经核对无误", outcome: CONFIRMED) { status } }`);
    const [answered] = await about(approvalClerk(), id, 'DISPUTE_ANSWERED');
    expect(answered!.subject.text).toBe('区人力资源和社会保障局已答复数据疑义：Resident.monthlyPension');
  });

  it('when a grant ends within 10 days, then its holder is told GRANT_EXPIRING once', async () => {
    const { id } = await apply('Resident.pensionStatus');
    const validUntil = addCalendarDays(chinaDate(new Date()), 5);
    const decided = await hrAdmin().query(`mutation { decideAccessRequest(id: "${id}", approve: true, validUntil: "${validUntil}") { grants { id } } }`);
    expect(decided.body.errors).toBeUndefined();
    const grantId = (decided.body.data?.['decideAccessRequest'] as { grants: Array<{ id: string }> }).grants[0]!.id;
    await platform.notifications!.sweep();
    await platform.notifications!.sweep();
    const expiring = await about(approvalClerk(), grantId, 'GRANT_EXPIRING');
    expect(expiring.map((n) => n.subject.text)).toEqual([`授权将于${validUntil}到期：Resident.pensionStatus，如需继续使用请重新申请`]);
  });

  // Two instances on one store: PostgreSQL's case only (a PGlite store belongs to one process), so on PGlite the test does not exist.
  if (_backend === 'PostgreSQL')
    it("art-13: when overdue requests escalate by themselves and two instances sweep, then the request goes to the profile's first step (negotiation) once and both departments are told once", async () => {
      const { id } = await apply('Resident.monthlyPension');
      await platform.store.db.updateTable('access_requests').set({ due_date: '2020-01-02' }).where('id', '=', id).execute();
      const other = await platform.launchAnotherGateway({ notifications: { autoEscalateOverdue: true, sweepIntervalMs: 3_600_000 } });
      try {
        await Promise.all([other.notifications!.sweep(), other.notifications!.sweep(), platform.notifications!.sweep()]);
      } finally {
        await other.close();
      }
      const status = await approvalClerk().query(`{ accessRequest(id: "${id}") { status escalationReason } }`);
      expect(status.body.data?.['accessRequest']).toMatchObject({ status: 'NEGOTIATING' });
      expect((await about(approvalClerk(), id, 'NEGOTIATION')).length).toBe(1);
      expect((await about(hrAdmin(), id, 'NEGOTIATION')).length).toBe(1);
      expect((await about(operator(), id, 'OVERDUE')).length).toBe(1);
    });

  it('when a webhook receiver fails twice and then accepts, then the delivery is retried with the same event id, signed every time, and DELIVERED', async () => {
    let secret = '';
    const receiver = await startReceiver(
      () => secret,
      (n) => (n <= 2 ? 500 : 204),
    );
    try {
      const registered = await hrAdmin().query(
        `mutation { registerWebhook(department: "human-resources", url: "${receiver.url}") { secret webhook { department url registeredBy } } }`,
      );
      expect(registered.body.errors).toBeUndefined();
      const answer = registered.body.data?.['registerWebhook'] as { secret: string; webhook: unknown };
      secret = answer.secret;
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      expect(answer.webhook).toEqual({ department: 'human-resources', url: receiver.url, registeredBy: 'human-resources-admin' });

      const { id } = await apply('Resident.pensionStatus');
      await until(
        async () => receiver.received.length,
        (n) => n >= 3,
        'three attempts',
      );
      expect(receiver.received.map((r) => r.signatureValid)).toEqual([true, true, true]);
      expect(receiver.received.map((r) => r.attempt)).toEqual(['1', '2', '3']);
      const eventIds = new Set(receiver.received.map((r) => r.eventId));
      expect(eventIds.size).toBe(1);
      const [eventId] = eventIds;
      expect(receiver.received[0]!.body).toMatchObject({
        id: eventId,
        kind: 'NEW_REQUEST',
        department: 'human-resources',
        roles: ['provider-admin'],
        subject: { id },
      });
      // The same body on every attempt.
      expect(receiver.received.map((r) => r.body)).toEqual([0, 1, 2].map(() => receiver.received[0]!.body));
      const [notice] = await about(hrAdmin(), id, 'NEW_REQUEST');
      expect(notice!.eventId).toBe(eventId);

      const delivery = await until(
        async () => {
          const { body } = await hrAdmin().query(
            '{ webhookDeliveries(first: 10) { deliveries { eventId kind status attempts lastError deliveredAt nextAttemptAt } } }',
          );
          return (body.data?.['webhookDeliveries'] as { deliveries: Array<Record<string, unknown>> }).deliveries.find((d) => d['eventId'] === eventId);
        },
        (d) => d?.['status'] === 'DELIVERED',
        'the delivery to settle',
      );
      expect(delivery).toMatchObject({ kind: 'NEW_REQUEST', status: 'DELIVERED', attempts: 3, lastError: null, nextAttemptAt: null });

      // A rotated secret signs the next delivery at once.
      const rotated = await hrAdmin().query('mutation { rotateWebhookSecret(department: "human-resources") { secret } }');
      const newSecret = (rotated.body.data?.['rotateWebhookSecret'] as { secret: string }).secret;
      expect(newSecret).not.toBe(secret);
      secret = newSecret;
      await apply('Resident.monthlyPension');
      await until(
        async () => receiver.received.length,
        (n) => n >= 4,
        'the next delivery',
      );
      expect(receiver.received[3]!.signatureValid).toBe(true);
    } finally {
      await hrAdmin().query('mutation { removeWebhook(department: "human-resources") { removedAt } }');
      await receiver.close();
    }
  });

  it('when a webhook receiver never answers, then the delivery is DEAD after the last attempt, with why, and visible in the deliveries', async () => {
    const receiver = await startReceiver(
      () => 'unused',
      () => undefined,
    );
    try {
      const registered = await civilAdmin().query(`mutation { registerWebhook(department: "civil-affairs", url: "${receiver.url}") { secret } }`);
      expect(registered.body.errors).toBeUndefined();
      // civil-affairs is told of a decision on its request.
      const { body } = await civilAdmin().query(
        'mutation { requestAccess(input: { fields: ["Resident.pensionStatus"], purpose: DATA_VERIFICATION, justification: "低保审核" }) { id } }',
      );
      const id = (body.data?.['requestAccess'] as { id: string }).id;
      await hrAdmin().query(`mutation { decideAccessRequest(id: "${id}", approve: false, reason: "超出履职需要") { status } }`);
      const dead = await until(
        async () => {
          const page = await civilAdmin().query('{ webhookDeliveries { deliveries { kind status attempts lastError nextAttemptAt } } }');
          return (page.body.data?.['webhookDeliveries'] as { deliveries: Array<Record<string, unknown>> }).deliveries[0];
        },
        (d) => d?.['status'] === 'DEAD',
        'the delivery to die',
      );
      expect(dead).toEqual({ kind: 'DECIDED', status: 'DEAD', attempts: 4, lastError: 'no answer within 300 ms', nextAttemptAt: null });
      expect(receiver.received.length).toBe(4);
      // The operator sees every department's deliveries; another department's administrator does not.
      const asOperator = await operator().query('{ webhookDeliveries(department: "civil-affairs") { deliveries { status } } }');
      expect(asOperator.body.errors).toBeUndefined();
      expect(failure((await hrAdmin().query('{ webhookDeliveries(department: "civil-affairs") { deliveries { status } } }')).body)?.code).toBe('FORBIDDEN');
    } finally {
      await civilAdmin().query('mutation { removeWebhook(department: "civil-affairs") { removedAt } }');
      await receiver.close();
    }
  });

  it('when a webhook registration or an inbox call is hostile, then it is refused with a registry code and nothing is registered', async () => {
    const register = (url: string, client = hrAdmin(), department = 'human-resources') =>
      client.query('mutation($department: String!, $url: String!) { registerWebhook(department: $department, url: $url) { secret } }', { department, url });
    const refusals = {
      huge: await register(`https://intranet.zhoucun.gov.cn/${'a'.repeat(100 * 1024)}`),
      javascript: await register('javascript:alert(1)'),
      file: await register('file:///etc/passwd'),
      control: await register('http://10.0.0.8/hook\u0000x'),
      escape: await register('http://10.0.0.8/\u001b[2J'),
      credentials: await register('https://user:secret@10.0.0.8/hook'),
      relative: await register('/hooks'),
      consumer: await register('http://10.0.0.8/hook', approvalClerk(), 'approval'),
      otherDepartment: await register('http://10.0.0.8/hook', hrAdmin(), 'civil-affairs'),
    };
    expect(Object.fromEntries(Object.entries(refusals).map(([name, { body }]) => [name, failure(body)?.code]))).toEqual({
      huge: 'BAD_USER_INPUT',
      javascript: 'BAD_USER_INPUT',
      file: 'BAD_USER_INPUT',
      control: 'BAD_USER_INPUT',
      escape: 'BAD_USER_INPUT',
      credentials: 'BAD_USER_INPUT',
      relative: 'BAD_USER_INPUT',
      consumer: 'FORBIDDEN',
      otherDepartment: 'FORBIDDEN',
    });
    expect(failure(refusals.huge.body)?.message).toBe('url is too long: at most 2048 characters');
    expect(failure(refusals.javascript.body)?.message).toBe('url must be http or https, not javascript:');
    expect(await platform.store.db.selectFrom('webhooks').select('dept').where('removed_at', 'is', null).execute()).toEqual([]);
    // A private address of the intranet is a receiver like any other.
    const intranet = await register('http://10.20.30.40:8080/zhoucun/hooks');
    expect(intranet.body.errors).toBeUndefined();
    await hrAdmin().query('mutation { removeWebhook(department: "human-resources") { removedAt } }');

    const mark = (ids: string[]) => approvalClerk().query('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids });
    const many = Array.from({ length: 101 }, (_, i) => String(i + 1));
    const huge = Array.from({ length: 5_000 }, (_, i) => String(i + 1));
    expect(failure((await mark(many)).body)).toEqual({ code: 'BAD_USER_INPUT', message: 'ids has too many items: at most 100' });
    expect(failure((await mark(huge)).body)?.code).toBe('BAD_USER_INPUT');
    expect(failure((await mark(['1\u0000'])).body)?.code).toBe('BAD_USER_INPUT');
    expect(failure((await mark(['x'.repeat(10_000)])).body)?.code).toBe('BAD_USER_INPUT');
    expect(failure((await mark(['not-an-id'])).body)).toEqual({ code: 'BAD_USER_INPUT', message: 'ids "not-an-id" is not a notification id' });
    expect(failure((await approvalClerk().query('{ notifications(first: 1000) { unread } }')).body)?.code).toBe('BAD_USER_INPUT');
    expect(failure((await approvalClerk().query('{ notifications(first: 0) { unread } }')).body)?.code).toBe('BAD_USER_INPUT');
    expect(failure((await approvalClerk().query('{ notifications(after: "1 or 1=1") { unread } }')).body)?.code).toBe('BAD_USER_INPUT');
  });
});
