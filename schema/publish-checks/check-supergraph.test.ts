import { describe, expect, it } from 'vitest';
import { PLATFORM_OPERATOR } from '../../policies/types.ts';
import { INFO_CENTER_TYPE_DEFS } from '../../subgraphs/info-center/definition.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { composeSupergraph, SupergraphRejectedError, type SubgraphSource } from '../compose-supergraph.ts';

/** Composes the fixtures for real and returns what the supergraph checks refused, `[subgraph] Type.field message`. */
function setup(...typeDefs: string[]): string[] {
  const subgraphs = typeDefs.map((defs, index) => ({ name: `dept-${index + 1}`, url: `http://dept-${index + 1}`, typeDefs: defs }));
  return refusals(subgraphs);
}

function refusals(subgraphs: readonly SubgraphSource[]): string[] {
  try {
    composeSupergraph(subgraphs);
    return [];
  } catch (error) {
    if (!(error instanceof SupergraphRejectedError) || error.compositionErrors.length > 0) throw error;
    return error.violations.map((v) => `[${v.subgraph}] ${v.coordinate} ${v.message}`);
  }
}

const PERSON = `type Person @key(fields: "id") @share(type: UNCONDITIONAL) { id: ID!  name: String }`;

describe('share paths consistent', () => {
  it('when a root field opens what another field holds behind a condition, then both are named', () => {
    const refused = setup(`
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL)  certificate(no: String!): Certificate @share(type: UNCONDITIONAL) }
      type Person @key(fields: "id") @share(type: UNCONDITIONAL) { id: ID!  certificates: [Certificate!] @share(type: CONDITIONAL) }
      type Certificate @share(type: UNCONDITIONAL) { holderName: String  profession: String }
    `);
    expect(refused).toEqual([
      '[dept-1] Certificate.holderName is reachable through Query.certificate (UNCONDITIONAL) but Person.certificates, which holds the same Certificate, is CONDITIONAL; so is its field profession: make Query.certificate at least CONDITIONAL, or those fields of Certificate',
    ]);
  });

  it('when every field holding the type is as restrictive, then it is accepted', () => {
    const refused = setup(`
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL)  certificate(no: String!): Certificate @share(type: CONDITIONAL) }
      type Person @key(fields: "id") @share(type: UNCONDITIONAL) { id: ID!  certificates: [Certificate!] @share(type: CONDITIONAL) }
      type Certificate @share(type: UNCONDITIONAL) { holderName: String }
    `);
    expect(refused).toEqual([]);
  });

  it("when the type's own fields carry the condition, then an open way to it is accepted, its key fields included", () => {
    const refused = setup(`
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL)  certificate(no: String!): Certificate @share(type: UNCONDITIONAL) }
      type Person @key(fields: "id") @share(type: UNCONDITIONAL) { id: ID!  certificates: [Certificate!] @share(type: CONDITIONAL) }
      type Certificate @key(fields: "no") @share(type: CONDITIONAL) { no: String! @share(type: UNCONDITIONAL)  holderName: String }
    `);
    expect(refused).toEqual([]);
  });

  it('when a field returning an interface is open, then every implementation is reached through it', () => {
    const refused = setup(`
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL)  document(no: String!): Document @share(type: UNCONDITIONAL) }
      ${PERSON.replace('name: String', 'name: String  permits: [Permit!] @share(type: CONDITIONAL)')}
      interface Document { no: String @share(type: UNCONDITIONAL) }
      type Licence implements Document @share(type: UNCONDITIONAL) { no: String }
      type Permit implements Document @share(type: UNCONDITIONAL) { no: String  holderName: String }
    `);
    expect(refused).toEqual([
      '[dept-1] Permit.no is reachable through Query.document (UNCONDITIONAL) but Person.permits, which holds the same Permit, is CONDITIONAL; so is its field holderName: make Query.document at least CONDITIONAL, or those fields of Permit',
    ]);
  });

  it('when the open field returns a narrower interface the restricted type does not implement, then it is accepted', () => {
    const refused = setup(`
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL)  licence(no: String!): Licensed @share(type: UNCONDITIONAL) }
      ${PERSON.replace('name: String', 'name: String  permits: [Permit!] @share(type: CONDITIONAL)')}
      interface Document { no: String @share(type: UNCONDITIONAL) }
      interface Licensed implements Document { no: String @share(type: UNCONDITIONAL) }
      type Licence implements Licensed & Document @share(type: UNCONDITIONAL) { no: String }
      type Permit implements Document @share(type: UNCONDITIONAL) { no: String  holderName: String }
    `);
    expect(refused).toEqual([]);
  });

  it('when a field of an interface holds the type behind a condition but an implementation holds it openly, then it is refused', () => {
    const refused = setup(`
      type Query { office(id: ID!): Office @share(type: UNCONDITIONAL) }
      interface Holder { certificate: Certificate @share(type: CONDITIONAL) }
      type Office implements Holder @key(fields: "id") @share(type: UNCONDITIONAL) { id: ID!  certificate: Certificate }
      type Certificate @share(type: UNCONDITIONAL) { holderName: String }
    `);
    expect(refused).toEqual([
      '[dept-1] Certificate.holderName is reachable through Query.office → Office.certificate (UNCONDITIONAL) but Holder.certificate, which holds the same Certificate, is CONDITIONAL: make Office.certificate at least CONDITIONAL, or that field of Certificate',
    ]);
  });

  it('when a union opens the restricted type, then it is refused', () => {
    const refused = setup(`
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL)  paper(no: String!): Paper @share(type: UNCONDITIONAL) }
      ${PERSON.replace('name: String', 'name: String  permits: [Permit!] @share(type: CONDITIONAL)')}
      union Paper = Licence | Permit
      type Licence @share(type: UNCONDITIONAL) { no: String }
      type Permit @share(type: UNCONDITIONAL) { holderName: String }
    `);
    expect(refused).toEqual([
      '[dept-1] Permit.holderName is reachable through Query.paper (UNCONDITIONAL) but Person.permits, which holds the same Permit, is CONDITIONAL: make Query.paper at least CONDITIONAL, or that field of Permit',
    ]);
  });

  it('when the open way is nested in lists, then the whole route is named', () => {
    const refused = setup(`
      type Query { organisation(id: ID!): Organisation @share(type: UNCONDITIONAL)  person(id: ID!): Person @share(type: UNCONDITIONAL) }
      type Organisation @share(type: UNCONDITIONAL) { units: [[Unit!]!]  }
      type Unit @share(type: UNCONDITIONAL) { members: [Membership!] }
      ${PERSON.replace('name: String', 'name: String  memberships: [Membership!] @share(type: NONE, basis: "《保守国家秘密法》第九条")')}
      type Membership @share(type: UNCONDITIONAL) { role: String }
    `);
    expect(refused).toEqual([
      '[dept-1] Membership.role is reachable through Query.organisation → Organisation.units → Unit.members (UNCONDITIONAL) but Person.memberships, which holds the same Membership, is NONE: make Unit.members at least NONE, or that field of Membership',
    ]);
  });

  it('when the only other way runs under a condition itself, then it is as open as its strictest field', () => {
    const underCondition = setup(`
      type Query { organisation(id: ID!): Organisation @share(type: CONDITIONAL)  person(id: ID!): Person @share(type: UNCONDITIONAL) }
      type Organisation @share(type: UNCONDITIONAL) { members: [Membership!] }
      ${PERSON.replace('name: String', 'name: String  memberships: [Membership!] @share(type: CONDITIONAL)')}
      type Membership @share(type: UNCONDITIONAL) { role: String }
    `);
    expect(underCondition).toEqual([]);
    const belowNone = setup(`
      type Query { organisation(id: ID!): Organisation @share(type: CONDITIONAL)  person(id: ID!): Person @share(type: UNCONDITIONAL) }
      type Organisation @share(type: UNCONDITIONAL) { members: [Membership!] }
      ${PERSON.replace('name: String', 'name: String  memberships: [Membership!] @share(type: NONE, basis: "《保守国家秘密法》第九条")')}
      type Membership @share(type: UNCONDITIONAL) { role: String }
    `);
    expect(belowNone).toEqual([
      '[dept-1] Membership.role is reachable through Query.organisation → Organisation.members (CONDITIONAL) but Person.memberships, which holds the same Membership, is NONE: make Organisation.members at least NONE, or that field of Membership',
    ]);
  });

  it("when the open way is in another department's subgraph, then that department is named with both fields", () => {
    const refused = setup(
      `
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL) }
      ${PERSON.replace('name: String', 'name: String  certificates: [Certificate!] @share(type: CONDITIONAL)')}
      type Certificate @key(fields: "no", resolvable: false) { no: String! @share(type: UNCONDITIONAL) }
      `,
      `
      type Query { certificate(no: String!): Certificate @share(type: UNCONDITIONAL) }
      type Certificate @key(fields: "no") @share(type: UNCONDITIONAL) { no: String!  holderName: String }
      `,
    );
    expect(refused).toEqual([
      '[dept-2] Certificate.holderName is reachable through Query.certificate (UNCONDITIONAL) but Person.certificates, which holds the same Certificate, is CONDITIONAL: make Query.certificate at least CONDITIONAL, or that field of Certificate',
    ]);
  });

  it('when an entity is reached only behind a condition and by its key, then it is accepted: _entities is no way for consumers', () => {
    const refused = setup(
      `
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL) }
      ${PERSON.replace('name: String', 'name: String  certificates: [Certificate!] @share(type: CONDITIONAL)')}
      type Certificate @key(fields: "no", resolvable: false) { no: String! @share(type: UNCONDITIONAL) }
      `,
      `
      type Query { issuer: String @share(type: UNCONDITIONAL) }
      type Certificate @key(fields: "no") @share(type: UNCONDITIONAL) { no: String!  holderName: String }
      `,
    );
    expect(refused).toEqual([]);
  });

  it('when a mutation answers with the restricted type, then it is an open way like a query', () => {
    const refused = setup(`
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL) }
      type Mutation { renew(no: String!): Certificate @share(type: UNCONDITIONAL) }
      ${PERSON.replace('name: String', 'name: String  certificates: [Certificate!] @share(type: CONDITIONAL)')}
      type Certificate @share(type: UNCONDITIONAL) { holderName: String }
    `);
    expect(refused).toEqual([
      '[dept-1] Certificate.holderName is reachable through Mutation.renew (UNCONDITIONAL) but Person.certificates, which holds the same Certificate, is CONDITIONAL: make Mutation.renew at least CONDITIONAL, or that field of Certificate',
    ]);
  });
});

