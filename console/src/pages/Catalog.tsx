/** 数据目录: the district catalog with the national guide's elements; 申请使用 opens the 共享申请 form. */
import { useMemo, useState } from 'react';
import { App, Button, Descriptions, Drawer, Input, Modal, Space, Table, Tag } from 'antd';
import FilterSelect from '../components/FilterSelect.tsx';
import { gql } from '../api.ts';
import { graphql } from '../gql/index.ts';
import type { CatalogQuery, Purpose } from '../gql/graphql.ts';
import { chinaDate } from '../../../policies/governance/china-date.ts';
import { departmentName, SHARE_TYPES, UPDATE_CYCLES, useLanguage, useT } from '../i18n.tsx';
import { go, useRoute } from '../route.ts';
import { useSession } from '../session.ts';
import { useDeadlines } from '../use-deadlines.ts';
import { useLoad, useReportError } from '../use-load.ts';
import RequestForm, { type AccessRequestInput } from './RequestForm.tsx';

export const CATALOG_QUERY = graphql(`
  query Catalog {
    catalog {
      coordinate
      resource
      field
      provider
      providerCode
      resourceCode
      shareType
      shareCondition
      basis
      classification
      abstract
      format
      shareMethod
      openToPublic
      updateCycle
      publishedOn
      relatedResources
    }
  }
`);

const APPLY = graphql(`
  mutation Apply($input: AccessRequestInput!) {
    requestAccess(input: $input) {
      id
      status
      dueDate
      dueDateProvisional
    }
  }
`);

export type CatalogItem = CatalogQuery['catalog'][number];

const SHARE_TYPE_ORDER: Readonly<Record<string, number>> = { CONDITIONAL: 0, NONE: 1, UNCONDITIONAL: 2 };

/** The departments' items first (the operator's own governance records last), conditional ones before the rest. */
function catalogOrder(a: CatalogItem, b: CatalogItem): number {
  const operator = Number(a.provider === 'info-center') - Number(b.provider === 'info-center');
  return operator || (SHARE_TYPE_ORDER[a.shareType] ?? 3) - (SHARE_TYPE_ORDER[b.shareType] ?? 3) || a.coordinate.localeCompare(b.coordinate);
}

