import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import RequestForm, { type AccessRequestInput } from './RequestForm.tsx';

const ITEMS = [
  { coordinate: 'Resident.monthlyPension', abstract: '月养老金' },
  { coordinate: 'Resident.pensionStatus', abstract: '养老保险状态' },
];

function renderForm(onSubmit: (input: AccessRequestInput) => Promise<void>) {
  return render(
    <RequestForm items={ITEMS} initialFields={['Resident.monthlyPension']} initialPurpose="DATA_VERIFICATION" today="2026-11-27" onSubmit={onSubmit} />,
  );
}

afterEach(cleanup);

describe('the access request form', () => {
  it('art-13 when the form opens on a Friday, then the answer is due 10 working days later on the Chinese calendar', () => {
    renderForm(async () => undefined);
    expect(screen.getByTestId('due-date').textContent).toContain('2026-12-11');
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
      purpose: 'DATA_VERIFICATION',
      matter: '最低生活保障资格审核',
      justification: '核验养老金领取情况',
      validUntil: '2027-06-30',
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
