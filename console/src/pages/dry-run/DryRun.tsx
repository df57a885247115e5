/**
 * 策略预演 (policy dry run, 周政发〔2018〕6号 art. 13, 17, 23): before granting, revoking, changing an
 * item's share type or declaring a mask, see what the change would do to the operations consumers
 * ran in the last days — who would gain or lose which items; a simulated grant may carry a mask and a
 * row condition as an approval would. Nothing is changed by asking. The office
 * simulates any change; a provider's sharing administrator changes to its own items (the API decides).
 */
import { useState } from 'react';
import { Button, Card, Checkbox, Form, InputNumber, Radio, Select, Space, Spin } from 'antd';
import { gql } from '../../api.ts';
import type { GrantAction, MaskKind, PolicyChangeInput, Purpose, ShareType } from '../../gql/graphql.ts';
import DepartmentSelect from '../../components/DepartmentSelect.tsx';
import { departmentName, PURPOSES, SHARE_TYPES } from '../../i18n.tsx';
import { REQUESTS_QUERY } from '../../requests.ts';
import RowConditionFields from '../../components/RowConditionFields.tsx';
import { offersOpenCase, rowConditionOf, type RowConditionValues } from '../../row-conditions.ts';
import { useLoad, usePage } from '../../use-load.ts';
import { DRY_RUN_CATALOG, DRY_RUN_GRANTS, MASK_KINDS, SIMULATE_POLICY_CHANGE, type Simulation } from './operations.ts';
import SimulationResult from './SimulationResult.tsx';

type Kind = 'grant' | 'revoke' | 'shareType' | 'mask';

/** A live grant a revocation may name. */
interface GrantChoice {
  id: string;
  field: string;
  department: string;
  purpose: string;
  validUntil: string;
}

interface ChangeForm extends RowConditionValues {
  kind: Kind;
  days: number;
  department?: string;
  items?: string[];
  item?: string;
  purpose?: Purpose;
  action?: GrantAction;
  exception?: boolean;
  mask?: MaskKind;
  grantId?: string;
  shareType?: ShareType;
}

/** The one change the form describes, as the API takes it. */
export function changeOf(values: ChangeForm): PolicyChangeInput {
  switch (values.kind) {
    case 'grant': {
      const condition = values.action === 'VERIFY' ? undefined : rowConditionOf(values);
      return {
        grant: {
          department: values.department!,
          items: values.items ?? [],
          purpose: values.purpose!,
          action: values.action ?? 'READ',
          exception: values.exception ?? false,
          ...(values.mask ? { mask: values.mask } : {}),
          ...(condition ? { condition } : {}),
        },
      };
    }
    case 'revoke':
      return { revoke: { grantId: values.grantId! } };
    case 'shareType':
      return { shareType: { item: values.item!, shareType: values.shareType! } };
    case 'mask':
      return { mask: { item: values.item!, purpose: values.purpose!, ...(values.mask ? { mask: values.mask } : {}) } };
  }
}

