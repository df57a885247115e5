/**
 * Policy dry run end to end over HTTP on PGlite and PostgreSQL: consumers run demo queries through
 * the gateway, the audit keeps each distinct operation once without its literals, and the operator or
 * a provider asks what a revocation, a new grant, a share type or a mask would do to that traffic.
 * Nothing is changed by asking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordToRow } from '../gateway/audit/audit-codec.ts';
import { chainRecord, GENESIS_HASH } from '../gateway/audit/audit-record.ts';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { MAX_SIMULATED_OPERATIONS } from '../subgraphs/info-center/policy-simulation.ts';
import { auditEntry } from './support/audit-fixtures.ts';
import { DEMO } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type Client, type TestPlatform } from './support/test-platform.ts';

const SIMULATE = `query Simulate($change: PolicyChangeInput!, $days: Int!) {
  simulatePolicyChange(change: $change, days: $days) {
    from to replayed requests cap capped unreadable
    gains { department purpose item before after operations requests apps examples { operationName documentHash } lastSeen }
    losses { department purpose item before after operations requests apps examples { operationName documentHash } lastSeen }
    operations { department operationName requests gained lost } } }`;

interface Effect {
  department: string;
  purpose: string;
  item: string;
  before: string;
  after: string;
  requests: number;
  apps: string[];
  examples: Array<{ operationName: string | null; documentHash: string }>;
}
interface Simulation {
  replayed: number;
  capped: boolean;
  unreadable: number;
  gains: Effect[];
  losses: Effect[];
  operations: Array<{ department: string; operationName: string | null; requests: number; gained: string[]; lost: string[] }>;
}

const PENSION = `query Pension { resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`;

describe.each(STORE_BACKENDS)('policy dry run on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });

  beforeAll(async () => {
    ({ platform, database } = await startStoreBackedPlatform(createDatabase));
    const meansTest = platform.client({ dept: 'civil-affairs', app: 'means-test', purpose: 'ADMINISTRATIVE_BASIS' });
    await meansTest.query(PENSION);
    // The same operation with another literal, alias and layout: the same document.
    await meansTest.query(`query Pension {\n  r: resident(citizenId: "370306197811232017") { name monthlyPension }\n}`);
    const licensing = platform.client({ dept: 'approval', app: 'licensing', purpose: 'ADMINISTRATIVE_BASIS' });
    expect((await licensing.query(PENSION)).body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN_FIELD']);
    const verifier = platform.client({ dept: 'approval', app: 'licensing', purpose: 'DATA_VERIFICATION' });
    await verifier.query('query Check($s: [VerifySubjectInput!]!) { verify(subjects: $s) { subject } }', {
      s: [{ citizenId: DEMO.resident, claims: { monthlyPension: 1 } }],
    });
  });
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const simulate = async (client: Client, change: Record<string, unknown>, days = 7) => {
    const { body } = await client.query(SIMULATE, { change, days });
    return {
      simulation: (body.data?.['simulatePolicyChange'] ?? null) as Simulation | null,
      errors: body.errors?.map((error) => `${String(error.extensions?.['code'])}: ${error.message}`),
    };
  };
  const effects = (list: Effect[]) => list.map((e) => `${e.department} ${e.purpose} ${e.item} ${e.before}→${e.after} ×${e.requests}`);

  it('art-23: when a query carried a citizen ID literal, then the stored document does not hold it, and every record names a document the store keeps', async () => {
    const documents = await platform.store.db.selectFrom('operation_documents').selectAll().execute();
    const pension = documents.filter((document) => document.operation_name === 'Pension');
    expect(pension).toHaveLength(1);
    expect(pension[0]!.document).toContain('monthlyPension');
    expect(JSON.stringify(documents)).not.toContain(DEMO.resident);
    expect(JSON.stringify(documents)).not.toContain('370306197811232017');
    const records = await platform.store.db.selectFrom('audit_records').select(['document_hash', 'operation_name']).where('purpose', 'is not', null).execute();
    const kept = new Set(documents.map((document) => document.hash));
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(records.every((record) => record.document_hash !== null && kept.has(record.document_hash))).toBe(true);
  });

  it('art-15: when a kept document is changed, then audit verification names it; restored, it passes again', async () => {
    // Only content is in question here: a cadence no test run can miss.
    const verify = () => verifyAuditChains(platform.store.db, { keys: platform.auditKeys, cadence: { records: 1e9, intervalMs: 1e12 } });
    expect(await verify()).toMatchObject({ ok: true });
    const kept = await platform.store.db.selectFrom('operation_documents').selectAll().where('operation_name', '=', 'Pension').executeTakeFirstOrThrow();
    const widened = kept.document.replace('monthlyPension', 'criminalRecord');
    await platform.store.db.updateTable('operation_documents').set({ document: widened }).where('hash', '=', kept.hash).execute();
    expect((await verify()).problem).toBe(`operation document ${kept.hash}: its text does not hash to the hash records name it by — the document was changed`);
    await platform.store.db.updateTable('operation_documents').set({ document: kept.document }).where('hash', '=', kept.hash).execute();
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('art-13: when the provider simulates revoking the grant civil-affairs reads pensions under, then its operation loses the item; the grant stays live', async () => {
    const { simulation, errors } = await simulate(hrAdmin(), { revoke: { grantId: 'grant-demo-civil-affairs-pension' } });
    expect(errors).toBeUndefined();
    expect(effects(simulation!.losses)).toEqual(['civil-affairs ADMINISTRATIVE_BASIS Resident.monthlyPension READ→DENIED ×2']);
    expect(simulation!.losses[0]).toMatchObject({ apps: ['means-test'], examples: [{ operationName: 'Pension' }] });
    expect(simulation!.operations).toEqual([
      { department: 'civil-affairs', operationName: 'Pension', requests: 2, gained: [], lost: ['Resident.monthlyPension'] },
    ]);
    expect(simulation).toMatchObject({ gains: [], capped: false, unreadable: 0 });
    const { body } = await operator().query('{ myGrants { id live } }');
    expect((body.data?.['myGrants'] as Array<{ id: string; live: boolean }>).find((g) => g.id === 'grant-demo-civil-affairs-pension')?.live).toBe(true);
  });

  it('art-13: when a new grant is simulated, then the operation that was denied the item gains it; revoking a VERIFY grant loses verification', async () => {
    const grant = { department: 'approval', items: ['Resident.monthlyPension'], purpose: 'ADMINISTRATIVE_BASIS' };
    const { simulation } = await simulate(hrAdmin(), { grant });
    expect(effects(simulation!.gains)).toEqual(['approval ADMINISTRATIVE_BASIS Resident.monthlyPension DENIED→READ ×1']);
    expect(simulation!.losses).toEqual([]);
    const verify = await simulate(operator(), { revoke: { grantId: 'grant-demo-approval-verify-pension' } });
    expect(effects(verify.simulation!.losses)).toEqual(['approval DATA_VERIFICATION Resident.monthlyPension VERIFY→DENIED ×1']);
  });

  it('art-11: when the operator simulates making the item NONE, then every operation reading or verifying it under a request grant loses it', async () => {
    const { simulation } = await simulate(operator(), { shareType: { item: 'Resident.monthlyPension', shareType: 'NONE' } });
    expect(effects(simulation!.losses)).toEqual([
      'civil-affairs ADMINISTRATIVE_BASIS Resident.monthlyPension READ→DENIED ×2',
      'approval DATA_VERIFICATION Resident.monthlyPension VERIFY→DENIED ×1',
    ]);
  });

  it('art-23: when the provider simulates declaring a mask for the purpose, then the operations reading the item are reported as masked', async () => {
    const { simulation } = await simulate(hrAdmin(), { mask: { item: 'Resident.monthlyPension', purpose: 'ADMINISTRATIVE_BASIS', mask: 'AMOUNT_BAND' } });
    expect(effects(simulation!.losses)).toEqual(['civil-affairs ADMINISTRATIVE_BASIS Resident.monthlyPension READ→MASKED ×2']);
  });

  it('when a consumer, another provider, a hidden grant or a hostile input asks, then it is refused with a stable code and reveals nothing', async () => {
    const consumer = platform.client({ dept: 'civil-affairs', app: 'means-test' });
    const revoke = (grantId: string) => ({ revoke: { grantId } });
    const cases: Array<[Client, Record<string, unknown>, number, string]> = [
      [consumer, revoke('grant-demo-civil-affairs-pension'), 7, 'FORBIDDEN'],
      [hrAdmin(), { shareType: { item: 'Resident.criminalRecord', shareType: 'UNCONDITIONAL' } }, 7, 'FORBIDDEN'],
      [hrAdmin(), { grant: { department: 'approval', items: ['Resident.householdAddress'], purpose: 'WORK_REFERENCE' } }, 7, 'FORBIDDEN'],
      [hrAdmin(), { grant: { department: 'approval', items: ['Resident.monthlyPension'], purpose: 'WORK_REFERENCE', exception: true } }, 7, 'FORBIDDEN'],
      [hrAdmin(), revoke('no-such-grant'), 7, 'NOT_FOUND'],
      [hrAdmin(), revoke('grant-demo-market-regulation-address-dajie'), 7, 'NOT_FOUND'],
      [operator(), revoke('grant\u0000demo'), 7, 'BAD_USER_INPUT'],
      [operator(), revoke('grant\u202edemo'), 7, 'BAD_USER_INPUT'],
      [operator(), revoke('g'.repeat(100_000)), 7, 'BAD_USER_INPUT'],
      [
        operator(),
        { grant: { department: 'approval', items: Array.from({ length: 101 }, (_, i) => `Resident.x${i}`), purpose: 'WORK_REFERENCE' } },
        7,
        'BAD_USER_INPUT',
      ],
      [operator(), { grant: { department: 'approval', items: ['Resident.nothing'], purpose: 'WORK_REFERENCE' } }, 7, 'BAD_USER_INPUT'],
      [operator(), { grant: { department: 'nowhere', items: ['Resident.monthlyPension'], purpose: 'WORK_REFERENCE' } }, 7, 'BAD_USER_INPUT'],
      [operator(), {}, 7, 'BAD_USER_INPUT'],
      [operator(), { ...revoke('grant-demo-civil-affairs-pension'), shareType: { item: 'Resident.monthlyPension', shareType: 'NONE' } }, 7, 'BAD_USER_INPUT'],
      [operator(), revoke('grant-demo-civil-affairs-pension'), 0, 'BAD_USER_INPUT'],
      [operator(), revoke('grant-demo-civil-affairs-pension'), 367, 'BAD_USER_INPUT'],
      [operator(), revoke('grant-demo-civil-affairs-pension'), -2_147_483_648, 'BAD_USER_INPUT'],
    ];
    for (const [client, change, days, code] of cases) {
      const { simulation, errors } = await simulate(client, change, days);
      const label = JSON.stringify(change).slice(0, 100);
      expect(simulation, label).toBeNull();
      expect(
        errors?.map((error) => error.split(':')[0]),
        label,
      ).toEqual([code]);
    }
    // A grant another department holds answers exactly as a grant that does not exist.
    const hidden = await simulate(hrAdmin(), revoke('grant-demo-market-regulation-address-dajie'));
    const missing = await simulate(hrAdmin(), revoke('grant-demo-market-regulation-address-dajie-x'));
    expect(hidden.errors![0]!.replace('-x', '')).toBe(missing.errors![0]!.replace('-x', ''));
    expect(JSON.stringify(hidden.errors)).not.toMatch(/market-regulation\b(?!-address)|householdAddress|public-security/);
  });

  // Last: it fills the store with records of a chain of their own.
  it('when the period holds more distinct operations than one dry run replays, then the most requested are replayed, up to the cap, and it says so', async () => {
    const rows = Array.from({ length: MAX_SIMULATED_OPERATIONS + 1 }, (_, i) =>
      recordToRow(chainRecord(auditEntry(`flood-${i}`, { app: `app-${i}`, documentHash: i.toString(16).padStart(64, '0') }), 'flood', i + 1, GENESIS_HASH)),
    );
    for (let i = 0; i < rows.length; i += 500)
      await platform.store.db
        .insertInto('audit_records')
        .values(rows.slice(i, i + 500))
        .execute();
    const { simulation } = await simulate(operator(), { revoke: { grantId: 'grant-demo-civil-affairs-pension' } });
    expect(simulation).toMatchObject({ capped: true });
    // Documents no store holds are counted, never guessed; the operations that were run were the most requested.
    expect(simulation!.replayed + simulation!.unreadable).toBe(MAX_SIMULATED_OPERATIONS);
    expect(effects(simulation!.losses)).toEqual(['civil-affairs ADMINISTRATIVE_BASIS Resident.monthlyPension READ→DENIED ×2']);
  });
});
