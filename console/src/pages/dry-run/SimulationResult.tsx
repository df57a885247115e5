/** What a simulated change would do to the replayed traffic: the counts, then gains, losses and the operations affected. */
import { Alert, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { departmentName, useLanguage, usePurposeName, useT } from '../../i18n.tsx';
import { localTime } from '../../requests.ts';
import { ITEM_ACCESS, type Effect, type OperationEffect, type Simulation } from './operations.ts';

export default function SimulationResult({ simulation }: { simulation: Simulation }) {
  const t = useT();
  const language = useLanguage();
  const purposeName = usePurposeName();
  const access = (value: string) => <Tag color={ITEM_ACCESS[value]?.color}>{ITEM_ACCESS[value]?.[language] ?? value}</Tag>;
  const effectColumns: TableColumnsType<Effect> = [
    { title: t('使用部门', 'Consumer'), dataIndex: 'department', render: departmentName },
    { title: t('使用用途', 'Purpose'), dataIndex: 'purpose', render: purposeName },
    { title: t('信息项', 'Item'), dataIndex: 'item' },
    {
      title: t('变更前 → 变更后', 'Before → after'),
      render: (_v, effect) => (
        <span>
          {access(effect.before)}→ {access(effect.after)}
        </span>
      ),
    },
    { title: t('查询数', 'Operations'), dataIndex: 'operations', align: 'right', width: 80 },
    { title: t('请求数', 'Requests'), dataIndex: 'requests', align: 'right', width: 80 },
    { title: t('应用', 'Applications'), dataIndex: 'apps', render: (apps: string[]) => apps.join('、') },
    {
      title: t('示例查询', 'Example operations'),
      dataIndex: 'examples',
      render: (examples: Effect['examples']) => examples.map((example) => example.operationName ?? t('（匿名）', '(anonymous)')).join('、'),
    },
    { title: t('最近出现', 'Last seen'), dataIndex: 'lastSeen', render: localTime },
  ];
  const effects = (title: string, rows: readonly Effect[], empty: string, testId: string) => (
    <Card size="small" title={`${title}（${rows.length}）`}>
      <Table<Effect>
        size="small"
        data-testid={testId}
        rowKey={(effect) => `${effect.department} ${effect.purpose} ${effect.item} ${effect.before} ${effect.after}`}
        dataSource={[...rows]}
        columns={effectColumns}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: empty }}
      />
    </Card>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="dry-run-result">
      <Descriptions size="small" bordered column={{ xs: 1, md: 4 }}>
        <Descriptions.Item label={t('回放期间', 'Period')}>{`${localTime(simulation.from)} — ${localTime(simulation.to)}`}</Descriptions.Item>
        <Descriptions.Item label={t('回放的查询', 'Operations replayed')}>{simulation.replayed}</Descriptions.Item>
        <Descriptions.Item label={t('代表的请求', 'Requests')}>{simulation.requests}</Descriptions.Item>
        <Descriptions.Item label={t('无法回放', 'Unreadable')}>{simulation.unreadable}</Descriptions.Item>
      </Descriptions>
      {simulation.capped && (
        <Alert
          type="warning"
          showIcon
          title={t(
            `期间内的查询超过 ${simulation.cap} 种，仅回放了请求最多的 ${simulation.cap} 种`,
            `More than ${simulation.cap} distinct operations: the ${simulation.cap} most requested were replayed`,
          )}
        />
      )}
      {effects(t('将失去的访问', 'Losses'), simulation.losses, t('没有使用部门会失去访问', 'Nobody loses access'), 'dry-run-losses')}
      {effects(t('将获得的访问', 'Gains'), simulation.gains, t('没有使用部门会获得访问', 'Nobody gains access'), 'dry-run-gains')}
      <Card size="small" title={t('受影响的查询', 'Operations affected')}>
        <Table<OperationEffect>
          size="small"
          rowKey={(row) => `${row.department} ${row.operationName ?? ''}`}
          dataSource={simulation.operations}
          pagination={simulation.operations.length > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: t('没有查询受影响', 'No operation is affected') }}
          columns={[
            { title: t('使用部门', 'Consumer'), dataIndex: 'department', render: departmentName },
            {
              title: t('查询名称', 'Operation'),
              dataIndex: 'operationName',
              render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('（匿名）', '(anonymous)')}</Typography.Text>,
            },
            { title: t('请求数', 'Requests'), dataIndex: 'requests', align: 'right', width: 80 },
            { title: t('获得', 'Gained'), dataIndex: 'gained', render: (items: string[]) => items.join('、') },
            { title: t('失去', 'Lost'), dataIndex: 'lost', render: (items: string[]) => <Typography.Text type="danger">{items.join('、')}</Typography.Text> },
          ]}
        />
      </Card>
    </Space>
  );
}
