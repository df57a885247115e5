import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { calendarYear, rulesOf } from '../test-fixtures.ts';
import type { DeadlineRules } from '../use-deadlines.ts';
import RequestForm, { type AccessRequestInput } from './RequestForm.tsx';

const ITEMS = [
  { coordinate: 'Resident.monthlyPension', abstract: '月养老金', shareType: 'CONDITIONAL' },
  { coordinate: 'Resident.pensionStatus', abstract: '养老保险状态', shareType: 'CONDITIONAL' },
  { coordinate: 'Resident.medicalRecord', abstract: '就诊记录', shareType: 'NONE' },
];

/** 2026 as the library knows it, 2027 without a schedule yet: what the API answers before the office enters 2027. */
const KNOWN_2026 = calendarYear(2026, 'LIBRARY', ['2026-10-01', '2026-10-02']);
const UNKNOWN_2027 = calendarYear(2027, 'WEEKENDS_ONLY');

function renderForm(
  onSubmit: (input: AccessRequestInput) => Promise<void>,
  options: { today?: string; rules?: DeadlineRules | undefined; fields?: string[] } = {},
) {
  const rules = 'rules' in options ? options.rules : rulesOf({}, KNOWN_2026, UNKNOWN_2027);
  return render(
    <RequestForm
      items={ITEMS}
      initialFields={options.fields ?? ['Resident.monthlyPension']}
      initialPurpose="DATA_VERIFICATION"
      today={options.today ?? '2026-11-27'}
      rules={rules}
      onSubmit={onSubmit}
    />,
  );
}

afterEach(cleanup);

describe('the access request form', () => {
  it("art-13 when the form opens on a Friday, then the answer is due the profile's 10 working days later on the API's calendar, not provisional", () => {
    renderForm(async () => undefined);
    expect(screen.getByTestId('due-date').textContent).toContain('提供部门应在 10 个工作日内予以答复');
    expect(screen.getByTestId('due-date').textContent).toContain('2026-12-11');
    expect(screen.queryByTestId('provisional')).toBeNull();
  });

  it('when the profile gives the provider 5 working days, then the form says 5 and counts them', () => {
    renderForm(async () => undefined, { rules: rulesOf({ providerAnswerWorkingDays: 5 }, KNOWN_2026, UNKNOWN_2027) });
    expect(screen.getByTestId('due-date').textContent).toContain('5 个工作日');
    expect(screen.getByTestId('due-date').textContent).toContain('2026-12-04');
  });

  it('when the deadline crosses a year the API reports without a schedule, then the date is marked 暂定', () => {
    renderForm(async () => undefined, { today: '2026-12-24' });
    expect(screen.getByTestId('due-date').textContent).toContain('2027-01-07');
    expect(screen.getByTestId('provisional').textContent).toBe('暂定');
  });

  it("when the office entered that year's holidays, then they are skipped and the date is final", () => {
    const entered = calendarYear(2027, 'ENTERED', ['2027-01-01', '2027-01-04']);
    renderForm(async () => undefined, { today: '2026-12-24', rules: rulesOf({}, KNOWN_2026, entered) });
    expect(screen.getByTestId('due-date').textContent).toContain('2027-01-11');
    expect(screen.queryByTestId('provisional')).toBeNull();
  });

  it("when the profile has the operator's compliance check, then the first deadline is that check's", () => {
    renderForm(async () => undefined, { rules: rulesOf({ complianceCheckWorkingDays: 2, providerAnswerWorkingDays: 5 }, KNOWN_2026, UNKNOWN_2027) });
    expect(screen.getByTestId('due-date').textContent).toContain('2 个工作日内完成合规审核');
    expect(screen.getByTestId('due-date').textContent).toContain('2026-12-01');
  });

  it('when an item not shared (NONE) is chosen, then the deadline is the negotiation between the two departments', () => {
    renderForm(async () => undefined, { fields: ['Resident.medicalRecord'] });
    expect(screen.getByTestId('due-date').textContent).toContain('两部门在 10 个工作日内协商');
  });

  it('when the profile and calendar could not be read, then no date is guessed: the answer will carry it', () => {
    renderForm(async () => undefined, { rules: undefined });
    expect(screen.getByTestId('due-date').textContent).toBe('答复期限以提交后平台的答复为准');
  });

  it('when the justification is missing, then nothing is submitted and the field says why', async () => {
    const submit = vi.fn(async () => undefined);
    renderForm(submit);
    fireEvent.click(screen.getByRole('button', { name: '提交共享申请' }));
    await screen.findByText('请说明申请理由');
    expect(submit).not.toHaveBeenCalled();
  });

  it('when every control is filled through its label, then the request carries the items, purpose, matter, justification and validity', async () => {
    const submit = vi.fn(async (_input: AccessRequestInput) => undefined);
    renderForm(submit);
    fireEvent.click(screen.getByLabelText(/Resident.pensionStatus/));
    fireEvent.change(screen.getByLabelText('办理事项'), { target: { value: ' 最低生活保障资格审核 ' } });
    fireEvent.change(screen.getByLabelText('申请理由（履职需要）'), { target: { value: '核验养老金领取情况' } });
    fireEvent.change(screen.getByLabelText('使用期限（截至日期，默认一年）'), { target: { value: '2027-06-30' } });
    fireEvent.click(screen.getByRole('button', { name: '提交共享申请' }));
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit.mock.calls[0]![0]).toEqual({
      fields: ['Resident.monthlyPension', 'Resident.pensionStatus'],
      action: 'READ',
      purpose: 'DATA_VERIFICATION',
      matter: '最低生活保障资格审核',
      justification: '核验养老金领取情况',
      validUntil: '2027-06-30',
    });
  });

  it('art-13: when the consumer chooses 仅核验, then the request asks for VERIFY and the form says verification gives a match, never the value', async () => {
    const submit = vi.fn(async (_input: AccessRequestInput) => undefined);
    renderForm(submit);
    expect(screen.getByText(/只返回与本部门掌握的信息是否一致（一致\/不一致），不提供数据本身/)).toBeTruthy();
    expect((screen.getByLabelText('查询') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('仅核验'));
    fireEvent.change(screen.getByLabelText('申请理由（履职需要）'), { target: { value: '核验个体工商户登记申请人的养老金领取情况' } });
    fireEvent.click(screen.getByRole('button', { name: '提交共享申请' }));
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit.mock.calls[0]![0]).toEqual({
      fields: ['Resident.monthlyPension'],
      action: 'VERIFY',
      purpose: 'DATA_VERIFICATION',
      justification: '核验个体工商户登记申请人的养老金领取情况',
    });
  });

  it('when the wanted validity is not after today, then nothing is submitted', async () => {
    const submit = vi.fn(async () => undefined);
    renderForm(submit);
    fireEvent.change(screen.getByLabelText('申请理由（履职需要）'), { target: { value: '核验' } });
    fireEvent.change(screen.getByLabelText('使用期限（截至日期，默认一年）'), { target: { value: '2026-11-27' } });
    fireEvent.click(screen.getByRole('button', { name: '提交共享申请' }));
    await screen.findByText('须晚于今天');
    expect(submit).not.toHaveBeenCalled();
  });
});
