/**
 * Everything authenticated is recorded, on PGlite and on real PostgreSQL: each refusal at the HTTP
 * edge, each operation Apollo Server refuses and each operation executed leaves exactly one record
 * with its outcome and code; each operation of a batch has its own record and served counts, which
 * are what the providers returned. A hostile header cannot stop the trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { auditAnchorDir } from '../gateway/config.ts';
import { DEMO, district } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const NAME_QUERY = `{ resident(citizenId: "${DEMO.resident}") { name } }`;
/** Valid citizen IDs: the first residents of the synthetic district, and one nobody holds. */
const RESIDENT_IDS = district()
  .residents.slice(0, 40)
  .map((resident) => resident.citizenId);
const UNKNOWN_ID = '11010519491231002X';

describe.each(STORE_BACKENDS)('audit of every authenticated request on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(
    async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase, { rateLimits: { perApp: 200, perDepartment: 100_000 } })),
  );
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const recordsOf = (requestId: string | null) =>
    platform.store.db.selectFrom('audit_records').selectAll().where('request_id', '=', requestId!).orderBy('seq').execute();
  const verifyTrail = () =>
    verifyAuditChains(platform.store.db, { keys: platform.auditKeys, anchors: [checkpointLogAnchors(auditAnchorDir(platform.dataDir))] });
  const onlyRecordOf = async (requestId: string | null) => {
    const records = await recordsOf(requestId);
    expect(records).toHaveLength(1);
    return records[0]!;
  };

  it('art-15: when X-Share-Matter decodes to a NUL, then it is 400 BAD_REQUEST with one REJECTED record, and the 100 ordinary requests after it are all in the store', async () => {
    const client = platform.client({ dept: 'civil-affairs', app: 'poison-then-ordinary', purpose: 'WORK_REFERENCE' });
    const hostile = await client.query(NAME_QUERY, undefined, { 'x-share-matter': 'a%00b' });
    expect(hostile.status).toBe(400);
    expect(hostile.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(await onlyRecordOf(hostile.requestId)).toMatchObject({
      outcome: 'REJECTED',
      code: 'BAD_REQUEST',
      app: 'poison-then-ordinary',
      purpose: null,
      matter: null,
      granted: [],
      served: {},
    });

    const ordinary = await Promise.all(Array.from({ length: 100 }, () => client.query(NAME_QUERY)));
    expect(ordinary.every((response) => response.status === 200)).toBe(true);
    const ids = ordinary.map((response) => response.requestId!);
    const stored = await platform.store.db.selectFrom('audit_records').select('request_id').where('request_id', 'in', ids).execute();
    expect(stored.map((row) => row.request_id).sort()).toEqual([...ids].sort());
    expect((await verifyTrail()).ok).toBe(true);
  });

  it.each([
    ['the query does not parse', '{ resident(citizenId: ', 'GRAPHQL_PARSE_FAILED'],
    ['the query does not match the schema', '{ resident(citizenId: "370306198503120122") { shoeSize } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a citizen ID literal has a wrong check character', '{ resident(citizenId: "370306198503120123") { name } }', 'BAD_USER_INPUT'],
    ['the document holds two operations and names neither', 'query A { a: __typename } query B { b: __typename }', 'OPERATION_RESOLUTION_FAILURE'],
  ])('when %s, then exactly one REJECTED record carries the code', async (_label, query, code) => {
    const { status, body, requestId } = await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' }).query(query);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(await onlyRecordOf(requestId)).toMatchObject({
      outcome: 'REJECTED',
      code,
      purpose: 'WORK_REFERENCE',
      granted: [],
      served: {},
      operation_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('when the document names its operation with 10 000 characters, then it is refused and the record holds no such name', async () => {
    const { status, body, requestId } = await platform
      .client({ dept: 'approval', purpose: 'WORK_REFERENCE' })
      .query(`query ${'N'.repeat(10_000)} { __typename }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await onlyRecordOf(requestId)).toMatchObject({ outcome: 'REJECTED', code: 'GRAPHQL_VALIDATION_FAILED', operation_name: null });
  });

  it('when a credit code variable is malformed, then exactly one REJECTED BAD_USER_INPUT record and no provider called', async () => {
    const { status, requestId } = await platform
      .client({ dept: 'approval', purpose: 'WORK_REFERENCE' })
      .query('query Lookup($c: CreditCode!) { enterprise(creditCode: $c) { name } }', { c: 'ABC' });
    expect(status).toBe(400);
    expect(await onlyRecordOf(requestId)).toMatchObject({ outcome: 'REJECTED', code: 'BAD_USER_INPUT', operation_name: 'Lookup', served: {} });
  });

  it('when the purpose is unknown, or missing on a data query, then exactly one REJECTED PURPOSE_REQUIRED record', async () => {
    const unknown = await platform.client({ dept: 'approval', purpose: 'CURIOSITY' }).query(NAME_QUERY);
    expect(unknown.status).toBe(400);
    expect(await onlyRecordOf(unknown.requestId)).toMatchObject({ outcome: 'REJECTED', code: 'PURPOSE_REQUIRED', purpose: null, operation_hash: '' });
    const missing = await platform.client({ dept: 'approval' }).query(NAME_QUERY);
    expect(missing.status).toBe(400);
    expect(await onlyRecordOf(missing.requestId)).toMatchObject({
      outcome: 'REJECTED',
      code: 'PURPOSE_REQUIRED',
      purpose: null,
      operation_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('when a batch is larger than allowed, then one REJECTED record for the request and nothing executed', async () => {
    const calls = platform.subgraphCalls.length;
    const { status, requestId } = await platform
      .client({ dept: 'approval', purpose: 'WORK_REFERENCE' })
      .post(Array.from({ length: 21 }, () => ({ query: NAME_QUERY })));
    expect(status).toBe(400);
    expect(await onlyRecordOf(requestId)).toMatchObject({ outcome: 'REJECTED', code: 'OPERATION_TOO_COMPLEX', purpose: 'WORK_REFERENCE' });
    expect(platform.subgraphCalls.length).toBe(calls);
  });

  it('when Apollo Server refuses the HTTP request itself, then the edge records it once', async () => {
    const { status, requestId } = await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' }).post({ query: NAME_QUERY, variables: '{}' });
    expect(status).toBe(400);
    expect(await onlyRecordOf(requestId)).toMatchObject({ outcome: 'REJECTED', code: 'BAD_REQUEST', operation_hash: '' });
  });

  it('when the body is not JSON but the token is valid, then the refusal is recorded once', async () => {
    const { status, requestId } = await platform.client({ dept: 'approval', purpose: 'WORK_REFERENCE' }).post('{"query": ');
    expect(status).toBe(400);
    expect(await onlyRecordOf(requestId)).toMatchObject({ outcome: 'REJECTED', code: 'BAD_REQUEST', app: 'approval-test', purpose: null });
  });

  it('when an automatic persisted query is not known yet, then one REJECTED record names its hash', async () => {
    const sha256Hash = 'a'.repeat(64);
    const { requestId, body } = await platform
      .client({ dept: 'approval', purpose: 'WORK_REFERENCE' })
      .post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(JSON.stringify(body)).toMatch(/PERSISTED_QUERY_NOT_FOUND/);
    expect(await onlyRecordOf(requestId)).toMatchObject({ outcome: 'REJECTED', code: 'PERSISTED_QUERY_NOT_FOUND', operation_hash: sha256Hash });
  });

  it('when a consumer introspects the schema, then that is recorded as served, with no purpose needed', async () => {
    const { status, requestId } = await platform.client({ dept: 'approval' }).query('query Schema { __schema { queryType { name } } }');
    expect(status).toBe(200);
    const record = await onlyRecordOf(requestId);
    expect(record).toMatchObject({ outcome: 'SERVED', operation_name: 'Schema', granted: [], served: {} });
    expect(record.code).toBeNull();
  });

  it('when an application exceeds its rate limit, then the 429 is recorded too', async () => {
    const client = platform.client({ dept: 'natural-resources', app: 'flood', purpose: 'WORK_REFERENCE' });
    for (let i = 0; i < 10; i++) await client.post(Array.from({ length: 20 }, () => ({ query: '{ __typename }' })));
    const limited = await client.query('{ __typename }');
    expect(limited.status).toBe(429);
    expect(await onlyRecordOf(limited.requestId)).toMatchObject({ outcome: 'REJECTED', code: 'RATE_LIMITED', app: 'flood', purpose: null });
  });

  it('art-17: when residents are asked for by N citizen IDs, then the record counts the residents the provider returned', async () => {
    const ids = [...RESIDENT_IDS, UNKNOWN_ID];
    const { body, requestId } = await platform
      .client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' })
      .query('query Many($ids: [CitizenId!]!) { residents(citizenIds: $ids) { name } }', { ids });
    expect((body.data?.['residents'] as unknown[]).filter(Boolean)).toHaveLength(RESIDENT_IDS.length);
    expect((await onlyRecordOf(requestId)).served).toEqual({ 'public-security': { calls: 1, entities: RESIDENT_IDS.length } });
  });

  it('art-17: when a batch holds three operations, then each has its own record with the counts of what its providers returned', async () => {
    const batch = [
      { query: `query One { resident(citizenId: "${DEMO.resident}") { name } }` },
      { query: `query Three { residents(citizenIds: ${JSON.stringify(RESIDENT_IDS.slice(0, 3))}) { name monthlyPension } }` },
      { query: `query Firm { enterprise(creditCode: "${DEMO.enterprise}") { name legalRepresentative { name } } }` },
    ];
    const { status, requestId } = await platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' }).post(batch);
    expect(status).toBe(200);
    const records = await recordsOf(requestId);
    expect(records).toHaveLength(3);
    expect(Object.fromEntries(records.map((record) => [record.operation_name, { outcome: record.outcome, served: record.served }]))).toEqual({
      One: { outcome: 'SERVED', served: { 'public-security': { calls: 1, entities: 1 } } },
      Three: { outcome: 'SERVED', served: { 'public-security': { calls: 1, entities: 3 }, 'human-resources': { calls: 1, entities: 3 } } },
      Firm: { outcome: 'SERVED', served: { 'market-regulation': { calls: 1, entities: 1 }, 'public-security': { calls: 1, entities: 1 } } },
    });
  });

  it('art-15: when a department reads its trail, then refused requests are there with their code', async () => {
    const refused = await platform.client({ dept: 'human-resources', purpose: 'CURIOSITY' }).query(NAME_QUERY);
    const { body } = await platform
      .client({ dept: 'human-resources' })
      .query('{ auditRecords(filter: { outcome: "REJECTED" }, first: 5) { records { requestId outcome code } } }');
    expect((body.data?.['auditRecords'] as { records: unknown[] }).records).toContainEqual({
      requestId: refused.requestId,
      outcome: 'REJECTED',
      code: 'PURPOSE_REQUIRED',
    });
  });

  it('when /readyz is asked, then it reports the audit spool and quarantine', async () => {
    const response = await fetch(new URL('/readyz', platform.gatewayUrl));
    const readiness = (await response.json()) as { ready: boolean; audit: unknown };
    expect(readiness.audit).toEqual({
      ready: true,
      spool: { waiting: 0, oldestAgeSeconds: null, draining: true },
      quarantine: { count: 0, inFile: 0 },
      documents: { dropped: 0 },
    });
  });
});
