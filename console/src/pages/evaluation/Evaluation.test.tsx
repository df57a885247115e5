import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { ApiError } from '../../session.ts';
import { fakeApi, renderAs } from '../../test-support.tsx';
import type { EvaluationReport, RectificationNotice } from './operations.ts';

vi.mock('../../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../../api.ts');
const { default: Evaluation } = await import('./Evaluation.tsx');

afterEach(() => {
  cleanup();
  vi.mocked(gql).mockReset();
  location.hash = '';
});

function report(overrides: Partial<EvaluationReport> = {}): EvaluationReport {
  return {
    department: 'human-resources',
    from: '2026-01-01',
    to: '2026-11-27',
    generatedAt: '2026-11-27T02:00:00.000Z',
    catalog: { items: 12, complete: 11, incomplete: [{ coordinate: 'Resident.pensionStatus', missing: ['basis'] }], reviewOverdue: 0, overdueItems: [] },
    requests: { received: 4, answered: 3, medianAnswerWorkingDays: 2.5, maxAnswerWorkingDays: 12, overdue: 1 },
    disputes: { received: 1, answered: 1, answeredOnTime: 1, overdue: 0 },
    usage: {
      records: 37,
      byConsumer: [{ key: 'civil-affairs', records: 30 }],
      byPurpose: [{ key: 'DATA_VERIFICATION', records: 37 }],
      byItem: [{ key: 'Resident.monthlyPension', records: 37 }],
    },
    service: { calls: 200, failures: 1, availability: 0.995, meanLatencyMs: 41.26, maxLatencyMs: 812 },
    rollUp: { incomplete: false, pendingDays: 0, rolledUpTo: '2026-11-26', rolledNow: 0 },
    freshness: { resources: [] },
    violations: [{ kind: 'REQUEST_ANSWERED_LATE', clause: '22(2)', count: 1, examples: ['req-7'] }],
    notDetected: [{ kind: 'DATA_INCONSISTENT', clause: '22(3)', why: 'seen only through disputes' }],
    ...overrides,
  };
}

function notice(overrides: Partial<RectificationNotice> = {}): RectificationNotice {
  return {
    id: 'n-1',
    department: 'human-resources',
    kind: 'REQUEST_ANSWERED_LATE',
    examples: ['req-7'],
    text: '请于期限内整改超期答复问题',
    issuedBy: 'info-center-admin',
    issuedAt: '2026-11-20T02:00:00.000Z',
    workingDays: 15,
    dueDate: '2026-12-11',
    status: 'OPEN',
    overdue: false,
    recordedBy: null,
    recordedAt: null,
    actionTaken: null,
    ...overrides,
  };
}

