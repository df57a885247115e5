/** 我的申请 / 我的授权 (consumer): requests with their timeline and working-day countdown, escalation, grants, 数据疑义 reported and answered. */
import { useState } from 'react';
import { Button, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { gql } from '../api.ts';
import { graphql } from '../gql/index.ts';
import type { MyGrantsQuery } from '../gql/graphql.ts';
import { chinaDate } from '../../../policies/governance/china-date.ts';
import { TEXT_KINDS } from '../../../policies/governance/text-kinds.ts';
import DisputeTable from '../components/DisputeTable.tsx';
import ReasonModal from '../components/ReasonModal.tsx';
import { DISPUTES_QUERY } from '../disputes.ts';
import { purposeColumn } from '../components/request-columns.tsx';
import { departmentName, STATUSES } from '../i18n.tsx';
import { localTime, REQUESTS_QUERY, type AccessRequest } from '../requests.ts';
import DueDate from '../components/DueDate.tsx';
import { workingDaysLeft } from '../deadlines.ts';
import { useDeadlines } from '../use-deadlines.ts';
import { useLoad, usePage } from '../use-load.ts';
import { highlightRow, useRoute } from '../route.ts';
import { conditionText } from '../row-conditions.ts';

const MY_GRANTS = graphql(`
  query MyGrants {
    myGrants(includeInactive: true) {
      id
      kind
      field
      purpose
      action
      validUntil
      live
      revokedAt
      revokeReason
      basis
      condition {
        kind
        attribute
        anyOf
      }
    }
  }
`);

const ESCALATE = graphql(`
  mutation Escalate($id: ID!, $reason: String!) {
    escalateAccessRequest(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

const NEGOTIATION_FAILED = graphql(`
  mutation NegotiationFailed($id: ID!, $text: String!) {
    recordNegotiation(id: $id, outcome: FAILED, text: $text) {
      id
      status
    }
  }
`);

const REPORT_DISPUTE = graphql(`
  mutation Dispute($input: DisputeInput!) {
    reportDispute(input: $input) {
      id
      dueDate
      dueDateProvisional
    }
  }
`);

type Grant = MyGrantsQuery['myGrants'][number];

/** Steps that run against a due date (the operator's check, the provider's answer, the negotiation), as policies/governance/request-steps.ts lists them. */
const RUNNING = new Set(['COMPLIANCE_CHECK', 'PENDING', 'NEGOTIATING']);

export default function Mine() {
  const { t, language, purposeName, dept, report, success } = usePage();
  const today = chinaDate(new Date());
  const requests = useLoad(() => gql(REQUESTS_QUERY).then((answer) => answer.accessRequests.filter((r) => r.requestingDepartment === dept)));
  const grants = useLoad(() => gql(MY_GRANTS).then((answer) => answer.myGrants));
  const disputes = useLoad(() => gql(DISPUTES_QUERY).then((answer) => answer.disputes.filter((d) => d.reportingDepartment === dept)));
  const [escalating, setEscalating] = useState<AccessRequest>();
  const [disputing, setDisputing] = useState<Grant>();
  const [negotiating, setNegotiating] = useState<AccessRequest>();
  const route = useRoute();
  // Working days left are counted on the API's calendar, back to the earliest due date still running.
  const earliestDue = (requests.data ?? [])
    .filter((request) => RUNNING.has(request.status))
    .reduce((min, request) => (request.dueDate < min ? request.dueDate : min), today);
  const deadlines = useDeadlines(today, earliestDue);

  const escalate = async ({ reason }: Record<string, string>) => {
    try {
      const { escalateAccessRequest: escalated } = await gql(ESCALATE, { id: escalating!.id, reason: reason! });
      success(
        escalated.status === 'NEGOTIATING'
          ? t('已进入两部门协商；协商未果的，再提请领导小组办公室协调', 'Negotiation between the two departments has begun')
          : t('已提请领导小组办公室协调', 'Escalated to the coordination office'),
      );
      setEscalating(undefined);
      requests.reload();
    } catch (error) {
      report(error);
    }
  };
  // 周政发〔2018〕6号 art. 13: the two departments negotiate first; when they cannot agree, the coordination office decides.
  const negotiationFailed = async ({ reason }: Record<string, string>) => {
    try {
      await gql(NEGOTIATION_FAILED, { id: negotiating!.id, text: reason! });
      success(t('协商未果，已提请领导小组办公室协调', 'No agreement: escalated to the coordination office'));
      setNegotiating(undefined);
      requests.reload();
    } catch (error) {
      report(error);
    }
  };
  const dispute = async ({ entityKey, evidence, reason }: Record<string, string>) => {
    try {
      const { reportDispute: reported } = await gql(REPORT_DISPUTE, {
        input: { field: disputing!.field, entityKey: entityKey!, evidence: evidence!, description: reason! },
      });
      const due = `${reported.dueDate}${reported.dueDateProvisional ? t('（暂定）', ' (provisional)') : ''}`;
      success(t(`数据疑义已提交，提供部门应于 ${due} 前答复`, `Dispute reported; answer due by ${due}`));
      setDisputing(undefined);
      disputes.reload();
    } catch (error) {
      report(error);
    }
  };

  const requestTable = (
    <Table<AccessRequest>
      rowClassName={highlightRow(route)}
      rowKey="id"
      loading={requests.loading}
      dataSource={requests.data ?? []}
      size="small"
      expandable={{
        expandedRowRender: (request) => (
          <Timeline
            items={[
              { children: `${localTime(request.submittedAt)} ${t('提交共享申请', 'submitted')}：${request.justification}` },
              ...(request.decidedAt
                ? [{ children: `${localTime(request.decidedAt)} ${STATUSES[request.status]?.[language] ?? ''} ${request.reason ?? ''}` }]
                : []),
              ...(request.escalatedAt
                ? [{ color: 'orange', children: `${localTime(request.escalatedAt)} ${t('提请协调', 'escalated')}：${request.escalationReason ?? ''}` }]
                : []),
            ]}
          />
        ),
      }}
      columns={[
        { title: t('信息项', 'Items'), dataIndex: 'fields', render: (fields: string[]) => fields.join('、') },
        { title: t('提供部门', 'Provider'), dataIndex: 'provider', render: departmentName },
        purposeColumn({ t, purposeName }),
        { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUSES[s]?.color}>{STATUSES[s]?.[language] ?? s}</Tag> },
        {
          title: t('答复期限', 'Answer due'),
          dataIndex: 'dueDate',
          render: (due: string, request) => {
            const date = <DueDate date={due} provisional={request.dueDateProvisional} />;
            if (!RUNNING.has(request.status) || !deadlines.data) return date;
            const left = workingDaysLeft(today, due, deadlines.data.calendar);
            return (
              <Typography.Text type={request.overdue ? 'danger' : undefined}>
                {date}（{left < 0 ? t(`已超期 ${-left} 个工作日`, `${-left} working days overdue`) : t(`剩余 ${left} 个工作日`, `${left} working days left`)}）
              </Typography.Text>
            );
          },
        },
        {
          title: t('操作', 'Action'),
          render: (_v, request) =>
            request.status === 'NEGOTIATING' ? (
              <Button size="small" onClick={() => setNegotiating(request)}>
                {t('协商未果', 'No agreement')}
              </Button>
            ) : (
              (request.status === 'REFUSED' || (request.status === 'PENDING' && request.overdue)) && (
                <Button size="small" onClick={() => setEscalating(request)}>
                  {t('提请协调', 'Escalate')}
                </Button>
              )
            ),
        },
      ]}
    />
  );
  const grantTable = (
    <Table<Grant>
      rowClassName={highlightRow(route)}
      rowKey="id"
      loading={grants.loading}
      dataSource={grants.data ?? []}
      size="small"
      columns={[
        { title: t('信息项', 'Item'), dataIndex: 'field' },
        purposeColumn({ t, purposeName }),
        { title: t('授权方式', 'Kind'), dataIndex: 'kind', render: (k: string) => (k === 'EXCEPTION' ? t('协调授权', 'Exception') : t('共享申请', 'Request')) },
        { title: t('到期日', 'Valid until'), dataIndex: 'validUntil', render: (v: string) => v.slice(0, 10) },
        { title: t('记录范围', 'Records'), render: (_v, grant) => conditionText(grant.condition, t) || t('不限定', 'All') },
        {
          title: t('状态', 'State'),
          render: (_v, grant) =>
            grant.live ? (
              <Tag color="success">{t('有效', 'Live')}</Tag>
            ) : (
              <Tag>{grant.revokedAt ? `${t('已撤销', 'Revoked')}：${grant.revokeReason ?? ''}` : t('已到期', 'Expired')}</Tag>
            ),
        },
        {
          title: t('操作', 'Action'),
          render: (_v, grant) => (
            <Button size="small" onClick={() => setDisputing(grant)}>
              {t('数据疑义', 'Report a dispute')}
            </Button>
          ),
        },
      ]}
    />
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tabs
        defaultActiveKey={route.params.get('tab') ?? 'requests'}
        items={[
          { key: 'requests', label: t('我的申请', 'My requests'), children: requestTable },
          { key: 'grants', label: t('我的授权', 'My grants'), children: grantTable },
          {
            key: 'disputes',
            label: t('我的数据疑义', 'My disputes'),
            children: <DisputeTable highlight={highlightRow(route)} disputes={disputes.data} loading={disputes.loading} />,
          },
        ]}
      />
      <ReasonModal
        open={!!escalating}
        title={t('提请领导小组办公室协调', 'Escalate to the coordination office')}
        label={t('协商情况及理由', 'Reason')}
        onCancel={() => setEscalating(undefined)}
        onSubmit={escalate}
      />
      <ReasonModal
        open={!!negotiating}
        title={t('协商未果，提请领导小组办公室协调', 'No agreement: escalate to the coordination office')}
        label={t('协商经过及结果', 'How the negotiation went')}
        onCancel={() => setNegotiating(undefined)}
        onSubmit={negotiationFailed}
      />
      <ReasonModal
        open={!!disputing}
        title={`${t('数据疑义、错误信息校核', 'Report doubtful data')} ${disputing?.field ?? ''}`}
        label={t('疑义说明', 'Description')}
        extra={[
          {
            name: 'entityKey',
            label: t('对象标识（身份证号或统一社会信用代码）', 'Key (citizen id or credit code)'),
            maxLength: TEXT_KINDS.identifier.maxLength,
          },
          { name: 'evidence', label: t('依据材料', 'Evidence') },
        ]}
        onCancel={() => setDisputing(undefined)}
        onSubmit={dispute}
      />
    </Space>
  );
}
