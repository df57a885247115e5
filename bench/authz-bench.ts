/**
 * `npm run bench:authz`: what authorization costs one request, in this process, without HTTP:
 * the ability (cached per department and purpose, as served), the verdict with pruning (computed
 * anew each time: what the first request of an operation pays; later ones hit the verdict cache) and
 * shaping the answer (denied fields back as null with their errors). Operations of 10, 50 and 200
 * fields against synthetic schemas of 100 and 2 000 fields, a tenth of the fields denied. The cost
 * should grow with the operation and stay flat in the schema. Prints p50 and p99; asserts nothing.
 */
import { buildSchema, Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { createAbilitySource } from '../gateway/enforce/ability-source.ts';
import { shapeResult } from '../gateway/enforce/shape-result.ts';
import { createMemoryGrantSource } from '../platform/grant-source.ts';
import { shareError } from '../platform/errors.ts';
import { authorizeOperation, type OperationVerdict } from '../policies/authorize-operation.ts';
import { buildShareAbility, type ShareAbility } from '../policies/build-share-ability.ts';
import type { FieldShare, Grant, ShareCatalog, ShareType } from '../policies/types.ts';

const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 2_000);
const FIELDS_PER_TYPE = 10;
const CONSUMER = { app: 'bench', dept: 'civil-affairs', roles: ['consumer'] as const };

/** `size` fields in types of ten (nine scalars and a link to the next type, in a ring) plus the root field. */
function syntheticSchema(size: number): { schema: GraphQLSchema; catalog: ShareCatalog; grants: Grant[] } {
  const types = size / FIELDS_PER_TYPE;
  const catalog = new Map<string, FieldShare>();
  const grants: Grant[] = [];
  const share = (typeName: string, fieldName: string, shareType: ShareType) => {
    const coordinate = `${typeName}.${fieldName}`;
    catalog.set(coordinate, { coordinate, typeName, fieldName, shareType, provider: 'human-resources', declared: true } satisfies FieldShare);
  };
  const sdl = ['type Query { root: T0 }'];
  share('Query', 'root', 'UNCONDITIONAL');
  for (let t = 0; t < types; t++) {
    const fields = [];
    for (let f = 0; f < FIELDS_PER_TYPE - 1; f++) {
      fields.push(`f${f}: String`);
      // Field 7 is NONE (denied); field 8 CONDITIONAL with a grant (read); the rest unconditional.
      share(`T${t}`, `f${f}`, f === 7 ? 'NONE' : f === 8 ? 'CONDITIONAL' : 'UNCONDITIONAL');
      if (f === 8) {
        const validity = { validFrom: '2026-01-01T00:00:00Z', validUntil: '2099-01-01T00:00:00Z' };
        grants.push({ id: `g${t}`, kind: 'REQUEST', dept: CONSUMER.dept, field: `T${t}.f8`, purpose: 'ADMINISTRATIVE_BASIS', ...validity });
      }
    }
    fields.push(`next: T${(t + 1) % types}`);
    share(`T${t}`, 'next', 'UNCONDITIONAL');
    sdl.push(`type T${t} { ${fields.join(' ')} }`);
  }
  return { schema: buildSchema(sdl.join('\n')), catalog, grants };
}

/** An operation selecting `count` fields: levels of nine scalars and the link to the next level. */
function operationOf(count: number): { text: string; data: Record<string, unknown> } {
  const levels = Math.ceil(count / FIELDS_PER_TYPE);
  let text = '';
  let data: Record<string, unknown> | null = null;
  for (let level = levels - 1; level >= 0; level--) {
    const scalars = Array.from({ length: Math.min(FIELDS_PER_TYPE - 1, count - level * FIELDS_PER_TYPE) }, (_, f) => `f${f}`);
    const value: Record<string, unknown> = Object.fromEntries(scalars.filter((f) => f !== 'f7').map((f) => [f, 'value']));
    text = `{ ${scalars.join(' ')}${text ? ` next ${text}` : ''} }`;
    if (data) value['next'] = data;
    data = value;
  }
  return { text: `query Bench { root ${text} }`, data: { root: data } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** p50 and p99 (ms) of `work` over the iterations, after a tenth as many to warm up. */
function measure(work: () => void): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS + ITERATIONS / 10; i++) {
    const start = performance.now();
    work();
    if (i >= ITERATIONS / 10) samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

console.log(`authorization per request, ${ITERATIONS} iterations, a tenth of the fields denied (ms)`);
console.log('  served: ability (cached) + verdict and pruned document (cached per ability and operation) + shaping');
console.log('  first:  the same with the verdict and pruning computed, as the first request of an operation pays\n');
console.log('schema fields  operation fields   served p50   served p99   first p50   first p99   first µs/field   ability build (once per grant change)');
for (const size of [100, 2_000]) {
  const { schema, catalog, grants } = syntheticSchema(size);
  const source = createAbilitySource({ catalog, grants: createMemoryGrantSource(grants) });
  const buildStart = performance.now();
  buildShareAbility({ consumer: CONSUMER, purpose: 'ADMINISTRATIVE_BASIS', catalog, grants, now: new Date() });
  const buildMs = performance.now() - buildStart;
  for (const count of [10, 50, 200]) {
    const { text, data } = operationOf(count);
    const document = parse(text);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const verdicts = new WeakMap<ShareAbility, Map<string, OperationVerdict>>();
    const once = (cached: boolean) => () => {
      const ability = source.abilityFor(CONSUMER, 'ADMINISTRATIVE_BASIS');
      let perAbility = verdicts.get(ability);
      if (!perAbility) verdicts.set(ability, (perAbility = new Map()));
      let verdict = cached ? perAbility.get(text) : undefined;
      if (!verdict) perAbility.set(text, (verdict = authorizeOperation(schema, document, operation, ability)));
      const shaped = shapeResult({
        schema,
        operation,
        fragments: {},
        variableValues: {},
        deniedNodes: verdict.deniedNodes,
        data,
        deniedError: (denied, path) =>
          shareError('FORBIDDEN_FIELD', {
            path,
            extensions: { field: denied.coordinate, shareType: 'NONE', provider: 'x', requestable: false, escalatable: true },
          }),
      });
      if (shaped.errors.length !== verdict.deniedNodes.size) throw new Error('every denied field must come back with its error');
    };
    const served = measure(once(true));
    const first = measure(once(false));
    const cells = [served.p50, served.p99, first.p50, first.p99].map((ms) => ms.toFixed(3).padStart(11));
    const perField = ((first.p50 * 1000) / count).toFixed(2).padStart(16);
    console.log(
      `${String(size).padStart(13)}  ${String(count).padStart(16)}  ${cells.join(' ')}  ${perField}   ${count === 10 ? `${buildMs.toFixed(1)} ms` : ''}`,
    );
  }
}
