/**
 * What the scheduled `npm run audit:verify -- --record` does, in this process: verifies every chain
 * of the store and stores the result in `audit_verifications` (for stores a child process cannot open,
 * such as an in-memory PGlite).
 */
import type { Kysely } from 'kysely';
import { recordVerification, verificationSummary } from '../../gateway/audit/audit-integrity.ts';
import type { CheckpointAnchors } from '../../gateway/audit/checkpoint-anchors.ts';
import { verifyAuditChains, type VerificationReport } from '../../gateway/audit/verify-audit-chain.ts';
import type { PublicKeySet } from '../../platform/key-set.ts';
import type { Database } from '../../platform/store/tables.ts';

export async function verifyAndRecord(db: Kysely<Database>, keys: PublicKeySet, anchors: readonly CheckpointAnchors[] = []): Promise<VerificationReport> {
  const startedAt = new Date();
  const report = await verifyAuditChains(db, { keys, anchors });
  await recordVerification(db, { startedAt, finishedAt: new Date(), ok: report.ok, summary: verificationSummary(report), host: 'test' });
  return report;
}