describe('共享工作评价报告', () => {
  it("when the office opens a department's report, then every section shows and a detected case can be notified for rectification", async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    vi.mocked(gql).mockImplementation(
      fakeApi(
        {
          EvaluationReport: { evaluationReport: report() },
          IssueRectificationNotice: { issueRectificationNotice: { id: 'n-2', dueDate: '2026-12-18', status: 'OPEN' } },
        },
        calls,
      ),
    );
    renderAs(['consumer', 'platform-admin'], 'info-center', <Evaluation />);
    const view = within(await screen.findByTestId('evaluation-report'));
    expect(view.getByText('区人力资源和社会保障局 政务信息资源共享工作评价报告')).toBeTruthy();
    expect(view.getByText('依据')).toBeTruthy();
    expect(view.getByText('2.5')).toBeTruthy();
    expect(view.getByText('99.50%')).toBeTruthy();
    expect(view.getByText('区民政局')).toBeTruthy();
    expect(view.getByText('共享申请超期答复')).toBeTruthy();
    expect(view.getByText('第二十二条 22(2)')).toBeTruthy();
    expect(view.getByText(/仅能通过数据疑义/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '打印' })).toBeTruthy();

    fireEvent.click(view.getByRole('button', { name: '通知整改' }));
    expect(((await screen.findByLabelText('通知内容')) as HTMLTextAreaElement).value).toBe('请于期限内整改：共享申请超期答复');
    fireEvent.click(screen.getByRole('button', { name: '发出通知' }));
    await screen.findByText('已通知整改，整改期限 2026-12-18');
    expect(calls.find((call) => call.operation === 'IssueRectificationNotice')?.variables).toEqual({
      department: calls.find((call) => call.operation === 'EvaluationReport')!.variables!['department' as never],
      kind: 'REQUEST_ANSWERED_LATE',
      examples: ['req-7'],
      text: '请于期限内整改：共享申请超期答复',
      workingDays: null,
    });
  });

  it("art-14 art-22: when the roll-up lags and a resource went stale, then the report warns it is incomplete, shows each resource's timeliness and names 未及时更新数据", async () => {
    const stale = report({
      rollUp: { incomplete: true, pendingDays: 3, rolledUpTo: '2026-11-23', rolledNow: 31 },
      freshness: {
        resources: [
          { resource: 'Resident', updateCycle: 'DAILY', freshDays: 320.5, staleDays: 9, unknownDays: 1.5, freshShare: 0.9697, longestStaleDays: 4 },
          { resource: 'PensionAccount', updateCycle: 'UNDECLARED', freshDays: 0, staleDays: 0, unknownDays: 331, freshShare: null, longestStaleDays: 0 },
        ],
      },
      violations: [{ kind: 'DATA_NOT_UPDATED', clause: '22(3)', count: 1, examples: ['Resident (cycle DAILY, stale 9 days, longest 4 days without a break)'] }],
    });
    vi.mocked(gql).mockImplementation(fakeApi({ EvaluationReport: { evaluationReport: stale } }));
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Evaluation />);
    const banner = await screen.findByTestId('roll-up-incomplete');
    expect(banner.textContent).toContain('统计尚未完整');
    expect(banner.textContent).toContain('尚有 3 天');
    expect(banner.textContent).toContain('已完整统计至 2026-11-23');

    const freshness = within(screen.getByTestId('freshness'));
    expect(freshness.getByText('六、数据更新及时性（第十四条）')).toBeTruthy();
    const resident = freshness.getByText('Resident').closest('tr')!;
    expect([...resident.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['Resident', '每日', '320.5', '9', '4', '1.5', '96.97%']);
    const undeclared = freshness.getByText('PensionAccount').closest('tr')!;
    expect([...undeclared.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['PensionAccount', '未声明', '0', '0', '0', '331', '—']);

    expect(screen.getByText('未及时更新数据', { selector: '.ant-tag' })).toBeTruthy();
    expect(screen.getByText('第二十二条 22(3)')).toBeTruthy();
  });

  it('when nothing was detected in a period counted in full, then the report says so without a warning and a department sees no notice button', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ EvaluationReport: { evaluationReport: report({ violations: [] }) } }));
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Evaluation />);
    expect(await screen.findByText('统计期间未发现违规情形')).toBeTruthy();
    expect(screen.queryByTestId('roll-up-incomplete')).toBeNull();
    expect(within(screen.getByTestId('freshness')).getByText('统计期间无更新记录')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '通知整改' })).toBeNull();
    expect(vi.mocked(gql).mock.calls[0]![1]).toMatchObject({ department: 'human-resources' });
  });

  it('when the API refuses the report, then its error code is told in Chinese', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ EvaluationReport: new ApiError('FORBIDDEN') }));
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Evaluation />);
    expect(await screen.findByText('您的角色或部门无权进行此操作')).toBeTruthy();
    expect(screen.queryByTestId('evaluation-report')).toBeNull();
  });

  it('when the department opens its notices, then an open one can be recorded, and an empty list says so', async () => {
    location.hash = '#/evaluation?tab=notices';
    const calls: Array<{ operation: string; variables: unknown }> = [];
    let notices = [notice(), notice({ id: 'n-0', status: 'OVERDUE', overdue: true, dueDate: '2026-11-01' })];
    vi.mocked(gql).mockImplementation(
      fakeApi(
        {
          EvaluationReport: { evaluationReport: report() },
          RectificationNotices: () => ({ rectificationNotices: notices }),
          RecordRectification: () => ((notices = []), { recordRectification: { id: 'n-1', status: 'RECORDED', actionTaken: '已修订答复流程' } }),
        },
        calls,
      ),
    );
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Evaluation />);
    expect(await screen.findByText('逾期未整改', { selector: '.ant-tag' })).toBeTruthy();
    expect(screen.getByText('整改中', { selector: '.ant-tag' })).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: '记录整改情况' })[0]!);
    fireEvent.change(await screen.findByLabelText('整改措施及结果'), { target: { value: '已修订答复流程' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await screen.findByText('暂无整改通知');
    expect(calls.find((call) => call.operation === 'RecordRectification')?.variables).toEqual({ id: 'n-1', action: '已修订答复流程' });
  });
});
