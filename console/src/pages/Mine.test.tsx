import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { AccessRequest } from '../requests.ts';
import { ApiError } from '../session.ts';
import { calendarYear, ZHOUCUN_PROFILE } from '../test-fixtures.ts';
import { fakeApi, renderAs } from '../test-support.tsx';

vi.mock('../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../api.ts');
const { default: Mine } = await import('./Mine.tsx');

const PENDING: AccessRequest = {
  id: 'r-1',
  status: 'PENDING',
  fields: ['Resident.monthlyPension'],
  purpose: 'DATA_VERIFICATION',
  action: 'READ',
  matter: null,
  justification: '核验',
  requestingDepartment: 'civil-affairs',
  provider: 'human-resources',
  submittedAt: '2026-12-24T01:00:00.000Z',
  dueDate: '2027-01-07',
  dueDateProvisional: true,
  overdue: false,
  wantedUntil: '2027-12-24',
  decidedAt: null,
  decidedBy: null,
  reason: null,
  grantedFields: null,
  grantedUntil: null,
  escalatedAt: null,
  escalationReason: null,
  grants: [],
};

function answers(y2027: ReturnType<typeof calendarYear>, requests: unknown = { accessRequests: [PENDING] }, myGrants: unknown[] = []) {
  return fakeApi({
    Requests: requests,
    MyGrants: { myGrants },
    Disputes: { disputes: [] },
    RegulationProfile: { regulationProfile: ZHOUCUN_PROFILE },
    WorkingCalendar: ({ year }: { year: number }) => ({ workingCalendar: year === 2027 ? y2027 : calendarYear(year, 'LIBRARY') }),
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2026-12-24T02:00:00.000Z'));
});

afterEach(() => {
  location.hash = '';
  cleanup();
  vi.useRealTimers();
  vi.mocked(gql).mockReset();
});

describe('我的申请', () => {
  it('when the answer is due in a year without a schedule, then the date is 暂定 and the working days left count weekends only', async () => {
    vi.mocked(gql).mockImplementation(answers(calendarYear(2027, 'WEEKENDS_ONLY')));
    renderAs(['consumer'], 'civil-affairs', <Mine />);
    const left = await screen.findByText(/剩余 10 个工作日/);
    expect(within(left).getByTestId('provisional').textContent).toBe('暂定');
    expect(left.textContent).toContain('2027-01-07');
  });

  it("when the office entered the next year's holidays, then the working days left skip them", async () => {
    vi.mocked(gql).mockImplementation(answers(calendarYear(2027, 'ENTERED', ['2027-01-01'])));
    renderAs(['consumer'], 'civil-affairs', <Mine />);
    expect(await screen.findByText(/剩余 9 个工作日/)).toBeTruthy();
  });

  it('when the department made no request, then the list says there is nothing', async () => {
    vi.mocked(gql).mockImplementation(answers(calendarYear(2027, 'LIBRARY'), { accessRequests: [] }));
    renderAs(['consumer'], 'civil-affairs', <Mine />);
    expect((await screen.findAllByText('暂无数据')).length).toBeGreaterThan(0);
  });

  it("art-13: when a grant holds only for the consumer's open cases, then 我的授权 says which records it covers, in Chinese", async () => {
    location.hash = '#/mine?tab=grants';
    const grant = {
      id: 'g-1',
      kind: 'REQUEST',
      field: 'Resident.householdAddress',
      purpose: 'ADMINISTRATIVE_BASIS',
      action: 'READ',
      validUntil: '2027-11-20',
      live: true,
      revokedAt: null,
      revokeReason: null,
      basis: null,
      condition: [{ kind: 'OPEN_CASE', attribute: '@openCase', anyOf: ['HELD'] }],
    };
    vi.mocked(gql).mockImplementation(answers(calendarYear(2027, 'LIBRARY'), { accessRequests: [] }, [grant, { ...grant, id: 'g-2', condition: null }]));
    renderAs(['consumer'], 'civil-affairs', <Mine />);
    expect(await screen.findByText('仅限使用部门有在办案件的居民')).toBeTruthy();
    expect(screen.getByText('不限定')).toBeTruthy();
    expect(screen.queryByText(/@openCase/)).toBeNull();
  });

  it('when the API refuses the requests, then its code is told in Chinese', async () => {
    vi.mocked(gql).mockImplementation(answers(calendarYear(2027, 'LIBRARY'), new ApiError('FORBIDDEN')));
    renderAs(['consumer'], 'civil-affairs', <Mine />);
    expect(await screen.findByText('您的角色或部门无权进行此操作')).toBeTruthy();
  });
});
