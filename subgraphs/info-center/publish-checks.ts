/**
 * The checks a subgraph publication runs, in order, each one result of lines naming the items,
 * grants and departments concerned: (1) composition with every other current subgraph, (2) the
 * publish checks the platform runs at start, (3) change classification against the live version,
 * (4) the change against governance (grants, use in the last 30 days, share types), (5) what the
 * catalog records. The publication is refused when any check fails.
 */
import { sql, type Kysely } from 'kysely';
import { parse } from 'graphql';
import { checkSchemaChange, type ItemChange } from '../../policies/governance/check-schema-change.ts';
import type { Consumer, ShareCatalog } from '../../policies/types.ts';
import type { PublishedSubgraph } from '../../platform/store/subgraph-rows.ts';
import type { Database } from '../../platform/store/tables.ts';
import { buildSubgraphSdl } from '../../schema/build-subgraph-sdl.ts';
import { classifySubgraphChange, type SchemaChange } from '../../schema/classify-subgraph-change.ts';
import { composeSupergraph, SupergraphRejectedError, type SubgraphSource } from '../../schema/compose-supergraph.ts';
import { checkSubgraph } from '../../schema/publish-checks/check-subgraph.ts';
import { readShareCatalog } from '../../schema/read-share-catalog.ts';

export interface CheckResult {
  check: 'composition' | 'publish-checks' | 'classification' | 'governance' | 'catalog';
  passed: boolean;
  lines: string[];
}

export interface CheckedPublication {
  checks: CheckResult[];
  diff: SchemaChange[];
  passed: boolean;
  /** The candidate supergraph's catalog, when it composed. */
  catalog: ShareCatalog | undefined;
  overridden: boolean;
}

const USE_WINDOW_DAYS = 30;

function compose(candidate: SubgraphSource, others: readonly SubgraphSource[]): { composition: CheckResult; rules: CheckResult; sdl?: string } {
  const composes: CheckResult = { check: 'composition', passed: true, lines: [`composes with ${others.map((o) => o.name).join(', ')}`] };
  let own: string[];
  try {
    own = checkSubgraph(candidate.name, parse(buildSubgraphSdl(candidate.typeDefs))).map((v) => `${v.coordinate} ${v.message}`);
  } catch (error) {
    const message = `(schema) does not parse: ${(error as Error).message}`;
    return { composition: { check: 'composition', passed: false, lines: [message] }, rules: { check: 'publish-checks', passed: false, lines: [message] } };
  }
  try {
    const sdl = composeSupergraph([...others, candidate]);
    return { composition: composes, rules: { check: 'publish-checks', passed: true, lines: ['every share rule holds'] }, sdl };
  } catch (error) {
    if (!(error instanceof SupergraphRejectedError)) throw error;
    const violations = error.violations.map((v) => `[${v.subgraph}] ${v.coordinate} ${v.message}`);
    if (error.compositionErrors.length > 0) {
      return {
        composition: { check: 'composition', passed: false, lines: [...error.compositionErrors] },
        rules: { check: 'publish-checks', passed: own.length === 0, lines: own.length > 0 ? own : ['every share rule of the subgraph holds'] },
      };
    }
    const composition: CheckResult =
      own.length > 0 ? { check: 'composition', passed: false, lines: ['not composed: the publish checks refused the schema first'] } : composes;
    return { composition, rules: { check: 'publish-checks', passed: false, lines: violations } };
  }
}

/** Live grants and last-30-day receivers of the given items. */
async function evidenceFor(db: Kysely<Database>, coordinates: readonly string[], now: Date) {
  const grants = new Map<string, Array<{ id: string; dept: string }>>();
  const recentUse = new Map<string, string[]>();
  if (coordinates.length === 0) return { grants, recentUse };
  const grantRows = await db
    .selectFrom('grants')
    .select(['id', 'dept', 'field'])
    .where('field', 'in', coordinates)
    .where('revoked_at', 'is', null)
    .where('valid_until', '>', now)
    .orderBy('id')
    .execute();
  for (const row of grantRows) grants.set(row.field, [...(grants.get(row.field) ?? []), { id: row.id, dept: row.dept }]);
  const since = new Date(now.getTime() - USE_WINDOW_DAYS * 86_400_000);
  const useRows = await sql<{ dept: string; field: string }>`
    select distinct dept, item as field from audit_records, jsonb_array_elements_text(granted) as item
    where at > ${since} and item in (${sql.join(coordinates)}) order by dept`.execute(db);
  for (const row of useRows.rows) recentUse.set(row.field, [...(recentUse.get(row.field) ?? []), row.dept]);
  return { grants, recentUse };
}

