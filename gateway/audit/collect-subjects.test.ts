import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter } from '../../schema/scalars/citizen-id.ts';
import { collectSubjects, ServedSubjects } from './collect-subjects.ts';

/** A resident and an enterprise of the demo district. */
const resident = '370306198503120122';
const enterprise = '91370306MA3C8K2P9M';
/** The resident's ID with a wrong check character: shaped like a key, not one. */
const forged = resident.slice(0, 17) + (citizenIdCheckCharacter(resident.slice(0, 17)) === '1' ? '2' : '1');

/** Provider → the keys listed for it, hashed by identity: the keys themselves. */
const listed = (served: ServedSubjects) => {
  const list = served.list((key) => key);
  return Object.fromEntries(Object.entries(list?.servedBy ?? {}).map(([provider, keys]) => [provider, keys === '*' ? list!.hmacs : keys]));
};

describe('collectSubjects', () => {
  it('art-23: when a root call names keys and answers, then the provider served each valid key named or returned, and no forged one', () => {
    const served = new ServedSubjects();
    collectSubjects(
      served,
      'public-security',
      { query: `{ residents(citizenIds: ["${resident}", "${forged}"]) { name } }` },
      {
        residents: [{ name: '王淑芬', legalRepresentativeOf: [{ creditCode: enterprise }, { creditCode: 'NOT-A-KEY' }] }],
      },
    );
    expect(listed(served)).toEqual({ 'public-security': [resident, enterprise].sort() });
  });

  it('art-15: when an _entities call answers some representations with null, then only those it answered count for that provider', () => {
    const served = new ServedSubjects();
    collectSubjects(served, 'public-security', { variables: { ids: [resident] } }, { resident: { name: '王淑芬' } });
    const other17 = `${resident.slice(0, 16)}0`;
    /** A valid key of another resident, whose entity the provider answered with null. */
    const other = other17 + citizenIdCheckCharacter(other17);
    collectSubjects(
      served,
      'human-resources',
      {
        variables: {
          representations: [
            { __typename: 'Resident', citizenId: resident },
            { __typename: 'Resident', citizenId: forged },
            { __typename: 'Resident', citizenId: other },
          ],
        },
      },
      { _entities: [{ monthlyPension: 1 }, { monthlyPension: 2 }, null] },
    );
    expect(listed(served)).toEqual({ 'public-security': [resident], 'human-resources': [resident] });
  });

  it('art-22: when an answer holds a key under another name (an alias), then it is listed, as is a key that is an item of a list; a key inside a longer text is not', () => {
    const data = { enterprise: { holder: { id: resident }, note: `ref ${resident}`, forged, members: [[enterprise], forged] } };
    const served = new ServedSubjects();
    collectSubjects(served, 'market-regulation', { query: '{ enterprise { holder { id: citizenId } } }' }, data);
    expect(listed(served)).toEqual({ 'market-regulation': [resident, enterprise].sort() });
  });

  it('when a call failed, answered nothing or the operation lists no subjects, then nothing is listed', () => {
    const served = new ServedSubjects();
    collectSubjects(served, 'public-security', { query: `{ resident(citizenId: "${resident}") { name } }` }, undefined);
    collectSubjects(served, 'public-security', { query: `{ resident(citizenId: "${resident}") { name } }` }, { resident: null });
    expect(served.list((key) => key)).toBeUndefined();
    expect(() => collectSubjects(undefined, 'public-security', {}, { resident: { citizenId: resident } })).not.toThrow();
  });

  it('when an answer nests deeper than 32 levels, then the walk stops there instead of exhausting the stack', () => {
    let deep: Record<string, unknown> = { citizenId: resident };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    const served = new ServedSubjects();
    collectSubjects(served, 'public-security', {}, { resident: deep });
    expect(served.list((key) => key)).toBeUndefined();
  });
});
