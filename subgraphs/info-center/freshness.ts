/**
 * Freshness of the providers' resources (周政发〔2018〕6号 art. 14). The platform reads each published
 * subgraph's `GET /healthz` (data-as-of per resource) on a bounded schedule and keeps the last reading;
 * the catalog measures it against the declared update cycle. Fail closed: a provider that does not
 * answer, answers too much, or answers something that is not a list of resources and dates leaves its
 * resources with no data-as-of date, i.e. UNKNOWN, never fresh.
 */
import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../policies/governance/working-calendar.ts';
import { chinaDate } from '../../policies/governance/china-date.ts';
import { PLATFORM_OPERATOR } from '../../policies/types.ts';
import { measureFreshness, type Freshness } from '../../policies/freshness.ts';
import type { Database } from '../../platform/store/tables.ts';
import { loadPublishedSubgraphs } from '../../platform/store/subgraph-rows.ts';
import { listCatalog, type CatalogRow } from './catalog.ts';
import type { GovernanceServices } from './governance-services.ts';

/** Bounds of one reading: body size, resources per provider, time to answer. */
const FRESHNESS_READING_LIMITS = { maxBytes: 64 * 1024, maxResources: 200, timeoutMs: 2_000 } as const;

const RESOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type ReadingOutcome = 'READ' | 'NO_ANSWER' | 'MALFORMED';

interface Reading {
  outcome: ReadingOutcome;
  resources: { resource: string; dataAsOf: string | null }[];
}

/** The health target beside a subgraph's GraphQL URL (`http://host:port/graphql` → `http://host:port/healthz`). */
function healthUrl(graphqlUrl: string): URL {
  return new URL('/healthz', graphqlUrl);
}

/** Reads at most `maxBytes` of a response body; undefined when it is longer or not UTF-8. */
async function readBounded(response: Response, maxBytes: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return undefined; // not UTF-8: as unusable as an answer over the bound
  }
}

/** The resources of a health answer; MALFORMED unless it is a bounded list of names and dates. */
function parseFreshnessAnswer(body: string): Reading {
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return { outcome: 'MALFORMED', resources: [] };
  }
  const list = typeof answer === 'object' && answer !== null ? (answer as { freshness?: unknown }).freshness : undefined;
  if (!Array.isArray(list) || list.length > FRESHNESS_READING_LIMITS.maxResources) return { outcome: 'MALFORMED', resources: [] };
  const resources = new Map<string, string | null>();
  for (const entry of list) {
    const resource = typeof entry === 'object' && entry !== null ? (entry as { resource?: unknown }).resource : undefined;
    if (typeof resource !== 'string' || !RESOURCE_NAME.test(resource)) return { outcome: 'MALFORMED', resources: [] };
    const dataAsOf = (entry as { dataAsOf?: unknown }).dataAsOf;
    // A date that is not YYYY-MM-DD is kept as no date: that resource is unknown, the others still count.
    resources.set(resource, typeof dataAsOf === 'string' && DATE.test(dataAsOf) ? dataAsOf : null);
  }
  return { outcome: 'READ', resources: [...resources].map(([resource, dataAsOf]) => ({ resource, dataAsOf })) };
}

async function readProvider(url: string): Promise<Reading> {
  try {
    const response = await fetch(healthUrl(url), { signal: AbortSignal.timeout(FRESHNESS_READING_LIMITS.timeoutMs), redirect: 'error' });
    if (!response.ok) return { outcome: 'NO_ANSWER', resources: [] };
    const body = await readBounded(response, FRESHNESS_READING_LIMITS.maxBytes);
    return body === undefined ? { outcome: 'MALFORMED', resources: [] } : parseFreshnessAnswer(body);
  } catch {
    return { outcome: 'NO_ANSWER', resources: [] };
  }
}

/** Keeps one provider's reading: its resources as read; on no usable answer, every row it had loses its date. */
async function keepReading(db: Kysely<Database>, provider: string, reading: Reading, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (reading.outcome !== 'READ') {
      await trx
        .updateTable('resource_freshness_readings')
        .set({ data_as_of: null, outcome: reading.outcome, read_at: now })
        .where('provider', '=', provider)
        .execute();
      return;
    }
    await trx.deleteFrom('resource_freshness_readings').where('provider', '=', provider).execute();
    if (reading.resources.length === 0) return;
    await trx
      .insertInto('resource_freshness_readings')
      .values(reading.resources.map(({ resource, dataAsOf }) => ({ provider, resource, data_as_of: dataAsOf, outcome: 'READ', read_at: now })))
      .execute();
  });
}

/** Reads every published subgraph's freshness once, one provider after another, and keeps the readings. */
export async function readFreshness(db: Kysely<Database>, now: () => Date): Promise<void> {
  for (const subgraph of await loadPublishedSubgraphs(db)) {
    const reading = await readProvider(subgraph.url);
    await keepReading(db, subgraph.name, reading, now());
  }
}

