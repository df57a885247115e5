/**
 * The governance event log is a hash chain, on PGlite and on real PostgreSQL: concurrent governance
 * changes extend one chain (never fork it, never deadlock), the events recorded before the chain
 * existed are chained by the migration, and a changed, deleted or reordered event is named.
 */
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpGrantsVersion } from '../subgraphs/info-center/grants.ts';
import { recordEvent } from '../subgraphs/info-center/governance-event-chain.ts';
import { verifyGovernanceEvents } from '../subgraphs/info-center/governance-event-chain.ts';
import { openStore } from '../platform/store/database.ts';
import { migrateToLatest } from '../platform/store/migrate.ts';
import * as governance from '../platform/store/migrations/0001-governance.ts';
import * as audit from '../platform/store/migrations/0002-audit.ts';
import { countGovernanceEvents, STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const actor = { app: 'human-resources-admin', dept: 'human-resources', roles: ['provider-admin' as const] };

describe.each(STORE_BACKENDS)('governance event chain on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const verify = () => verifyGovernanceEvents(platform.store.db);
  const eventCount = () => countGovernanceEvents(platform.store.db);

  it('when governance changes are made at once through the gateway, then their events form one unbroken chain', async () => {
    const approvalApp = platform.client({ dept: 'approval', app: 'approval-app', roles: ['consumer'] });
    const hrAdmin = platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
    const apply = () =>
      approvalApp.query(
        'mutation { requestAccess(input: { fields: ["Resident.pensionStatus"], purpose: BUSINESS_COLLABORATION, justification: "核验" }) { id } }',
      );
    const applied = await Promise.all(Array.from({ length: 6 }, apply));
    const ids = applied.map((r) => (r.body.data?.['requestAccess'] as { id: string }).id);
    const decide = (id: string) => hrAdmin.query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true, reason: "同意") { status } }', { id });
    await Promise.all([...ids.map(decide), decide(ids[0]!), decide(ids[1]!)]);
    const report = await verify();
    expect(report).toEqual({ ok: true, events: await eventCount() });
    expect(report.events).toBeGreaterThanOrEqual(12);
  });

  it('when transactions record events and bump the grants version in either order at once, then none deadlocks and the chain stays whole', async () => {
    const before = await eventCount();
    const change = (i: number) =>
      platform.store.db.transaction().execute(async (trx) => {
        if (i % 2 === 0) await bumpGrantsVersion(trx);
        await recordEvent(trx, {
          actor,
          subjectKind: 'grant',
          subjectId: `g-${i}`,
          action: 'revoked',
          reason: `理由 ${i}`,
          details: { b: i, a: [i, { z: 1, y: 2 }] },
        });
        if (i % 2 === 1) await bumpGrantsVersion(trx);
        await recordEvent(trx, { actor, subjectKind: 'grant', subjectId: `g-${i}`, action: 'noted', details: {} });
      });
    await Promise.all(Array.from({ length: 20 }, (_, i) => change(i)));
    expect(await verify()).toEqual({ ok: true, events: before + 40 });
  });

  it('when an event is changed, deleted or moved, then verification names the first broken event; restored, it passes', async () => {
    const db = platform.store.db;
    const at = (seq: number) => db.selectFrom('governance_events').selectAll().where('seq', '=', String(seq)).executeTakeFirstOrThrow();
    const third = await at(3);
    await db.updateTable('governance_events').set({ reason: '篡改' }).where('id', '=', third.id).execute();
    expect((await verify()).problem).toBe(
      `governance event 3 (row id ${third.id}, ${third.action} ${third.subject_kind} ${third.subject_id}): content does not match its hash — the event was changed`,
    );
    await db.updateTable('governance_events').set({ reason: third.reason }).where('id', '=', third.id).execute();
    expect((await verify()).ok).toBe(true);

    await db.deleteFrom('governance_events').where('id', '=', third.id).execute();
    expect((await verify()).problem).toMatch(/^governance event 4 \(row id \d+, .+\): expected event 3 next — an event was deleted$/);
    const { id: _id, ...restored } = third;
    await db
      .insertInto('governance_events')
      .values({ ...restored, details: JSON.stringify(third.details) })
      .execute();
    expect((await verify()).ok).toBe(true);

    const second = await at(2);
    const restoredThird = await at(3);
    await db.updateTable('governance_events').set({ seq: -1 }).where('id', '=', second.id).execute();
    await db.updateTable('governance_events').set({ seq: 2 }).where('id', '=', restoredThird.id).execute();
    await db.updateTable('governance_events').set({ seq: 3 }).where('id', '=', second.id).execute();
    expect((await verify()).problem).toMatch(
      new RegExp(
        `^governance event 2 \\(row id ${restoredThird.id}, .+\\): does not link to the previous event's hash — events were reordered or one was replaced$`,
      ),
    );
    await db.updateTable('governance_events').set({ seq: -1 }).where('id', '=', second.id).execute();
    await db.updateTable('governance_events').set({ seq: 3 }).where('id', '=', restoredThird.id).execute();
    await db.updateTable('governance_events').set({ seq: 2 }).where('id', '=', second.id).execute();
    expect((await verify()).ok).toBe(true);

    const last = await db.selectFrom('governance_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('governance_events').where('id', '=', last.id).execute();
    expect((await verify()).problem).toBe(
      `governance events: the chain's head names event ${last.seq} but the log ends at event ${Number(last.seq) - 1} — events were deleted from the end`,
    );
  });
});

describe.each(STORE_BACKENDS)('governance event chain migration on %s', (_backend, createDatabase) => {
  it('when the chain is introduced, then the events already recorded are chained in the order they were written', async () => {
    const database = await createDatabase();
    const store = await openStore({ databaseUrl: database.databaseUrl });
    try {
      const before = new Migrator({ db: store.db, provider: { getMigrations: async () => ({ '0001-governance': governance, '0002-audit': audit }) } });
      expect((await before.migrateToLatest()).error).toBeUndefined();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table as it was before the chain
      const old = store.db as any;
      for (const action of ['submitted', 'approved', 'revoked']) {
        await old
          .insertInto('governance_events')
          .values({
            actor: 'a',
            actor_dept: 'approval',
            subject_kind: 'grant',
            subject_id: 'g',
            action,
            reason: null,
            details: JSON.stringify({ z: 1, a: { y: [1, 2] } }),
          })
          .execute();
      }
      await migrateToLatest(store.db);
      expect(await verifyGovernanceEvents(store.db)).toEqual({ ok: true, events: 3 });
      const actions = await store.db.selectFrom('governance_events').select('action').orderBy('seq').execute();
      expect(actions.map((row) => row.action)).toEqual(['submitted', 'approved', 'revoked']);
      await recordEvent(store.db, { actor, subjectKind: 'grant', subjectId: 'g', action: 'noted' });
      expect(await verifyGovernanceEvents(store.db)).toEqual({ ok: true, events: 4 });
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
