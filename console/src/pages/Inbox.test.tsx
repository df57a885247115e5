import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AccessRequest } from '../requests.ts';
import { fakeApi, renderAs } from '../test-support.tsx';

vi.mock('../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../api.ts');
const { default: Inbox } = await import('./Inbox.tsx');

afterEach(() => {
  cleanup();
  vi.mocked(gql).mockReset();
  location.hash = '';
});

/** civil-affairs asks public-security for household addresses while handling 低保 applications. */
const PENDING: AccessRequest = {
  id: 'r-1',
  status: 'PENDING',
  fields: ['Resident.householdAddress'],
  purpose: 'ADMINISTRATIVE_BASIS',
  action: 'READ',
  matter: '最低生活保障资格审核',
  justification: '核实低保申请人户籍地址',
  requestingDepartment: 'civil-affairs',
  provider: 'public-security',
  submittedAt: '2026-11-20T01:00:00.000Z',
  dueDate: '2030-12-04',
  dueDateProvisional: false,
  overdue: false,
  wantedUntil: '2030-11-20',
  decidedAt: null,
  decidedBy: null,
  reason: null,
  grantedFields: null,
  grantedUntil: null,
  escalatedAt: null,
  escalationReason: null,
  grants: [],
};

const APPROVED: AccessRequest = {
  ...PENDING,
  id: 'r-0',
  status: 'APPROVED',
  grants: [
    {
      id: 'g-1',
      field: 'Resident.householdAddress',
      live: true,
      validUntil: '2030-11-20',
      condition: [
        { kind: 'ATTRIBUTE', attribute: 'householdSubdistrict', anyOf: ['大街街道', '永安街道'] },
        { kind: 'OPEN_CASE', attribute: '@openCase', anyOf: ['HELD'] },
      ],
    },
  ],
};

function api(calls: Array<{ operation: string; variables: unknown }>, requests: AccessRequest[], answering: string[] = ['Query.civilAffairsOpenCases']) {
  return fakeApi(
    {
      Requests: { accessRequests: requests },
      Disputes: { disputes: [] },
      ConditionAttributes: {
        catalog: [{ coordinate: 'Resident.citizenId' }, { coordinate: 'Resident.householdSubdistrict' }],
        rootFields: answering.map((coordinate) => ({ coordinate })),
        unconditional: [{ coordinate: 'Resident.citizenId' }, { coordinate: 'Resident.householdSubdistrict' }, { coordinate: 'Resident.name' }],
      },
      Decide: ({ id }: { id: string }) => ({ decideAccessRequest: { ...PENDING, id, status: 'APPROVED' } }),
    },
    calls,
  );
}

async function openApproval() {
  fireEvent.click(await screen.findByRole('button', { name: '同意' }));
  return within(await screen.findByRole('dialog'));
}

describe('待办: approving a 共享申请', () => {
  it("art-13 art-23: when the provider narrows an approval to the consumer's open cases and a subdistrict, then the decision carries both entries", async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    vi.mocked(gql).mockImplementation(api(calls, [PENDING]));
    renderAs(['consumer', 'provider-admin'], 'public-security', <Inbox />);
    const dialog = await openApproval();
    expect(dialog.getByTestId('grant-action').textContent).toContain('查询');
    fireEvent.click(await dialog.findByLabelText('仅限使用部门有在办案件的居民'));
    fireEvent.mouseDown(dialog.getByLabelText('限定记录范围：按信息项（可选）'));
    fireEvent.click(await screen.findByTitle('householdSubdistrict'));
    const values = await dialog.findByLabelText('取值为下列之一（输入后按回车）');
    fireEvent.change(values, { target: { value: '大街街道' } });
    fireEvent.keyDown(values, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(calls.some((call) => call.operation === 'Decide')).toBe(true));
    expect(calls.find((call) => call.operation === 'Decide')!.variables).toEqual({
      id: 'r-1',
      approve: true,
      fields: ['Resident.householdAddress'],
      validUntil: '2030-11-20',
      condition: [{ kind: 'ATTRIBUTE', attribute: 'householdSubdistrict', anyOf: ['大街街道'] }, { kind: 'OPEN_CASE' }],
    });
  });

  it("when the consumer's subgraph does not answer open cases, then the open-case condition is not offered", async () => {
    vi.mocked(gql).mockImplementation(api([], [PENDING], []));
    renderAs(['consumer', 'provider-admin'], 'public-security', <Inbox />);
    const dialog = await openApproval();
    await dialog.findByLabelText('限定记录范围：按信息项（可选）');
    expect(dialog.queryByLabelText('仅限使用部门有在办案件的居民')).toBeNull();
  });

  it('when a request asks only to verify, then the form says so and offers no row condition', async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    vi.mocked(gql).mockImplementation(api(calls, [{ ...PENDING, action: 'VERIFY' }]));
    renderAs(['consumer', 'provider-admin'], 'public-security', <Inbox />);
    const dialog = await openApproval();
    expect(dialog.getByTestId('grant-action').textContent).toContain('仅核验：使用部门只能得知其掌握的信息与本部门数据是否一致，不获取数据本身');
    expect(dialog.queryByLabelText('限定记录范围：按信息项（可选）')).toBeNull();
    expect(dialog.queryByLabelText('仅限使用部门有在办案件的居民')).toBeNull();
  });

  it('when a grant holds to a row condition, then the grants list says which records, in Chinese', async () => {
    location.hash = '#/inbox?tab=answered';
    vi.mocked(gql).mockImplementation(api([], [APPROVED]));
    renderAs(['consumer', 'provider-admin'], 'public-security', <Inbox />);
    expect(await screen.findByText(/仅限 householdSubdistrict 为 大街街道、永安街道 的记录，且仅限使用部门有在办案件的居民/)).toBeTruthy();
  });
});
