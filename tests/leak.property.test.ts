/**
 * Property: whatever operations a consumer sends, under whatever purpose, no value of a field it may not
 * receive appears anywhere in any response. At least `MIN_OPERATIONS` random operations per run, sent as
 * batches (`BATCH_SIZE` operations per HTTP request, each authorized on its own) by `CONCURRENT_REQUESTS`
 * requests at a time, from every consumer department under every purpose, some in strict mode.
 *
 * The oracle is written out plainly and independently of the gateway: share types are read from the
 * departments' own SDL (not from the gateway's catalog), grants are judged live or not here, and the
 * response is read through the aliases the generator put on every field. Grants are spread so that, for
 * every department and purpose, some CONDITIONAL items are granted and others are not (expired, revoked,
 * not yet valid, for another purpose, a REQUEST grant on a NONE item, or none at all).
 *
 * Data minimisation is in the oracle too. Some live grants require masked delivery (a mask fitting the
 * item's type) and the provider's own declared masks apply: wherever every way a consumer reads an item
 * is masked, each value it receives must be its mask's own output (masks are idempotent, so an unmasked
 * address, name, amount or date never is). Household-address grants of one bucket are row-scoped to
 * residents of 大街街道: every address received under them must lie in that subdistrict, and a
 * FORBIDDEN_ROW error may only name an item read under a row condition. civil-affairs reads household
 * addresses for ADMINISTRATIVE_BASIS only of residents whose 低保 application it handles (an open-case
 * condition its own subgraph answers), and for BUSINESS_COLLABORATION only of those in 丝绸路街道 as well:
 * every address it receives under them must be one of such a resident (read from the departments' own
 * stores; an address shared by a household's members cannot tell them apart, so such a leak would pass).
 */
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, isInterfaceType, isObjectType, Kind, parse, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMask } from '../policies/masks/apply-mask.ts';
import { PURPOSES, type Grant, type MaskKind, type Purpose, type RowCondition, type ShareType } from '../policies/types.ts';
import { findShareDirective, readShareArgs } from '../schema/share-directive-args.ts';
import { DEPARTMENT_CODES } from '../platform/departments.ts';
import { OPEN_CASE_ATTRIBUTE, OPEN_CASE_CONDITION } from '../policies/open-case.ts';
import { createCertificateStore } from '../subgraphs/approval/store.ts';
import { createCivilAffairsStore } from '../subgraphs/civil-affairs/store.ts';
import { createPopulationStore } from '../subgraphs/public-security/store.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { DEMO, district, SUBDISTRICTS } from '../subgraphs/shared/district.ts';
import { createPostgresDatabase, type TestDatabase } from './support/databases.ts';
import { ALIAS_PATTERN, buildRandomOperation, type Feature, type RandomOperationOptions } from './support/random-operation.ts';
import { startTestPlatform, type Client, type TestPlatform } from './support/test-platform.ts';

/** Operations that must actually be sent per run. */
const MIN_OPERATIONS = 10_000;
/** Operations per HTTP request: the gateway's batch limit. */
const BATCH_SIZE = 20;
/** HTTP requests in flight at once. */
const CONCURRENT_REQUESTS = 4;
/** Each run sends CONCURRENT_REQUESTS batches plus one unbatched operation. */
const OPERATIONS_PER_RUN = CONCURRENT_REQUESTS * BATCH_SIZE + 1;
const NUM_RUNS = Math.ceil(MIN_OPERATIONS / OPERATIONS_PER_RUN);
/** Below the root field: two more levels, up to three fields each, up to two operations per document. */
const SHAPE = { maxDepth: 3, maxFields: 3, maxOperations: 2 } as const;
/** Each share of operations that must have received a conditional value, been denied something, used a feature. */
const MIN_GRANTED_SHARE = 0.1;
const MIN_DENIED_SHARE = 0.1;
const MIN_FEATURE_SHARE = 0.05;
/** Generous for a loaded 2-core machine: the run takes about 90 s on the shared development VM. */
const TIMEOUT_MS = 300_000;

