import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSubgraphSdl } from '../build-subgraph-sdl.ts';
import { composeSupergraph, SupergraphRejectedError } from '../compose-supergraph.ts';
import { readShareCatalog } from '../read-share-catalog.ts';
import { checkSubgraph } from './check-subgraph.ts';

function setup(typeDefs: string) {
  return checkSubgraph('test-dept', parse(buildSubgraphSdl(typeDefs))).map((v) => `${v.coordinate} ${v.message}`);
}

describe('publish checks', () => {
  it("art-10: when a field has no share type, neither its own nor its type's, then it is named", () => {
    const violations = setup('type Query { a: String @share(type: UNCONDITIONAL)  b: String }');
    expect(violations).toEqual(['Query.b has no share type: add @share(type: ...) to the field or its type (art. 10)']);
  });

  it('art-10: when the type declares a share type, then its fields inherit it', () => {
    expect(setup('type Query @share(type: UNCONDITIONAL) { a: String  b: Int }')).toEqual([]);
  });

  it('art-11: when a NONE item has no legal basis, then it is refused', () => {
    const violations = setup('type Query { secret: String @share(type: NONE)  fine: String @share(type: NONE, basis: "《保守国家秘密法》第九条") }');
    expect(violations).toEqual(['Query.secret is NONE without a legal basis: add basis: "..." naming the law, regulation or policy (art. 11(1))']);
  });

  it('art-11: when an identifying item of a base resource is not UNCONDITIONAL, then it is refused', () => {
    const violations = setup(`
      type Query { p(id: ID!): Person @share(type: UNCONDITIONAL) }
      type Person @key(fields: "id") @share(type: CONDITIONAL, resource: BASE, updateCycle: DAILY) { id: ID  name: String }
    `);
    expect(violations).toEqual(['Person.id identifies a base resource and must be UNCONDITIONAL (art. 11(2))']);
  });

  it('art-11: when a thematic resource keys on a CONDITIONAL field, then art. 11(2) does not apply', () => {
    const violations = setup(`
      type Query { p(id: ID!): Person @share(type: UNCONDITIONAL) }
      type Person @key(fields: "id") @share(type: CONDITIONAL, resource: THEMATIC, updateCycle: DAILY) { id: ID  name: String }
    `);
    expect(violations).toEqual([]);
  });

  it('art-14: when a resource declares no update cycle, or an unknown one, then it is refused', () => {
    const violations = setup(`
      type Query { p(id: ID!): Person @share(type: UNCONDITIONAL)  q(id: ID!): Place @share(type: UNCONDITIONAL)  r: Int @share(type: UNCONDITIONAL, updateCycle: HOURLY) }
      type Person @key(fields: "id") @share(type: UNCONDITIONAL, resource: BASE) { id: ID  name: String }
      type Place @key(fields: "id") @share(type: UNCONDITIONAL, resource: THEMATIC, updateCycle: FORTNIGHTLY) { id: ID }
    `);
    expect(violations).toEqual([
      'Query.r declares the update cycle "HOURLY", which is not one of REALTIME, WORKDAY, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY (art. 14)',
      'Person declares a resource without an update cycle: add updateCycle: REALTIME, WORKDAY, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY to its @share (art. 14)',
      'Place declares the update cycle "FORTNIGHTLY", which is not one of REALTIME, WORKDAY, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY (art. 14)',
    ]);
  });

  it('art-14: when a resource declares its update cycle, then it passes and its fields carry it into the supergraph', () => {
    const typeDefs = `
      type Query { p(id: ID!): Person @share(type: UNCONDITIONAL, updateCycle: DAILY) }
      type Person @key(fields: "id") @share(type: UNCONDITIONAL, resource: BASE, updateCycle: WEEKLY) { id: ID  name: String @share(type: CONDITIONAL) }
    `;
    expect(setup(typeDefs)).toEqual([]);
    const catalog = readShareCatalog(composeSupergraph([{ name: 'test-dept', url: 'http://127.0.0.1:1/graphql', typeDefs }]));
    expect(Object.fromEntries([...catalog.values()].map((share) => [share.coordinate, share.updateCycle]))).toEqual({
      'Query.p': 'DAILY',
      'Person.id': 'WEEKLY',
      'Person.name': 'WEEKLY',
    });
  });

  it('when a field that can be denied is non-null, then it is refused because null would wipe out its parent', () => {
    const violations = setup('type Query { a: String! @share(type: CONDITIONAL)  b: String! @share(type: UNCONDITIONAL) }');
    expect(violations).toEqual(['Query.a is CONDITIONAL and can be denied, so it must be nullable: remove the "!"']);
  });

  it('art-23: when a declared mask does not fit its field, names no purpose or no kind, then it is refused', () => {
    const violations = setup(`
      type Query {
        address: String @share(type: CONDITIONAL, mask: { WORK_REFERENCE: ADDRESS_TO_SUBDISTRICT })
        pension: Float @share(type: CONDITIONAL, mask: { WORK_REFERENCE: ADDRESS_TO_SUBDISTRICT, DATA_VERIFICATION: AMOUNT_BAND })
        born: Date @share(type: CONDITIONAL, mask: { WORK_REFERENCE: DATE_TO_YEAR, SOMETHING_ELSE: DATE_TO_MONTH })
        id: CitizenId @share(type: CONDITIONAL, mask: { WORK_REFERENCE: CITIZEN_ID_PARTIAL })
        name: String @share(type: CONDITIONAL, mask: { WORK_REFERENCE: SCRAMBLE })
      }
    `);
    expect(violations).toEqual([
      'Query.pension is Float, which the mask ADDRESS_TO_SUBDISTRICT does not fit (it fits String)',
      'Query.born declares a mask for "SOMETHING_ELSE", which is not a purpose of use',
      'Query.id is CitizenId, which the mask CITIZEN_ID_PARTIAL does not fit (it fits String)',
      'Query.name declares a mask for WORK_REFERENCE that is not a mask kind',
    ]);
  });

  it('when composition is refused, then every problem is named with its subgraph and Type.field', () => {
    const attempt = () =>
      composeSupergraph([
        { name: 'one', url: 'http://one', typeDefs: 'type Query { a: String  b: String! @share(type: NONE) }' },
        { name: 'two', url: 'http://two', typeDefs: 'type Query { c: String @share(type: UNCONDITIONAL) }' },
      ]);
    expect(attempt).toThrow(SupergraphRejectedError);
    expect(attempt).toThrow(
      /\[one\] Query\.a has no share type[\s\S]*\[one\] Query\.b is NONE without a legal basis[\s\S]*\[one\] Query\.b is NONE and can be denied/,
    );
  });

  it('when two subgraphs define the same non-key field, then the composition error is reported readably', () => {
    const attempt = () =>
      composeSupergraph([
        { name: 'one', url: 'http://one', typeDefs: 'type Query { a: String @share(type: UNCONDITIONAL) }' },
        { name: 'two', url: 'http://two', typeDefs: 'type Query { a: String @share(type: UNCONDITIONAL) }' },
      ]);
    expect(attempt).toThrow(/The supergraph cannot be composed:\n.*Query\.a/);
  });
});
