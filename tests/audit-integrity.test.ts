/**
 * The audit trail's integrity as the operator's console reads it (周政发〔2018〕6号 art. 15, 19), on
 * PGlite and on real PostgreSQL: the newest result the scheduled `npm run audit:verify -- --record`
 * stored (the gateway never verifies) and each chain's newest checkpoint; no result, or an old one,
 * is stale; a rewritten record shows as a break once the job has run again.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_VERIFICATION_STALE_AFTER_MS, createAuditIntegrity, MAX_STORED_PROBLEMS, verificationSummary } from '../gateway/audit/audit-integrity.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import type { Store } from '../platform/store/database.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { runAuditVerify } from './support/audit-verify-command.ts';
import { openMigratedStore, STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { verifyAndRecord } from './support/record-verification.ts';

describe.each(STORE_BACKENDS)('audit integrity on %s', (backend, createDatabase) => {
  let store: Store;
  let database: TestDatabase;
  let close: (() => Promise<void>) | undefined;
  // One audit key and anchor directory for every chain of this store, as one platform has (DATA_DIR of the command).
  const dir = mkdtempSync(join(tmpdir(), 'zhoucun-integrity-'));
  beforeAll(async () => {
    ({ store, database, close } = await openMigratedStore(createDatabase));
    await ensureDemoKeyPair(dir, 'audit-signing');
  });
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function writeChain() {
    const chain = `chain-${randomBytes(4).toString('hex')}`;
    const writer = await openAuditWriter(store.db, dir, chain, { checkpointEvery: 5 });
    for (let i = 1; i <= 10; i++) await writer.append(auditEntry(`r-${i}`));
    await writer.close();
    return chain;
  }
  /** The scheduled job: the command where a second process can open the store (PostgreSQL), else the same verification in this process. */
  async function runJob(): Promise<number> {
    if (backend === 'PostgreSQL') return runAuditVerify({ dataDir: dir, databaseUrl: database.databaseUrl }, { args: ['--record'] }).status ?? -1;
    const report = await verifyAndRecord(store.db, await loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys')), [
      checkpointLogAnchors(join(dir, 'audit')),
    ]);
    return report.ok ? 0 : 1;
  }

  it('art-19 when no verification was ever recorded, then the operator reads ok null and stale, with the newest checkpoint of each chain (fail closed)', async () => {
    const chain = await writeChain();
    const view = await createAuditIntegrity(store.db)();
    expect(view).toMatchObject({ ok: null, stale: true, verifiedAt: null, verifiedBy: null, running: false, problem: null, problemCount: 0 });
    expect(view.lastCheckpoints.find((mark) => mark.chain === chain)).toMatchObject({ chain, seq: 10 });
  });

  it('art-19 when the job recorded an intact trail, then auditIntegrity answers that result, and stale once it is older than 26 hours', async () => {
    await writeChain();
    expect(await runJob()).toBe(0);
    const view = await createAuditIntegrity(store.db)();
    expect(view).toMatchObject({ ok: true, stale: false, problem: null, problems: [], running: false });
    expect(view.records).toBeGreaterThanOrEqual(20);
    expect(view.checkpoints).toBeGreaterThanOrEqual(4);
    expect(view.verifiedBy).toMatch(backend === 'PostgreSQL' ? /pid \d+$/ : /^test$/);
    const verifiedAt = new Date(view.verifiedAt ?? 0).getTime();
    const later = createAuditIntegrity(store.db, { now: () => new Date(verifiedAt + AUDIT_VERIFICATION_STALE_AFTER_MS + 1) });
    expect(await later()).toMatchObject({ ok: true, stale: true, verifiedAt: view.verifiedAt });
  });

  it('when a verification finds more problems than are kept, then 50 are stored with the total count, each bounded', async () => {
    const report = {
      ok: false,
      chains: 1,
      records: 0,
      checkpoints: 0,
      anchored: 0,
      subjectRows: 0,
      quarantined: [],
      archivedMonths: [],
      problem: 'x'.repeat(100_000),
    };
    const summary = verificationSummary(
      report,
      Array.from({ length: 199 }, (_, i) => `problem ${i}\u0000`),
    );
    expect(summary.problems).toHaveLength(MAX_STORED_PROBLEMS);
    expect(summary.problemCount).toBe(200);
    expect(summary.problems[0]!.length).toBeLessThanOrEqual(2_001);
  });

  if (backend === 'PostgreSQL')
    it('when audit:verify is given a value for --record, then it refuses with exit code 2 and records nothing', async () => {
      const before = await store.db
        .selectFrom('audit_verifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const refused = runAuditVerify({ dataDir: dir, databaseUrl: database.databaseUrl }, { args: ['--record=yes'] });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('Usage: npm run audit:verify');
      const after = await store.db
        .selectFrom('audit_verifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

  // Last: it leaves this store's trail broken.
  it('art-15 when a record is rewritten in the store and the job runs, then auditIntegrity shows ok false naming the chain', async () => {
    const chain = await writeChain();
    await store.db.updateTable('audit_records').set({ dept: 'market-regulation' }).where('chain', '=', chain).where('seq', '=', '3').execute();
    expect(await createAuditIntegrity(store.db)()).toMatchObject({ ok: true });
    expect(await runJob()).toBe(1);
    const view = await createAuditIntegrity(store.db)();
    expect(view).toMatchObject({ ok: false, stale: false });
    expect(view.problem).toContain(chain);
    expect(view.problems[0]).toContain(chain);
    expect(view.problemCount).toBeGreaterThanOrEqual(1);
  });
});