const certifiedResident = (() => {
  const store = createCertificateStore();
  return district()
    .residents.map((r) => ({ citizenId: r.citizenId, certificate: store.findCertificatesByResident([r.citizenId])[0]![0] }))
    .find((r) => r.certificate)!;
})();

const ROOTS: Record<string, string[]> = {
  resident: [`(citizenId: "${DEMO.resident}")`, `(citizenId: "${DEMO.legalRepresentative}")`, `(citizenId: "${certifiedResident.citizenId}")`],
  residents: [`(citizenIds: ["${DEMO.resident}", "${certifiedResident.citizenId}"])`],
  enterprise: [`(creditCode: "${DEMO.enterprise}")`],
  enterprises: [`(creditCodes: ["${DEMO.enterprise}"])`],
  licence: [
    '(certificateNo: "JY33703060012345")',
    `(certificateNo: "${DEMO.enterprise}")`,
    `(certificateNo: "${certifiedResident.certificate!.certificateNo}")`,
  ],
  practiceCertificate: [`(certificateNo: "${certifiedResident.certificate!.certificateNo}")`, '(certificateNo: "JY33703060012345")'],
  realEstateRight: ['(certificateNo: "鲁(2019)周村区不动产权第0012345号")'],
};

interface DeclaredShare {
  shareType: ShareType;
  provider: string;
  /** Masks declared by purpose. */
  masks: Readonly<Record<string, string>>;
}

/** The row condition of the row-scoped bucket, and the item it applies to (its values name their subdistrict). */
const ROW_SCOPED_ITEM = 'Resident.householdAddress';
const IN_DAJIE: RowCondition = { householdSubdistrict: { $in: ['大街街道'] } };
/** The consumer whose subgraph answers open cases, its grants on the row-scoped item by purpose, and the addresses of its open cases. */
const OPEN_CASE_CONSUMER = 'civil-affairs';
const OPEN_CASE_GRANTS: Partial<Record<Purpose, RowCondition>> = {
  ADMINISTRATIVE_BASIS: OPEN_CASE_CONDITION,
  // With a subdistrict too: the demo resident, who has an open case, lives in 丝绸路街道.
  BUSINESS_COLLABORATION: { householdSubdistrict: { $in: ['丝绸路街道'] }, ...OPEN_CASE_CONDITION },
};
const OPEN_CASE_ADDRESSES: ReadonlySet<string> = (() => {
  const ids = district().residents.map((resident) => resident.citizenId);
  return new Set(
    createPopulationStore()
      .findResidents(createCivilAffairsStore().findOpenCases(ids))
      .map((resident) => resident!.householdAddress),
  );
})();
/** Masks the test's grants require, by the item's named type. */
const GRANT_MASKS: Readonly<Record<string, MaskKind>> = { String: 'NAME_PARTIAL', Float: 'AMOUNT_BAND', Int: 'AMOUNT_BAND', Date: 'DATE_TO_YEAR' };

/** Share type and provider of every `Type.field`, read from each department's SDL: the field's `@share`, else its type's. */
function readDeclaredShares(): Map<string, DeclaredShare> {
  const shares = new Map<string, DeclaredShare>();
  for (const subgraph of SUBGRAPHS) {
    for (const definition of parse(subgraph.definition.typeDefs).definitions) {
      if (!('fields' in definition) || !definition.fields || !('name' in definition) || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
      const typeShare = findShareDirective(definition.directives);
      for (const field of definition.fields) {
        const directive = findShareDirective(field.directives) ?? typeShare;
        const shareType = directive && readShareArgs(directive).type;
        if (!shareType) continue;
        const coordinate = `${definition.name!.value}.${field.name.value}`;
        const known = shares.get(coordinate);
        // Key fields appear in every subgraph that references the entity; they are UNCONDITIONAL everywhere.
        if (known && (known.shareType !== 'UNCONDITIONAL' || shareType !== 'UNCONDITIONAL')) throw new Error(`${coordinate} is declared twice`);
        shares.set(coordinate, { shareType, provider: subgraph.name, masks: (directive && readShareArgs(directive).masks) ?? {} });
      }
    }
  }
  return shares;
}

const SHARES = readDeclaredShares();
const RESTRICTED = [...SHARES].filter(([, share]) => share.shareType !== 'UNCONDITIONAL').map(([coordinate]) => coordinate);

/** A cheap stable hash, so each (department, item, purpose) falls into the same grant state every run. */
function bucket(text: string, buckets: number): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return (hash >>> 0) % buckets;
}

