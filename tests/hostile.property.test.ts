/**
 * Property: whatever hostile operation a consumer sends — fragment fan-out, aliases, deep nesting,
 * directives, token floods, too many keys (literal or in variables, in aliases or batches), oversize
 * batches, repeated introspection — it is refused with the code its limit documents, before any
 * subgraph is asked: never a 500, never data.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS as LIMITS } from '../gateway/admit/operation-limits.ts';
import { PURPOSES } from '../policies/types.ts';
import { district, DEMO } from '../subgraphs/shared/district.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const CITIZEN_IDS = district().residents.map((resident) => resident.citizenId);
const times = (n: number, part: (i: number) => string, separator = ' ') => Array.from({ length: n }, (_, i) => part(i)).join(separator);
const resident = (selection: string) => `{ resident(citizenId: "${DEMO.resident}") { ${selection} } }`;

interface Hostile {
  kind: string;
  body: unknown;
  /** Codes the limit documents for this input (a flood may hit the token limit before its own). */
  codes: string[];
}

/** Splits `total` keys over `parts` aliases (each at least one). */
function keyedAliases(total: number, parts: number, asVariables: boolean): { query: string; variables?: Record<string, string[]> } {
  const sizes = Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
  let offset = 0;
  const slices = sizes.map((size) => CITIZEN_IDS.slice(offset, (offset += size)));
  if (!asVariables) return { query: `{ ${slices.map((ids, i) => `r${i}: residents(citizenIds: ${JSON.stringify(ids)}) { name }`).join(' ')} }` };
  const declarations = slices.map((_, i) => `$k${i}: [CitizenId!]!`).join(', ');
  return {
    query: `query(${declarations}) { ${slices.map((_, i) => `r${i}: residents(citizenIds: $k${i}) { name }`).join(' ')} }`,
    variables: Object.fromEntries(slices.map((ids, i) => [`k${i}`, ids])),
  };
}

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.integer({ min: 9, max: 60 }).map((levels) => {
    const fragments = ['fragment F0 on Resident { name }', ...Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Resident { ...F${i} ...F${i} }`)];
    return { kind: `fan-out 2^${levels}`, body: { query: `${resident(`...F${levels}`)} ${fragments.join(' ')}` }, codes: ['OPERATION_TOO_COMPLEX'] };
  }),
  fc
    .integer({ min: LIMITS.aliases + 1, max: 5_000 })
    .map((n) => ({ kind: `${n} aliases`, body: { query: resident(times(n, (i) => `a${i}: name`)) }, codes: ['OPERATION_TOO_COMPLEX'] })),
  fc
    .integer({ min: LIMITS.selections + 1, max: 5_000 })
    .map((n) => ({ kind: `${n} copies of a field`, body: { query: resident('name '.repeat(n)) }, codes: ['OPERATION_TOO_COMPLEX'] })),
  fc.tuple(fc.integer({ min: LIMITS.nesting + 1, max: 40_000 }), fc.constantFrom('{a', '[')).map(([depth, open]) => ({
    kind: `nesting ${depth} of ${open}`,
    body: {
      query: open === '[' ? `{ residents(citizenIds: ${'['.repeat(depth)}${']'.repeat(depth)}) { name } }` : `${'{a'.repeat(depth)}${'}'.repeat(depth)}`,
    },
    codes: ['OPERATION_TOO_COMPLEX'],
  })),
  fc
    .integer({ min: LIMITS.directives + 1, max: 2_000 })
    .map((n) => ({ kind: `${n} directives`, body: { query: resident(`name ${'@include(if: true) '.repeat(n)}`) }, codes: ['OPERATION_TOO_COMPLEX'] })),
  fc
    .integer({ min: LIMITS.tokens + 1, max: 20_000 })
    .map((n) => ({ kind: `${n} tokens`, body: { query: `{ ${'__typename '.repeat(n)}}` }, codes: ['OPERATION_TOO_COMPLEX'] })),
  fc.integer({ min: LIMITS.rootFields + 1, max: 500 }).map((n) => ({
    kind: `${n} root fields`,
    body: { query: `{ ${times(n, (i) => `p${i}: pensionStandard(year: ${2000 + (i % 30)})`)} }` },
    codes: ['OPERATION_TOO_COMPLEX'],
  })),
  fc.integer({ min: LIMITS.introspection + 1, max: LIMITS.rootFields }).map((n) => ({
    kind: `${n} × __schema`,
    body: { query: `{ ${times(n, (i) => `s${i}: __schema { types { name } }`)} }` },
    codes: ['OPERATION_TOO_COMPLEX'],
  })),
  fc
    .tuple(fc.integer({ min: LIMITS.keysPerRequest + 1, max: 3_000 }), fc.integer({ min: 1, max: LIMITS.rootFields }), fc.boolean())
    .map(([keys, parts, asVariables]) => ({
      kind: `${keys} keys over ${parts} aliases${asVariables ? ' in variables' : ''}`,
      body: keyedAliases(keys, parts, asVariables),
      // Many literal keys may pass the token limit first.
      codes: asVariables ? ['TOO_MANY_KEYS'] : ['TOO_MANY_KEYS', 'OPERATION_TOO_COMPLEX'],
    })),
  fc.tuple(fc.integer({ min: 2, max: LIMITS.batch }), fc.integer({ min: LIMITS.keysPerRequest + 1, max: 1_000 })).map(([operations, keys]) => ({
    kind: `batch of ${operations} naming ${keys} keys`,
    body: Array.from({ length: operations }, (_, i) => keyedAliases(Math.max(1, Math.floor(keys / operations) + (i < keys % operations ? 1 : 0)), 1, true)),
    codes: ['TOO_MANY_KEYS'],
  })),
  fc
    .integer({ min: LIMITS.batch + 1, max: 200 })
    .map((n) => ({ kind: `batch of ${n}`, body: Array.from({ length: n }, () => ({ query: '{ __typename }' })), codes: ['OPERATION_TOO_COMPLEX'] })),
);

describe('hostile operations are refused within their limits', () => {
  it('when random hostile operations are sent under random purposes, then each is refused with its documented code before any work', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.option(fc.constantFrom(...PURPOSES), { nil: undefined }), async (attack, purpose) => {
        const calls = platform.subgraphCalls.length;
        const { status, body } = await platform.client({ dept: 'civil-affairs', app: 'hostile', ...(purpose ? { purpose } : {}) }).post(attack.body);
        const bodies = (Array.isArray(body) ? body : [body]) as Array<{ data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }>;
        const codes = bodies.flatMap((b) => (b.errors ?? []).map((error) => error.extensions?.code));
        expect(status, `${attack.kind}: ${JSON.stringify(body).slice(0, 300)}`).toBe(400);
        expect(codes.length, attack.kind).toBeGreaterThan(0);
        expect(
          codes.every((code) => attack.codes.includes(String(code))),
          `${attack.kind}: ${codes.join(', ')}`,
        ).toBe(true);
        expect(
          bodies.every((b) => b.data === undefined),
          `${attack.kind} returned data`,
        ).toBe(true);
        expect(platform.subgraphCalls.length, `${attack.kind} reached a subgraph`).toBe(calls);
      }),
      { numRuns: 120 },
    );
  });
});
