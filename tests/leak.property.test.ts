/**
 * Property: whatever operation a consumer sends, under whatever purpose, no value of a field it may
 * not receive appears anywhere in the response. Operations are random over the demo supergraph:
 * aliases, inline and named fragments, abstract types, `@include/@skip` with variables, several
 * operations in one document. Every selected field carries an alias naming its `Type.field`, so the
 * oracle reads the response without knowing how the gateway shaped it.
 */
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURPOSES } from '../schema/share-spec.ts';
import type { Grant } from '../policies/types.ts';
import { SEED_GRANTS } from '../policies/seed-grants.ts';
import { PLATFORM_DEPARTMENTS } from '../scripts/start-platform.ts';
import { createCertificateStore } from '../subgraphs/approval/store.ts';
import { DEMO, district } from '../subgraphs/shared/district.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

function firstPracticeCertificate() {
  const store = createCertificateStore();
  return district().residents.flatMap((resident) => store.findCertificatesByResident([resident.citizenId])[0]!)[0]!;
}

const ROOT_ARGUMENTS: Record<string, string[]> = {
  resident: [`(citizenId: "${DEMO.resident}")`, `(citizenId: "${DEMO.legalRepresentative}")`],
  residents: [`(citizenIds: ["${DEMO.resident}", "${DEMO.legalRepresentative}"])`],
  enterprise: [`(creditCode: "${DEMO.enterprise}")`],
  enterprises: [`(creditCodes: ["${DEMO.enterprise}"])`],
  licence: ['(certificateNo: "JY33703060012345")', `(certificateNo: "${DEMO.enterprise}")`],
  practiceCertificate: [`(certificateNo: "${firstPracticeCertificate().certificateNo}")`],
  realEstateRight: ['(certificateNo: "鲁(2019)周村区不动产权第0012345号")'],
};

const day = 86_400_000;
const extraGrants: Grant[] = [
  { id: 'p1', kind: 'REQUEST', dept: 'approval', field: 'Resident.householdAddress', purpose: 'WORK_REFERENCE', validFrom: new Date(Date.now() - day).toISOString(), validUntil: new Date(Date.now() + day).toISOString() },
  { id: 'p2', kind: 'REQUEST', dept: 'market-regulation', field: 'Resident.maritalStatus', purpose: 'DATA_VERIFICATION', validFrom: new Date(Date.now() - 2 * day).toISOString(), validUntil: new Date(Date.now() - day).toISOString() },
  { id: 'p3', kind: 'REQUEST', dept: 'civil-affairs', field: 'RealEstateRight.mortgaged', purpose: 'ADMINISTRATIVE_BASIS', validFrom: new Date(Date.now() - day).toISOString(), validUntil: new Date(Date.now() + day).toISOString(), revokedAt: new Date().toISOString() },
  { id: 'p4', kind: 'REQUEST', dept: 'civil-affairs', field: 'RealEstateRight.seized', purpose: 'ADMINISTRATIVE_BASIS', validFrom: new Date(Date.now() - day).toISOString(), validUntil: new Date(Date.now() + day).toISOString() },
  { id: 'p5', kind: 'EXCEPTION', dept: 'civil-affairs', field: 'Resident.criminalRecord', purpose: 'DATA_VERIFICATION', validFrom: new Date(Date.now() - day).toISOString(), validUntil: new Date(Date.now() + day).toISOString(), basis: '法院协助执行通知书' },
  { id: 'p6', kind: 'REQUEST', dept: 'approval', field: 'Resident.certificates', purpose: 'BUSINESS_COLLABORATION', validFrom: new Date(Date.now() - day).toISOString(), validUntil: new Date(Date.now() + day).toISOString() },
];

let platform: TestPlatform;
let schema: GraphQLSchema;

beforeAll(async () => {
  platform = await startTestPlatform();
  platform.grants.replace([...SEED_GRANTS, ...extraGrants]);
  const { body } = await platform.client({ dept: 'civil-affairs' }).query(getIntrospectionQuery());
  schema = buildClientSchema(body.data as unknown as IntrospectionQuery);
});
afterAll(async () => {
  await platform?.close();
});

/** The oracle: the regulation's rules written out plainly, independent of the policy code. */
function mayRead(dept: string, purpose: string, typeName: string, fieldName: string): boolean {
  const type = schema.getType(typeName);
  if (isInterfaceType(type)) {
    return mayReadOne(dept, purpose, `${typeName}.${fieldName}`) && schema.getPossibleTypes(type).every((t) => mayReadOne(dept, purpose, `${t.name}.${fieldName}`));
  }
  return mayReadOne(dept, purpose, `${typeName}.${fieldName}`);
}

function mayReadOne(dept: string, purpose: string, coordinate: string): boolean {
  const share = platform.gateway.catalog.get(coordinate);
  if (!share) return false;
  if (share.shareType === 'UNCONDITIONAL' || share.provider === dept) return true;
  const now = Date.now();
  return [...SEED_GRANTS, ...extraGrants].some(
    (g) => g.dept === dept && g.purpose === purpose && g.field === coordinate && !g.revokedAt && Date.parse(g.validFrom) <= now && now < Date.parse(g.validUntil) && (share.shareType === 'CONDITIONAL' || g.kind === 'EXCEPTION'),
  );
}