describe('the demo district', () => {
  const demo = (): SubgraphSource[] => [
    ...SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, url: `http://${subgraph.name}`, typeDefs: subgraph.definition.typeDefs })),
    { name: PLATFORM_OPERATOR, url: `http://${PLATFORM_OPERATOR}`, typeDefs: INFO_CENTER_TYPE_DEFS },
  ];
  const opened = (name: string, from: string, to: string) =>
    demo().map((subgraph) => (subgraph.name === name ? { ...subgraph, typeDefs: subgraph.typeDefs.replace(from, to) } : subgraph));

  it('when the department subgraphs and governance are composed, then no share declarations contradict each other', () => {
    expect(refusals(demo())).toEqual([]);
  });

  it("when practice certificates could be looked up by number without a grant, then the residents' certificates are named as hollow", () => {
    const refused = refusals(
      opened(
        'approval',
        'practiceCertificate(certificateNo: String!): PracticeCertificate\n    @share(type: CONDITIONAL',
        'practiceCertificate(certificateNo: String!): PracticeCertificate\n    @share(type: UNCONDITIONAL',
      ),
    );
    expect(refused).toEqual([
      '[approval] PracticeCertificate.certificateNo is reachable through Query.practiceCertificate (UNCONDITIONAL) but Resident.certificates, which holds the same PracticeCertificate, is CONDITIONAL; so are its fields title, issuedBy, issuedOn, validUntil, status, holder and profession: make Query.practiceCertificate at least CONDITIONAL, or those fields of PracticeCertificate',
    ]);
  });

  it("when an enterprise's licences could hold any certificate, then the practice certificates they would open are named", () => {
    const refused = refusals(opened('approval', 'licences: [Licence!]', 'licences: [Certificate!]'));
    expect(refused).toContain(
      '[approval] PracticeCertificate.certificateNo is reachable through Query.enterprise → Enterprise.licences (UNCONDITIONAL) but Query.practiceCertificate and Resident.certificates, which hold the same PracticeCertificate, are CONDITIONAL; so are its fields title, issuedBy, issuedOn, validUntil, status, holder and profession: make Enterprise.licences at least CONDITIONAL, or those fields of PracticeCertificate',
    );
  });

  it("when real-estate rights could be looked up by number without a grant, then the residents' and enterprises' real estate are named as hollow", () => {
    const refused = refusals(
      opened(
        'natural-resources',
        'realEstateRight(certificateNo: String!): RealEstateRight\n    @share(type: CONDITIONAL',
        'realEstateRight(certificateNo: String!): RealEstateRight\n    @share(type: UNCONDITIONAL',
      ),
    );
    expect(refused).toEqual([
      '[natural-resources] RealEstateRight.location is reachable through Query.realEstateRight (UNCONDITIONAL) but Enterprise.realEstate and Resident.realEstate, which hold the same RealEstateRight, are CONDITIONAL; so are its fields parcelNo, area, use and registeredOn: make Query.realEstateRight at least CONDITIONAL, or those fields of RealEstateRight',
    ]);
  });
});
