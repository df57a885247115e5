import { describe, expect, it } from 'vitest';
import { nestingDepth } from './nesting-depth.ts';

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
