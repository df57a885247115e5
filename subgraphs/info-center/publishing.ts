/**
 * Publishing (art. 20): a department's sharing administrator, or the operator, publishes a new
 * version of its subgraph. Every check runs (publish-checks.ts); the version is live only when all
 * pass and it is not a dry run. Every attempt is kept (who, when, the SDL, the results, the diff,
 * published or not) and recorded as a governance event; a publication moves the supergraph
 * version, which every gateway instance follows without restart. A rollback republishes an earlier
 * version through the same checks.
 */
import type { Selectable } from 'kysely';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { checkPublication } from '../../policies/governance/check-publication.ts';
import { shareError } from '../../platform/errors.ts';
import {
  bumpSupergraphVersion,
  loadPublishedSubgraphs,
  lockSupergraphVersion,
  nextSubgraphVersion,
  readSupergraphVersion,
} from '../../platform/store/subgraph-rows.ts';
import type { SubgraphVersionsTable } from '../../platform/store/tables.ts';
import { syncCatalog } from './catalog.ts';
import { assertVerdict, notFound } from './governance-errors.ts';
import { lockGovernanceChain, recordEvent } from './governance-event-chain.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';
import { runPublishChecks } from './publish-checks.ts';

export type SubgraphVersionRow = Selectable<SubgraphVersionsTable> & { live: boolean };

export type PublishArgs = {
  name: string;
  url?: string | null;
  sdl: string;
  dryRun?: boolean | null;
  /** The operator's reason for overriding the governance check; the reason of a rollback. */
  reason?: string | null;
};

export async function publishSubgraph(services: GovernanceServices, actor: Actor, args: PublishArgs, rollbackOf?: number): Promise<SubgraphVersionRow> {
  const { db } = services;
  const now = services.now();
  const published = await loadPublishedSubgraphs(db);
  const live = published.find((subgraph) => subgraph.name === args.name);
  const url = args.url ?? live?.url;
  const departments = (await db.selectFrom('departments').select('code').execute()).map((row) => row.code);
  assertVerdict(checkPublication(actor, { name: args.name, url, sdl: args.sdl }, departments));
  if (!url) throw shareError('BAD_USER_INPUT');
  const versionSeen = await readSupergraphVersion(db);
  const reason = args.reason?.trim() || undefined;
  const checked = await runPublishChecks({
    db,
    actor,
    candidate: { name: args.name, url, typeDefs: args.sdl },
    live,
    others: [...published.filter((subgraph) => subgraph.name !== args.name), ...services.localSubgraphs],
    current: services.catalog(),
    reason,
    undeclaredAsUnconditional: false,
    now,
    today: chinaDate(now),
  });
  const publish = checked.passed && !args.dryRun;
  const row = await db.transaction().execute(async (trx) => {
    await lockGovernanceChain(trx);
    const supergraphVersion = await lockSupergraphVersion(trx);
    if (publish && String(supergraphVersion) !== versionSeen) {
      throw shareError('CONFLICT', { message: 'Another subgraph was published while the checks ran: publish again to check against it' });
    }
    const version = await nextSubgraphVersion(trx, args.name);
    const inserted = await trx
      .insertInto('subgraph_versions')
      .values({
        name: args.name,
        version,
        sdl: args.sdl,
        url,
        published_by: actor.app,
        published_dept: actor.dept,
        published_at: now,
        published: publish,
        dry_run: args.dryRun ?? false,
        reason: reason ?? null,
        rollback_of: rollbackOf ?? null,
        checks: JSON.stringify(checked.checks),
        diff: JSON.stringify(checked.diff.map(({ level, path, message }) => ({ level, path, message }))),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (publish) {
      await trx
        .insertInto('subgraphs')
        .values({ name: args.name, url, current_version: version })
        .onConflict((oc) => oc.column('name').doUpdateSet({ url, current_version: version, updated_at: now }))
        .execute();
      await bumpSupergraphVersion(trx, supergraphVersion);
      await syncCatalog(trx, checked.catalog!, now, { newItemsPendingReview: true });
    }
    const action = publish ? (rollbackOf ? 'rolled-back' : 'published') : args.dryRun ? 'dry-run' : 'publish-refused';
    await recordEvent(trx, {
      actor,
      subjectKind: 'subgraph',
      subjectId: args.name,
      action,
      reason: reason ?? null,
      details: {
        version,
        url,
        ...(rollbackOf ? { rollbackOf } : {}),
        overridden: checked.overridden,
        failed: checked.checks.filter((check) => !check.passed).map((check) => check.check),
      },
    });
    return inserted;
  });
  if (publish) await services.supergraphChanged();
  return { ...row, live: publish };
}

/** Republishes an earlier version of a subgraph through the same checks. */
export async function rollbackSubgraph(services: GovernanceServices, actor: Actor, args: { name: string; version: number; reason: string }) {
  if (!args.reason.trim()) throw shareError('BAD_USER_INPUT', { message: 'Say why the subgraph is rolled back' });
  const earlier = await services.db
    .selectFrom('subgraph_versions')
    .selectAll()
    .where('name', '=', args.name)
    .where('version', '=', args.version)
    .where('published', '=', true)
    .executeTakeFirst();
  if (!earlier) throw notFound('published subgraph version', `${args.name}@${args.version}`);
  return publishSubgraph(services, actor, { name: args.name, url: earlier.url, sdl: earlier.sdl, dryRun: false, reason: args.reason }, args.version);
}

/** Every attempt to publish a subgraph, newest first. */
export async function listSubgraphVersions(services: GovernanceServices, name: string): Promise<SubgraphVersionRow[]> {
  const [rows, current] = await Promise.all([
    services.db.selectFrom('subgraph_versions').selectAll().where('name', '=', name).orderBy('version', 'desc').limit(200).execute(),
    services.db.selectFrom('subgraphs').select('current_version').where('name', '=', name).executeTakeFirst(),
  ]);
  return rows.map((row) => ({ ...row, live: row.version === current?.current_version }));
}
