/**
 * 共享申请 (周政发〔2018〕6号 art. 13): items of one provider, 查询 or 仅核验 (核验: a match or mismatch,
 * never the value — the least data that does the job), 使用用途, 办理事项, justification and wanted
 * validity; when the first step is due, counted as the server will count it: the regulation profile's
 * working days over the office's working calendar, both read from the API (暂定 where a year has no
 * schedule yet). The request's answer then carries the due date the server fixed.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Radio, Select, Typography } from 'antd';
import DueDate from '../components/DueDate.tsx';
import type { GrantAction } from '../gql/graphql.ts';
import { firstStepDeadline } from '../deadlines.ts';
import { PURPOSES, useLanguage, useT } from '../i18n.tsx';
import type { DeadlineRules } from '../use-deadlines.ts';

export interface RequestableItem {
  coordinate: string;
  abstract?: string | null;
  /** NONE items go to negotiation (or the coordination office) instead of the provider. */
  shareType?: string;
}

export interface AccessRequestInput {
  fields: string[];
  /** READ (receive the values) or VERIFY (only check claims against them, 核验). */
  action: GrantAction;
  purpose: string;
  matter?: string;
  justification: string;
  validUntil?: string;
}

export interface RequestFormProps {
  items: readonly RequestableItem[];
  initialFields: readonly string[];
  initialPurpose?: string | undefined;
  /** Today in China (YYYY-MM-DD): the first step's deadline counts from it. */
  today: string;
  /** The profile and working calendar from the API; undefined when they could not be read (the answer then carries the due date). */
  rules: DeadlineRules | undefined;
  onSubmit: (input: AccessRequestInput) => Promise<void>;
}

export default function RequestForm({ items, initialFields, initialPurpose, today, rules, onSubmit }: RequestFormProps) {
  const t = useT();
  const language = useLanguage();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const chosen = (Form.useWatch('fields', form) as string[] | undefined) ?? initialFields;
  const holdsNotShared = items.some((item) => item.shareType === 'NONE' && chosen.includes(item.coordinate));
  const first = rules && firstStepDeadline(rules.profile, holdsNotShared, today, rules.calendar);

  const finish = async (values: { fields: string[]; action: GrantAction; purpose: string; matter?: string; justification: string; validUntil?: string }) => {
    setBusy(true);
    try {
      await onSubmit({
        fields: values.fields,
        action: values.action,
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
    <Form
      form={form}
      layout="vertical"
      name="access-request"
      onFinish={finish}
      initialValues={{ fields: [...initialFields], action: 'READ', purpose: initialPurpose }}
    >
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
      <Form.Item
        name="action"
        label={t('申请方式', 'What the grant allows')}
        extra={t(
          '仅核验：只返回与本部门掌握的信息是否一致（一致/不一致），不提供数据本身，符合数据最小化要求（周政发〔2018〕6号第十三条）',
          'Verify only: a match or mismatch against what you hold, never the value — the least data (周政发〔2018〕6号 art. 13)',
        )}
      >
        <Radio.Group
          options={[
            { value: 'READ', label: t('查询', 'Read') },
            { value: 'VERIFY', label: t('仅核验', 'Verify only') },
          ]}
        />
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
            {!first ? (
              t('答复期限以提交后平台的答复为准', 'The platform answers the due date when the request is submitted')
            ) : first.step === 'ESCALATED' ? (
              t('申请含不予共享的信息项，将提请领导小组办公室协调', 'The request holds items not shared: it goes to the coordination office')
            ) : (
              <>
                {first.step === 'COMPLIANCE_CHECK'
                  ? t(
                      `区信息中心应在 ${first.workingDays} 个工作日内完成合规审核，审核期限：`,
                      `The operator checks compliance within ${first.workingDays} working days, by `,
                    )
                  : first.step === 'NEGOTIATING'
                    ? t(
                        `申请含不予共享的信息项，先由两部门在 ${first.workingDays} 个工作日内协商，协商期限：`,
                        `The request holds items not shared: the two departments negotiate within ${first.workingDays} working days, by `,
                      )
                    : t(
                        `提供部门应在 ${first.workingDays} 个工作日内予以答复，答复期限：`,
                        `The provider must answer within ${first.workingDays} working days, by `,
                      )}
                <Typography.Text strong>
                  <DueDate date={first.deadline!.dueDate} provisional={first.deadline!.provisional} />
                </Typography.Text>
              </>
            )}
          </span>
        }
      />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('提交共享申请', 'Submit the request')}
      </Button>
    </Form>
  );
}