/** A mask for a grant on `coordinate`, where one fits its type and its value is not also read through an interface. */
function grantMaskFor(coordinate: string): MaskKind | undefined {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  if (!isObjectType(type) || type.getInterfaces().some((iface) => iface.getFields()[fieldName])) return undefined;
  const fieldType = type.getFields()[fieldName]?.type;
  if (!fieldType) return undefined;
  let named: unknown = fieldType;
  while (named && typeof named === 'object' && 'ofType' in named) named = (named as { ofType: unknown }).ofType;
  return GRANT_MASKS[String(named)];
}

function buildGrants(now: number): Grant[] {
  const day = 86_400_000;
  const at = (offset: number) => new Date(now + offset).toISOString();
  const grants: Grant[] = [];
  for (const dept of DEPARTMENT_CODES) {
    for (const field of RESTRICTED) {
      for (const purpose of PURPOSES) {
        const base = { id: `g-${grants.length}`, dept, field, purpose, validFrom: at(-day), validUntil: at(day) };
        const state = bucket(`${dept}|${field}|${purpose}`, 7);
        const openCase = dept === OPEN_CASE_CONSUMER && field === ROW_SCOPED_ITEM ? OPEN_CASE_GRANTS[purpose] : undefined;
        if (openCase) grants.push({ ...base, kind: 'REQUEST', condition: openCase });
        else if (state === 0) grants.push({ ...base, kind: 'REQUEST', ...(field === ROW_SCOPED_ITEM ? { condition: IN_DAJIE } : {}) });
        else if (state === 1) {
          const mask = grantMaskFor(field);
          grants.push({ ...base, kind: 'REQUEST', ...(mask ? { mask } : {}) });
        } else if (state === 2) grants.push({ ...base, kind: 'EXCEPTION', basis: '协调办公室批复' });
        else if (state === 3) grants.push({ ...base, kind: 'REQUEST', validFrom: at(-2 * day), validUntil: at(-day) });
        else if (state === 4) grants.push({ ...base, kind: 'EXCEPTION', basis: '协调办公室批复', revokedAt: at(-1000) });
        else if (state === 5) grants.push({ ...base, kind: 'REQUEST', validFrom: at(day), validUntil: at(2 * day) });
      }
    }
  }
  return grants;
}

let database: TestDatabase;
let platform: TestPlatform;
let schema: GraphQLSchema;
let grants: Grant[];

// The store of record on the machine's PostgreSQL: the audit record every operation leaves is then written
// by another process, and the gateway's own process spends its time on the request path.
beforeAll(async () => {
  database = await createPostgresDatabase();
  platform = await startTestPlatform({ databaseUrl: database.databaseUrl! });
  const { body } = await platform.client({ dept: 'civil-affairs' }).query(getIntrospectionQuery());
  schema = buildClientSchema(body.data as unknown as IntrospectionQuery);
  grants = buildGrants(Date.now());
  platform.grants.replace(grants);
});
afterAll(async () => {
  await platform?.close();
  await database?.drop();
});

/** The oracle: the regulation's rules written out plainly. Interface fields need every implementation readable. */
function mayRead(dept: string, purpose: string, typeName: string, fieldName: string): boolean {
  const type = schema.getType(typeName);
  const coordinates = isInterfaceType(type) ? [typeName, ...schema.getPossibleTypes(type).map((t) => t.name)] : [typeName];
  return coordinates.every((name) => mayReadOne(dept, purpose, `${name}.${fieldName}`));
}

function mayReadOne(dept: string, purpose: string, coordinate: string): boolean {
  const share = SHARES.get(coordinate);
  if (!share) return false;
  if (share.shareType === 'UNCONDITIONAL' || share.provider === dept) return true;
  return liveGrants(dept, purpose, coordinate).length > 0;
}