export default function DryRun() {
  const { t, language, dept, operator, report } = usePage();
  const [form] = Form.useForm<ChangeForm>();
  const kind = Form.useWatch('kind', form) ?? 'revoke';
  const grantAction = Form.useWatch('action', form);
  const consumer = Form.useWatch('department', form);
  const resource = (Form.useWatch('items', form) ?? [])[0]?.split('.')[0];
  const [simulation, setSimulation] = useState<Simulation>();
  const [busy, setBusy] = useState(false);
  const catalogAnswer = useLoad(() => gql(DRY_RUN_CATALOG, { provider: operator ? null : (dept ?? null) }));
  const catalog = { loading: catalogAnswer.loading, data: catalogAnswer.data?.catalog };
  const unconditional = (catalogAnswer.data?.unconditional ?? []).map((item) => item.coordinate);
  const conditionAttributes = unconditional.filter((item) => item.split('.')[0] === resource).map((item) => item.split('.')[1]!);
  const catalogued = [...(catalogAnswer.data?.rootFields ?? []).map((item) => item.coordinate), ...unconditional];
  // The office revokes any live grant; a provider, the live grants of its items, made by answering requests to it.
  const grants = useLoad((): Promise<GrantChoice[]> =>
    operator
      ? gql(DRY_RUN_GRANTS).then((answer) => answer.myGrants)
      : gql(REQUESTS_QUERY).then((answer) =>
          answer.accessRequests
            .filter((request) => request.provider === dept)
            .flatMap((request) =>
              request.grants.filter((grant) => grant.live).map((grant) => ({ ...grant, department: request.requestingDepartment, purpose: request.purpose })),
            ),
        ),
  );
  const required = [{ required: true, message: t('必填', 'Required') }];
  const itemOptions = (catalog.data ?? [])
    .filter((item) => item.provider !== 'info-center')
    .map((item) => ({ value: item.coordinate, label: item.coordinate }));
  const purposeOptions = PURPOSES.map((purpose) => ({ value: purpose.value, label: purpose[language] }));
  const maskOptions = Object.entries(MASK_KINDS).map(([value, name]) => ({ value, label: name[language] }));

  const simulate = async (values: ChangeForm) => {
    setBusy(true);
    try {
      setSimulation((await gql(SIMULATE_POLICY_CHANGE, { change: changeOf(values), days: values.days })).simulatePolicyChange);
    } catch (error) {
      setSimulation(undefined);
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('拟议变更（仅预演，不会改变任何授权）', 'Proposed change (a dry run: nothing is changed)')}>
        <Form<ChangeForm>
          form={form}
          name="dry-run"
          layout="vertical"
          initialValues={{ kind: 'revoke', days: 30, action: 'READ', exception: false }}
          onFinish={simulate}
          style={{ maxWidth: 720 }}
        >
          <Form.Item name="kind" label={t('变更类型', 'Kind of change')}>
            <Radio.Group
              optionType="button"
              onChange={() => setSimulation(undefined)}
              options={[
                { value: 'revoke', label: t('撤销授权', 'Revoke a grant') },
                { value: 'grant', label: t('新增授权', 'Grant') },
                { value: 'shareType', label: t('调整共享类型', 'Share type') },
                { value: 'mask', label: t('声明脱敏', 'Mask') },
              ]}
            />
          </Form.Item>
          {kind === 'revoke' && (
            <Form.Item name="grantId" label={t('授权', 'Grant')} rules={required}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={grants.loading}
                placeholder={t('请选择有效授权', 'Choose a live grant')}
                options={(grants.data ?? []).map((grant) => ({
                  value: grant.id,
                  label: `${grant.field} → ${departmentName(grant.department)}（${PURPOSES.find((p) => p.value === grant.purpose)?.[language] ?? grant.purpose}，${t('至', 'until')} ${grant.validUntil.slice(0, 10)}）`,
                }))}
              />
            </Form.Item>
          )}
          {kind === 'grant' && (
            <>
              <Form.Item name="department" label={t('使用部门', 'Consumer department')} rules={required}>
                <DepartmentSelect except={operator ? undefined : dept} />
              </Form.Item>
              <Form.Item name="items" label={t('信息项', 'Items')} rules={required}>
                <Select mode="multiple" loading={catalog.loading} options={itemOptions} />
              </Form.Item>
              <Form.Item name="purpose" label={t('使用用途', 'Purpose')} rules={required}>
                <Select options={purposeOptions} />
              </Form.Item>
              <Form.Item name="action" label={t('授权方式', 'Action')}>
                <Radio.Group
                  options={[
                    { value: 'READ', label: t('获取', 'Read') },
                    { value: 'VERIFY', label: t('仅核验', 'Verify only') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="mask" label={t('脱敏要求（可选）', 'Mask (optional)')}>
                <Select allowClear options={maskOptions} />
              </Form.Item>
              {grantAction !== 'VERIFY' && resource && (
                <RowConditionFields attributes={conditionAttributes} openCase={offersOpenCase(consumer, resource, catalogued)} />
              )}
              {operator && (
                <Form.Item name="exception" valuePropName="checked">
                  <Checkbox>{t('协调授权（可开放不予共享的信息项）', 'Exception (may open items not shared)')}</Checkbox>
                </Form.Item>
              )}
            </>
          )}
          {(kind === 'shareType' || kind === 'mask') && (
            <Form.Item name="item" label={t('信息项', 'Item')} rules={required}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={catalog.loading} options={itemOptions} />
            </Form.Item>
          )}
          {kind === 'shareType' && (
            <Form.Item name="shareType" label={t('新的共享类型', 'New share type')} rules={required}>
              <Select options={Object.entries(SHARE_TYPES).map(([value, name]) => ({ value, label: name[language] }))} />
            </Form.Item>
          )}
          {kind === 'mask' && (
            <>
              <Form.Item name="purpose" label={t('使用用途', 'Purpose')} rules={required}>
                <Select options={purposeOptions} />
              </Form.Item>
              <Form.Item name="mask" label={t('脱敏方式（不选则取消已声明的脱敏）', 'Mask (none: take the declared one away)')}>
                <Select allowClear options={maskOptions} />
              </Form.Item>
            </>
          )}
          <Form.Item name="days" label={t('回放最近天数', 'Replay the last days')} rules={required}>
            <InputNumber min={1} max={366} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('开始预演', 'Run the dry run')}
          </Button>
        </Form>
      </Card>
      {busy && !simulation && <Spin />}
      {simulation && <SimulationResult simulation={simulation} />}
    </Space>
  );
}