interface Built {
  fragments: string[];
  variables: Record<string, boolean>;
  /** Variables used by the operation being built (fragments are never shared between operations). */
  operationVariables: string[];
}

/** Builds a random selection set for `type`, drawing choices from `pick` (fast-check's random source). */
function buildSelection(type: GraphQLCompositeType, depth: number, pick: (n: number) => number, built: Built, counter: { n: number }): string {
  const parts: string[] = [];
  const concrete = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
  const fieldsHolder = isObjectType(type) || isInterfaceType(type) ? type : undefined;
  if (fieldsHolder) {
    const fields = Object.values(fieldsHolder.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));
    const count = 1 + pick(4);
    for (let i = 0; i < count && fields.length > 0; i++) {
      const field = fields[pick(fields.length)]!;
      const named = getNamedType(field.type);
      if (!isLeafType(named) && depth >= 3) continue;
      const alias = `f${counter.n++}_${type.name}__${field.name}`;
      let directive = '';
      if (pick(4) === 0) {
        const variable = `v${counter.n++}`;
        built.variables[variable] = pick(2) === 0;
        built.operationVariables.push(variable);
        directive = pick(2) === 0 ? ` @include(if: $${variable})` : ` @skip(if: $${variable})`;
      }
      const sub = isLeafType(named) ? '' : ` { ${buildSelection(named as GraphQLCompositeType, depth + 1, pick, built, counter)} }`;
      parts.push(`${alias}: ${field.name}${directive}${sub}`);
    }
  }
  // Inline fragments on possible types, sometimes hoisted into named fragments.
  if (depth < 3 && (concrete.length > 1 || pick(3) === 0)) {
    const target = concrete[pick(concrete.length)]!;
    const inner = buildSelection(target, depth + 1, pick, built, counter);
    if (pick(2) === 0) {
      const name = `F${counter.n++}`;
      built.fragments.push(`fragment ${name} on ${target.name} { ${inner} }`);
      parts.push(`...${name}`);
    } else {
      parts.push(`... on ${target.name} { ${inner} }`);
    }
  }
  if (parts.length === 0) parts.push('__typename');
  return parts.join(' ');
}

function buildOperation(seed: number[]): { query: string; operationName: string; variables: Record<string, boolean> } {
  let cursor = 0;
  const pick = (n: number) => (n <= 1 ? 0 : seed[cursor++ % seed.length]! % n);
  const counter = { n: 0 };
  const built: Built = { fragments: [], variables: {}, operationVariables: [] };
  const operations: string[] = [];
  const operationCount = 1 + pick(2);
  const queryType = schema.getQueryType()!;
  for (let o = 0; o < operationCount; o++) {
    built.operationVariables = [];
    const roots: string[] = [];
    const rootNames = Object.keys(ROOT_ARGUMENTS);
    for (let r = 0, count = 1 + pick(3); r < count; r++) {
      const rootName = rootNames[pick(rootNames.length)]!;
      const field = queryType.getFields()[rootName]!;
      const args = ROOT_ARGUMENTS[rootName]!;
      const alias = `f${counter.n++}_Query__${rootName}`;
      roots.push(`${alias}: ${rootName}${args[pick(args.length)]} { ${buildSelection(getNamedType(field.type) as GraphQLCompositeType, 1, pick, built, counter)} }`);
    }
    const used = built.operationVariables;
    const declaration = used.length ? `(${used.map((v) => `$${v}: Boolean!`).join(', ')})` : '';
    operations.push(`query O${o}${declaration} { ${roots.join(' ')} }`);
  }
  const query = [...operations, ...built.fragments].join('\n');
  return { query, operationName: `O${pick(operationCount)}`, variables: built.variables };
}

function leaks(value: unknown, dept: string, purpose: string, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) leaks(item, dept, purpose, found);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const match = /^f\d+_(\w+?)__(\w+)$/.exec(key);
      if (match && child !== null && !mayRead(dept, purpose, match[1]!, match[2]!)) found.push(`${match[1]}.${match[2]} = ${JSON.stringify(child)}`);
      leaks(child, dept, purpose, found);
    }
  }
  return found;
}

describe('no leak, by any query shape', () => {
  it('when random consumers send random operations with random purposes, then no denied value ever appears', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PLATFORM_DEPARTMENTS),
        fc.constantFrom(...PURPOSES),
        fc.boolean(),
        fc.array(fc.nat({ max: 1_000 }), { minLength: 8, maxLength: 64 }),
        async (dept, purpose, strict, seed) => {
          const { query, operationName, variables } = buildOperation(seed);
          const { status, body } = await platform.client({ dept, purpose, strict: strict && seed[0]! % 4 === 0 }).post({ query, operationName, variables });
          const response = body as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
          expect([200, 403], `status for\n${query}\n${JSON.stringify(body)}`).toContain(status);
          expect(leaks(response.data, dept, purpose), `leak for ${dept}/${purpose}\n${query}`).toEqual([]);
          const codes = (response.errors ?? []).map((e) => e.extensions?.code);
          expect(codes.every((c) => c === 'FORBIDDEN_FIELD' || c === 'FORBIDDEN_OPERATION'), `unexpected errors ${JSON.stringify(response.errors)}\n${query}`).toBe(true);
          if (codes.includes('FORBIDDEN_OPERATION')) expect(response.data).toBeUndefined();
        },
      ),
      { numRuns: 250 },
    );
  });
});
