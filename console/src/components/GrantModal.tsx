/**
 * Granting what a 共享申请 asked for, or less (周政发〔2018〕6号 art. 13): the provider's approval or the
 * coordination office's exception. The items start as requested and may be narrowed, the validity as
 * wanted and may be shortened, and an approval may hold to the records whose attribute has one of
 * the given values or to the residents the consumer has an open case for (a row condition). What is
 * granted is what the request asked to do: read the items, or only verify claims against them (核验).
 * The server refuses anything wider; the form only helps.
 */
import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import type { GrantAction, RowConditionInput } from '../gql/graphql.ts';
import { useT } from '../i18n.tsx';
import type { AccessRequest } from '../requests.ts';
import { rowConditionOf, type RowConditionValues } from '../row-conditions.ts';
import RowConditionFields from './RowConditionFields.tsx';

export interface GrantDecision {
  fields: string[];
  validUntil: string;
  condition?: RowConditionInput[];
  basis?: string;
  reason?: string;
}

export interface GrantModalProps {
  /** The request being answered; the modal is open while it is set. */
  request: AccessRequest | undefined;
  title: string;
  /** Today in China (YYYY-MM-DD): the validity ends after it. */
  today: string;
  /** The attributes a row condition may test (unconditional items of the resource); none: no attribute test offered. */
  conditionAttributes?: readonly string[];
  /** Offer the open-case row condition (see `offersOpenCase`). */
  openCase?: boolean;
  /** An exception names its legal basis (art. 11, 13). */
  withBasis?: boolean;
  reasonLabel: string;
  reasonRequired: boolean;
  onCancel: () => void;
  onSubmit: (decision: GrantDecision) => Promise<void>;
}

interface Values extends RowConditionValues {
  fields: string[];
  validUntil: string;
  basis?: string;
  reason?: string;
}

/** What a grant of this action allows, in one line. */
export function actionText(action: GrantAction, t: (zh: string, en: string) => string): string {
  return action === 'VERIFY'
    ? t(
        '仅核验：使用部门只能得知其掌握的信息与本部门数据是否一致，不获取数据本身',
        'Verify only: the consumer learns whether what it holds matches, never the value',
      )
    : t('查询：使用部门获取信息项的数据', 'Read: the consumer receives the items');
}

export default function GrantModal(props: GrantModalProps) {
  const { request, title, today, conditionAttributes = [], openCase = false, withBasis = false, reasonLabel, reasonRequired, onCancel, onSubmit } = props;
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // A VERIFY grant delivers no value: it takes neither a mask nor a row condition.
  const narrowsRows = request?.action !== 'VERIFY';
  const wantedUntil = request?.wantedUntil.slice(0, 10) ?? '';

  const submit = async () => {
    const values = await form.validateFields();
    const condition = narrowsRows ? rowConditionOf(values) : undefined;
    setBusy(true);
    try {
      await onSubmit({
        fields: values.fields,
        validUntil: values.validUntil,
        ...(condition ? { condition } : {}),
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
          <Alert
            type={request.action === 'VERIFY' ? 'warning' : 'info'}
            style={{ marginBottom: 16 }}
            title={actionText(request.action, t)}
            data-testid="grant-action"
          />
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
          {narrowsRows && <RowConditionFields attributes={conditionAttributes} openCase={openCase} />}
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
