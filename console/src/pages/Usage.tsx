/** 谁用了我的数据 (周政发〔2018〕6号 art. 15): the audit records of who received your items, with filters and paging, and usage charts. */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Select, Space, Spin, Table, Tag } from 'antd';
import CursorPager, { useCursorPages } from '../components/CursorPager.tsx';
import { gql } from '../api.ts';
import { graphql } from '../gql/index.ts';
import type { AuditQuery, Purpose } from '../gql/graphql.ts';
import FilterSelect from '../components/FilterSelect.tsx';
import { departmentName, PURPOSES, useLanguage, usePurposeName, useT } from '../i18n.tsx';
import { localTime } from '../requests.ts';
import { useSession } from '../session.ts';
import { useLoad } from '../use-load.ts';

const UsageChart = lazy(() => import('../components/UsageChart.tsx'));

const AUDIT_QUERY = graphql(`
  query Audit($filter: AuditFilter, $after: String) {
    auditRecords(filter: $filter, first: 20, after: $after) {
      records {
        id
        at
        app
        department
        purpose
        matter
        granted
        denied
        outcome
        code
      }
      nextCursor
    }
  }
`);

const USAGE_QUERY = graphql(`
  query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {
    dataUsage(from: $from, to: $to, groupBy: $groupBy) {
      consumer
      provider
      field
      purpose
      requests
    }
  }
`);

type AuditRecord = AuditQuery['auditRecords']['records'][number];

type Dimension = 'CONSUMER' | 'FIELD' | 'PURPOSE';

export default function Usage() {
  const t = useT();
  const language = useLanguage();
  const purposeName = usePurposeName();
  const [department, setDepartment] = useState<string>();
  const [purpose, setPurpose] = useState<string>();
  const pages = useCursorPages();
  const [dimension, setDimension] = useState<Dimension>('CONSUMER');
  const { after } = pages;
  // A provider's administrator sees who received its department's items; the operator sees all.
  const session = useSession();
  const ownItemsOf = session?.roles.includes('platform-admin') ? undefined : session?.dept;
  const records = useLoad(
    () =>
      gql(AUDIT_QUERY, {
        filter: { ...(ownItemsOf ? { provider: ownItemsOf } : {}), ...(department ? { department } : {}), ...(purpose ? { purpose: purpose as Purpose } : {}) },
        after,
      }).then((answer) => answer.auditRecords),
    [department, purpose, after],
  );
  const range = useMemo(() => ({ from: new Date(Date.now() - 365 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }), []);
  const usage = useLoad(
    () =>
      gql(USAGE_QUERY, { ...range, groupBy: [dimension, 'PROVIDER'] }).then((answer) =>
        answer.dataUsage.filter((row) => row.provider !== 'info-center' && (!ownItemsOf || row.provider === ownItemsOf)),
      ),
    [dimension],
  );
  const bars = useMemo(
    () =>
      (usage.data ?? [])
        .map((row) => ({
          label: dimension === 'CONSUMER' ? departmentName(row.consumer) : dimension === 'PURPOSE' ? purposeName(row.purpose) : (row.field ?? ''),
          value: row.requests,
        }))
        .reduce<Array<{ label: string; value: number }>>((bars, bar) => {
          const same = bars.find((entry) => entry.label === bar.label);
          if (same) same.value += bar.value;
          else bars.push(bar);
          return bars;
        }, []),
    [usage.data, language],
  );
  const filterChanged = () => pages.first();

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('数据使用情况（近一年）', 'Usage (last year)')}
        extra={
          <Select
            aria-label={t('统计维度', 'Group by')}
            value={dimension}
            onChange={setDimension}
            style={{ width: 160 }}
            options={[
              { value: 'CONSUMER', label: t('按使用部门', 'By consumer') },
              { value: 'FIELD', label: t('按信息项', 'By item') },
              { value: 'PURPOSE', label: t('按使用用途', 'By purpose') },
            ]}
          />
        }
      >
        <Suspense fallback={<Spin />}>
          <UsageChart bars={bars} title={t('获取信息项的请求数', 'Requests that received items')} />
        </Suspense>
      </Card>
      <Space wrap>
        <FilterSelect label={t('使用部门', 'Consumer')} width={220} value={department} onChange={(value) => (setDepartment(value), filterChanged())} />
        <FilterSelect
          label={t('使用用途', 'Purpose')}
          width={180}
          value={purpose}
          onChange={(value) => (setPurpose(value), filterChanged())}
          options={PURPOSES.map((entry) => ({ value: entry.value, label: entry[language] }))}
        />
      </Space>
      <Table<AuditRecord>
        rowKey="id"
        size="small"
        loading={records.loading}
        dataSource={records.data?.records ?? []}
        pagination={false}
        columns={[
          { width: 170, title: t('时间', 'Time'), dataIndex: 'at', render: localTime },
          { width: 170, title: t('使用部门', 'Consumer'), dataIndex: 'department', render: departmentName },
          { width: 150, title: t('应用', 'Application'), dataIndex: 'app' },
          { width: 110, title: t('使用用途', 'Purpose'), dataIndex: 'purpose', render: purposeName },
          { width: 150, title: t('办理事项', 'Matter'), dataIndex: 'matter' },
          { title: t('获取的信息项', 'Items received'), dataIndex: 'granted', render: (items: string[]) => items.join('、') },
          { title: t('拒绝的信息项', 'Items denied'), dataIndex: 'denied', render: (items: string[]) => items.join('、') },
          {
            title: t('结果', 'Outcome'),
            dataIndex: 'outcome',
            render: (value: string, record) => <Tag>{record.code ? `${value} ${record.code}` : value}</Tag>,
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={records.data?.nextCursor} />
    </Space>
  );
}
