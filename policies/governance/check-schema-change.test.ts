import { describe, expect, it } from 'vitest';
import { checkSchemaChange, type ChangeEvidence } from './check-schema-change.ts';
import { actor } from './harness.ts';

const provider = actor('human-resources', 'provider-admin');
const operator = actor('info-center', 'platform-admin');
const evidence: ChangeEvidence = {
  grants: new Map([['Resident.monthlyPension', [{ id: 'g-1', dept: 'civil-affairs' }]]]),
  recentUse: new Map([['Resident.pensionStatus', ['approval', 'civil-affairs']]]),
};

describe('art-13: a schema change against the grants and the use that depend on it', () => {
  it('art-13: when a granted item is removed, then it is refused, naming the grant and its department', () => {
    const review = checkSchemaChange(provider, [{ coordinate: 'Resident.monthlyPension', kind: 'removed' }], evidence);
    expect(review).toEqual({
      passed: false,
      overridden: false,
      lines: ['Resident.monthlyPension removed (live grants g-1 (civil-affairs)): refused unless the platform operator overrides with a reason'],
    });
  });

  it('art-13: when an item used in the last 30 days changes type, then it is refused, naming the departments', () => {
    const review = checkSchemaChange(provider, [{ coordinate: 'Resident.pensionStatus', kind: 'retyped', from: 'String', to: 'Int' }], evidence);
    expect(review.passed).toBe(false);
    expect(review.lines).toEqual([
      'Resident.pensionStatus changes type String → Int (received in the last 30 days by approval, civil-affairs): refused unless the platform operator overrides with a reason',
    ]);
  });

  it('art-13: when the operator overrides with a reason, then it passes and says so; without a reason it does not', () => {
    const removal = [{ coordinate: 'Resident.monthlyPension', kind: 'removed' as const }];
    expect(checkSchemaChange(operator, removal, evidence, '养老金发放改由市级平台提供')).toEqual({
      passed: true,
      overridden: true,
      lines: ['Resident.monthlyPension removed (live grants g-1 (civil-affairs)): overridden by the operator: 养老金发放改由市级平台提供'],
    });
    expect(checkSchemaChange(operator, removal, evidence, '  ').passed).toBe(false);
  });

  it('art-10: when a provider tightens a share type, then it needs the operator; loosening is allowed and recorded', () => {
    const tighten = checkSchemaChange(provider, [{ coordinate: 'Resident.monthlyPension', kind: 'share-changed', from: 'CONDITIONAL', to: 'NONE' }], evidence);
    expect(tighten.lines).toEqual([
      'Resident.monthlyPension share type CONDITIONAL → NONE (live grants g-1 (civil-affairs)): tightening a share type needs the platform operator, with a reason',
    ]);
    expect(tighten.passed).toBe(false);
    const loosen = checkSchemaChange(provider, [{ coordinate: 'Resident.name', kind: 'share-changed', from: 'CONDITIONAL', to: 'UNCONDITIONAL' }], evidence);
    expect(loosen).toEqual({
      passed: true,
      overridden: false,
      lines: ['Resident.name share type CONDITIONAL → UNCONDITIONAL: loosened, allowed and recorded'],
    });
  });

  it('when nothing depends on a removed item, then it passes', () => {
    expect(checkSchemaChange(provider, [{ coordinate: 'Resident.unused', kind: 'removed' }], evidence)).toEqual({
      passed: true,
      overridden: false,
      lines: ['Resident.unused removed: no live grant, not received in the last 30 days'],
    });
  });
});
