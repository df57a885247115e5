import { describe, expect, it } from 'vitest';
import { readPage } from './read-page.ts';

const refusal = (args: Parameters<typeof readPage>[0]) => {
  try {
    readPage(args, 100);
  } catch (error) {
    return [(error as { extensions?: { code?: string } }).extensions?.code, (error as Error).message];
  }
  return undefined;
};

describe('page arguments', () => {
  it('when first and after are not given, then 20 from the newest; given, as given', () => {
    expect(readPage({}, 100)).toEqual({ first: 20, after: undefined });
    expect(readPage({ first: 100, after: '987654321987654321' }, 100)).toEqual({ first: 100, after: '987654321987654321' });
  });

  it('when first is outside 1 to the most, or after is not a row id, then BAD_USER_INPUT before the store is asked', () => {
    for (const first of [0, -1, 101, 1.5, Number.NaN, 2 ** 53]) {
      expect(refusal({ first }), String(first)).toEqual(['BAD_USER_INPUT', 'first must be between 1 and 100']);
    }
    for (const after of ['0', '01', '1 or 1=1', '9'.repeat(19), '1e3', 'x'.repeat(100_000)]) {
      expect(refusal({ after }), after.slice(0, 20)).toEqual(['BAD_USER_INPUT', 'after is not a cursor from a previous page (nextCursor)']);
    }
  });
});