export default function Catalog() {
  const t = useT();
  const language = useLanguage();
  const route = useRoute();
  const { message } = App.useApp();
  const report = useReportError();
  const session = useSession();
  const { data, loading } = useLoad(() => gql(CATALOG_QUERY).then((answer) => answer.catalog));
  const today = chinaDate(new Date());
  const deadlines = useDeadlines(today);
  const [provider, setProvider] = useState<string>();
  const [shareType, setShareType] = useState<string>();
  const [search, setSearch] = useState('');
  const [detail, setDetail] = useState<CatalogItem>();
  const applyFor = route.params.get('apply') ?? undefined;
  const [applying, setApplying] = useState<string | undefined>(applyFor);
  const items = useMemo(
    () =>
      [...(data ?? [])]
        .sort(catalogOrder)
        .filter(
          (item) =>
            (!provider || item.provider === provider) &&
            (!shareType || item.shareType === shareType) &&
            (!search || `${item.coordinate} ${item.abstract ?? ''} ${item.resource}`.toLowerCase().includes(search.toLowerCase())),
        ),
    [data, provider, shareType, search],
  );
  const applied = data?.find((item) => item.coordinate === applying);
  const requestable = (data ?? []).filter((item) => item.provider === applied?.provider && item.shareType !== 'UNCONDITIONAL');
  const canApply = (item: CatalogItem) => item.shareType !== 'UNCONDITIONAL' && item.provider !== session?.dept;

  const submit = async (input: AccessRequestInput) => {
    try {
      const { requestAccess: filed } = await gql(APPLY, { input: { ...input, purpose: input.purpose as Purpose } });
      // The due date the server fixed, flagged as it flags it.
      const due = `${filed.dueDate}${filed.dueDateProvisional ? t('（暂定）', ' (provisional)') : ''}`;
      message.success(t(`共享申请已提交，期限 ${due}`, `Request submitted; due ${due}`));
      setApplying(undefined);
      go('mine');
    } catch (error) {
      report(error);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <FilterSelect label={t('提供部门', 'Provider')} width={220} value={provider} onChange={setProvider} />
        <FilterSelect
          label={t('共享类型', 'Share type')}
          width={160}
          value={shareType}
          onChange={setShareType}
          options={Object.entries(SHARE_TYPES).map(([value, name]) => ({ value, label: name[language] }))}
        />
        <Input.Search
          aria-label={t('搜索信息项', 'Search items')}
          placeholder={t('搜索信息资源 / 信息项', 'Search')}
          allowClear
          onSearch={setSearch}
          style={{ width: 280 }}
        />
      </Space>
      <Table<CatalogItem>
        rowKey="coordinate"
        loading={loading}
        dataSource={items}
        size="small"
        pagination={{ pageSize: 15 }}
        columns={[
          { title: t('信息项', 'Data item'), dataIndex: 'coordinate', render: (value: string, item) => <a onClick={() => setDetail(item)}>{value}</a> },
          { title: t('摘要', 'Abstract'), dataIndex: 'abstract' },
          { title: t('提供部门', 'Provider'), dataIndex: 'provider', width: 190, render: (value: string) => departmentName(value) },
          {
            title: t('共享类型', 'Share type'),
            dataIndex: 'shareType',
            render: (value: string) => <Tag color={SHARE_TYPES[value]?.color}>{SHARE_TYPES[value]?.[language] ?? value}</Tag>,
          },
          { title: t('更新周期', 'Update cycle'), dataIndex: 'updateCycle', width: 90, render: (value: string) => UPDATE_CYCLES[value]?.[language] ?? value },
          {
            title: t('操作', 'Action'),
            render: (_value, item) =>
              canApply(item) && (
                <Button size="small" onClick={() => setApplying(item.coordinate)} aria-label={`${t('申请使用', 'Apply')} ${item.coordinate}`}>
                  {item.shareType === 'NONE' ? t('提请协调', 'Escalate') : t('申请使用', 'Apply')}
                </Button>
              ),
          },
        ]}
      />
      <Drawer open={!!detail} onClose={() => setDetail(undefined)} title={detail?.coordinate} width={560}>
        {detail && (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('信息资源', 'Resource')}>{`${detail.resource}（${detail.resourceCode}）`}</Descriptions.Item>
            <Descriptions.Item label={t('提供部门', 'Provider')}>
              {departmentName(detail.provider)}
              {detail.providerCode && `（${detail.providerCode}）`}
            </Descriptions.Item>
            <Descriptions.Item label={t('资源分类', 'Classification')}>{detail.classification}</Descriptions.Item>
            <Descriptions.Item label={t('共享类型', 'Share type')}>{SHARE_TYPES[detail.shareType]?.[language]}</Descriptions.Item>
            <Descriptions.Item label={t('共享条件', 'Share condition')}>{detail.shareCondition ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('依据', 'Basis')}>{detail.basis ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('共享方式', 'Share method')}>{detail.shareMethod}</Descriptions.Item>
            <Descriptions.Item label={t('信息项格式', 'Format')}>{detail.format}</Descriptions.Item>
            <Descriptions.Item label={t('更新周期', 'Update cycle')}>{UPDATE_CYCLES[detail.updateCycle]?.[language] ?? detail.updateCycle}</Descriptions.Item>
            <Descriptions.Item label={t('发布日期', 'Published on')}>{detail.publishedOn}</Descriptions.Item>
            <Descriptions.Item label={t('关联资源', 'Related resources')}>{detail.relatedResources.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('开放属性', 'Open to the public')}>
              {detail.openToPublic ? t('向社会开放', 'Open') : t('不向社会开放', 'Not open')}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
      <Modal
        open={!!applied && !deadlines.loading}
        title={t('共享申请', 'Access request')}
        footer={null}
        onCancel={() => setApplying(undefined)}
        destroyOnHidden
        width={640}
      >
        {applied && (
          <RequestForm
            items={requestable}
            initialFields={[applied.coordinate]}
            initialPurpose={route.params.get('purpose') ?? undefined}
            today={today}
            rules={deadlines.data}
            onSubmit={submit}
          />
        )}
      </Modal>
    </Space>
  );
}
