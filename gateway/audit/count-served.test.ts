import { describe, expect, it } from 'vitest';
import { countCall, entitiesReturned, type ServedCounts } from './count-served.ts';

describe('countCall', () => {
  it('when an _entities answer holds nulls for unknown keys, then only the entities returned count', () => {
    expect(entitiesReturned({ _entities: [{ name: 'a' }, null, { name: 'b' }] })).toBe(2);
  });

  it('when root fields return a list, an object, null and a value, then each item returned counts once', () => {
    expect(
      entitiesReturned({
        residents: [{ name: 'a' }, null, { name: 'b' }, { name: 'c' }],
        resident: { name: 'a' },
        enterprise: null,
        isAlive: true,
        __typename: 'Query',
      }),
    ).toBe(5);
  });

  it('when a call failed or answered no data, then it counts as a call with no entities', () => {
    const served: ServedCounts = {};
    countCall(served, 'public-security', undefined);
    countCall(served, 'public-security', null);
    countCall(served, 'public-security', { residents: [{ name: 'a' }, { name: 'b' }] });
    expect(served).toEqual({ 'public-security': { calls: 3, entities: 2 } });
  });

  it('when there are no counts to keep (a health check), then nothing happens', () => {
    expect(() => countCall(undefined, 'public-security', { _entities: [{}] })).not.toThrow();
  });
});