/**
 * Reads freshness now and then every `intervalMs` (`FRESHNESS_READ_INTERVAL_SECONDS`), never two
 * rounds at once; a failed round is logged and the readings it could not refresh stay as they were.
 * After each round `afterRound` runs (the freshness history, `freshness-history.ts`). Returns the stop function.
 */
export function startFreshnessReading(
  db: Kysely<Database>,
  now: () => Date,
  intervalMs: number,
  onError: (error: unknown) => void,
  afterRound: () => Promise<unknown> = async () => undefined,
): () => void {
  let running: Promise<void> | undefined;
  const round = () => {
    running ??= readFreshness(db, now)
      .then(afterRound)
      .then(() => undefined)
      .catch(onError)
      .finally(() => (running = undefined));
  };
  round();
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The kept reading of every provider's resources: `provider` → `resource` → data-as-of (null: unknown). */
export async function loadFreshnessReadings(db: Kysely<Database>): Promise<Map<string, Map<string, string | null>>> {
  const readings = new Map<string, Map<string, string | null>>();
  for (const row of await db.selectFrom('resource_freshness_readings').select(['provider', 'resource', 'data_as_of']).execute()) {
    const provider = readings.get(row.provider) ?? new Map<string, string | null>();
    provider.set(row.resource, row.data_as_of);
    readings.set(row.provider, provider);
  }
  return readings;
}

/** A catalogued resource's freshness: its provider's last reading measured against its update cycle. */
export interface ResourceFreshness extends Freshness {
  provider: string;
  resource: string;
  updateCycle: string | null;
  dataAsOf: string | null;
}

/** Freshness of one resource of a provider against its cycle, from the kept readings (pure over its inputs). */
export function freshnessOf(
  readings: Map<string, Map<string, string | null>>,
  provider: string,
  resource: string,
  updateCycle: unknown,
  now: Date,
  calendar: WorkingCalendar,
): ResourceFreshness {
  // The platform's own governance records are its store of record, written as decisions are taken: current today.
  const dataAsOf = provider === PLATFORM_OPERATOR ? chinaDate(now) : (readings.get(provider)?.get(resource) ?? null);
  return {
    provider,
    resource,
    updateCycle: typeof updateCycle === 'string' ? updateCycle : null,
    dataAsOf,
    ...measureFreshness(updateCycle, dataAsOf, now, calendar),
  };
}

/** The update cycle a catalog item shows: the operator's override, else the provider's declaration. */
export function catalogCycle(row: CatalogRow): unknown {
  return row.override && 'updateCycle' in row.override ? row.override['updateCycle'] : row.declared['updateCycle'];
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The resource a catalog item belongs to: its type; for a root field, or a field a provider adds to
 * another's entity (Resident.realEstateRights), the type it returns when the provider reports that one.
 */
export function resourceOf(row: CatalogRow, services: GovernanceServices, readings: Map<string, Map<string, string | null>>): string {
  let valueType: string | undefined;
  try {
    valueType = services.catalog().get(row.coordinate)?.valueType;
  } catch {
    valueType = undefined; // no supergraph loaded: only the item's own type can match a reading
  }
  const reported = readings.get(row.provider);
  if (!ROOT_TYPES.has(row.type_name) && (reported?.has(row.type_name) || !valueType || !reported?.has(valueType))) return row.type_name;
  return valueType ?? row.type_name;
}

/**
 * Freshness of every catalogued resource (one per provider, resource and cycle) of `provider`, or of
 * all providers, measured now. Only the last reading is kept, so this is the state at `services.now()`;
 * the history the evaluation counts is `freshness-history.ts`'s.
 */
export async function listResourceFreshness(
  services: GovernanceServices,
  readings: Map<string, Map<string, string | null>>,
  calendar: WorkingCalendar,
  provider?: string | null,
): Promise<ResourceFreshness[]> {
  const resources = new Map<string, ResourceFreshness>();
  for (const row of await listCatalog(services, { provider: provider ?? null })) {
    if (ROOT_TYPES.has(row.type_name)) continue; // root fields are entries to resources, not resources
    const cycle = catalogCycle(row);
    const resource = resourceOf(row, services, readings);
    const key = JSON.stringify([row.provider, resource, cycle]);
    if (!resources.has(key)) resources.set(key, freshnessOf(readings, row.provider, resource, cycle, services.now(), calendar));
  }
  return [...resources.values()];
}

/** The resources of `listResourceFreshness` that are not FRESH: STALE (with the days late) or UNKNOWN (art. 14). */
export async function listStaleResources(
  services: GovernanceServices,
  readings: Map<string, Map<string, string | null>>,
  calendar: WorkingCalendar,
  provider?: string | null,
): Promise<ResourceFreshness[]> {
  return (await listResourceFreshness(services, readings, calendar, provider)).filter((resource) => resource.status !== 'FRESH');
}
