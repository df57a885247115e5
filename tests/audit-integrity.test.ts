/**
 * The audit trail's integrity as the operator's console reads it (周政发〔2018〕6号 art. 15, 19), on
 * PGlite and on real PostgreSQL: the last verification (run in the background, never on the request)
 * and each chain's newest checkpoint; a rewritten record shows as a break on the next verification.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditIntegrity } from '../gateway/audit/audit-integrity.ts';
import { checkpointLogAnchors } from '../gateway/audit/checkpoint-anchors.ts';
import type { ReadAuditIntegrity } from '../platform/audit-integrity.ts';
import { demoKeyPath, ensureDemoKeyPair } from '../platform/keys.ts';
import { loadPublicKeySet } from '../platform/key-set.ts';
import type { Store } from '../platform/store/database.ts';
import { auditEntry, openAuditWriter } from './support/audit-fixtures.ts';
import { openMigratedStore, STORE_BACKENDS } from './support/databases.ts';

/** Asks until a verification has finished (the first ask starts one). */
async function settled(read: ReadAuditIntegrity) {
  for (;;) {
    const view = await read();
    if (view.verifiedAt) return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(STORE_BACKENDS)('audit integrity on %s', (_backend, createDatabase) => {
  let store: Store;
  let close: (() => Promise<void>) | undefined;
  // One audit key and anchor directory for every chain of this store, as one platform has.
  const dir = mkdtempSync(join(tmpdir(), 'zhoucun-integrity-'));
  beforeAll(async () => {
    ({ store, close } = await openMigratedStore(createDatabase));
    await ensureDemoKeyPair(dir, 'audit-signing');
  });
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function setup() {
    const chain = `chain-${randomBytes(4).toString('hex')}`;
    const writer = await openAuditWriter(store.db, dir, chain, { checkpointEvery: 5 });
    for (let i = 1; i <= 10; i++) await writer.append(auditEntry(`r-${i}`));
    await writer.close();
    // The store holds other tests' chains too: each reader verifies them all, as audit:verify does.
    const reader = (minIntervalMs = 60_000) =>
      createAuditIntegrity(store.db, {
        keys: () => loadPublicKeySet(demoKeyPath(dir, 'audit-signing', 'public-keys')),
        anchors: [checkpointLogAnchors(join(dir, 'audit'))],
        minIntervalMs,
      });
    return { chain, reader };
  }

  it('art-19 when the trail is intact, then the operator reads it verified and the newest checkpoint of the chain', async () => {
    const { chain, reader } = await setup();
    const read = reader();
    expect(await read()).toMatchObject({ running: true, verifiedAt: null, ok: null });
    const view = await settled(read);
    expect(view).toMatchObject({ ok: true, problem: null, running: false });
    expect(view.lastCheckpoints.find((mark) => mark.chain === chain)).toMatchObject({ chain, seq: 10 });
  });

  it('art-15 when a record is rewritten in the store, then the next verification reports the break naming the chain', async () => {
    const { chain, reader } = await setup();
    expect((await settled(reader())).ok).toBe(true);
    await store.db.updateTable('audit_records').set({ dept: 'market-regulation' }).where('chain', '=', chain).where('seq', '=', '3').execute();
    const view = await settled(reader());
    expect(view.ok).toBe(false);
    expect(view.problem).toContain(chain);
  });

  it('when asked again within the interval, then no second verification starts (bounded cost)', async () => {
    const read = (await setup()).reader();
    const view = await settled(read);
    const again = await read();
    expect(again.running).toBe(false);
    expect(again.verifiedAt).toBe(view.verifiedAt);
  });
});
