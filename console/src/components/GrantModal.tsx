/**
 * Granting what a 共享申请 asked for, or less (周政发〔2018〕6号 art. 13): the provider's approval or the
 * coordination office's exception. The items start as requested and may be narrowed, the validity as
 * wanted and may be shortened, and an approval may hold to the records whose attribute has one of
 * the given values (a row condition). The server refuses anything wider; the form only helps.
 */
import { useState } from 'react';
import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useT } from '../i18n.tsx';
import type { AccessRequest } from '../requests.ts';

export interface RowConditionEntry {
  attribute: string;
  anyOf: string[];
}

export interface GrantDecision {
  fields: string[];
  validUntil: string;
  condition?: RowConditionEntry[];
  basis?: string;
  reason?: string;
}

export interface GrantModalProps {
  /** The request being answered; the modal is open while it is set. */
  request: AccessRequest | undefined;
  title: string;
  /** Today in China (YYYY-MM-DD): the validity ends after it. */
  today: string;
  /** The attributes a row condition may test (unconditional items of the resource); none: no row condition offered. */
  conditionAttributes?: readonly string[];
  /** An exception names its legal basis (art. 11, 13). */
  withBasis?: boolean;
  reasonLabel: string;
  reasonRequired: boolean;
  onCancel: () => void;
  onSubmit: (decision: GrantDecision) => Promise<void>;
}

interface Values {
  fields: string[];
  validUntil: string;
  attribute?: string;
  anyOf?: string[];
  basis?: string;
  reason?: string;
}

export default function GrantModal(props: GrantModalProps) {
  const { request, title, today, conditionAttributes = [], withBasis = false, reasonLabel, reasonRequired, onCancel, onSubmit } = props;
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const attribute = Form.useWatch('attribute', form);
  const wantedUntil = request?.wantedUntil.slice(0, 10) ?? '';

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit({
        fields: values.fields,
        validUntil: values.validUntil,
        ...(values.attribute && values.anyOf?.length ? { condition: [{ attribute: values.attribute, anyOf: values.anyOf.map((value) => value.trim()) }] } : {}),
        ...(values.basis?.trim() ? { basis: values.basis.trim() } : {}),
        ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      });
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };
  const text = [
    { required: true, whitespace: true, message: t('必填', 'Required') },
    { max: 2000, message: t('不超过 2000 个字', 'At most 2000 characters') },
  ];

  return (
    <Modal open={!!request} title={title} onCancel={onCancel} onOk={submit} confirmLoading={busy} okText={t('确定', 'OK')} destroyOnHidden width={600}>
      {request && (
        <Form form={form} layout="vertical" name="grant" initialValues={{ fields: [...request.fields], validUntil: wantedUntil }}>
          <Form.Item
            name="fields"
            label={t('同意共享的信息项（可少于申请）', 'Items granted (may be fewer than asked)')}
            rules={[{ required: true, message: t('请至少选择一个信息项', 'Choose at least one item') }]}
          >
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column' }} options={request.fields.map((field) => ({ value: field, label: field }))} />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label={t(`使用期限（截至日期，不晚于申请的 ${wantedUntil}）`, `Valid until (not after the wanted ${wantedUntil})`)}
            rules={[
              { required: true, message: t('必填', 'Required') },
              {
                validator: async (_rule, value?: string) =>
                  !value || (value > today && value <= wantedUntil)
                    ? undefined
                    : Promise.reject(new Error(t(`须晚于今天，且不晚于 ${wantedUntil}`, `After today and not after ${wantedUntil}`))),
              },
            ]}
          >
            <Input type="date" min={today} max={wantedUntil} />
          </Form.Item>
          {conditionAttributes.length > 0 && (
            <>
              <Form.Item name="attribute" label={t('限定记录范围：按信息项（可选）', 'Only records whose item (optional)')}>
                <Select allowClear placeholder={t('不限定', 'No row condition')} options={conditionAttributes.map((value) => ({ value, label: value }))} />
              </Form.Item>
              {attribute && (
                <Form.Item
                  name="anyOf"
                  label={t('取值为下列之一（输入后按回车）', 'Has one of these values (Enter after each)')}
                  rules={[
                    { required: true, message: t('请至少填写一个取值', 'Give at least one value') },
                    { type: 'array', max: 50, message: t('至多 50 个取值', 'At most 50 values') },
                  ]}
                >
                  <Select mode="tags" open={false} suffixIcon={null} />
                </Form.Item>
              )}
            </>
          )}
          {withBasis && (
            <Form.Item name="basis" label={t('法律法规依据', 'Legal basis')} rules={text}>
              <Input maxLength={2000} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={reasonLabel} rules={reasonRequired ? text : [text[1]!]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
