/**
 * 共享申请 (周政发〔2018〕6号 art. 13): items of one provider, 使用用途, 办理事项, justification and wanted
 * validity; the provider's answer is due in 10 working days, shown as a date on the Chinese calendar.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { addWorkingDays, LIBRARY_CALENDAR } from '../../../policies/governance/working-calendar.ts';
import { PURPOSES, useLanguage, useT } from '../i18n.tsx';

export interface RequestableItem {
  coordinate: string;
  abstract?: string | null;
}

export interface AccessRequestInput {
  fields: string[];
  purpose: string;
  matter?: string;
  justification: string;
  validUntil?: string;
}

export interface RequestFormProps {
  items: readonly RequestableItem[];
  initialFields: readonly string[];
  initialPurpose?: string | undefined;
  /** Today in China (YYYY-MM-DD): the due date counts 10 working days from it. */
  today: string;
  onSubmit: (input: AccessRequestInput) => Promise<void>;
}

/** The 10 working days (art. 13) the provider has to answer. */
export const ANSWER_WORKING_DAYS = 10;

export default function RequestForm({ items, initialFields, initialPurpose, today, onSubmit }: RequestFormProps) {
  const t = useT();
  const language = useLanguage();
  const [busy, setBusy] = useState(false);
  // The calendar the library knows; the answer to the request carries the due date counted on the office's calendar.
  const dueDate = addWorkingDays(today, ANSWER_WORKING_DAYS, LIBRARY_CALENDAR);

  const finish = async (values: { fields: string[]; purpose: string; matter?: string; justification: string; validUntil?: string }) => {
    setBusy(true);
    try {
      await onSubmit({
        fields: values.fields,
        purpose: values.purpose,
        justification: values.justification.trim(),
        ...(values.matter?.trim() ? { matter: values.matter.trim() } : {}),
        ...(values.validUntil ? { validUntil: values.validUntil } : {}),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" name="access-request" onFinish={finish} initialValues={{ fields: [...initialFields], purpose: initialPurpose }}>
      <Form.Item
        name="fields"
        label={t('申请的信息项', 'Data items')}
        rules={[{ required: true, message: t('请至少选择一个信息项', 'Choose at least one item') }]}
      >
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column' }}>
          {items.map((item) => (
            <Checkbox key={item.coordinate} value={item.coordinate}>
              <code>{item.coordinate}</code> {item.abstract}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="purpose" label={t('使用用途', 'Purpose of use')} rules={[{ required: true, message: t('请选择使用用途', 'Choose the purpose') }]}>
        <Select placeholder={t('请选择', 'Choose')} options={PURPOSES.map((purpose) => ({ value: purpose.value, label: purpose[language] }))} />
      </Form.Item>
      <Form.Item name="matter" label={t('办理事项', 'Business matter')} rules={[{ max: 128, message: t('不超过 128 个字', 'At most 128 characters') }]}>
        <Input placeholder={t('例如：最低生活保障资格审核', 'e.g. subsistence allowance review')} />
      </Form.Item>
      <Form.Item
        name="justification"
        label={t('申请理由（履职需要）', 'Justification')}
        rules={[
          { required: true, whitespace: true, message: t('请说明申请理由', 'Give the justification') },
          { max: 2000, message: t('不超过 2000 个字', 'At most 2000 characters') },
        ]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item
        name="validUntil"
        label={t('使用期限（截至日期，默认一年）', 'Valid until (default one year)')}
        rules={[
          {
            validator: async (_rule, value?: string) =>
              !value || value > today ? undefined : Promise.reject(new Error(t('须晚于今天', 'Must be after today'))),
          },
        ]}
      >
        <Input type="date" min={today} />
      </Form.Item>
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        title={
          <span data-testid="due-date">
            {t('提供部门应在 10 个工作日内予以答复，答复期限：', 'The provider must answer within 10 working days, by ')}
            <Typography.Text strong>{dueDate}</Typography.Text>
          </span>
        }
      />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('提交共享申请', 'Submit the request')}
      </Button>
    </Form>
  );
}
