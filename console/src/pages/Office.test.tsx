import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AccessRequest } from '../requests.ts';
import { fakeApi, renderAs } from '../test-support.tsx';

vi.mock('../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../api.ts');
const { default: Office } = await import('./Office.tsx');

afterEach(() => {
  cleanup();
  vi.mocked(gql).mockReset();
});

/** approval asked only to verify pensions; human-resources refused, the negotiation failed, the office decides. */
const ESCALATED: AccessRequest = {
  id: 'r-9',
  status: 'ESCALATED',
  fields: ['Resident.monthlyPension'],
  purpose: 'DATA_VERIFICATION',
  action: 'VERIFY',
  matter: '个体工商户登记',
  justification: '核验申请人养老金领取情况',
  requestingDepartment: 'approval',
  provider: 'human-resources',
  submittedAt: '2026-11-02T01:00:00.000Z',
  dueDate: '2026-11-30',
  dueDateProvisional: false,
  overdue: false,
  wantedUntil: '2030-11-02',
  decidedAt: '2026-11-05T01:00:00.000Z',
  decidedBy: 'human-resources-admin',
  reason: '超出履职需要',
  grantedFields: null,
  grantedUntil: null,
  escalatedAt: '2026-11-20T01:00:00.000Z',
  escalationReason: '协商未果',
  grants: [],
};

describe('协调办: 协调授权', () => {
  it('art-13: when the office grants an escalated request that asked only to verify, then the form says 仅核验 and the exception carries action VERIFY', async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    vi.mocked(gql).mockImplementation(
      fakeApi(
        {
          Requests: { accessRequests: [ESCALATED] },
          Departments: { departments: [] },
          Disputes: { disputes: [] },
          Exception: { grantException: [{ id: 'g-9' }] },
        },
        calls,
      ),
    );
    renderAs(['consumer', 'platform-admin'], 'info-center', <Office />);
    fireEvent.click(await screen.findByRole('button', { name: '协调授权' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByTestId('grant-action').textContent).toContain('仅核验');
    expect(dialog.queryByLabelText('仅限使用部门有在办案件的居民')).toBeNull();
    fireEvent.change(dialog.getByLabelText('法律法规依据'), { target: { value: '《社会救助暂行办法》第十一条' } });
    fireEvent.change(dialog.getByLabelText('理由'), { target: { value: '登记审核需要，协调同意核验' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(calls.some((call) => call.operation === 'Exception')).toBe(true));
    expect(calls.find((call) => call.operation === 'Exception')!.variables).toEqual({
      input: {
        requestId: 'r-9',
        department: 'approval',
        purpose: 'DATA_VERIFICATION',
        action: 'VERIFY',
        fields: ['Resident.monthlyPension'],
        validUntil: '2030-11-02',
        basis: '《社会救助暂行办法》第十一条',
        reason: '登记审核需要，协调同意核验',
      },
    });
  });
});
