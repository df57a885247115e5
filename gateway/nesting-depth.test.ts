import { describe, expect, it } from 'vitest';
import { nestingDepth, tooDeeplyNested } from './nesting-depth.ts';

describe('nestingDepth', () => {
  it('when selections, lists and arguments nest, then each bracket kind counts', () => {
    expect(nestingDepth('{ a(x: [[1]]) { b } }')).toBe(4);
  });

  it('when brackets sit in strings, block strings or comments, then they do not count', () => {
    expect(nestingDepth('{ a(x: "{{{[[[", y: """ {{{ \\""" {{{ """) # {{{{{\n }')).toBe(2);
  });

  it('when a million brackets are sent, then counting stops past the limit', () => {
    expect(nestingDepth('{'.repeat(1_000_000), 64)).toBe(65);
  });
});

describe('tooDeeplyNested', () => {
  it('when one operation of a batch nests too deep, then the message names the limit', () => {
    expect(tooDeeplyNested([{ query: '{ a }' }, { query: `${'{a'.repeat(70)}${'}'.repeat(70)}` }], 64)).toBe('The operation nests brackets more than 64 deep; at most 64 are allowed');
  });

  it('when the body has no query text (a persisted query hash), then there is nothing to refuse', () => {
    expect(tooDeeplyNested({ extensions: {} }, 64)).toBeUndefined();
    expect(tooDeeplyNested(null, 64)).toBeUndefined();
  });
});
