/**
 * 待办 (provider-admin): 共享申请 to answer by due date (overdue in red) — approve as asked or narrower
 * (fewer items, a shorter validity, a row condition: attribute values or the consumer's open cases), or refuse with a reason (周政发〔2018〕6号 art. 13);
 * grants to revoke; 数据疑义 to answer within 5 working days (art. 16).
 */
import { useState } from 'react';
import { Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { gql } from '../api.ts';
import { chinaDate } from '../../../policies/governance/china-date.ts';
import DisputeTable from '../components/DisputeTable.tsx';
import DueDate from '../components/DueDate.tsx';
import GrantModal, { type GrantDecision } from '../components/GrantModal.tsx';
import ReasonModal from '../components/ReasonModal.tsx';
import { requestColumns } from '../components/request-columns.tsx';
import { DISPUTE_OUTCOMES, DISPUTES_QUERY, type Dispute } from '../disputes.ts';
import { STATUSES } from '../i18n.tsx';
import { graphql } from '../gql/index.ts';
import type { DisputeOutcome } from '../gql/graphql.ts';
import { REQUESTS_QUERY, type AccessRequest } from '../requests.ts';
import { useLoad, usePage } from '../use-load.ts';
import { highlightRow, useRoute } from '../route.ts';
import { conditionText, offersOpenCase } from '../row-conditions.ts';

type Action = { refuse: AccessRequest } | { revoke: string } | { answer: Dispute };

const DECIDE = graphql(`
  mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {
    decideAccessRequest(id: $id, approve: $approve, reason: $reason, fields: $fields, validUntil: $validUntil, condition: $condition) {
      ...AccessRequestFields
    }
  }
`);

const REVOKE = graphql(`
  mutation Revoke($id: ID!, $reason: String!) {
    revokeGrant(id: $id, reason: $reason) {
      id
      live
    }
  }
`);

const ANSWER_DISPUTE = graphql(`
  mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {
    answerDispute(id: $id, answer: $answer, outcome: $outcome) {
      id
    }
  }
`);

const CONDITION_ATTRIBUTES = graphql(`
  query ConditionAttributes($provider: String) {
    catalog(provider: $provider, shareType: UNCONDITIONAL) {
      coordinate
    }
    rootFields: catalog(resource: "Query") {
      coordinate
    }
    unconditional: catalog(shareType: UNCONDITIONAL) {
      coordinate
    }
  }
`);

/**
 * The unconditional items of the department's resources (what a row condition may test, by resource
 * type); for the open-case condition, the catalogued root fields (which consumers answer their open
 * cases) and every unconditional item (which resources are keyed by citizen ID).
 */
function useConditionAttributes(dept: string | undefined) {
  return useLoad(
    () =>
      gql(CONDITION_ATTRIBUTES, { provider: dept ?? null }).then((answer) => ({
        attributes: answer.catalog.map((item) => item.coordinate),
        catalogued: [...answer.rootFields, ...answer.unconditional].map((item) => item.coordinate),
      })),
    [dept],
  );
}

export default function Inbox() {
  const { t, language, purposeName, dept, report, success } = usePage();
  const today = chinaDate(new Date());
  const requests = useLoad(() =>
    gql(REQUESTS_QUERY).then((answer) =>
      answer.accessRequests.filter((request) => request.provider === dept).sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    ),
  );
  const disputes = useLoad(() => gql(DISPUTES_QUERY).then((answer) => answer.disputes.filter((d) => d.provider === dept)));
  const attributes = useConditionAttributes(dept);
  const [approving, setApproving] = useState<AccessRequest>();
  const [action, setAction] = useState<Action>();
  const route = useRoute();
  const pending = (requests.data ?? []).filter((request) => request.status === 'PENDING');
  const answered = (requests.data ?? []).filter((request) => request.status !== 'PENDING');
  const openDisputes = (disputes.data ?? []).filter((dispute) => dispute.status === 'OPEN').length;
  const resourceOf = (coordinate: string) => coordinate.split('.')[0];
  const conditionAttributes = approving
    ? (attributes.data?.attributes ?? []).filter((item) => resourceOf(item) === resourceOf(approving.fields[0] ?? '')).map((item) => item.split('.')[1]!)
    : [];
  const openCase = offersOpenCase(approving?.requestingDepartment, resourceOf(approving?.fields[0] ?? ''), attributes.data?.catalogued ?? []);

  const approve = async (decision: GrantDecision) => {
    try {
      await gql(DECIDE, { id: approving!.id, approve: true, ...decision });
      success(t('已同意共享', 'Approved'));
      setApproving(undefined);
      requests.reload();
    } catch (error) {
      report(error);
    }
  };
  const act = async (values: Record<string, string>) => {
    if (!action) return;
    try {
      if ('revoke' in action) {
        await gql(REVOKE, { id: action.revoke, reason: values['reason']! });
        success(t('已撤销授权', 'Grant revoked'));
      } else if ('refuse' in action) {
        await gql(DECIDE, { id: action.refuse.id, approve: false, reason: values['reason'] ?? null });
        success(t('已答复不予共享', 'Refused'));
      } else {
        await gql(ANSWER_DISPUTE, { id: action.answer.id, answer: values['reason']!, outcome: values['outcome'] as DisputeOutcome });
        success(t('已答复数据疑义', 'Dispute answered'));
      }
      setAction(undefined);
      requests.reload();
      disputes.reload();
    } catch (error) {
      report(error);
    }
  };

  const common = requestColumns({ t, purposeName });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tabs
        defaultActiveKey={route.params.get('tab') ?? 'pending'}
        items={[
          {
            key: 'pending',
            label: `${t('待答复的共享申请', 'Requests to answer')} (${pending.length})`,
            children: (
              <Table<AccessRequest>
                rowClassName={highlightRow(route)}
                rowKey="id"
                size="small"
                loading={requests.loading}
                dataSource={pending}
                columns={[
                  ...common,
                  {
                    title: t('答复期限', 'Answer due'),
                    dataIndex: 'dueDate',
                    render: (due: string, request) => (
                      <Typography.Text type={request.overdue ? 'danger' : undefined} strong={request.overdue}>
                        <DueDate date={due} provisional={request.dueDateProvisional} />
                        {request.overdue && ` ${t('已超期', 'overdue')}`}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('答复', 'Answer'),
                    render: (_v, request) => (
                      <Space>
                        <Button type="primary" size="small" onClick={() => setApproving(request)}>
                          {t('同意', 'Approve')}
                        </Button>
                        <Button danger size="small" onClick={() => setAction({ refuse: request })}>
                          {t('不予共享', 'Refuse')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'answered',
            label: t('已答复 / 授权', 'Answered & grants'),
            children: (
              <Table<AccessRequest>
                rowClassName={highlightRow(route)}
                rowKey="id"
                size="small"
                dataSource={answered}
                columns={[
                  ...common,
                  {
                    title: t('状态', 'Status'),
                    dataIndex: 'status',
                    render: (s: string) => <Tag color={STATUSES[s]?.color}>{STATUSES[s]?.[language] ?? s}</Tag>,
                  },
                  {
                    title: t('授权', 'Grants'),
                    render: (_v, request) =>
                      request.grants.map((grant) => (
                        <div key={grant.id}>
                          {grant.live ? (
                            <Button size="small" danger onClick={() => setAction({ revoke: grant.id })}>
                              {t('撤销授权', 'Revoke')} {grant.field}
                            </Button>
                          ) : (
                            <Tag>{`${grant.field} ${t('已失效', 'inactive')}`}</Tag>
                          )}
                          {grant.condition?.length ? <Typography.Text type="secondary"> {conditionText(grant.condition, t)}</Typography.Text> : null}
                        </div>
                      )),
                  },
                ]}
              />
            ),
          },
          {
            key: 'disputes',
            label: `${t('数据疑义', 'Data disputes')} (${openDisputes})`,
            children: (
              <DisputeTable
                highlight={highlightRow(route)}
                disputes={disputes.data}
                loading={disputes.loading}
                action={(dispute) => (
                  <Button size="small" type="primary" onClick={() => setAction({ answer: dispute })}>
                    {t('答复疑义', 'Answer')}
                  </Button>
                )}
              />
            ),
          },
        ]}
      />
      <GrantModal
        request={approving}
        title={t('同意共享（可缩小范围）', 'Approve (possibly narrower)')}
        today={today}
        conditionAttributes={conditionAttributes}
        openCase={openCase}
        reasonLabel={t('答复意见', 'Note')}
        reasonRequired={false}
        onCancel={() => setApproving(undefined)}
        onSubmit={approve}
      />
      <ReasonModal
        open={!!action}
        title={
          !action
            ? ''
            : 'revoke' in action
              ? t('撤销授权', 'Revoke the grant')
              : 'refuse' in action
                ? t('不予共享', 'Refuse')
                : t('答复数据疑义', 'Answer the dispute')
        }
        label={action && 'answer' in action ? t('核实情况', 'What was checked') : t('理由（说明理由）', 'Reason')}
        extra={
          action && 'answer' in action
            ? [
                {
                  name: 'outcome',
                  label: t('核实结果', 'Outcome'),
                  choices: Object.entries(DISPUTE_OUTCOMES).map(([value, name]) => ({ value, label: name[language] })),
                },
              ]
            : []
        }
        onCancel={() => setAction(undefined)}
        onSubmit={act}
      />
    </Space>
  );
}
