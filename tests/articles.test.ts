/**
 * Articles of 周政发〔2018〕6号 whose product reading is about the platform as a whole, checked on the
 * running platform and its composed supergraph: every provider department is a subgraph (art. 2), the
 * operator administers and publishes no data of its own (art. 4), every catalog item carries the
 * national catalog guide's elements (art. 7), and the written schema conventions are checked at
 * publish time (art. 18).
 */
import { readdirSync } from 'node:fs';
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { composeSupergraph, SupergraphRejectedError, type SubgraphSource } from '../schema/compose-supergraph.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { startTestPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';
import { CatalogDocument, type CatalogQuery } from '../console/src/gql/graphql.ts';

const OPERATOR = 'info-center';
const ROOT_TYPES = new Set(['Query', 'Mutation']);

/** The catalog as the console's 数据目录 asks for it (its generated document and type). */
type CatalogItem = CatalogQuery['catalog'][number];

/** The supergraph's subgraphs (`join__Graph` values by subgraph name) and, per object or interface type, the subgraphs that define it and its fields' types. */
function readJoins(supergraph: DocumentNode) {
  const stringArg = (directive: ConstDirectiveNode, name: string) =>
    (directive.arguments?.find((arg) => arg.name.value === name)?.value as StringValueNode | undefined)?.value;
  const graphs = new Map<string, string>();
  const objectTypes = new Map<string, { graphs: Set<string>; fields: Map<string, string> }>();
  for (const definition of supergraph.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const join = value.directives?.find((d) => d.name.value === 'join__graph');
        if (join) graphs.set(stringArg(join, 'name')!, value.name.value);
      }
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      const joined = new Set(
        (definition.directives ?? [])
          .filter((d) => d.name.value === 'join__type')
          .map((d) => (d.arguments?.find((arg) => arg.name.value === 'graph')?.value as { value: string }).value),
      );
      objectTypes.set(definition.name.value, { graphs: joined, fields: fieldTypes(definition) });
    }
  }
  return { graphs, objectTypes };
}

function fieldTypes(definition: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode): Map<string, string> {
  const named = (type: { kind: Kind; type?: unknown; name?: { value: string } }): string => (type.name ? type.name.value : named(type.type as typeof type));
  return new Map((definition.fields ?? []).map((field) => [field.name.value, named(field.type)]));
}

function errorCodes(body: GraphQLBody): unknown[] {
  return (body.errors ?? []).map((error) => error.extensions?.['code']);
}