/** The live grants through which `dept` reads `coordinate` for `purpose`. */
function liveGrants(dept: string, purpose: string, coordinate: string): Grant[] {
  const share = SHARES.get(coordinate);
  const now = Date.now();
  return grants.filter(
    (g) =>
      g.dept === dept &&
      g.purpose === purpose &&
      g.field === coordinate &&
      !g.revokedAt &&
      Date.parse(g.validFrom) <= now &&
      now < Date.parse(g.validUntil) &&
      (share?.shareType === 'CONDITIONAL' || g.kind === 'EXCEPTION'),
  );
}

/** The mask every value of `coordinate` must have reached `dept` under, or undefined where some way reads it in full. */
function maskOf(dept: string, purpose: string, coordinate: string): MaskKind | undefined {
  const share = SHARES.get(coordinate);
  if (!share || share.provider === dept) return undefined;
  const declared = share.masks[purpose] as MaskKind | undefined;
  if (declared) return declared;
  if (share.shareType === 'UNCONDITIONAL') return undefined;
  const through = liveGrants(dept, purpose, coordinate);
  return through.every((g) => g.mask) ? through[0]?.mask : undefined;
}

/** Whether some live grant of `dept` reads `coordinate` only for rows meeting a condition. */
function isRowScoped(dept: string, purpose: string, coordinate: string): boolean {
  const share = SHARES.get(coordinate);
  if (!share || share.provider === dept || share.shareType === 'UNCONDITIONAL') return false;
  const through = liveGrants(dept, purpose, coordinate);
  return through.length > 0 && through.every((g) => g.condition);
}

/** Whether an address received through `dept`'s live grants meets one of their row conditions (or one of them has none). */
function meetsRowCondition(dept: string, purpose: string, coordinate: string, address: string): boolean {
  return liveGrants(dept, purpose, coordinate).some((grant) => {
    const condition = grant.condition ?? {};
    if (condition['householdSubdistrict'] && !condition['householdSubdistrict'].$in.includes(subdistrictOf(address) ?? '')) return false;
    return !condition[OPEN_CASE_ATTRIBUTE] || OPEN_CASE_ADDRESSES.has(address);
  });
}

/** The subdistrict a (full or masked) address lies in. */
function subdistrictOf(address: string): string | undefined {
  return SUBDISTRICTS.find((name) => address.startsWith(`山东省淄博市周村区${name}`));
}

interface Tally {
  operations: number;
  granted: number;
  denied: number;
  consumers: Set<string>;
  features: Map<Feature, number>;
  /** Operations with a fragment on the `Certificate` interface, which no field returns directly. */
  certificateInterface: number;
  /** Operations that received a value under a mask, and that had a record withheld under a row condition. */
  masked: number;
  rowDenied: number;
  /** Operations of the open-case consumer that received an address under its open-case grant, and that had one withheld. */
  openCaseRead: number;
  openCaseWithheld: number;
}

