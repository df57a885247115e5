import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../session.ts';
import { fakeApi, renderAs } from '../../test-support.tsx';
import type { Effect, Simulation } from './operations.ts';

vi.mock('../../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../../api.ts');
const { default: DryRun, changeOf } = await import('./DryRun.tsx');

afterEach(() => {
  cleanup();
  vi.mocked(gql).mockReset();
});

const GRANT = {
  id: 'grant-demo-civil-affairs-pension',
  department: 'civil-affairs',
  field: 'Resident.monthlyPension',
  purpose: 'DATA_VERIFICATION',
  action: 'READ',
  validUntil: '2027-03-31',
};

const LOSS: Effect = {
  department: 'civil-affairs',
  purpose: 'ADMINISTRATIVE_BASIS',
  item: 'Resident.monthlyPension',
  before: 'READ',
  after: 'DENIED',
  operations: 1,
  requests: 2,
  apps: ['means-test'],
  lastSeen: '2026-11-27T01:00:00.000Z',
  examples: [{ operationName: 'Pension', documentHash: 'ab12' }],
};

function simulation(overrides: Partial<Simulation> = {}): Simulation {
  return {
    from: '2026-10-28T02:00:00.000Z',
    to: '2026-11-27T02:00:00.000Z',
    replayed: 3,
    requests: 4,
    cap: 2000,
    capped: false,
    unreadable: 0,
    gains: [],
    losses: [LOSS],
    operations: [{ department: 'civil-affairs', operationName: 'Pension', requests: 2, gained: [], lost: ['Resident.monthlyPension'] }],
    ...overrides,
  };
}

/** The office's page, a live grant chosen for revocation, and the dry run started. */
async function revokeAsOffice(answer: unknown) {
  const calls: Array<{ operation: string; variables: unknown }> = [];
  vi.mocked(gql).mockImplementation(
    fakeApi(
      {
        DryRunCatalog: { catalog: [{ coordinate: 'Resident.monthlyPension', provider: 'human-resources', shareType: 'CONDITIONAL' }] },
        DryRunGrants: { myGrants: [GRANT] },
        PolicySimulation: answer,
      },
      calls,
    ),
  );
  renderAs(['consumer', 'platform-admin'], 'info-center', <DryRun />);
  await waitFor(() => expect(calls.some((call) => call.operation === 'DryRunGrants')).toBe(true));
  fireEvent.mouseDown(screen.getByLabelText('授权'));
  fireEvent.click(await screen.findByTitle(/Resident.monthlyPension → 区民政局/));
  fireEvent.click(screen.getByRole('button', { name: '开始预演' }));
  return calls;
}

