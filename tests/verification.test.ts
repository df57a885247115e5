/**
 * Verification instead of values (核验), end to end over HTTP on PGlite and PostgreSQL: a VERIFY
 * grant lets a consumer check claims and learn MATCH / MISMATCH / NO_RECORD, never the value, in
 * bulk (one `_entities` call per provider); it opens nothing for reading, a READ grant opens nothing
 * for verifying, and the audit record keeps outcome counts, never a claimed or true value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../gateway/audit/verify-audit-chain.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { auditAnchorDir } from '../gateway/config.ts';
import { citizenIdCheckCharacter } from '../schema/scalars/citizen-id.ts';
import { DEMO, district } from '../subgraphs/shared/district.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const VERIFY = 'query Check($subjects: [VerifySubjectInput!]!) { verify(subjects: $subjects) { subject items { field outcome } } }';
const PENSION = 2860.5;
/** A well-formed citizen ID of the district that no department holds. */
const STRANGER = (() => {
  const first17 = '37030619010101999';
  return `${first17}${citizenIdCheckCharacter(first17)}`;
})();

describe.each(STORE_BACKENDS)('verification on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const approval = (purpose = 'DATA_VERIFICATION', strict = false) =>
    platform.client({ dept: 'approval', app: 'licensing', purpose, strict, matter: '食品经营许可审批' });

  it('art-13: when approval verifies a claimed pension instead of receiving it, then 2860.5 is MATCH and 1000 is MISMATCH, and reading it stays FORBIDDEN_FIELD', async () => {
    const subjects = [
      { citizenId: DEMO.resident, claims: { monthlyPension: PENSION } },
      { citizenId: DEMO.resident, claims: { monthlyPension: 1000 } },
    ];
    const { status, body } = await approval().query(VERIFY, { subjects });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        verify: [
          { subject: DEMO.resident, items: [{ field: 'Resident.monthlyPension', outcome: 'MATCH' }] },
          { subject: DEMO.resident, items: [{ field: 'Resident.monthlyPension', outcome: 'MISMATCH' }] },
        ],
      },
    });
    const read = await approval().query(`{ resident(citizenId: "${DEMO.resident}") { name monthlyPension } }`);
    expect(read.body.data).toEqual({ resident: { name: '王淑芬', monthlyPension: null } });
    expect(read.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN_FIELD']);
    expect(JSON.stringify(read.body)).not.toContain(String(PENSION));
  });

  it('when a subject is unknown or holds no value of the item, then the outcome is NO_RECORD', async () => {
    const withoutPension = district().residents.find((resident) => resident.citizenId !== DEMO.resident && resident.birthDate > '2000');
    const { body } = await approval().query(VERIFY, {
      subjects: [
        { citizenId: STRANGER, claims: { monthlyPension: PENSION } },
        { citizenId: withoutPension!.citizenId, claims: { monthlyPension: PENSION } },
      ],
    });
    expect(body.data?.['verify']).toEqual([
      { subject: STRANGER, items: [{ field: 'Resident.monthlyPension', outcome: 'NO_RECORD' }] },
      { subject: withoutPension!.citizenId, items: [{ field: 'Resident.monthlyPension', outcome: 'NO_RECORD' }] },
    ]);
  });

  it('art-13: when the consumer holds only a READ grant, or a VERIFY grant for another purpose, then the outcome is withheld with FORBIDDEN_FIELD; in strict mode nothing runs', async () => {
    const subjects = [{ citizenId: DEMO.resident, claims: { monthlyPension: PENSION, name: '王淑芬' } }];
    const reader = await platform.client({ dept: 'civil-affairs', purpose: 'ADMINISTRATIVE_BASIS' }).query(VERIFY, { subjects });
    const otherPurpose = await approval('WORK_REFERENCE').query(VERIFY, { subjects });
    for (const { body } of [reader, otherPurpose]) {
      expect(body.data?.['verify']).toEqual([
        {
          subject: DEMO.resident,
          items: [
            { field: 'Resident.monthlyPension', outcome: null },
            { field: 'Resident.name', outcome: 'MATCH' },
          ],
        },
      ]);
      expect(body.errors).toEqual([
        expect.objectContaining({
          path: ['verify', 0, 'items', 0, 'outcome'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN_FIELD', field: 'Resident.monthlyPension' }),
        }),
      ]);
    }
    const strict = await approval('WORK_REFERENCE', true).query(VERIFY, { subjects });
    expect(strict.status).toBe(403);
    expect(strict.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_OPERATION', fields: ['Resident.monthlyPension'] });
    const noPurpose = await platform.client({ dept: 'approval' }).query(VERIFY, { subjects });
    expect(noPurpose.body.errors?.[0]?.extensions?.['code']).toBe('PURPOSE_REQUIRED');
  });

  it('when 1 000 subjects are verified against two providers, then each provider gets one _entities call and every claim an outcome', async () => {
    const residents = district().residents.slice(0, 1000);
    const subjects = residents.map((resident, i) => ({
      citizenId: resident.citizenId,
      claims: { name: i % 2 === 0 ? resident.name : 'x', monthlyPension: PENSION },
    }));
    const before = platform.subgraphCalls.length;
    const { status, body } = await approval().query(VERIFY, { subjects });
    expect(status).toBe(200);
    const calls = platform.subgraphCalls.slice(before).map((call) => call.subgraph);
    expect(calls.sort()).toEqual(['human-resources', 'public-security']);
    const results = body.data?.['verify'] as Array<{ subject: string; items: Array<{ field: string; outcome: string }> }>;
    expect(results).toHaveLength(1000);
    expect(results.map((result) => result.items[0]!.outcome)).toEqual(residents.map((_r, i) => (i % 2 === 0 ? 'MATCH' : 'MISMATCH')));
    expect(results.every((result) => ['MATCH', 'MISMATCH', 'NO_RECORD'].includes(result.items[1]!.outcome))).toBe(true);
  });

  it('when a call names 1 001 subjects or sends malformed claims, then it is refused with a stable code and nothing is fetched', async () => {
    const one = { citizenId: DEMO.resident, claims: { monthlyPension: PENSION } };
    const before = platform.subgraphCalls.length;
    const tooMany = await approval().query(VERIFY, { subjects: Array.from({ length: 1001 }, () => one) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_SUBJECTS', max: 1000, found: 1001 });
    const malformed: unknown[] = [
      { citizenId: DEMO.resident, creditCode: DEMO.enterprise, claims: { name: 'a' } },
      { claims: { name: 'a' } },
      { citizenId: DEMO.resident, claims: {} },
      { citizenId: DEMO.resident, claims: [] },
      { citizenId: DEMO.resident, claims: Object.fromEntries(Array.from({ length: 21 }, (_v, i) => [`f${i}`, 1])) },
      { citizenId: DEMO.resident, claims: { name: 'x'.repeat(257) } },
      { citizenId: DEMO.resident, claims: { [`${'n'.repeat(10_000)}`]: 1 } },
      { citizenId: DEMO.resident, claims: { socialInsurance: 'x' } },
      { citizenId: DEMO.resident, claims: { citizenId: DEMO.resident } },
      { citizenId: DEMO.resident, claims: { monthlyPension: '2860.5' } },
      { citizenId: DEMO.resident, claims: { monthlyPension: null } },
      { citizenId: DEMO.resident, claims: { monthlyPension: { $gt: 0 } } },
      { citizenId: DEMO.resident, claims: { pensionStatus: 'NOT_A_STATUS' } },
      { citizenId: DEMO.resident, claims: { constructor: 1 } },
    ];
    for (const subject of malformed) {
      const { status, body } = await approval().query(VERIFY, { subjects: [subject] });
      expect(status, JSON.stringify(subject).slice(0, 80)).toBe(400);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message.length).toBeLessThan(300);
    }
    const mixed = await approval().query(
      `{ verify(subjects: [{ citizenId: "${DEMO.resident}", claims: { name: "王淑芬" } }]) { subject } departments { code } }`,
    );
    expect(mixed.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(platform.subgraphCalls.length).toBe(before);
  });

  it('art-15: when claims are verified, then the audit record counts outcomes per item and holds no claimed or true value, and the chain verifies', async () => {
    const claimed = 1234.5;
    const { requestId } = await approval().query(VERIFY, {
      subjects: [
        { citizenId: DEMO.resident, claims: { monthlyPension: PENSION } },
        { citizenId: DEMO.resident, claims: { monthlyPension: claimed } },
        { citizenId: STRANGER, claims: { monthlyPension: claimed } },
      ],
    });
    const record = await platform.store.db.selectFrom('audit_records').selectAll().where('request_id', '=', requestId!).executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      dept: 'approval',
      purpose: 'DATA_VERIFICATION',
      outcome: 'SERVED',
      granted: [],
      providers: ['human-resources'],
      verified: { 'Resident.monthlyPension': { MATCH: 1, MISMATCH: 1, NO_RECORD: 1 } },
    });
    const text = JSON.stringify(record);
    for (const value of [String(PENSION), String(claimed)]) expect(text).not.toContain(value);
    const verdict = await verifyAuditChains(platform.store.db, { keys: platform.auditKeys, anchors: [checkpointLogAnchors(auditAnchorDir(platform.dataDir))] });
    expect(verdict.ok).toBe(true);
  });
  it('art-13: when a consumer applies for VERIFY and the provider approves, then the listings say VERIFY, verify answers, and reading the item stays FORBIDDEN_FIELD; a VERIFY approval takes no mask', async () => {
    const market = platform.client({ dept: 'market-regulation', app: 'licence-check', purpose: 'DATA_VERIFICATION' });
    const hrAdmin = platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] });
    const before = await market.query(VERIFY, { subjects: [{ citizenId: DEMO.resident, claims: { monthlyPension: PENSION } }] });
    expect(before.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN_FIELD']);

    const applied = await market.query(
      'mutation { requestAccess(input: { fields: ["Resident.monthlyPension"], purpose: DATA_VERIFICATION, action: VERIFY, justification: "核验个体工商户登记申请人的养老金领取情况" }) { id status action } }',
    );
    const request = applied.body.data?.['requestAccess'] as { id: string; status: string; action: string };
    expect(request).toMatchObject({ status: 'PENDING', action: 'VERIFY' });
    const listed = await hrAdmin.query('{ accessRequests(status: PENDING) { id action } }');
    expect(listed.body.data?.['accessRequests']).toContainEqual({ id: request.id, action: 'VERIFY' });

    const decide = (args: string) =>
      hrAdmin.query(`mutation($id: ID!) { decideAccessRequest(id: $id, approve: true${args}) { status grants { action field purpose mask } } }`, {
        id: request.id,
      });
    const masked = await decide(', mask: AMOUNT_BAND');
    expect(masked.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('A VERIFY grant answers MATCH') });
    const approved = await decide('');
    expect(approved.body.data?.['decideAccessRequest']).toEqual({
      status: 'APPROVED',
      grants: [{ action: 'VERIFY', field: 'Resident.monthlyPension', purpose: 'DATA_VERIFICATION', mask: null }],
    });
    const grants = await market.query('{ myGrants { action field } }');
    expect(grants.body.data?.['myGrants']).toContainEqual({ action: 'VERIFY', field: 'Resident.monthlyPension' });

    const after = await market.query(VERIFY, { subjects: [{ citizenId: DEMO.resident, claims: { monthlyPension: PENSION } }] });
    expect(after.body).toEqual({ data: { verify: [{ subject: DEMO.resident, items: [{ field: 'Resident.monthlyPension', outcome: 'MATCH' }] }] } });
    const read = await market.query(`{ resident(citizenId: "${DEMO.resident}") { monthlyPension } }`);
    expect(read.body.data).toEqual({ resident: { monthlyPension: null } });
    expect(read.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN_FIELD']);
  });

  it('art-13: when the coordination office grants a VERIFY exception, then verify answers and reading stays FORBIDDEN_FIELD; an unknown action is refused', async () => {
    const operator = platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
    const exception = (action: string) =>
      operator.query(
        `mutation($action: GrantAction) { grantException(input: { department: "natural-resources", fields: ["Resident.monthlyPension"], purpose: DATA_VERIFICATION, validUntil: "${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}", basis: "《不动产登记暂行条例实施细则》", reason: "协调办公室裁定", action: $action }) { action field } }`,
        { action },
      );
    for (const bad of ['DELETE', 'verify', 'VERIFY\u0000', 'x'.repeat(10_000)]) {
      expect((await exception(bad)).body.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    }
    expect((await exception('VERIFY')).body.data?.['grantException']).toEqual([{ action: 'VERIFY', field: 'Resident.monthlyPension' }]);
    const reader = platform.client({ dept: 'natural-resources', purpose: 'DATA_VERIFICATION' });
    const verified = await reader.query(VERIFY, { subjects: [{ citizenId: DEMO.resident, claims: { monthlyPension: 1000 } }] });
    expect(verified.body.data).toEqual({ verify: [{ subject: DEMO.resident, items: [{ field: 'Resident.monthlyPension', outcome: 'MISMATCH' }] }] });
    const read = await reader.query(`{ resident(citizenId: "${DEMO.resident}") { monthlyPension } }`);
    expect(read.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN_FIELD']);
  });
});