/** Checks one operation's result; returns what it shows: a conditional value received, something denied. */
function inspect(
  result: unknown,
  dept: string,
  purpose: string,
  query: string,
): { granted: boolean; denied: boolean; masked: boolean; rowDenied: boolean; openCaseRead: boolean; openCaseWithheld: boolean } {
  const response = result as { data?: unknown; errors?: Array<{ extensions?: { code?: string; field?: string; fields?: string[] } }> };
  let granted = false;
  let masked = false;
  let openCaseRead = false;
  const underOpenCase = dept === OPEN_CASE_CONSUMER && OPEN_CASE_GRANTS[purpose as Purpose] !== undefined;
  const leaks: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const match = ALIAS_PATTERN.exec(key);
        if (match && child !== null) {
          const [, typeName, fieldName] = match as unknown as [string, string, string];
          const coordinate = `${typeName}.${fieldName}`;
          const mask = maskOf(dept, purpose, coordinate);
          if (!mayRead(dept, purpose, typeName, fieldName)) leaks.push(`${coordinate} = ${JSON.stringify(child)}`);
          else if (mask && JSON.stringify(applyMask(mask, child)) !== JSON.stringify(child))
            leaks.push(`${coordinate} unmasked (${mask}) = ${JSON.stringify(child)}`);
          else if (coordinate === ROW_SCOPED_ITEM && isRowScoped(dept, purpose, coordinate) && !meetsRowCondition(dept, purpose, coordinate, String(child)))
            leaks.push(`${coordinate} of a row outside the condition = ${JSON.stringify(child)}`);
          if (underOpenCase && coordinate === ROW_SCOPED_ITEM) openCaseRead = true;
          if (mask) masked = true;
          else if (SHARES.get(`${typeName}.${fieldName}`)?.provider !== dept && SHARES.get(`${typeName}.${fieldName}`)?.shareType !== 'UNCONDITIONAL')
            granted = true;
        }
        walk(child);
      }
    }
  };
  walk(response.data);
  expect(leaks, `leak to ${dept} for ${purpose}\n${query}`).toEqual([]);
  const errors = response.errors ?? [];
  for (const error of errors) {
    const { code, field, fields } = error.extensions ?? {};
    expect(['FORBIDDEN_FIELD', 'FORBIDDEN_OPERATION', 'FORBIDDEN_ROW'], `unexpected error ${JSON.stringify(error)}\n${query}`).toContain(code);
    if (code === 'FORBIDDEN_ROW') {
      expect(isRowScoped(dept, purpose, field!), `${field} withheld by row from ${dept} for ${purpose} without a row condition\n${query}`).toBe(true);
      continue;
    }
    // Denials must be real too, or "granted" above would prove little.
    for (const coordinate of field ? [field] : (fields ?? [])) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      expect(mayRead(dept, purpose, typeName, fieldName), `${coordinate} denied to ${dept} for ${purpose} although allowed\n${query}`).toBe(false);
    }
    if (code === 'FORBIDDEN_OPERATION') expect(response.data).toBeUndefined();
  }
  const rowDenied = errors.some((error) => error.extensions?.code === 'FORBIDDEN_ROW');
  return { granted, denied: errors.length > 0, masked, rowDenied, openCaseRead, openCaseWithheld: underOpenCase && rowDenied };
}

const consumerArbitrary = fc.record({
  dept: fc.constantFrom(...DEPARTMENT_CODES),
  purpose: fc.constantFrom(...PURPOSES),
  strict: fc.nat({ max: 5 }).map((n) => n === 0),
});
const seedArbitrary = fc.array(fc.nat({ max: 1_000 }), { minLength: 8, maxLength: 48 });