describe('the regulation on the running platform', () => {
  let platform: TestPlatform;
  beforeAll(async () => void (platform = await startTestPlatform({ memoryGrants: false })));
  afterAll(() => platform?.close());

  const operator = () => platform.client({ dept: OPERATOR, app: 'info-center-admin', roles: ['platform-admin'] });
  const registry = async () =>
    (await operator().query('{ departments { code orgCode } }')).body.data?.['departments'] as Array<{ code: string; orgCode: string }>;
  const catalog = async (): Promise<CatalogItem[]> => {
    const { body } = await platform.client({ dept: 'civil-affairs' }).query(CatalogDocument.toString());
    expect(body.errors).toBeUndefined();
    return body.data?.['catalog'] as CatalogItem[];
  };

  it('art-2: when the platform runs, then every department of the registry that provides data is a subgraph of the supergraph, and each of its resources is a type there', async () => {
    const providers = (await registry()).map((department) => department.code).filter((code) => code !== OPERATOR);
    const { graphs, objectTypes } = readJoins(parse(platform.supergraphSdl));
    const items = await catalog();
    expect(providers).toHaveLength(6);
    for (const provider of providers) {
      expect(graphs.has(provider), `${provider} is a subgraph`).toBe(true);
      const resources = new Set(items.filter((item) => item.provider === provider && !ROOT_TYPES.has(item.resource)).map((item) => item.resource));
      expect(resources.size, `${provider} provides resources`).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(objectTypes.get(resource)?.graphs, `${resource} of ${provider}`).toContain(graphs.get(provider));
      }
    }
  });

  it('art-4: when a department other than the operator reviews a catalog item, changes the registry or grants an exception, then FORBIDDEN, whatever role it claims; the operator does all three', async () => {
    const validUntil = addCalendarDays(chinaDate(new Date()), 30);
    const review =
      'mutation { reviewCatalogItem(coordinate: "Resident.name", override: { updateCycle: "REAL_TIME" }, reason: "户籍信息实时更新") { coordinate reviewedBy } }';
    const appoint = 'mutation($dept: String!) { appointSharingAdministrator(department: $dept, user: "deputy-admin", reason: "分管副职") { administrators } }';
    const remove = 'mutation($dept: String!) { removeSharingAdministrator(department: $dept, user: "deputy-admin", reason: "岗位调整") { administrators } }';
    const exception = `mutation { grantException(input: { department: "civil-affairs", fields: ["Resident.householdAddress"], purpose: ADMINISTRATIVE_BASIS, validUntil: "${validUntil}", basis: "《社会救助暂行办法》第十一条", reason: "协调办公室裁定" }) { id } }`;
    const others = (await registry()).map((department) => department.code).filter((code) => code !== OPERATOR);
    for (const dept of others) {
      for (const roles of [['consumer', 'provider-admin'], ['platform-admin']] as const) {
        const admin = platform.client({ dept, app: `${dept}-admin`, roles: [...roles] });
        expect(errorCodes((await admin.query(review)).body), `${dept} as ${roles.join(',')} reviews`).toEqual(['FORBIDDEN']);
        expect(errorCodes((await admin.query(appoint, { dept })).body), `${dept} as ${roles.join(',')} appoints`).toEqual(['FORBIDDEN']);
        expect(errorCodes((await admin.query(exception)).body), `${dept} as ${roles.join(',')} grants`).toEqual(['FORBIDDEN']);
      }
    }
    expect((await operator().query(review)).body.data?.['reviewCatalogItem']).toEqual({ coordinate: 'Resident.name', reviewedBy: 'info-center-admin' });
    expect((await operator().query(appoint, { dept: 'approval' })).body.data?.['appointSharingAdministrator']).toEqual({
      administrators: ['approval-admin', 'deputy-admin'],
    });
    expect((await operator().query(remove, { dept: 'approval' })).body.data?.['removeSharingAdministrator']).toEqual({ administrators: ['approval-admin'] });
    const granted = await operator().query(exception);
    expect(granted.body.errors).toBeUndefined();
    const grantId = (granted.body.data?.['grantException'] as Array<{ id: string }>)[0]!.id;
    expect(
      (await operator().query('mutation($id: ID!) { revokeGrant(id: $id, reason: "裁定期满") { live } }', { id: grantId })).body.data?.['revokeGrant'],
    ).toEqual({ live: false });
  });

  it("art-4: when the supergraph is composed, then the operator's own subgraph serves governance only: it defines no type another department defines and publishes no base or thematic resource", async () => {
    const { graphs, objectTypes } = readJoins(parse(platform.supergraphSdl));
    const own = graphs.get(OPERATOR)!;
    expect(own).toBeDefined();
    const shared = [...objectTypes].filter(([name, type]) => !ROOT_TYPES.has(name) && type.graphs.has(own) && type.graphs.size > 1).map(([name]) => name);
    expect(shared).toEqual([]);
    const ownItems = (await catalog()).filter((item) => item.provider === OPERATOR);
    expect(ownItems.length).toBeGreaterThan(0);
    expect(ownItems.filter((item) => item.classification !== 'DEPARTMENTAL').map((item) => item.coordinate)).toEqual([]);
  });

  it('art-7: when any department reads the catalog, then every data item of every department is in it with every element of the national catalog guide', async () => {
    const { graphs, objectTypes } = readJoins(parse(platform.supergraphSdl));
    const orgCodes = new Map((await registry()).map((department) => [department.code, department.orgCode]));
    const items = await catalog();
    const byCoordinate = new Map(items.map((item) => [item.coordinate, item]));
    // Every data item a provider department publishes is catalogued.
    const departmentGraphs = new Set([...graphs].filter(([name]) => name !== OPERATOR).map(([, graph]) => graph));
    const published = [...objectTypes]
      .filter(([name, type]) => !ROOT_TYPES.has(name) && [...type.graphs].some((graph) => departmentGraphs.has(graph)))
      .flatMap(([name, type]) => [...type.fields.keys()].map((field) => `${name}.${field}`));
    expect(published.length).toBeGreaterThan(0);
    expect(published.filter((coordinate) => !byCoordinate.has(coordinate))).toEqual([]);

    for (const item of items.filter((entry) => entry.provider !== OPERATOR)) {
      const where = item.coordinate;
      expect(['BASE', 'THEMATIC', 'DEPARTMENTAL'], `${where} classification`).toContain(item.classification);
      expect(item.resourceCode, `${where} resource code`).toMatch(/^370306-[a-z-]+-[A-Za-z]+$/);
      expect(orgCodes.has(item.provider), `${where} provider is a registered department`).toBe(true);
      expect(item.providerCode, `${where} provider code`).toBe(orgCodes.get(item.provider));
      expect(item.abstract?.trim(), `${where} abstract`).toBeTruthy();
      expect(item.format.trim(), `${where} format`).toBeTruthy();
      // The data item's type: the catalog names the item; its type is the one the supergraph publishes for it.
      expect(objectTypes.get(item.resource)?.fields.get(item.field), `${where} data type`).toEqual(expect.any(String));
      expect(['UNCONDITIONAL', 'CONDITIONAL', 'NONE'], `${where} share type`).toContain(item.shareType);
      if (item.shareType === 'CONDITIONAL') expect(item.shareCondition?.trim(), `${where} share condition`).toBeTruthy();
      if (item.shareType === 'NONE') expect(item.basis?.trim(), `${where} basis of not sharing`).toBeTruthy();
      expect(item.shareMethod.trim(), `${where} share method`).toBeTruthy();
      expect(typeof item.openToPublic, `${where} open to the public`).toBe('boolean');
      expect(item.updateCycle.trim(), `${where} update cycle`).toBeTruthy();
      expect(item.publishedOn, `${where} publish date`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Array.isArray(item.relatedResources), `${where} related resources`).toBe(true);
    }
  });
});

