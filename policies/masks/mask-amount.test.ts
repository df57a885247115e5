import { describe, expect, it } from 'vitest';
import { maskAmount } from './mask-amount.ts';

describe('amount mask', () => {
  it('art-23: when an amount is masked, then it is the lower bound of its band', () => {
    expect(maskAmount(2860.5)).toBe(2000);
    expect(maskAmount(123_456)).toBe(100_000);
    expect(maskAmount(9)).toBe(9);
    expect(maskAmount(0.56)).toBe(0.5);
    expect(maskAmount(0)).toBe(0);
  });

  it('when an amount is negative, then it is banded towards zero', () => {
    expect(maskAmount(-2860.5)).toBe(-2000);
  });

  it('when an integer is masked, then the band is an integer', () => {
    expect(Number.isInteger(maskAmount(987_654_321))).toBe(true);
  });

  it('when the value is not a finite number, then it is withheld', () => {
    expect(maskAmount('2860.5')).toBeNull();
    expect(maskAmount(Number.NaN)).toBeNull();
    expect(maskAmount(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