describe('no leak, by any query shape, at scale', () => {
  it(
    'when every consumer sends random batched operations under every purpose, then no denied value ever appears anywhere',
    async () => {
      const options: RandomOperationOptions = { schema, roots: ROOTS, ...SHAPE };
      const tally: Tally = {
        operations: 0,
        granted: 0,
        denied: 0,
        consumers: new Set(),
        features: new Map(),
        certificateInterface: 0,
        masked: 0,
        rowDenied: 0,
        openCaseRead: 0,
        openCaseWithheld: 0,
      };
      // One client (one token) per consumer, as an application would hold it.
      const clients = new Map<string, Client>();
      const send = async (consumer: { dept: string; purpose: Purpose; strict: boolean }, seeds: number[][], batched: boolean) => {
        const operations = seeds.map((seed) => buildRandomOperation(options, seed));
        const payload = operations.map(({ query, operationName, variables }) => ({ query, operationName, variables }));
        const key = `${consumer.dept}/${consumer.purpose}/${consumer.strict}`;
        const client = clients.get(key) ?? clients.set(key, platform.client(consumer)).get(key)!;
        const { status, body } = await client.post(batched ? payload : payload[0]);
        const results = batched ? (body as unknown[]) : [body];
        expect([200, 403], `status ${status} for ${JSON.stringify(body).slice(0, 500)}`).toContain(status);
        expect(results).toHaveLength(operations.length);
        operations.forEach((operation, index) => {
          const seen = inspect(results[index], consumer.dept, consumer.purpose, operation.query);
          tally.operations++;
          if (seen.granted) tally.granted++;
          if (seen.denied) tally.denied++;
          if (seen.masked) tally.masked++;
          if (seen.rowDenied) tally.rowDenied++;
          if (seen.openCaseRead) tally.openCaseRead++;
          if (seen.openCaseWithheld) tally.openCaseWithheld++;
          for (const feature of operation.features) tally.features.set(feature, (tally.features.get(feature) ?? 0) + 1);
          if (/\bon Certificate\b/.test(operation.query)) tally.certificateInterface++;
        });
        tally.consumers.add(`${consumer.dept}/${consumer.purpose}`);
      };

      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ consumer: consumerArbitrary, seeds: fc.array(seedArbitrary, { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }) }), {
            minLength: CONCURRENT_REQUESTS,
            maxLength: CONCURRENT_REQUESTS,
          }),
          fc.record({ consumer: consumerArbitrary, seed: seedArbitrary }),
          async (batches, single) => {
            // Every request settles before a failure is reported, so none is still in flight when the platform closes.
            const settled = await Promise.allSettled([
              ...batches.map((batch) => send(batch.consumer, batch.seeds, true)),
              send(single.consumer, [single.seed], false),
            ]);
            const failure = settled.find((outcome) => outcome.status === 'rejected');
            if (failure) throw failure.reason;
          },
        ),
        // No shrinking: a run is 81 operations and shrinking would resend thousands; the failing operation is
        // printed whole with its consumer and purpose, and fast-check prints the seed to replay the run.
        { numRuns: NUM_RUNS, endOnFailure: true },
      );

      expect(tally.operations).toBeGreaterThanOrEqual(MIN_OPERATIONS);
      expect(tally.granted / tally.operations, 'share of operations that received a conditional value').toBeGreaterThanOrEqual(MIN_GRANTED_SHARE);
      expect(tally.denied / tally.operations, 'share of operations denied something').toBeGreaterThanOrEqual(MIN_DENIED_SHARE);
      expect(tally.consumers.size, 'every department under every purpose').toBe(DEPARTMENT_CODES.length * PURPOSES.length);
      for (const feature of ['abstract type', 'inline fragment', 'named fragment', 'include/skip', 'several operations'] as const) {
        expect(tally.features.get(feature) ?? 0, feature).toBeGreaterThanOrEqual(MIN_FEATURE_SHARE * tally.operations);
      }
      expect(tally.certificateInterface, 'fragments on the Certificate interface').toBeGreaterThanOrEqual(MIN_FEATURE_SHARE * tally.operations);
      expect(tally.masked, 'operations that received masked values').toBeGreaterThan(0);
      expect(tally.rowDenied, 'operations that had a record withheld under a row condition').toBeGreaterThan(0);
      expect(tally.openCaseRead, 'operations that received an address under an open-case condition').toBeGreaterThan(0);
      expect(tally.openCaseWithheld, 'operations that had an address withheld under an open-case condition').toBeGreaterThan(0);
      console.info(
        `leak property: ${tally.operations} operations, ${tally.granted} received conditional values, ${tally.denied} denied something`,
        Object.fromEntries(tally.features),
        `on Certificate: ${tally.certificateInterface}, masked: ${tally.masked}, row withheld: ${tally.rowDenied}, open case read: ${tally.openCaseRead} / withheld: ${tally.openCaseWithheld}`,
      );
    },
    TIMEOUT_MS,
  );

  it('when the grants are spread, then every department holds, for every purpose, some restricted items and lacks others', () => {
    for (const dept of DEPARTMENT_CODES) {
      for (const purpose of PURPOSES) {
        const others = RESTRICTED.filter((coordinate) => SHARES.get(coordinate)!.provider !== dept);
        const readable = others.filter((coordinate) => mayReadOne(dept, purpose, coordinate));
        expect(readable.length, `${dept}/${purpose}`).toBeGreaterThan(0);
        expect(readable.length, `${dept}/${purpose}`).toBeLessThan(others.length);
      }
    }
  });
});
