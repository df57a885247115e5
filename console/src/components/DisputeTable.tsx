/** 数据疑义 (周政发〔2018〕6号 art. 16): reported values, the 5-working-day due date (overdue in red), the answer; an action column when given. */
import type { ReactNode } from 'react';
import { Table, Tag, Typography } from 'antd';
import DueDate from './DueDate.tsx';
import { DISPUTE_OUTCOMES, type Dispute } from '../disputes.ts';
import { departmentName, useLanguage, useT } from '../i18n.tsx';

export interface DisputeTableProps {
  disputes: readonly Dispute[] | undefined;
  loading: boolean;
  /** Shown in the last column of an open dispute (the provider's 答复). */
  action?: (dispute: Dispute) => ReactNode;
  /** The class of a row to mark (the dispute a notification pointed at). */
  highlight?: (dispute: Dispute) => string;
}

export default function DisputeTable({ disputes, loading, action, highlight }: DisputeTableProps) {
  const t = useT();
  const language = useLanguage();
  return (
    <Table<Dispute>
      rowKey="id"
      size="small"
      loading={loading}
      {...(highlight ? { rowClassName: highlight } : {})}
      dataSource={[...(disputes ?? [])].sort((a, b) => a.status.localeCompare(b.status) || a.dueDate.localeCompare(b.dueDate))}
      columns={[
        { title: t('信息项', 'Item'), dataIndex: 'field' },
        { title: t('对象标识', 'Key'), dataIndex: 'entityKey' },
        { title: t('报告部门', 'Reported by'), dataIndex: 'reportingDepartment', render: departmentName },
        { title: t('提供部门', 'Provider'), dataIndex: 'provider', render: departmentName },
        { title: t('疑义说明', 'Description'), dataIndex: 'description' },
        {
          title: t('答复期限', 'Answer due'),
          dataIndex: 'dueDate',
          render: (due: string, dispute) =>
            dispute.status === 'OPEN' ? (
              <Typography.Text type={dispute.overdue ? 'danger' : undefined} strong={dispute.overdue}>
                <DueDate date={due} provisional={dispute.dueDateProvisional} />
                {dispute.overdue && ` ${t('已超期', 'overdue')}`}
              </Typography.Text>
            ) : (
              due
            ),
        },
        {
          title: t('答复', 'Answer'),
          render: (_v, dispute) =>
            dispute.status === 'OPEN' ? (
              (action?.(dispute) ?? <Tag color="processing">{t('待答复', 'Open')}</Tag>)
            ) : (
              <span>
                <Tag color="success">{DISPUTE_OUTCOMES[dispute.outcome ?? '']?.[language] ?? dispute.outcome}</Tag>
                {dispute.answer}
              </span>
            ),
        },
      ]}
    />
  );
}
