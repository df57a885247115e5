import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_LENGTH, operationDocumentOf } from './operation-document.ts';

const CITIZEN_ID = '370306198503120122';

describe('operation document', () => {
  it('art-23: when an operation carries literals anywhere, then the kept document holds none of them, and enum and boolean values stay', () => {
    const text = `query Lookup($y: Int = 2026, $who: CitizenId = "${CITIZEN_ID}") @cached(note: "王淑芬")
      { a: resident(citizenId: "${CITIZEN_ID}") { name monthlyPension @include(if: true) }
        residents(citizenIds: ["${CITIZEN_ID}", "370306197811232017"]) { name }
        pensionStandard(year: 2025, amount: 2860.5)
        verify(subjects: [{ citizenId: "${CITIZEN_ID}", claims: { monthlyPension: 2860.5, maritalStatus: MARRIED } }]) { subject }
        requests: accessRequests(status: PENDING) { id } ...F }
      fragment F on Query { accessesToSubject(citizenId: "${CITIZEN_ID}", from: """2026-01-01""", to: "2027") { at } }`;
    const kept = operationDocumentOf(parse(text), 'Lookup')!;
    for (const literal of [CITIZEN_ID, '370306197811232017', '王淑芬', '2026', '2025', '2860.5', 'MARRIED', '2027', 'claims'])
      expect(kept.text).not.toContain(literal);
    expect(kept.text).toContain('status:PENDING');
    expect(kept.text).toContain('@include(if:true)');
    expect(kept.text).toContain('citizenId:""');
    expect(kept).toMatchObject({ operationName: 'Lookup', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // It is still GraphQL: the dry run parses it back.
    expect(() => parse(kept.text)).not.toThrow();
  });

  it('when two operations differ only in literals, aliases or layout, then they are one document under one hash; another selection is another', () => {
    const one = operationDocumentOf(parse(`{ resident(citizenId: "${CITIZEN_ID}") { name } }`), null)!;
    const two = operationDocumentOf(parse('{\n  r: resident(citizenId: "370306197811232017") {\n    name\n  }\n}'), null)!;
    const three = operationDocumentOf(parse(`{ resident(citizenId: "${CITIZEN_ID}") { name monthlyPension } }`), null)!;
    expect(two.hash).toBe(one.hash);
    expect(three.hash).not.toBe(one.hash);
  });

  it('when a document holds several operations, then only the one that ran is kept, with the fragments it uses', () => {
    const document = parse('query A { resident(citizenId: "x") { ...N } } query B { enterprise(creditCode: "y") { name } } fragment N on Resident { name }');
    const kept = operationDocumentOf(document, 'A')!;
    expect(kept.text).toContain('fragment N');
    expect(kept.text).not.toContain('enterprise');
  });

  it('when a document would print longer than the bound, then none is kept (the admission limits keep every admitted one below it)', () => {
    const name = `Q${'x'.repeat(MAX_DOCUMENT_LENGTH)}`;
    expect(operationDocumentOf(parse(`query ${name} { resident(citizenId: "x") { name } }`), name)).toBeUndefined();
  });
});
