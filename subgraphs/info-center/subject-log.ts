/**
 * Who read whose data (art. 15, 22, 23): the audit records that served one resident or enterprise,
 * found by the subject's keyed HMAC in the records' own lists (the index of migration 0023; the tables
 * list no identity), newest first, each access as one provider serving the subject, with the consumer,
 * time, purpose, matter and the provider's items. Scope: policies/governance/subject-log-scope.ts.
 */
import { sql } from 'kysely';
import { shareError } from '../../platform/errors.ts';
import { isSubjectListOf, subjectHmacsOf } from '../../platform/store/migrations/0023-subject-list.ts';
import { subjectAccessItems, subjectLogScopeOf } from '../../policies/governance/subject-log-scope.ts';
import { parseInstant } from './audit-views.ts';
import { assertVerdict } from './governance-errors.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';

/** Accesses one answer lists at most; narrow `from`/`to` for more. */
const MAX_SUBJECT_ACCESSES = 500;

export type SubjectAccessArgs = {
  citizenId?: string | null;
  creditCode?: string | null;
  from: string;
  to: string;
  first?: number | null;
};

export interface SubjectAccess {
  at: string;
  requestId: string;
  department: string;
  app: string;
  purpose: string | null;
  matter: string | null;
  provider: string;
  items: string[];
  outcome: string;
}

export async function accessesToSubject(services: GovernanceServices, actor: Actor, args: SubjectAccessArgs): Promise<SubjectAccess[]> {
  const scope = assertVerdict(subjectLogScopeOf(actor));
  if ((args.citizenId == null) === (args.creditCode == null)) throw shareError('BAD_USER_INPUT', { message: 'Give exactly one of citizenId or creditCode' });
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > MAX_SUBJECT_ACCESSES) {
    throw shareError('BAD_USER_INPUT', { message: `first must be between 1 and ${MAX_SUBJECT_ACCESSES}` });
  }
  const from = parseInstant(args.from, 'from');
  const to = parseInstant(args.to, 'to');
  if (!services.subjectHmac) return [];
  const hmac = services.subjectHmac(String(args.citizenId ?? args.creditCode));
  const listed = sql<unknown>`jsonb_build_array(${hmac}::text)`;
  // The providers that served the subject to the record, from the record's own list, in code-unit order: in a subject
  // list (migration 0023; the index found the subject in its `hmacs`) those that served all its subjects or list this
  // one; before it, those whose list holds it.
  const servedBy = sql<string[]>`case when ${isSubjectListOf('r.subjects')}
    then array(select p.key from jsonb_each(r.subjects -> 'servedBy') p where p.value = '"*"' or p.value @> ${listed} order by p.key collate "C")
    else array(select p.key from jsonb_each(r.subjects) p where p.value @> ${listed} order by p.key collate "C") end`;
  // One subject's records are a few hundred, found by index in each month's partition; over twelve partitions the
  // planner would start parallel workers, whose start-up costs many times the lookup itself.
  const rows = await services.db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    let query = trx
      .selectFrom('audit_records as r')
      .select(['r.at', 'r.request_id', 'r.dept', 'r.app', 'r.purpose', 'r.matter', 'r.granted', 'r.verified', 'r.outcome'])
      .select(servedBy.as('providers'))
      // The expression of the subject log's index (migration 0023), so that the index finds the records.
      .where(sql<boolean>`${subjectHmacsOf('r.subjects')} @> ${listed}`)
      .where('r.at', '>=', from)
      .where('r.at', '<', to);
    if (scope.kind === 'provider') query = query.where(sql<boolean>`${scope.dept}::text = any(${servedBy})`);
    // A record names every provider that served the subject to it: at most `first` records give `first` accesses or more.
    return query.orderBy('r.at', 'desc').orderBy('r.seq', 'desc').limit(first).execute();
  });
  const providerOf = (coordinate: string) => services.catalog().get(coordinate)?.provider;
  return rows
    .flatMap((row) => (scope.kind === 'provider' ? [scope.dept] : row.providers).map((provider) => ({ row, provider })))
    .slice(0, first)
    .map(({ row, provider }) => ({
      at: new Date(row.at).toISOString(),
      requestId: row.request_id,
      department: row.dept,
      app: row.app,
      purpose: row.purpose,
      matter: row.matter,
      provider,
      items: subjectAccessItems(provider, [...row.granted, ...Object.keys(row.verified ?? {})], providerOf),
      outcome: row.outcome,
    }));
}
