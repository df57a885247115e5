import { Kind, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authorizeOperation } from './authorize-operation.ts';
import { buildShareAbility } from './build-share-ability.ts';
import { NOW, grant, testCatalog, testSchema } from './test-fixtures.ts';
import type { Grant } from './types.ts';

function setup(query: string, options: { operationName?: string; grants?: Grant[]; dept?: string } = {}) {
  const document = parse(query);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = options.operationName ? operations.find((o) => o.name?.value === options.operationName)! : operations[0]!;
  const { ability } = buildShareAbility({
    consumer: { dept: options.dept ?? 'civil-affairs' },
    purpose: 'ADMINISTRATIVE_BASIS',
    catalog: testCatalog,
    grants: options.grants ?? [],
    now: NOW,
  });
  const verdict = authorizeOperation(testSchema, document, operation, ability);
  return {
    verdict,
    printed: print(verdict.document).replace(/\s+/g, ' ').trim(),
    denied: verdict.deniedFields.map((d) => d.coordinate),
    validationErrors: validate(testSchema, verdict.document).map((e) => e.message),
  };
}

describe('authorizeOperation', () => {
  it('when every field is readable, then the original document is kept untouched', () => {
    const query = '{ resident(id: "1") { id name } }';
    const { verdict, denied } = setup(query);
    expect(denied).toEqual([]);
    expect(print(verdict.document)).toBe(print(parse(query)));
  });

  it('when a field is denied, then it is removed before planning and named once', () => {
    const { printed, denied, validationErrors } = setup('{ resident(id: "1") { name record pension } }');
    expect(printed).toBe('{ resident(id: "1") { name } }');
    expect(denied).toEqual(['Resident.record', 'Resident.pension']);
    expect(validationErrors).toEqual([]);
  });

  it('when a denied field is aliased, then the alias does not hide it', () => {
    const { printed, denied } = setup('{ resident(id: "1") { name harmless: record } }');
    expect(printed).toBe('{ resident(id: "1") { name } }');
    expect(denied).toEqual(['Resident.record']);
  });

  it('when a denied field sits in a named fragment, then the fragment is pruned', () => {
    const { printed, validationErrors } = setup('query { resident(id: "1") { ...R } } fragment R on Resident { name record }');
    expect(printed).toBe('{ resident(id: "1") { ...R } } fragment R on Resident { name }');
    expect(validationErrors).toEqual([]);
  });

  it('when a fragment holds only denied fields, then it keeps __typename so the operation stays valid', () => {
    const { printed, validationErrors } = setup('query { resident(id: "1") { ...R } } fragment R on Resident { record }');
    expect(printed).toBe('{ resident(id: "1") { ...R } } fragment R on Resident { __typename }');
    expect(validationErrors).toEqual([]);
  });

  it('when the only spread of a fragment is inside a denied field, then the fragment is dropped', () => {
    const { printed, validationErrors } = setup('{ resident(id: "1") { name formerEmployer { ...E } } } fragment E on Enterprise { name }');
    expect(printed).toBe('{ resident(id: "1") { name } }');
    expect(validationErrors).toEqual([]);
  });

  it('when a denied field is in an inline fragment on a concrete type of a union, then it is removed', () => {
    const { printed, denied, validationErrors } = setup('{ search(text: "x") { ... on Resident { name record } ... on Enterprise { name penalties } } }');
    expect(denied).toEqual(['Resident.record', 'Enterprise.penalties']);
    expect(printed).toBe('{ search(text: "x") { ... on Resident { name } ... on Enterprise { name } __typename } }');
    expect(validationErrors).toEqual([]);
  });

  it('when a field is selected through an interface, then the implementations decide too', () => {
    const { denied } = setup('{ holder(no: "1") { id name } }');
    expect(denied).toEqual([]);
  });

  it('when a denied field carries @include or @skip, then it is removed whatever the variables say', () => {
    const { printed, denied, validationErrors } = setup(
      'query($show: Boolean!) { resident(id: "1") { name record @include(if: $show) pension @skip(if: $show) } }',
    );
    expect(denied).toEqual(['Resident.record', 'Resident.pension']);
    expect(printed).toBe('{ resident(id: "1") { name } }');
    expect(validationErrors).toEqual([]);
  });

  it('when a variable was used only by a denied field, then its definition is removed', () => {
    const { printed, validationErrors } = setup('query($id: ID!, $year: Int) { resident(id: $id) { name pensionIn(year: $year) } }');
    expect(printed).toBe('query ($id: ID!) { resident(id: $id) { name } }');
    expect(validationErrors).toEqual([]);
  });

  it('when a variable is still used elsewhere, then its definition stays', () => {
    const { printed, validationErrors } = setup(
      'query($year: Int) { resident(id: "1") { pensionIn(year: $year) employer { id } } r2: resident(id: "2") { pensionIn(year: $year) } }',
      { grants: [grant({ field: 'Resident.pensionIn' })], dept: 'civil-affairs' },
    );
    expect(printed).toBe(
      'query ($year: Int) { resident(id: "1") { pensionIn(year: $year) employer { id } } r2: resident(id: "2") { pensionIn(year: $year) } }',
    );
    expect(validationErrors).toEqual([]);
  });

  it('when a selection set loses every field, then it keeps __typename so the parent keeps its place', () => {
    const { printed, validationErrors } = setup('{ resident(id: "1") { formerEmployer { name } record } }');
    expect(printed).toBe('{ resident(id: "1") { __typename } }');
    expect(validationErrors).toEqual([]);
  });

  it('when the document holds several operations, then only the selected one is authorized and kept', () => {
    const query = 'query A { resident(id: "1") { name } } query B { resident(id: "1") { record } }';
    const a = setup(query, { operationName: 'A' });
    expect(a.denied).toEqual([]);
    const b = setup(query, { operationName: 'B' });
    expect(b.denied).toEqual(['Resident.record']);
    expect(b.printed).toBe('query B { resident(id: "1") { __typename } }');
  });

  it('when the query is introspection, then schema meta fields are readable', () => {
    const { denied } = setup('{ __schema { types { name fields { name } } } __type(name: "Resident") { name } }');
    expect(denied).toEqual([]);
  });

  it('when a live grant covers a CONDITIONAL field, then it is kept', () => {
    const { denied, printed } = setup('{ resident(id: "1") { pension } }', { grants: [grant()] });
    expect(denied).toEqual([]);
    expect(printed).toBe('{ resident(id: "1") { pension } }');
  });

  it('when a denied field appears in several places, then every node is recorded for shaping', () => {
    const { verdict } = setup('{ a: resident(id: "1") { record } b: resident(id: "2") { record name } }');
    expect(verdict.deniedNodes.size).toBe(2);
    expect(verdict.deniedFields.map((d) => d.coordinate)).toEqual(['Resident.record']);
  });
});
