/**
 * The governance event log's one mapping between an event and its row, on PGlite and on real
 * PostgreSQL: every field of an event appended by the writer reads back, with the verifier's query,
 * as it was appended and hashes the same, and a change to any single column is named by the verifier.
 */
import { sql, type Updateable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governanceEventToRow, hashGovernanceEvent, rowToGovernanceEvent, type GovernanceEventContent } from '../platform/store/governance-event-codec.ts';
import { appendGovernanceEvent, readGovernanceEventPage, verifyGovernanceEvents } from '../subgraphs/info-center/governance-event-chain.ts';
import type { Store } from '../platform/store/database.ts';
import type { GovernanceEventsTable } from '../platform/store/tables.ts';
import { openMigratedStore, STORE_BACKENDS } from './support/databases.ts';

type Appended = Omit<GovernanceEventContent, 'at'>;

const EVENTS: Appended[] = [
  {
    actor: 'human-resources-admin',
    actor_dept: 'human-resources',
    subject_kind: 'access_request',
    subject_id: 'ar-1',
    action: 'approved',
    reason: '同意：用于低保复核 “李雷” — 𠀀 🧾',
    details: { z: 1, fields: ['Resident.name', 'Resident.monthlyPension'], a: { y: [1, { c: null, b: true }], x: '' } },
  },
  { actor: 'a', actor_dept: 'approval', subject_kind: 'grant', subject_id: 'g-1', action: 'revoked', reason: null, details: {} },
  {
    actor: 'operator',
    actor_dept: 'info-center',
    subject_kind: 'catalog_item',
    subject_id: 'Resident.name',
    action: 'reviewed',
    reason: '',
    details: { override: { shareType: 'CONDITIONAL' }, dropped: undefined, count: 2_000_000_000, list: [] },
  },
];

/** What the database administrator might change in each column of `governance_events` (every column but `id`, its storage identity). */
type Row = Awaited<ReturnType<typeof readGovernanceEventPage>>[number];
const TAMPER: { [column in Exclude<keyof GovernanceEventsTable, 'id'>]: (row: Row) => Updateable<GovernanceEventsTable>[column] } = {
  at: (row) => new Date(new Date(row.at).getTime() + 1),
  actor: (row) => `${row.actor}x`,
  actor_dept: () => 'public-security',
  subject_kind: (row) => `${row.subject_kind}x`,
  subject_id: (row) => `${row.subject_id}x`,
  action: (row) => `${row.action}x`,
  reason: (row) => (row.reason === null ? '' : null),
  details: (row) => JSON.stringify({ ...row.details, added: true }),
  seq: (row) => Number(row.seq) + 100,
  prev_hash: (row) => `${row.prev_hash}0`,
  hash: (row) => `${row.hash.startsWith('0') ? '1' : '0'}${row.hash.slice(1)}`,
};

describe.each(STORE_BACKENDS)('governance event codec on %s', (_backend, createDatabase) => {
  let store: Store;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => void ({ store, close } = await openMigratedStore(createDatabase)));
  afterAll(() => close?.());

  it("when events are appended and read back with the verifier's query, then each decodes to the event appended, field for field, and hashes the same", async () => {
    const before = (await verifyGovernanceEvents(store.db)).events;
    const from = Date.now();
    for (const event of EVENTS) await appendGovernanceEvent(store.db, event);
    const rows = await readGovernanceEventPage(store.db, before);
    const decoded = rows.map(rowToGovernanceEvent);
    // As the store gives details back: members that were undefined are gone.
    expect(decoded.map(({ at: _at, ...event }) => event)).toStrictEqual(
      EVENTS.map((event) => ({ ...event, details: JSON.parse(JSON.stringify(event.details)) as unknown })),
    );
    for (const [i, event] of decoded.entries()) {
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(from);
      expect(hashGovernanceEvent(Number(rows[i]!.seq), rows[i]!.prev_hash, event)).toBe(rows[i]!.hash);
    }
    expect(await verifyGovernanceEvents(store.db)).toEqual({ ok: true, events: before + EVENTS.length });
  });

  it('when any single column of a stored event is changed, then the verifier names the break; restored through the codec, the log verifies', async () => {
    const before = (await verifyGovernanceEvents(store.db)).events;
    for (const event of EVENTS) await appendGovernanceEvent(store.db, event);
    const { rows: columns } = await sql<{
      name: string;
    }>`select column_name as name from information_schema.columns where table_name = 'governance_events'`.execute(store.db);
    expect(columns.map((column) => column.name).sort()).toEqual(['id', ...Object.keys(TAMPER)].sort());
    const rows = await readGovernanceEventPage(store.db, before);
    // Events in the middle of the log, with a reason and details and without.
    for (const row of [rows[0]!, rows[1]!]) {
      for (const [column, change] of Object.entries(TAMPER) as Array<[keyof typeof TAMPER, (row: Row) => unknown]>) {
        await store.db
          .updateTable('governance_events')
          .set({ [column]: change(row) } as Updateable<GovernanceEventsTable>)
          .where('id', '=', row.id)
          .execute();
        const report = await verifyGovernanceEvents(store.db);
        expect({ column, seq: row.seq, ok: report.ok }).toEqual({ column, seq: row.seq, ok: false });
        await store.db
          .updateTable('governance_events')
          .set(governanceEventToRow(rowToGovernanceEvent(row), Number(row.seq), row.prev_hash, row.hash))
          .where('id', '=', row.id)
          .execute();
        expect(await verifyGovernanceEvents(store.db)).toMatchObject({ ok: true });
      }
    }
  });
});
