import { describe, expect, it } from 'vitest';
import { checkCatalogReview } from './check-catalog-review.ts';
import { actor, outcome } from './harness.ts';

describe('art-9: reviewing the district catalog', () => {
  const operator = actor('info-center', 'platform-admin');

  it('art-9: when the operator overrides descriptive elements with a reason, then those elements are the override', () => {
    expect(checkCatalogReview(operator, { abstract: '月养老金', updateCycle: 'MONTHLY', openToPublic: false }, '与国家目录对齐')).toEqual({
      ok: true,
      value: { abstract: '月养老金', updateCycle: 'MONTHLY', openToPublic: false },
    });
  });

  it('art-10: when a review names the share type, the basis or an unknown element, then those are left as published', () => {
    expect(checkCatalogReview(operator, { shareType: 'UNCONDITIONAL', basis: '无', secret: 1, format: null, abstract: 'x' }, '复核')).toEqual({
      ok: true,
      value: { abstract: 'x' },
    });
  });

  it('art-9: when anyone but the operator reviews, or the reason is missing, then it is refused', () => {
    expect(outcome(checkCatalogReview(actor('human-resources', 'provider-admin'), { abstract: 'x' }, '复核'))).toBe(
      'FORBIDDEN: Only the platform operator (platform-admin) reviews the district catalog (art. 9)',
    );
    expect(outcome(checkCatalogReview(operator, { abstract: 'x' }, ' '))).toBe('BAD_USER_INPUT: Say why the declared metadata is overridden');
  });
});
