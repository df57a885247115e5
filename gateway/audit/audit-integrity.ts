/**
 * The audit trail's integrity for the operator's console: the last verification's result and the
 * newest checkpoint of each chain. A full verification reads every record, so it never runs on the
 * request path: asking starts one in the background when the last is older than `minIntervalMs`
 * (at most one at a time per gateway), and the answer is the last finished one. What a request costs
 * is one grouped read of the checkpoints table, bounded by the number of chains.
 */
import type { Kysely } from 'kysely';
import type { AuditIntegrityView, ReadAuditIntegrity } from '../../platform/audit-integrity.ts';
import type { PublicKeySet } from '../../platform/key-set.ts';
import type { Database } from '../../platform/store/tables.ts';
import type { CheckpointAnchors } from './checkpoint-anchors.ts';
import { verifyAuditChains, type VerificationReport } from './verify-audit-chain.ts';

/** How often a full verification may start; default ten minutes. */
export const AUDIT_VERIFY_MIN_INTERVAL_MS = 10 * 60_000;

export interface AuditIntegrityOptions {
  keys: () => Promise<PublicKeySet>;
  anchors: readonly CheckpointAnchors[];
  minIntervalMs?: number;
  now?: () => Date;
}

export function createAuditIntegrity(db: Kysely<Database>, options: AuditIntegrityOptions): ReadAuditIntegrity {
  const minIntervalMs = options.minIntervalMs ?? AUDIT_VERIFY_MIN_INTERVAL_MS;
  const now = options.now ?? (() => new Date());
  let last: { at: Date; report: VerificationReport } | undefined;
  let running: Promise<void> | undefined;
  let startedAt = 0;

  const verify = async () => {
    try {
      const report = await verifyAuditChains(db, { keys: await options.keys(), anchors: options.anchors, now: now() });
      last = { at: now(), report };
    } catch (error) {
      // A verification that could not run says so; it is never reported as intact.
      last = {
        at: now(),
        report: {
          ok: false,
          chains: 0,
          records: 0,
          checkpoints: 0,
          anchored: 0,
          subjectRows: 0,
          quarantined: [],
          archivedMonths: [],
          problem: `not verified: ${(error as Error).message}`,
        },
      };
    } finally {
      running = undefined;
    }
  };

  return async () => {
    if (!running && now().getTime() - startedAt >= minIntervalMs) {
      startedAt = now().getTime();
      running = verify();
    }
    const rows = await db
      .selectFrom('audit_checkpoints as c')
      .innerJoin(
        db
          .selectFrom('audit_checkpoints')
          .select(['chain'])
          .select((eb) => eb.fn.max('seq').as('seq'))
          .groupBy('chain')
          .as('newest'),
        (join) => join.onRef('newest.chain', '=', 'c.chain').onRef('newest.seq', '=', 'c.seq'),
      )
      .select(['c.chain', 'c.seq', 'c.at', 'c.key_id'])
      .orderBy('c.chain')
      .execute();
    const report = last?.report;
    const view: AuditIntegrityView = {
      verifiedAt: last ? last.at.toISOString() : null,
      ok: report ? report.ok : null,
      chains: report?.chains ?? 0,
      records: report?.records ?? 0,
      checkpoints: report?.checkpoints ?? 0,
      anchored: report?.anchored ?? 0,
      quarantined: report?.quarantined.length ?? 0,
      problem: report?.problem ?? null,
      running: running !== undefined,
      lastCheckpoints: rows.map((row) => ({ chain: row.chain, seq: Number(row.seq), at: new Date(row.at).toISOString(), keyId: row.key_id })),
    };
    return view;
  };
}
