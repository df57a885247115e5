/**
 * Who read whose data, end to end over HTTP on PGlite and PostgreSQL: every audit record lists the
 * subjects each provider served as keyed HMACs (no identity in the tables), and a lookup by citizen
 * ID or credit code finds the accesses, for the operator all of them and for a provider its own.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectHmacsOf } from '../platform/store/migrations/0023-subject-list.ts';
import { subjectPairs, type SubjectList } from '../gateway/audit/audit-record.ts';
import { DEMO, district } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const LOOKUP = `query Lookup($citizenId: CitizenId, $creditCode: CreditCode, $from: String!, $to: String!, $first: Int) {
  accessesToSubject(citizenId: $citizenId, creditCode: $creditCode, from: $from, to: $to, first: $first) { at department app purpose matter provider items outcome } }`;

interface Access {
  department: string;
  app: string;
  purpose: string;
  matter: string | null;
  provider: string;
  items: string[];
}

describe.each(STORE_BACKENDS)('subject log on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  const hrAdmin = () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });

  beforeAll(async () => {
    ({ platform, database } = await startStoreBackedPlatform(createDatabase));
    const reader = platform.client({ dept: 'civil-affairs', app: 'means-test', purpose: 'ADMINISTRATIVE_BASIS', matter: '最低生活保障资格审核' });
    await reader.query(`{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`);
    await reader.query(`{ enterprise(creditCode: "${DEMO.enterprise}") { name } }`);
    const verifier = platform.client({ dept: 'approval', app: 'licensing', purpose: 'DATA_VERIFICATION' });
    await verifier.query('query($s: [VerifySubjectInput!]!) { verify(subjects: $s) { subject } }', {
      s: [{ citizenId: DEMO.resident, claims: { monthlyPension: 1 } }],
    });
  });
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const lookup = async (client: ReturnType<typeof operator>, variables: Record<string, unknown>) => {
    const { body } = await client.query(LOOKUP, { ...period, ...variables });
    return { accesses: (body.data?.['accessesToSubject'] ?? null) as Access[] | null, codes: body.errors?.map((error) => error.extensions?.['code']) };
  };
  const summary = (accesses: Access[]) => accesses.map((a) => `${a.department}/${a.app} ${a.purpose} ← ${a.provider}: ${a.items.join(',')}`).sort();

  it('art-22: when departments read and verified a resident, then the operator looks the resident up and sees who, for what, from which provider, which items', async () => {
    const { accesses } = await lookup(operator(), { citizenId: DEMO.resident });
    expect(summary(accesses!)).toEqual([
      'approval/licensing DATA_VERIFICATION ← human-resources: Resident.monthlyPension',
      'civil-affairs/means-test ADMINISTRATIVE_BASIS ← human-resources: Resident.monthlyPension',
      'civil-affairs/means-test ADMINISTRATIVE_BASIS ← public-security: Query.resident,Resident.name',
    ]);
    expect(accesses!.find((a) => a.department === 'civil-affairs')).toMatchObject({ matter: '最低生活保障资格审核' });
    const enterprise = await lookup(operator(), { creditCode: DEMO.enterprise });
    expect(summary(enterprise.accesses!)).toEqual(['civil-affairs/means-test ADMINISTRATIVE_BASIS ← market-regulation: Query.enterprise,Enterprise.name']);
    const untouched = district().residents.find((r) => r.citizenId !== DEMO.resident)!.citizenId;
    expect((await lookup(operator(), { citizenId: untouched })).accesses).toEqual([]);
  });

  it('art-15: when a provider looks a resident up, then it sees only what its own department served', async () => {
    const { accesses } = await lookup(hrAdmin(), { citizenId: DEMO.resident });
    expect(summary(accesses!)).toEqual([
      'approval/licensing DATA_VERIFICATION ← human-resources: Resident.monthlyPension',
      'civil-affairs/means-test ADMINISTRATIVE_BASIS ← human-resources: Resident.monthlyPension',
    ]);
  });

  it('when a subject is looked up, then the store can find its records through the subject log index, not by reading every record', async () => {
    const plan = await platform.store.db.transaction().execute(async (trx) => {
      // Out of the planner's choice on a table this small: whether the lookup's condition matches the index at all.
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<Record<string, string>>`explain select r.seq from audit_records r
        where ${subjectHmacsOf('r.subjects')} @> jsonb_build_array(${'a'.repeat(64)}::text)`.execute(trx);
      return rows.map((row) => Object.values(row)[0]).join('\n');
    });
    expect(plan).toMatch(/Bitmap Index Scan on audit_records_(subject_list|\w+_jsonb_path_query_array_idx\d*)\b/);
  });

  it('art-23: when subjects are logged, then no audit table holds a citizen ID or credit code, only keyed HMACs', async () => {
    const records = await platform.store.db.selectFrom('audit_records').selectAll().execute();
    const listed = records.flatMap((row) => subjectPairs(row.subjects ?? undefined).map((pair) => pair.hmac));
    expect(listed.length).toBeGreaterThanOrEqual(4);
    expect(listed.every((hmac) => /^[0-9a-f]{64}$/.test(hmac))).toBe(true);
    const text = JSON.stringify(records);
    for (const identity of [DEMO.resident, DEMO.enterprise]) expect(text).not.toContain(identity);
  });

  it('art-15: when one read served a provider only some of its subjects, then each provider is named for exactly the subjects it served', async () => {
    const reader = platform.client({ dept: 'civil-affairs', app: 'enterprise-check', purpose: 'ADMINISTRATIVE_BASIS' });
    const { body } = await reader.query(`{ enterprise(creditCode: "${DEMO.enterprise}") { name legalRepresentative { citizenId name } } }`);
    const representative = (body.data?.['enterprise'] as { legalRepresentative: { citizenId: string } }).legalRepresentative.citizenId;
    // market-regulation served the enterprise and named its representative; public-security served the representative only.
    const providersFor = async (client: ReturnType<typeof operator>, variables: Record<string, unknown>) =>
      (await lookup(client, variables)).accesses!.filter((access) => access.app === 'enterprise-check').map((access) => access.provider);
    expect(await providersFor(operator(), { creditCode: DEMO.enterprise })).toEqual(['market-regulation']);
    expect(await providersFor(operator(), { citizenId: representative })).toEqual(['market-regulation', 'public-security']);
    const publicSecurityAdmin = platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['consumer', 'provider-admin'] });
    expect(await providersFor(publicSecurityAdmin, { creditCode: DEMO.enterprise })).toEqual([]);
    expect(await providersFor(publicSecurityAdmin, { citizenId: representative })).toEqual(['public-security']);
    const [record] = await platform.store.db.selectFrom('audit_records').select('subjects').where('app', '=', 'enterprise-check').execute();
    expect((record!.subjects as SubjectList).servedBy).toEqual({ 'market-regulation': '*', 'public-security': [expect.stringMatching(/^[0-9a-f]{64}$/)] });
  });

  it('art-22: when a consumer renames a key by an alias, then the provider that served it is still logged for that subject', async () => {
    const reader = platform.client({ dept: 'civil-affairs', app: 'alias-check', purpose: 'ADMINISTRATIVE_BASIS' });
    const { body } = await reader.query(`{ enterprise(creditCode: "${DEMO.enterprise}") { holder: legalRepresentative { id: citizenId } } }`);
    const representative = (body.data?.['enterprise'] as { holder: { id: string } }).holder.id;
    expect(representative).toBe(DEMO.legalRepresentative);
    const { accesses } = await lookup(operator(), { citizenId: representative });
    expect(accesses!.filter((access) => access.app === 'alias-check').map((access) => access.provider)).toEqual(['market-regulation']);
  });

  it('when a consumer asks, or sends both keys, neither, a bad period or too large a page, then it is refused with a stable code', async () => {
    const consumer = platform.client({ dept: 'civil-affairs', app: 'means-test' });
    expect((await lookup(consumer, { citizenId: DEMO.resident })).codes).toEqual(['FORBIDDEN']);
    for (const variables of [
      { citizenId: DEMO.resident, creditCode: DEMO.enterprise },
      {},
      { citizenId: DEMO.resident, from: 'yesterday' },
      { citizenId: DEMO.resident, to: 'x'.repeat(10_000) },
      { citizenId: DEMO.resident, first: 501 },
      { citizenId: DEMO.resident, first: 0 },
      { citizenId: '370306198503120123' },
    ]) {
      const { accesses, codes } = await lookup(operator(), variables);
      expect(accesses, JSON.stringify(variables).slice(0, 80)).toBeNull();
      expect(codes).toEqual(['BAD_USER_INPUT']);
    }
  });
});