function itemChanges(name: string, before: ShareCatalog, after: ShareCatalog, diff: readonly SchemaChange[]): ItemChange[] {
  const changes: ItemChange[] = [];
  for (const [coordinate, share] of before) {
    if (share.provider !== name) continue;
    const next = after.get(coordinate);
    if (!next) changes.push({ coordinate, kind: 'removed' });
    else if (next.shareType !== share.shareType) changes.push({ coordinate, kind: 'share-changed', from: share.shareType, to: next.shareType });
  }
  for (const change of diff) {
    if (change.type !== 'FIELD_TYPE_CHANGED' || !change.path || !before.has(change.path)) continue;
    changes.push({
      coordinate: change.path,
      kind: 'retyped',
      from: change.message.match(/from '([^']+)'/)?.[1] ?? '?',
      to: change.message.match(/to '([^']+)'/)?.[1] ?? '?',
    });
  }
  return changes;
}

function catalogLines(name: string, before: ShareCatalog, after: ShareCatalog, today: string): string[] {
  const lines: string[] = [];
  for (const [coordinate, share] of after) {
    if (share.provider !== name) continue;
    const old = before.get(coordinate);
    if (!old) lines.push(`${coordinate} enters the catalog as PENDING_REVIEW for the operator`);
    else if (JSON.stringify({ ...old, provider: '' }) !== JSON.stringify({ ...share, provider: '' }))
      lines.push(`${coordinate} changed: recorded on ${today} (art. 8)`);
  }
  for (const coordinate of before.keys())
    if (before.get(coordinate)!.provider === name && !after.has(coordinate)) lines.push(`${coordinate} leaves the catalog`);
  return lines.length > 0 ? lines : ['no catalog item changes'];
}

export async function runPublishChecks(options: {
  db: Kysely<Database>;
  actor: Consumer;
  candidate: SubgraphSource;
  live: PublishedSubgraph | undefined;
  /** Every other current subgraph (the registry's and the info-center). */
  others: readonly SubgraphSource[];
  /** The catalog of the supergraph served now. */
  current: ShareCatalog;
  reason: string | undefined;
  undeclaredAsUnconditional: boolean;
  now: Date;
  today: string;
}): Promise<CheckedPublication> {
  const { candidate, current } = options;
  const { composition, rules, sdl } = compose(candidate, options.others);
  let diff: SchemaChange[] = [];
  let classification: CheckResult;
  try {
    diff = await classifySubgraphChange(options.live?.typeDefs, candidate.typeDefs);
    const lines = options.live ? diff.map((change) => `${change.level} ${change.message}`) : ['first version'];
    classification = { check: 'classification', passed: true, lines: lines.length > 0 ? lines : ['no change of the schema'] };
  } catch (error) {
    classification = { check: 'classification', passed: false, lines: [`the schema cannot be compared: ${(error as Error).message}`] };
  }
  const catalog = sdl ? readShareCatalog(sdl, { undeclaredAsUnconditional: options.undeclaredAsUnconditional }) : undefined;
  let governance: CheckResult = { check: 'governance', passed: false, lines: ['not checked: the schema does not compose'] };
  let overridden = false;
  if (catalog) {
    const changes = itemChanges(candidate.name, current, catalog, diff);
    const evidence = await evidenceFor(options.db, [...new Set(changes.map((c) => c.coordinate))], options.now);
    const review = checkSchemaChange(options.actor, changes, evidence, options.reason);
    overridden = review.overridden;
    governance = { check: 'governance', passed: review.passed, lines: review.lines.length > 0 ? review.lines : ['no granted or used item changes'] };
  }
  const catalogCheck: CheckResult = {
    check: 'catalog',
    passed: catalog !== undefined,
    lines: catalog ? catalogLines(candidate.name, current, catalog, options.today) : ['not checked: the schema does not compose'],
  };
  const checks = [composition, rules, classification, governance, catalogCheck];
  return { checks, diff, passed: checks.every((check) => check.passed), catalog, overridden };
}
