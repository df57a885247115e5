import { describe, expect, it } from 'vitest';
import { isSubjectList, listSubjects, subjectPairs, type SubjectList } from './audit-record.ts';

const h = (c: string) => c.repeat(64);

describe('subject list', () => {
  it('when providers served overlapping subjects, some twice, then each subject is listed once and each provider by its own or "*"', () => {
    const list = listSubjects(
      new Map([
        ['public-security', [h('c'), h('a'), h('c'), h('b')]],
        ['human-resources', [h('b')]],
        ['civil-affairs', []],
      ]),
    );
    expect(list).toEqual({ hmacs: [h('a'), h('b'), h('c')], servedBy: { 'public-security': '*', 'human-resources': [h('b')] } });
    expect(subjectPairs(list).map(({ provider, hmac }) => `${provider} ${hmac[0]}`)).toEqual([
      'public-security a',
      'public-security b',
      'public-security c',
      'human-resources b',
    ]);
    expect(listSubjects(new Map([['public-security', []]]))).toBeUndefined();
  });

  it('when several providers were called with the same keys, then each is listed for exactly those, and one called with other keys for its own', () => {
    const keys = [h('c'), h('a'), h('b'), h('a')];
    const list = listSubjects(
      new Map([
        ['public-security', [h('a'), h('b'), h('c'), h('d')]],
        ['human-resources', keys],
        ['civil-affairs', [...keys]],
        ['market-regulation', [h('c'), h('a'), h('b'), h('d')]],
        ['approval', [h('c'), h('a'), h('b'), h('d')]],
      ]),
      (subject) => (subject.startsWith('d') ? undefined : subject),
    );
    expect(list).toEqual({
      hmacs: [h('a'), h('b'), h('c')],
      servedBy: { 'public-security': '*', 'human-resources': '*', 'civil-affairs': '*', 'market-regulation': '*', approval: '*' },
    });
    const some = listSubjects(
      new Map([
        ['public-security', [h('a'), h('b')]],
        ['human-resources', [h('a'), h('c')]],
        ['civil-affairs', [h('a'), h('c')]],
      ]),
    );
    expect(some?.servedBy).toEqual({ 'public-security': [h('a'), h('b')], 'human-resources': [h('a'), h('c')], 'civil-affairs': [h('a'), h('c')] });
  });

  it('when records list subjects per provider (before subject lists), then their pairs are read the same way, each once', () => {
    const before = { 'public-security': [h('a'), h('a'), h('b')], 'human-resources': [h('b')] };
    expect(isSubjectList(before)).toBe(false);
    expect(subjectPairs(before)).toEqual([
      { provider: 'public-security', hmac: h('a') },
      { provider: 'public-security', hmac: h('b') },
      { provider: 'human-resources', hmac: h('b') },
    ]);
    // A provider named like a subject list's key still lists an array, never an object.
    expect(isSubjectList({ hmacs: [h('a')], servedBy: [h('a')] })).toBe(false);
  });

  it('when a stored list was altered into another shape, then its unreadable parts make no pairs instead of throwing', () => {
    // Places (numbers) as lists once had them, HMACs not in the list, other values: only a listed HMAC makes a pair, as in the store's lookup.
    const altered = {
      hmacs: [h('a'), 7],
      servedBy: { 'public-security': [0, h('a'), h('z'), 7, [h('a')]], 'human-resources': 'all', 'civil-affairs': null, 'market-regulation': { [h('a')]: 1 } },
    };
    expect(isSubjectList(altered as unknown as SubjectList)).toBe(true);
    expect(subjectPairs(altered as unknown as SubjectList)).toEqual([{ provider: 'public-security', hmac: h('a') }]);
    expect(subjectPairs({ 'public-security': 'x' } as unknown as SubjectList)).toEqual([]);
  });
});
