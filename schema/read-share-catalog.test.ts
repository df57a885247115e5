import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './compose-supergraph.ts';
import { readShareCatalog } from './read-share-catalog.ts';

const supergraph = composeSupergraph([
  {
    name: 'population',
    url: 'http://population/graphql',
    typeDefs: `
      type Query { person(id: ID!): Person @share(type: UNCONDITIONAL) }
      type Person @key(fields: "id") @share(type: UNCONDITIONAL, resource: BASE, updateCycle: DAILY) {
        id: ID!
        name: String
        record: String @share(type: NONE, basis: "法律依据")
      }`,
  },
  {
    name: 'pensions',
    url: 'http://pensions/graphql',
    typeDefs: `
      type Person @key(fields: "id") @share(type: CONDITIONAL, condition: "means testing") {
        id: ID! @share(type: UNCONDITIONAL)
        pension: Float @share(type: CONDITIONAL, condition: "means testing", mask: { WORK_REFERENCE: AMOUNT_BAND })
      }`,
  },
]);

describe('readShareCatalog', () => {
  it('when subgraphs declare share types by type and by field, then every supergraph field has its own, with its provider', () => {
    const catalog = readShareCatalog(supergraph);
    expect(catalog.get('Person.name')).toMatchObject({ shareType: 'UNCONDITIONAL', provider: 'population', declared: true });
    expect(catalog.get('Person.pension')).toMatchObject({ shareType: 'CONDITIONAL', provider: 'pensions', condition: 'means testing' });
    expect(catalog.get('Person.record')).toMatchObject({ shareType: 'NONE', provider: 'population', basis: '法律依据' });
    expect(catalog.get('Query.person')).toMatchObject({ shareType: 'UNCONDITIONAL', provider: 'population' });
  });

  it('art-23: when a provider declares a mask for a purpose, then the catalog carries it with the field type it must fit', () => {
    const catalog = readShareCatalog(supergraph);
    expect(catalog.get('Person.pension')).toMatchObject({ masks: { WORK_REFERENCE: 'AMOUNT_BAND' }, valueType: 'Float' });
    expect(catalog.get('Person.name')?.masks).toBeUndefined();
  });

  it('when a supergraph from elsewhere has fields without @share, then they are left out (denied) by default', () => {
    const plain = supergraph.replace(/(?<!directive) @share\([^)]*\)/g, '');
    expect(readShareCatalog(plain).size).toBe(0);
  });

  it('when undeclared fields are explicitly treated as UNCONDITIONAL, then they are in the catalog, marked undeclared', () => {
    const plain = supergraph.replace(/(?<!directive) @share\([^)]*\)/g, '');
    expect(readShareCatalog(plain, { undeclaredAsUnconditional: true }).get('Person.pension')).toMatchObject({
      shareType: 'UNCONDITIONAL',
      declared: false,
      provider: 'pensions',
    });
  });
});

describe('readShareCatalog providers', () => {
  it('art-5: when a key field is defined by several departments, then its provider is the one holding most of the entity (one number, one source)', () => {
    const catalog = readShareCatalog(supergraph);
    expect(catalog.get('Person.id')).toMatchObject({ shareType: 'UNCONDITIONAL', provider: 'population' });
  });
});
