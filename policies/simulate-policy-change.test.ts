import { describe, expect, it } from 'vitest';
import { applyPolicyChange } from './apply-policy-change.ts';
import type { PolicyChange } from './governance/check-policy-simulation.ts';
import { simulatePolicyChange, type PolicyInputs, type ReplayedOperation } from './simulate-policy-change.ts';
import { grant, NOW, testCatalog, testSchema } from './test-fixtures.ts';

function operation(overrides: Partial<ReplayedOperation> = {}): ReplayedOperation {
  return {
    documentHash: 'h-pension',
    document: 'query Pension{resident(id:""){name pension}}',
    operationName: 'Pension',
    dept: 'civil-affairs',
    app: 'means-test',
    purpose: 'ADMINISTRATIVE_BASIS',
    requests: 7,
    lastSeen: '2026-05-30T00:00:00.000Z',
    ...overrides,
  };
}

function setup(change: PolicyChange, operations: ReplayedOperation[], before: PolicyInputs = { catalog: testCatalog, grants: [grant()] }, provider?: string) {
  return simulatePolicyChange({
    schema: testSchema,
    operations,
    before,
    after: applyPolicyChange(before, change, NOW),
    now: NOW,
    ...(provider ? { provider } : {}),
  });
}

describe('simulatePolicyChange', () => {
  it('art-13: when the grant an operation reads under is revoked, then the operation loses the item, counted with its requests', () => {
    const report = setup({ kind: 'REVOKE', grantId: 'g1' }, [operation(), operation({ app: 'other-app', requests: 3 })]);
    expect(report).toMatchObject({ replayed: 2, requests: 10, unreadable: 0, gains: [] });
    expect(report.losses).toEqual([
      {
        department: 'civil-affairs',
        purpose: 'ADMINISTRATIVE_BASIS',
        item: 'Resident.pension',
        before: 'READ',
        after: 'DENIED',
        operations: 2,
        requests: 10,
        apps: ['means-test', 'other-app'],
        examples: [{ operationName: 'Pension', documentHash: 'h-pension' }],
        lastSeen: '2026-05-30T00:00:00.000Z',
      },
    ]);
    expect(report.operations).toEqual([{ department: 'civil-affairs', operationName: 'Pension', requests: 10, gained: [], lost: ['Resident.pension'] }]);
  });

  it('art-13: when a grant is added, then an operation that was denied the item gains it, and one of another purpose does not', () => {
    const change: PolicyChange = {
      kind: 'GRANT',
      department: 'civil-affairs',
      items: ['Resident.address'],
      purpose: 'WORK_REFERENCE',
      action: 'READ',
      exception: false,
    };
    const asked = operation({
      document: 'query Address{resident(id:""){address}}',
      documentHash: 'h-address',
      operationName: 'Address',
      purpose: 'WORK_REFERENCE',
    });
    const otherPurpose = { ...asked, purpose: 'ADMINISTRATIVE_BASIS' as const };
    const report = setup(change, [asked, otherPurpose]);
    expect(report.losses).toEqual([]);
    expect(report.gains.map((g) => [g.department, g.purpose, g.item, g.before, g.after, g.requests])).toEqual([
      ['civil-affairs', 'WORK_REFERENCE', 'Resident.address', 'DENIED', 'READ', 7],
    ]);
  });

  it('when a grant opens an object item, then the items selected below it are gains too (they were never fetched)', () => {
    const change: PolicyChange = {
      kind: 'GRANT',
      department: 'civil-affairs',
      items: ['Resident.formerEmployer'],
      purpose: 'ADMINISTRATIVE_BASIS',
      action: 'READ',
      exception: false,
    };
    const report = setup(change, [operation({ document: '{resident(id:""){formerEmployer{name}}}', operationName: null })]);
    expect(report.gains.map((g) => `${g.item} ${g.before}→${g.after}`).sort()).toEqual(['Enterprise.name DENIED→READ', 'Resident.formerEmployer DENIED→READ']);
    expect(report.operations).toEqual([
      { department: 'civil-affairs', operationName: null, requests: 7, gained: ['Enterprise.name', 'Resident.formerEmployer'], lost: [] },
    ]);
  });

  it('art-11: when an item becomes NONE, then request grants stop opening it; when it becomes UNCONDITIONAL, every department gains it', () => {
    const none = setup({ kind: 'SHARE_TYPE', item: 'Resident.pension', shareType: 'NONE' }, [operation()]);
    expect(none.losses.map((l) => `${l.item} ${l.before}→${l.after}`)).toEqual(['Resident.pension READ→DENIED']);
    const open = setup({ kind: 'SHARE_TYPE', item: 'Resident.pension', shareType: 'UNCONDITIONAL' }, [operation({ dept: 'approval' })]);
    expect(open.gains.map((g) => `${g.department} ${g.item} ${g.before}→${g.after}`)).toEqual(['approval Resident.pension DENIED→READ']);
  });

  it('art-23: when a mask is declared for the purpose, then the item is reported as read masked; taking it away again is a gain', () => {
    const masked = setup({ kind: 'MASK', item: 'Resident.pension', purpose: 'ADMINISTRATIVE_BASIS', mask: 'AMOUNT_BAND' }, [operation()]);
    expect(masked.losses.map((l) => `${l.item} ${l.before}→${l.after}`)).toEqual(['Resident.pension READ→MASKED']);
    const declared = new Map(testCatalog);
    declared.set('Resident.pension', { ...testCatalog.get('Resident.pension')!, masks: { ADMINISTRATIVE_BASIS: 'AMOUNT_BAND' } });
    const unmasked = setup({ kind: 'MASK', item: 'Resident.pension', purpose: 'ADMINISTRATIVE_BASIS', mask: undefined }, [operation()], {
      catalog: declared,
      grants: [grant()],
    });
    expect(unmasked.gains.map((g) => `${g.item} ${g.before}→${g.after}`)).toEqual(['Resident.pension MASKED→READ']);
  });

  it('when a grant carries a row condition, then the item is gained for some rows only (ROWS)', () => {
    const change: PolicyChange = {
      kind: 'GRANT',
      department: 'market-regulation',
      items: ['Resident.address'],
      purpose: 'ADMINISTRATIVE_BASIS',
      action: 'READ',
      exception: false,
      condition: { name: { $in: ['王淑芬'] } },
    };
    const report = setup(change, [operation({ dept: 'market-regulation', document: '{resident(id:""){address}}' })]);
    expect(report.gains.map((g) => `${g.item} ${g.before}→${g.after}`)).toEqual(['Resident.address DENIED→ROWS']);
  });

  it('art-13: when a VERIFY grant is added, then verification calls that claimed the item gain VERIFY, and reading is not opened', () => {
    const change: PolicyChange = {
      kind: 'GRANT',
      department: 'approval',
      items: ['Resident.pension'],
      purpose: 'DATA_VERIFICATION',
      action: 'VERIFY',
      exception: false,
    };
    const verify = operation({ dept: 'approval', purpose: 'DATA_VERIFICATION', document: '{resident(id:""){name}}', verifiedItems: ['Resident.pension'] });
    const read = operation({ dept: 'approval', purpose: 'DATA_VERIFICATION', documentHash: 'h-read' });
    const report = setup(change, [verify, read]);
    expect(report.gains.map((g) => `${g.item} ${g.before}→${g.after} ${g.examples[0]!.documentHash}`)).toEqual(['Resident.pension DENIED→VERIFY h-pension']);
    expect(report.losses).toEqual([]);
  });

  it('when a stored document is not one readable operation, then it is counted as unreadable and decided for nothing', () => {
    const report = setup({ kind: 'REVOKE', grantId: 'g1' }, [
      operation({ document: '' }),
      operation({ documentHash: 'h2', document: 'query A{a} query B{b}' }),
      operation({ documentHash: 'h3', document: `{${'a '.repeat(5000)}}` }),
    ]);
    expect(report).toMatchObject({ replayed: 0, requests: 0, unreadable: 3, gains: [], losses: [], operations: [] });
  });

  it('when a provider runs the dry run, then only its own items are reported', () => {
    const change: PolicyChange = { kind: 'SHARE_TYPE', item: 'Resident.record', shareType: 'UNCONDITIONAL' };
    const ops = [operation({ document: '{resident(id:""){record pension}}' })];
    expect(setup(change, ops, undefined, 'human-resources').gains).toEqual([]);
    expect(setup(change, ops, undefined, 'public-security').gains.map((g) => g.item)).toEqual(['Resident.record']);
  });

  it('when nothing changes for any operation, then the report is empty but counts what it replayed', () => {
    expect(setup({ kind: 'REVOKE', grantId: 'unknown' }, [operation()])).toEqual({
      replayed: 1,
      requests: 7,
      unreadable: 0,
      gains: [],
      losses: [],
      operations: [],
    });
  });
});