describe('策略预演', () => {
  it('when a revocation would take an item from a consumer, then the loss shows with before and after, its operations and requests', async () => {
    const calls = await revokeAsOffice({ simulatePolicyChange: simulation() });
    const losses = within(await screen.findByTestId('dry-run-losses'));
    expect(losses.getByText('区民政局')).toBeTruthy();
    expect(losses.getByText('完整获取')).toBeTruthy();
    expect(losses.getByText('无权获取')).toBeTruthy();
    expect(losses.getByText('means-test')).toBeTruthy();
    expect(losses.getByText('Pension')).toBeTruthy();
    expect(screen.getByText('将失去的访问（1）')).toBeTruthy();
    expect(calls.find((call) => call.operation === 'PolicySimulation')?.variables).toEqual({ change: { revoke: { grantId: GRANT.id } }, days: 30 });
  });

  it('when the change affects nobody, then both lists say so', async () => {
    await revokeAsOffice({ simulatePolicyChange: simulation({ losses: [], operations: [] }) });
    expect(await screen.findByText('没有使用部门会失去访问')).toBeTruthy();
    expect(screen.getByText('没有使用部门会获得访问')).toBeTruthy();
    expect(screen.getByText('没有查询受影响')).toBeTruthy();
  });

  it('when the API refuses the change, then its error code is told in Chinese and no result shows', async () => {
    await revokeAsOffice(new ApiError('NOT_FOUND'));
    expect(await screen.findByText('没有找到该记录，或本部门无权查看')).toBeTruthy();
    expect(screen.queryByTestId('dry-run-result')).toBeNull();
  });

  it("art-23: when the office simulates a grant narrowed to the consumer's open cases, then the simulated grant carries the OPEN_CASE condition", async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    vi.mocked(gql).mockImplementation(
      fakeApi(
        {
          DryRunCatalog: {
            catalog: [{ coordinate: 'Resident.householdAddress', provider: 'public-security', shareType: 'CONDITIONAL' }],
            rootFields: [{ coordinate: 'Query.civilAffairsOpenCases' }],
            unconditional: [{ coordinate: 'Resident.citizenId' }, { coordinate: 'Resident.householdSubdistrict' }],
          },
          DryRunGrants: { myGrants: [] },
          PolicySimulation: { simulatePolicyChange: simulation({ losses: [], operations: [] }) },
        },
        calls,
      ),
    );
    renderAs(['consumer', 'platform-admin'], 'info-center', <DryRun />);
    fireEvent.click(screen.getByText('新增授权'));
    fireEvent.mouseDown(await screen.findByLabelText('使用部门'));
    fireEvent.click(await screen.findByTitle('区民政局'));
    await waitFor(() => expect(calls.some((call) => call.operation === 'DryRunCatalog')).toBe(true));
    fireEvent.mouseDown(screen.getByLabelText('信息项'));
    fireEvent.click(await screen.findByTitle('Resident.householdAddress'));
    fireEvent.mouseDown(screen.getByLabelText('使用用途'));
    fireEvent.click(await screen.findByTitle('作为行政依据'));
    fireEvent.click(await screen.findByLabelText('仅限使用部门有在办案件的居民'));
    fireEvent.click(screen.getByRole('button', { name: '开始预演' }));
    await waitFor(() => expect(calls.some((call) => call.operation === 'PolicySimulation')).toBe(true));
    expect(calls.find((call) => call.operation === 'PolicySimulation')?.variables).toEqual({
      change: {
        grant: {
          department: 'civil-affairs',
          items: ['Resident.householdAddress'],
          purpose: 'ADMINISTRATIVE_BASIS',
          action: 'READ',
          exception: false,
          condition: [{ kind: 'OPEN_CASE' }],
        },
      },
      days: 30,
    });
  });

  it("when a provider's sharing administrator simulates a grant, then the consumer departments are the district's others, its own left out", async () => {
    vi.mocked(gql).mockImplementation(
      fakeApi({
        DryRunCatalog: { catalog: [], rootFields: [], unconditional: [] },
        DryRunGrants: { myGrants: [] },
      }),
    );
    renderAs(['provider-admin'], 'human-resources', <DryRun />);
    fireEvent.click(screen.getByText('新增授权'));
    fireEvent.mouseDown(await screen.findByLabelText('使用部门'));
    expect(await screen.findByTitle('区民政局')).toBeTruthy();
    expect(screen.queryByTitle('区人力资源和社会保障局')).toBeNull();
  });

  it('when the form describes a change, then exactly that one change is sent', () => {
    expect(changeOf({ kind: 'shareType', days: 7, item: 'Resident.monthlyPension', shareType: 'NONE' })).toEqual({
      shareType: { item: 'Resident.monthlyPension', shareType: 'NONE' },
    });
    expect(changeOf({ kind: 'mask', days: 7, item: 'Resident.monthlyPension', purpose: 'WORK_REFERENCE' })).toEqual({
      mask: { item: 'Resident.monthlyPension', purpose: 'WORK_REFERENCE' },
    });
    expect(
      changeOf({ kind: 'grant', days: 7, department: 'civil-affairs', items: ['Resident.monthlyPension'], purpose: 'DATA_VERIFICATION', mask: 'AMOUNT_BAND' }),
    ).toEqual({
      grant: {
        department: 'civil-affairs',
        items: ['Resident.monthlyPension'],
        purpose: 'DATA_VERIFICATION',
        action: 'READ',
        exception: false,
        mask: 'AMOUNT_BAND',
      },
    });
    const verify = {
      kind: 'grant' as const,
      days: 7,
      department: 'civil-affairs',
      items: ['Resident.householdAddress'],
      purpose: 'DATA_VERIFICATION' as const,
    };
    expect(changeOf({ ...verify, action: 'VERIFY', openCase: true }).grant?.condition).toBeUndefined();
    expect(changeOf({ ...verify, conditionAttribute: 'householdSubdistrict', conditionValues: [' 大街街道 ', ''] }).grant?.condition).toEqual([
      { kind: 'ATTRIBUTE', attribute: 'householdSubdistrict', anyOf: ['大街街道'] },
    ]);
  });
});
