/** A decision that needs a written reason (refusal, revocation, escalation…): one labelled text, required. */
import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { TEXT_KINDS } from '../../../policies/governance/text-kinds.ts';
import { useT } from '../i18n.tsx';

export interface ReasonModalProps {
  open: boolean;
  title: string;
  label: string;
  /**
   * Further labelled fields above the reason (e.g. the legal basis of an exception); with choices, a
   * selection; `maxLength` as the API bounds the field (default a prose text's 2000).
   */
  extra?: ReadonlyArray<{ name: string; label: string; choices?: ReadonlyArray<{ value: string; label: string }>; maxLength?: number }>;
  onCancel: () => void;
  onSubmit: (values: Record<string, string>) => Promise<void>;
}

export default function ReasonModal({ open, title, label, extra = [], onCancel, onSubmit }: ReasonModalProps) {
  const t = useT();
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(values);
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };
  const rules = (max: number) => [{ required: true, whitespace: true, message: t('必填', 'Required') }, { max }];
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={submit} confirmLoading={busy} okText={t('确定', 'OK')} destroyOnHidden>
      <Form form={form} layout="vertical" name="reason">
        {extra.map((field) => (
          <Form.Item key={field.name} name={field.name} label={field.label} rules={rules(field.maxLength ?? TEXT_KINDS.prose.maxLength)}>
            {field.choices ? (
              <Select options={[...field.choices]} placeholder={t('请选择', 'Choose')} />
            ) : (
              <Input maxLength={field.maxLength ?? TEXT_KINDS.prose.maxLength} />
            )}
          </Form.Item>
        ))}
        <Form.Item name="reason" label={label} rules={rules(TEXT_KINDS.prose.maxLength)}>
          <Input.TextArea rows={3} maxLength={TEXT_KINDS.prose.maxLength} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
