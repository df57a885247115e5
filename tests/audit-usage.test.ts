/**
 * Usage counts and the audit listing read the same audit scope, on PGlite and on real PostgreSQL:
 * for every kind of viewer — the operator, a provider's sharing administrator, a consumer department,
 * a department with nothing on record — `dataUsage` counts exactly the records `auditRecords` shows
 * it that hold a data item shown to it, in total and per provider and consumer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCatalog } from '../policies/test-fixtures.ts';
import type { Consumer } from '../policies/types.ts';
import { dataUsage, listAuditRecords, type AuditRow, type UsageDimension } from '../subgraphs/info-center/audit-views.ts';
import { syncCatalog } from '../subgraphs/info-center/catalog.ts';
import type { GovernanceServices } from '../subgraphs/info-center/governance-services.ts';
import { openMigratedStore, STORE_BACKENDS } from './support/databases.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile } from '../policies/regulation-profiles.ts';

const PERIOD = { from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z' };

/** Records in the period unless said otherwise: granted items and the providers actually called. */
const RECORDS: Array<{ dept: string; granted: string[]; providers: string[]; outcome?: string; at?: string }> = [
  { dept: 'civil-affairs', granted: ['Query.resident', 'Resident.name', 'Resident.pension'], providers: ['public-security', 'human-resources'] },
  { dept: 'approval', granted: ['Query.resident', 'Resident.pension'], providers: ['public-security', 'human-resources'] },
  { dept: 'human-resources', granted: ['Query.resident', 'Resident.name', 'Resident.address'], providers: ['public-security'] },
  { dept: 'human-resources', granted: ['Query.resident', 'Resident.pension'], providers: ['public-security', 'human-resources'] },
  // a root field only: listed, but no data item received
  { dept: 'civil-affairs', granted: ['Query.resident'], providers: ['public-security'] },
  // refused before anything ran
  { dept: 'civil-affairs', granted: [], providers: [], outcome: 'REJECTED' },
  // a human-resources item granted, but no resident found: human-resources was never called
  { dept: 'approval', granted: ['Query.resident', 'Resident.pension'], providers: ['public-security'] },
  // outside the period
  { dept: 'civil-affairs', granted: ['Query.resident', 'Resident.pension'], providers: ['public-security', 'human-resources'], at: '2026-06-02T00:00:00Z' },
];

const VIEWERS: Array<[string, Consumer]> = [
  ['the operator', { app: 'info-center-admin', dept: 'info-center', roles: ['platform-admin'] }],
  ["a provider's sharing administrator", { app: 'human-resources-admin', dept: 'human-resources', roles: ['consumer', 'provider-admin'] }],
  ['another provider’s sharing administrator', { app: 'public-security-admin', dept: 'public-security', roles: ['consumer', 'provider-admin'] }],
  ['a consumer department', { app: 'means-test', dept: 'civil-affairs', roles: ['consumer'] }],
  ['a department with nothing on record', { app: 'licensing', dept: 'market-regulation', roles: ['consumer'] }],
];

const isDataItem = (item: string) => !item.startsWith('Query.') && !item.startsWith('Mutation.');

/** What the listing shows `viewer`, counted as usage: records with a data item shown, per key. */
function countShown(rows: AuditRow[], key: (row: AuditRow, item: string) => string): Record<string, number> {
  const counts: Record<string, Set<string>> = {};
  for (const row of rows) for (const item of row.visibleGranted.filter(isDataItem)) (counts[key(row, item)] ??= new Set()).add(row.id);
  return Object.fromEntries(Object.entries(counts).map(([k, ids]) => [k, ids.size]));
}

async function usage(services: GovernanceServices, viewer: Consumer, dimension: UsageDimension): Promise<Record<string, number>> {
  const rows = await dataUsage(services, viewer, { ...PERIOD, groupBy: [dimension] });
  return Object.fromEntries(rows.map((row) => [String(row[dimension.toLowerCase()]), Number(row['requests'])]));
}

describe.each(STORE_BACKENDS)('audit usage on %s', (_backend, createDatabase) => {
  let close: () => Promise<void>;
  let services: GovernanceServices;

  beforeAll(async () => {
    const opened = await openMigratedStore(createDatabase);
    close = opened.close;
    const db = opened.store.db;
    await syncCatalog(db, testCatalog, new Date(PERIOD.from));
    await db
      .insertInto('audit_records')
      .values(
        RECORDS.map((record, i) => ({
          chain: 'usage-test',
          seq: i + 1,
          prev_hash: `h${i}`,
          hash: `h${i + 1}`,
          at: new Date(record.at ?? Date.parse(PERIOD.from) + i * 60_000),
          request_id: `r${i}`,
          app: `${record.dept}-app`,
          dept: record.dept,
          roles: JSON.stringify(['consumer']),
          purpose: 'DATA_VERIFICATION',
          matter: null,
          operation_hash: 'x',
          operation_name: null,
          granted: JSON.stringify(record.granted),
          denied: JSON.stringify([]),
          masked: JSON.stringify([]),
          providers: record.providers,
          served: JSON.stringify(Object.fromEntries(record.providers.map((p) => [p, { calls: 1, entities: 1 }]))),
          outcome: record.outcome ?? 'SERVED',
          duration_ms: 5,
          code: record.outcome === 'REJECTED' ? 'BAD_REQUEST' : null,
        })),
      )
      .execute();
    services = {
      db,
      catalog: () => testCatalog,
      departments: [],
      grantMaxValidityDays: 365,
      profile: requireShippedProfile(DEFAULT_REGULATION_PROFILE),
      now: () => new Date(PERIOD.to),
      grantsChanged: async () => undefined,
      supergraphSdl: () => '',
      localSubgraphs: [],
      supergraphChanged: async () => undefined,
    };
  }, 60_000);
  afterAll(() => close?.());

  it.each(VIEWERS)('art-15, art-17: when %s asks for usage, then the totals are the records its listing shows with a data item', async (_who, viewer) => {
    const { records } = await listAuditRecords(services, viewer, PERIOD, 200);
    const total = (await dataUsage(services, viewer, { ...PERIOD, groupBy: [] }))[0]?.['requests'] ?? 0;
    expect(total).toBe(Object.values(countShown(records, () => 'all'))[0] ?? 0);
    expect(await usage(services, viewer, 'PROVIDER')).toEqual(countShown(records, (_row, item) => testCatalog.get(item)!.provider));
    expect(await usage(services, viewer, 'CONSUMER')).toEqual(countShown(records, (row) => row.dept));
  });

  it('when the viewers differ, then so do their totals: the operator counts every record with a data item, a provider fewer, a department with nothing none', async () => {
    const total = async (viewer: Consumer) => (await dataUsage(services, viewer, { ...PERIOD, groupBy: [] }))[0]?.['requests'] ?? 0;
    const [operator, provider, consumer, none] = [VIEWERS[0]![1], VIEWERS[1]![1], VIEWERS[3]![1], VIEWERS[4]![1]];
    expect(await total(operator)).toBe(5);
    // its own two records, and approval's and civil-affairs' pension reads where it was called; not approval's without a call
    expect(await total(provider)).toBe(4);
    expect(await total(consumer)).toBe(1);
    expect(await total(none)).toBe(0);
  });
});
