/**
 * The audit formats as every existing store, spool, quarantine file and checkpoint log holds them.
 * The expected hashes, signature and lines below were computed by the code that has written records
 * until now: if one of these tests fails, what was written before no longer reads or verifies.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadKeyPair } from '../../platform/keys.ts';
import { publicKeySetOf } from '../../platform/key-set.ts';
import { checkpointSignatureProblem, signCheckpoint, type Checkpoint } from './audit-checkpoint.ts';
import {
  ARCHIVE_RECORD_PREFIX,
  archiveMessage,
  checkpointToRow,
  fromArchiveLine,
  hashRecord,
  quarantinedToRow,
  rowToRecord,
  toArchiveLine,
  type ArchivedRecordRow,
} from './audit-codec.ts';
import { signArchive } from './audit-archive.ts';
import type { QuarantinedRecord } from './audit-quarantine.ts';
import { chainRecord, GENESIS_HASH, listSubjects, subjectPairs, type AuditEntry, type ChainedRecord, type SubjectsByProvider } from './audit-record.ts';
import { createAuditSpool } from './audit-spool.ts';
import { checkpointLogAnchors, checkpointLogPath, createCheckpointLog } from './checkpoint-anchors.ts';

// A test key, fixed so that its signatures are (Ed25519 signs deterministically).
const TEST_AUDIT_KEY = { crv: 'Ed25519', d: 'j5Z2-3sIKxKSAlwhNA7Q18MVWAJk6zFfXVXSh5pCOwk', x: 'e4nJov3onUYRETeo-EVOwadYkecNapP_voMJCMvycR0', kty: 'OKP' };

const SERVED: AuditEntry = {
  at: '2026-03-02T01:02:03.456Z',
  requestId: 'req-1',
  app: 'minzheng-portal',
  dept: 'civil-affairs',
  roles: ['consumer', 'reviewer'],
  purpose: 'WORK_REFERENCE',
  matter: '低保复核 2026-041 “李雷”',
  operationHash: 'f'.repeat(64),
  operationName: 'ResidentCheck',
  granted: ['Resident.name', 'Resident.address'],
  denied: ['Resident.criminalRecord'],
  masked: ['Resident.idNumber'],
  providers: ['public-security', 'civil-affairs'],
  served: { 'public-security': { calls: 2, entities: 7 }, 'civil-affairs': { calls: 1, entities: 0 } },
  outcome: 'PARTIAL',
  durationMs: 42,
};
const REJECTED: AuditEntry = {
  at: '2026-03-02T01:02:04.000Z',
  requestId: 'req-2',
  app: 'approval-desk',
  dept: 'approval',
  roles: [],
  purpose: null,
  matter: null,
  operationHash: '',
  operationName: null,
  granted: [],
  denied: [],
  masked: [],
  providers: [],
  served: {},
  outcome: 'REJECTED',
  code: 'PURPOSE_REQUIRED',
  durationMs: 0,
};
const CHAIN = 'gateway-a';
const FIRST_HASH = '695d5abf9a29b0cc13164feeccdc914ae983d273d663daf4c455614c94849c01';
const SECOND_HASH = '6c5e6ce9907e2c67c88b7a4f7307a1f92f0ac37141c71119add842462893b564';
const VERIFIED_HASH = '8ce54e1f8c0549593f1bed166d62c6252fc8fdfe08ccf4f61544b1516f7714ee';
const SUBJECT_LIST_HASH = '6a41a6fb65827b414e6d157fbef8352eb699bc09a8a1808afdcaa13149900991';
const DOCUMENT_HASH = '3e643918bdd24becc5065ae76e1da03a2a72d5ee0c24fab77353b81d3d763337';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhoucun-codec-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function testKey() {
  const path = join(tempDir(), 'audit-signing.private.json');
  writeFileSync(path, JSON.stringify(TEST_AUDIT_KEY));
  return loadKeyPair(path);
}

const first = (): ChainedRecord => chainRecord(SERVED, CHAIN, 1, GENESIS_HASH);
const second = (): ChainedRecord => chainRecord(REJECTED, CHAIN, 2, FIRST_HASH);

describe('audit record hash (golden)', () => {
  it('when a record without a code is hashed, then its hash is the one the first stores recorded', () => {
    expect(hashRecord(SERVED, CHAIN, 1, GENESIS_HASH)).toBe(FIRST_HASH);
  });

  it('when a record with a code is hashed, then its hash is the one recorded since refusals carry codes', () => {
    expect(hashRecord(REJECTED, CHAIN, 2, FIRST_HASH)).toBe(SECOND_HASH);
  });

  it('when a verification record with served subjects (listed per provider, before subject lists) is hashed, then its hash is the one recorded since they exist, whatever their key order', () => {
    const bySubjects = { 'public-security': ['3'.repeat(64)], 'human-resources': ['1'.repeat(64), '2'.repeat(64)] } satisfies SubjectsByProvider;
    const verified: AuditEntry = {
      ...SERVED,
      granted: [],
      denied: [],
      masked: [],
      providers: ['human-resources'],
      served: { 'human-resources': { calls: 1, entities: 2 } },
      verified: { 'Resident.monthlyPension': { MATCH: 1, MISMATCH: 1, NO_RECORD: 0 }, 'Resident.pensionStatus': { MATCH: 0, MISMATCH: 0, NO_RECORD: 2 } },
      subjects: bySubjects,
    };
    expect(hashRecord(verified, CHAIN, 3, SECOND_HASH)).toBe(VERIFIED_HASH);
    const reordered = {
      ...verified,
      verified: {
        'Resident.pensionStatus': verified.verified!['Resident.pensionStatus']!,
        'Resident.monthlyPension': verified.verified!['Resident.monthlyPension']!,
      },
    };
    expect(
      hashRecord(
        { ...reordered, subjects: { 'human-resources': bySubjects['human-resources'], 'public-security': bySubjects['public-security'] } },
        CHAIN,
        3,
        SECOND_HASH,
      ),
    ).toBe(VERIFIED_HASH);
    expect(hashRecord({ ...verified, subjects: { 'human-resources': ['1'.repeat(64)] } }, CHAIN, 3, SECOND_HASH)).not.toBe(VERIFIED_HASH);
  });

  it("when a record listing its subjects once per subject is hashed, then its hash is the one recorded since subject lists exist, whatever the providers' order; neither listing passes for the other", () => {
    const list = listSubjects(
      new Map([
        ['public-security', new Set(['3'.repeat(64), '1'.repeat(64)])],
        ['human-resources', new Set(['1'.repeat(64), '2'.repeat(64), '3'.repeat(64)])],
      ]),
    )!;
    expect(list).toEqual({
      hmacs: ['1'.repeat(64), '2'.repeat(64), '3'.repeat(64)],
      servedBy: { 'public-security': ['1'.repeat(64), '3'.repeat(64)], 'human-resources': '*' },
    });
    const listed: AuditEntry = { ...SERVED, subjects: list };
    expect(hashRecord(listed, CHAIN, 3, SECOND_HASH)).toBe(SUBJECT_LIST_HASH);
    const reordered = { hmacs: list.hmacs, servedBy: { 'human-resources': '*' as const, 'public-security': ['1'.repeat(64), '3'.repeat(64)] } };
    expect(hashRecord({ ...listed, subjects: reordered }, CHAIN, 3, SECOND_HASH)).toBe(SUBJECT_LIST_HASH);
    // The same pairs listed per provider, or with every HMAC spelt out instead of '*', are not what was hashed.
    const perProvider = Object.fromEntries(
      Object.entries(Object.groupBy(subjectPairs(list), (pair) => pair.provider)).map(([provider, pairs]) => [
        provider,
        pairs!.map((pair) => pair.hmac).sort(),
      ]),
    );
    expect(subjectPairs(perProvider)).toHaveLength(5);
    for (const other of [perProvider, { ...list, servedBy: { ...list.servedBy, 'human-resources': list.hmacs } }]) {
      expect(hashRecord({ ...listed, subjects: other }, CHAIN, 3, SECOND_HASH)).not.toBe(SUBJECT_LIST_HASH);
    }
  });

  it('when a record names its operation document, then the hash covers the reference; a record without one keeps the hash it always had', () => {
    expect(hashRecord({ ...SERVED, documentHash: 'd'.repeat(64) }, CHAIN, 4, 'a'.repeat(64))).toBe(DOCUMENT_HASH);
    expect(hashRecord({ ...SERVED, documentHash: 'e'.repeat(64) }, CHAIN, 4, 'a'.repeat(64))).not.toBe(DOCUMENT_HASH);
    expect(hashRecord({ ...SERVED, documentHash: undefined }, CHAIN, 1, GENESIS_HASH)).toBe(FIRST_HASH);
  });
});

describe('audit checkpoint (golden)', () => {
  it('when a checkpoint is signed, then its signature is the one signed before, and that one verifies', async () => {
    const key = await testKey();
    const checkpoint = await signCheckpoint(key, CHAIN, 2, SECOND_HASH, new Date('2026-03-02T01:03:00.000Z'));
    expect(checkpoint).toEqual(CHECKPOINT);
    expect(await checkpointSignatureProblem(await publicKeySetOf([key.publicJwk]), CHECKPOINT)).toBeUndefined();
    expect(checkpointToRow(CHECKPOINT)).toEqual({
      chain: CHAIN,
      seq: 2,
      hash: SECOND_HASH,
      at: CHECKPOINT.at,
      key_id: CHECKPOINT.keyId,
      signature: CHECKPOINT.signature,
    });
  });

  it('when a checkpoint is anchored in the log, then its line is the one logs hold, and that line reads back', async () => {
    const dir = tempDir();
    const log = createCheckpointLog(checkpointLogPath(dir, CHAIN));
    await log.append([CHECKPOINT]);
    await log.close();
    expect(readFileSync(checkpointLogPath(dir, CHAIN), 'utf8')).toBe(`${ANCHOR_LINE}\n`);
    const other = tempDir();
    writeFileSync(checkpointLogPath(other, CHAIN), `${ANCHOR_LINE}\n`);
    expect(await checkpointLogAnchors(other).read()).toEqual({ byChain: new Map([[CHAIN, [CHECKPOINT]]]), unreadable: [] });
  });
});

describe('audit spool and quarantine lines (golden)', () => {
  it('when records are spooled, then each is the JSON line spools hold, and such lines read back', async () => {
    const dir = tempDir();
    const spool = createAuditSpool(join(dir, 'spool.ndjson'));
    await spool.append([first(), second()]);
    await spool.close();
    expect(readFileSync(join(dir, 'spool.ndjson'), 'utf8')).toBe(SPOOL_LINES);
    writeFileSync(join(dir, 'old.ndjson'), SPOOL_LINES);
    expect(await createAuditSpool(join(dir, 'old.ndjson')).read()).toEqual([first(), second()]);
  });

  it('when a record is quarantined, then its row holds the escaped JSON quarantine rows hold, and the local file the same line as before', async () => {
    const quarantined: QuarantinedRecord = { record: first(), reason: 'SQLSTATE 22P05: unsupported Unicode escape sequence', at: '2026-03-02T01:02:05.000Z' };
    expect(quarantinedToRow(quarantined)).toEqual({
      chain: CHAIN,
      seq: 1,
      hash: FIRST_HASH,
      record: QUARANTINED_JSON,
      reason: quarantined.reason,
      quarantined_at: quarantined.at,
    });
    expect(JSON.parse(QUARANTINED_JSON)).toEqual(first());
    const dir = tempDir();
    const file = createAuditSpool<QuarantinedRecord>(join(dir, 'quarantine.ndjson'));
    await file.append([quarantined]);
    await file.close();
    expect(readFileSync(join(dir, 'quarantine.ndjson'), 'utf8')).toBe(QUARANTINE_LINE);
    expect(await createAuditSpool<QuarantinedRecord>(join(dir, 'quarantine.ndjson')).read()).toEqual([quarantined]);
  });
});

const CHECKPOINT: Checkpoint = {
  chain: CHAIN,
  seq: 2,
  hash: SECOND_HASH,
  at: '2026-03-02T01:03:00.000Z',
  keyId: '7RHkGfiD3afQ1_t276x5SiBflMKIi-XeKHjtK7T0jP4',
  signature: 'p7goqSO8QiJE76jdhKJRE_YtoXmkvzdkl-koYbZuC65bnMkLrj75vq8bf05PlvNUn-uBWbswYchRvGSIIAy8DQ',
};
const ANCHOR_LINE = `{"chain":"gateway-a","seq":2,"hash":"${SECOND_HASH}","at":"2026-03-02T01:03:00.000Z","keyId":"7RHkGfiD3afQ1_t276x5SiBflMKIi-XeKHjtK7T0jP4","signature":"p7goqSO8QiJE76jdhKJRE_YtoXmkvzdkl-koYbZuC65bnMkLrj75vq8bf05PlvNUn-uBWbswYchRvGSIIAy8DQ"}`;
const FIRST_JSON =
  '{"at":"2026-03-02T01:02:03.456Z","requestId":"req-1","app":"minzheng-portal","dept":"civil-affairs","roles":["consumer","reviewer"],' +
  '"purpose":"WORK_REFERENCE","matter":"低保复核 2026-041 “李雷”","operationHash":"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",' +
  '"operationName":"ResidentCheck","granted":["Resident.name","Resident.address"],"denied":["Resident.criminalRecord"],"masked":["Resident.idNumber"],' +
  '"providers":["public-security","civil-affairs"],"served":{"public-security":{"calls":2,"entities":7},"civil-affairs":{"calls":1,"entities":0}},' +
  `"outcome":"PARTIAL","durationMs":42,"chain":"gateway-a","seq":1,"prevHash":"genesis","hash":"${FIRST_HASH}"}`;
const SECOND_JSON =
  '{"at":"2026-03-02T01:02:04.000Z","requestId":"req-2","app":"approval-desk","dept":"approval","roles":[],"purpose":null,"matter":null,' +
  '"operationHash":"","operationName":null,"granted":[],"denied":[],"masked":[],"providers":[],"served":{},"outcome":"REJECTED","code":"PURPOSE_REQUIRED",' +
  `"durationMs":0,"chain":"gateway-a","seq":2,"prevHash":"${FIRST_HASH}","hash":"${SECOND_HASH}"}`;
const ARCHIVE_SIGNATURE = 'TpLOkw1BhcH9xnKR8K_SzSScF32SE0vMBPdESAHZcsByC2PMdSaQbkX5ZABTQ5BzGHziaLDIFEjvZjGAY3bGDg';
const SPOOL_LINES = `${FIRST_JSON}\n${SECOND_JSON}\n`;
const QUARANTINED_JSON = FIRST_JSON.replace('低保复核 2026-041 “李雷”', '\\u4f4e\\u4fdd\\u590d\\u6838 2026-041 \\u201c\\u674e\\u96f7\\u201d');
const QUARANTINE_LINE = `{"record":${FIRST_JSON},"reason":"SQLSTATE 22P05: unsupported Unicode escape sequence","at":"2026-03-02T01:02:05.000Z"}\n`;

describe('audit archive (golden)', () => {
  it("when a month is archived, then its signature signs the format, month, file, SHA-256, counts and every chain's boundary with the audit key, and a record line is recognised unparsed", async () => {
    const key = await testKey();
    const chains = [
      { chain: 'gateway-b', fromSeq: 1, throughSeq: 2, throughHash: 'b'.repeat(64) },
      { chain: 'gateway-a', fromSeq: 5, throughSeq: 9, throughHash: 'c'.repeat(64) },
    ];
    const signature = await signArchive(key, { month: '2025-01', file: 'audit-2025-01.ndjson.gz', sha256: 'a'.repeat(64), records: 7, subjectRows: 3, chains });
    expect(new TextDecoder().decode(archiveMessage(signature))).toBe(
      `["zhoucun-audit-archive/2","2025-01","audit-2025-01.ndjson.gz","${'a'.repeat(64)}",7,3,[["gateway-a",5,9,"${'c'.repeat(64)}"],["gateway-b",1,2,"${'b'.repeat(64)}"]]]`,
    );
    expect(signature.signature).toBe(ARCHIVE_SIGNATURE);
    const r = first();
    const row: ArchivedRecordRow = {
      ...{ id: '1', chain: r.chain, seq: String(r.seq), prev_hash: r.prevHash, hash: r.hash, at: r.at, request_id: r.requestId, app: r.app, dept: r.dept },
      ...{ roles: r.roles, purpose: r.purpose, matter: r.matter, operation_hash: r.operationHash, operation_name: r.operationName, granted: r.granted },
      ...{ denied: r.denied, masked: r.masked, providers: r.providers, served: r.served, outcome: r.outcome, duration_ms: r.durationMs },
      ...{ code: null, verified: null, subjects: null, document_hash: null },
    };
    const line = toArchiveLine({ kind: 'record', row, subjects: [] });
    expect(line.startsWith(ARCHIVE_RECORD_PREFIX)).toBe(true);
    expect(rowToRecord((fromArchiveLine(line) as { row: ArchivedRecordRow }).row)).toEqual(r);
    expect(fromArchiveLine('{"kind":"nothing"}')).toBeUndefined();
  });
});
