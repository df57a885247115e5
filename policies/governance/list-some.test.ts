import { describe, expect, it } from 'vitest';
import { LISTED_NAMES, listSome } from './list-some.ts';

describe('listing names in a refusal', () => {
  it('when there are at most five names, then all are listed', () => {
    expect(listSome(['Resident.a'])).toBe('Resident.a');
    expect(listSome(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c, d, e');
  });

  it('when there are more, then the first five and a count of the rest; a long name is cut', () => {
    expect(listSome(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c, d, e and 1 more');
    const many = listSome(Array.from({ length: 10_000 }, () => 'x'.repeat(100_000)));
    expect(many.endsWith(' and 9995 more')).toBe(true);
    expect(many.length).toBeLessThan(LISTED_NAMES * 132 + 20);
  });
});