/** Each written schema convention (README, "Share metadata travels with the schema"), broken in one demo subgraph. */
const CONVENTIONS: ReadonlyArray<{ rule: string; name: string; subgraph: string; from: RegExp | string; to: string; refusal: RegExp }> = [
  {
    rule: 'share-declared-rule',
    name: 'every data item has a share type (art. 10)',
    subgraph: 'public-security',
    from: 'type Query {',
    to: 'type Query {\n  "在册人口数"\n  residentCount: Int',
    refusal: /\[public-security\] Query\.residentCount has no share type/,
  },
  {
    rule: 'none-requires-basis-rule',
    name: 'a NONE item names its legal basis (art. 11(1))',
    subgraph: 'public-security',
    from: /criminalRecord: String\s+@share\([^)]*\)/,
    to: 'criminalRecord: String @share(type: NONE)',
    refusal: /\[public-security\] Resident\.criminalRecord is NONE without a legal basis/,
  },
  {
    rule: 'base-items-unconditional-rule',
    name: 'the key items of a base resource are UNCONDITIONAL (art. 11(2))',
    subgraph: 'public-security',
    from: 'citizenId: CitizenId!',
    to: 'citizenId: CitizenId! @share(type: CONDITIONAL, condition: "x")',
    refusal: /\[public-security\] Resident\.citizenId identifies a base resource and must be UNCONDITIONAL/,
  },
  {
    rule: 'deniable-fields-nullable-rule',
    name: 'an item that can be denied is nullable',
    subgraph: 'public-security',
    from: /householdAddress: String\s+@share/,
    to: 'householdAddress: String! @share',
    refusal: /\[public-security\] Resident\.householdAddress is CONDITIONAL and can be denied, so it must be nullable/,
  },
  {
    rule: 'mask-fits-field-rule',
    name: "a declared mask fits its item's type (art. 23)",
    subgraph: 'public-security',
    from: 'mask: { WORK_REFERENCE: ADDRESS_TO_SUBDISTRICT }',
    to: 'mask: { WORK_REFERENCE: AMOUNT_BAND }',
    refusal: /\[public-security\] Resident\.householdAddress is String, which the mask AMOUNT_BAND does not fit/,
  },
  {
    rule: 'update-cycle-declared-rule',
    name: 'a classified resource declares its update cycle (art. 14)',
    subgraph: 'market-regulation',
    from: 'resource: BASE, updateCycle: DAILY)',
    to: 'resource: BASE)',
    refusal: /\[market-regulation\] Enterprise declares a resource without an update cycle/,
  },
  {
    rule: 'share-paths-consistent-rule',
    name: 'no way to a resource is more open than the fields that hold it',
    subgraph: 'approval',
    from: /practiceCertificate\(certificateNo: String!\): PracticeCertificate\s+@share\([^)]*\)/,
    to: 'practiceCertificate(certificateNo: String!): PracticeCertificate @share(type: UNCONDITIONAL)',
    refusal: /\[approval\] PracticeCertificate\.\w+ is reachable through Query\.practiceCertificate \(UNCONDITIONAL\)/,
  },
];

describe('art-18: the written schema conventions, checked at publish time', () => {
  const demo = (): SubgraphSource[] =>
    SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, url: `http://127.0.0.1/${subgraph.name}`, typeDefs: subgraph.definition.typeDefs }));

  it('art-18: when every publish rule is listed, then each written convention has its rule and each rule its convention', () => {
    const rules = readdirSync(new URL('../schema/publish-checks/', import.meta.url))
      .filter((file) => file.endsWith('-rule.ts'))
      .map((file) => file.replace(/\.ts$/, ''));
    expect(rules.sort()).toEqual(CONVENTIONS.map((convention) => convention.rule).sort());
    expect(() => composeSupergraph(demo())).not.toThrow();
  });

  it.each(CONVENTIONS.map((convention) => [convention.name, convention] as const))(
    'art-18: when a subgraph breaks the convention "%s", then publishing it is refused naming the item',
    (_name, convention) => {
      const subgraphs = demo().map((subgraph) => {
        if (subgraph.name !== convention.subgraph) return subgraph;
        const broken = subgraph.typeDefs.replace(convention.from, convention.to);
        expect(broken, 'the break applies to the demo schema').not.toBe(subgraph.typeDefs);
        return { ...subgraph, typeDefs: broken };
      });
      let refusal: unknown;
      try {
        composeSupergraph(subgraphs);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(SupergraphRejectedError);
      expect((refusal as Error).message).toMatch(convention.refusal);
    },
  );
});
