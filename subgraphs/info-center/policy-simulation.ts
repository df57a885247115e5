/**
 * Policy dry run (art. 13, 17, 23): checks who asks for which change (check-policy-simulation.ts),
 * reads the operations of the period from the audit — distinct literal-free documents per consumer
 * department, application and purpose, with their counts — and the grants as they stand, and hands
 * both, with the supergraph the gateway serves now, to the pure simulation (simulate-policy-change.ts).
 * The cost is bounded before any of it runs: the change and the period are checked first, and at most
 * `MAX_SIMULATED_OPERATIONS` operations are read and decided, the most requested first.
 */
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { sql } from 'kysely';
import { applyPolicyChange } from '../../policies/apply-policy-change.ts';
import { checkPolicySimulation, type PolicyChangeInput } from '../../policies/governance/check-policy-simulation.ts';
import { simulatePolicyChange, type PolicySimulation, type ReplayedOperation } from '../../policies/simulate-policy-change.ts';
import type { Purpose } from '../../policies/types.ts';
import { loadCurrentGrants } from '../../platform/store/grant-rows.ts';
import { assertVerdict } from './governance-errors.ts';
import type { Actor, GovernanceServices } from './governance-services.ts';

/** Most distinct operations one dry run reads and decides (two authorizations each). */
export const MAX_SIMULATED_OPERATIONS = 2_000;
/** Most (operation, claimed item) pairs of verification calls read. */
const MAX_VERIFIED_ITEMS = 20_000;
const DAY_MS = 86_400_000;

export type PolicySimulationView = PolicySimulation & { from: string; to: string; cap: number; capped: boolean };

export async function simulatePolicyChangeView(
  services: GovernanceServices,
  actor: Actor,
  args: { change: PolicyChangeInput; days: number },
): Promise<PolicySimulationView> {
  const grantId = args.change.revoke?.grantId;
  const row = grantId === undefined ? undefined : await services.db.selectFrom('grants').selectAll().where('id', '=', grantId).executeTakeFirst();
  const catalog = services.catalog();
  const grant = row && { id: row.id, dept: row.dept, field: row.field, kind: row.kind, revoked: row.revoked_at !== null };
  const change = assertVerdict(checkPolicySimulation(actor, args, { catalog, departments: services.departments, grant }));

  const now = services.now();
  const from = new Date(now.getTime() - args.days * DAY_MS);
  // The grants the gateway builds abilities from, read as its grant source reads them.
  const before = { catalog, grants: await loadCurrentGrants(services.db, now) };
  const { operations, capped } = await readOperations(services, from);
  const simulation = simulatePolicyChange({
    schema: schemaOf(services),
    operations,
    before,
    after: applyPolicyChange(before, change, now),
    now,
    ...(actor.roles.includes('platform-admin') ? {} : { provider: actor.dept }),
  });
  return { ...simulation, from: from.toISOString(), to: now.toISOString(), cap: MAX_SIMULATED_OPERATIONS, capped };
}

/** The period's operations with a purpose and a kept document, most requested first, at most the cap. */
async function readOperations(services: GovernanceServices, from: Date): Promise<{ operations: ReplayedOperation[]; capped: boolean }> {
  const groups = await services.db
    .selectFrom('audit_records')
    .select((eb) => ['document_hash', 'dept', 'app', 'purpose', eb.fn.countAll<string>().as('requests'), eb.fn.max('at').as('last_seen')])
    .where('at', '>=', from)
    .where('purpose', 'is not', null)
    .where('document_hash', 'is not', null)
    .groupBy(['document_hash', 'dept', 'app', 'purpose'])
    .orderBy('requests', 'desc')
    .orderBy('last_seen', 'desc')
    .limit(MAX_SIMULATED_OPERATIONS + 1)
    .execute();
  const capped = groups.length > MAX_SIMULATED_OPERATIONS;
  const kept = groups.slice(0, MAX_SIMULATED_OPERATIONS);
  const hashes = [...new Set(kept.map((group) => group.document_hash!))];
  const documents = new Map<string, { document: string; operation_name: string | null }>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await services.db
      .selectFrom('operation_documents')
      .select(['hash', 'document', 'operation_name'])
      .where('hash', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const row of rows) documents.set(row.hash, row);
  }
  const verified = await readVerifiedItems(services, from);
  const operations = kept.map((group): ReplayedOperation => {
    const key = JSON.stringify([group.document_hash, group.dept, group.app, group.purpose]);
    const document = documents.get(group.document_hash!);
    return {
      documentHash: group.document_hash!,
      // A record naming a document the store does not hold is counted as unreadable, never guessed.
      document: document?.document ?? '',
      operationName: document?.operation_name ?? null,
      dept: group.dept,
      app: group.app,
      purpose: group.purpose as Purpose,
      requests: Number(group.requests),
      lastSeen: new Date(group.last_seen as Date | string).toISOString(),
      ...(verified.has(key) ? { verifiedItems: verified.get(key)! } : {}),
    };
  });
  return { operations, capped };
}

/** The items claimed in the period's verification calls, per operation: their claims came in variables, the records name the items. */
async function readVerifiedItems(services: GovernanceServices, from: Date): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ document_hash: string; dept: string; app: string; purpose: string; item: string }>`
    select distinct r.document_hash, r.dept, r.app, r.purpose, i.item
    from audit_records r
    cross join lateral (select jsonb_object_keys(r.verified) as item union select jsonb_array_elements_text(r.denied)) as i
    where r.verified is not null and r.at >= ${from} and r.purpose is not null and r.document_hash is not null
    limit ${MAX_VERIFIED_ITEMS}`.execute(services.db);
  const items = new Map<string, string[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.document_hash, row.dept, row.app, row.purpose]);
    const list = items.get(key);
    if (list) list.push(row.item);
    else items.set(key, [row.item]);
  }
  return items;
}

/** The supergraph as a schema, built once per supergraph text (the same types and fields the gateway authorizes against). */
const schemas = new WeakMap<GovernanceServices, { sdl: string; schema: GraphQLSchema }>();
function schemaOf(services: GovernanceServices): GraphQLSchema {
  const sdl = services.supergraphSdl();
  let built = schemas.get(services);
  if (built?.sdl !== sdl) schemas.set(services, (built = { sdl, schema: buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true }) }));
  return built.schema;
}
