/**
 * The audit trail's integrity for the operator's console (周政发〔2018〕6号 art. 15, 19): the newest
 * stored verification result and the newest checkpoint of each chain. A full verification reads every
 * record, so it never runs in a gateway: a scheduled job (`npm run audit:verify -- --record`, daily or
 * more often) stores its result in `audit_verifications`, and a gateway only reads the newest row.
 * Fail closed: no result means `ok: null` and `stale: true`; a result older than `staleAfterMs` is
 * shown with `stale: true` (the job stopped running). What a request costs is one indexed read of
 * the newest result and one grouped read of the checkpoints table, bounded by the number of chains.
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { AuditIntegrityView, ReadAuditIntegrity } from '../../platform/audit-integrity.ts';
import type { AuditVerificationSummary, Database } from '../../platform/store/tables.ts';
import type { VerificationReport } from './verify-audit-chain.ts';

/** A result older than this is stale: the job should run at least daily (plus two hours' slack). */
export const AUDIT_VERIFICATION_STALE_AFTER_MS = 26 * 3_600_000;
/** At most this many problems are stored per result, each cut to `MAX_PROBLEM_CHARS`. */
export const MAX_STORED_PROBLEMS = 50;
const MAX_PROBLEM_CHARS = 2_000;

export interface AuditIntegrityOptions {
  staleAfterMs?: number;
  now?: () => Date;
}

export function createAuditIntegrity(db: Kysely<Database>, options: AuditIntegrityOptions = {}): ReadAuditIntegrity {
  const staleAfterMs = options.staleAfterMs ?? AUDIT_VERIFICATION_STALE_AFTER_MS;
  const now = options.now ?? (() => new Date());
  return async () => {
    const last = await db
      .selectFrom('audit_verifications')
      .select(['started_at', 'finished_at', 'ok', 'summary', 'host'])
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
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
    const summary = last ? parseSummary(last.summary) : undefined;
    const finishedAt = last ? new Date(last.finished_at) : undefined;
    const view: AuditIntegrityView = {
      startedAt: last ? new Date(last.started_at).toISOString() : null,
      verifiedAt: finishedAt ? finishedAt.toISOString() : null,
      verifiedBy: last?.host ?? null,
      stale: !finishedAt || now().getTime() - finishedAt.getTime() > staleAfterMs,
      ok: last ? last.ok : null,
      chains: summary?.chains ?? 0,
      records: summary?.records ?? 0,
      checkpoints: summary?.checkpoints ?? 0,
      anchored: summary?.anchored ?? 0,
      quarantined: summary?.quarantined ?? 0,
      problem: summary?.problems[0] ?? null,
      problems: summary?.problems ?? [],
      problemCount: summary?.problemCount ?? 0,
      running: false,
      lastCheckpoints: rows.map((row) => ({ chain: row.chain, seq: Number(row.seq), at: new Date(row.at).toISOString(), keyId: row.key_id })),
    };
    return view;
  };
}

/** PGlite hands jsonb back parsed, some drivers as text; a row that is not a summary claims nothing. */
function parseSummary(raw: unknown): AuditVerificationSummary {
  const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<AuditVerificationSummary> | null;
  const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
  const problems = Array.isArray(value?.problems) ? value.problems.filter((p): p is string => typeof p === 'string').slice(0, MAX_STORED_PROBLEMS) : [];
  return {
    chains: count(value?.chains),
    records: count(value?.records),
    checkpoints: count(value?.checkpoints),
    anchored: count(value?.anchored),
    quarantined: count(value?.quarantined),
    archivedMonths: Array.isArray(value?.archivedMonths) ? value.archivedMonths.filter((m): m is string => typeof m === 'string') : [],
    problems,
    problemCount: Math.max(count(value?.problemCount), problems.length),
  };
}

/** What one verification found, as `audit_verifications` stores it: the report and any further problems (the governance log's). */
export function verificationSummary(report: VerificationReport, moreProblems: readonly string[] = []): AuditVerificationSummary {
  const all = [...(report.problem ? [report.problem] : []), ...moreProblems];
  return {
    chains: report.chains,
    records: report.records,
    checkpoints: report.checkpoints,
    anchored: report.anchored,
    quarantined: report.quarantined.length,
    archivedMonths: report.archivedMonths,
    problems: all.slice(0, MAX_STORED_PROBLEMS).map((problem) => (problem.length > MAX_PROBLEM_CHARS ? `${problem.slice(0, MAX_PROBLEM_CHARS)}…` : problem)),
    problemCount: all.length,
  };
}

/** Stores one verification's result (`npm run audit:verify -- --record`); the gateways answer the newest. */
export async function recordVerification(
  db: Kysely<Database>,
  result: { startedAt: Date; finishedAt: Date; ok: boolean; summary: AuditVerificationSummary; host?: string },
): Promise<void> {
  await db
    .insertInto('audit_verifications')
    .values({
      started_at: result.startedAt,
      finished_at: result.finishedAt,
      ok: result.ok,
      summary: JSON.stringify(result.summary),
      host: result.host ?? `${hostname()} pid ${process.pid}`,
    })
    .execute();
}
