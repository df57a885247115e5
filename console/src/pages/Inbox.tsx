/** 待办 (provider-admin): 共享申请 to answer by due date (overdue in red), approve or refuse with a reason; grants to revoke. */
import { useState } from 'react';
import { Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { gql } from '../api.ts';
import ReasonModal from '../components/ReasonModal.tsx';
import { departmentName, STATUSES } from '../i18n.tsx';
import { REQUEST_FIELDS, REQUESTS_QUERY, type AccessRequest } from '../requests.ts';
import { useLoad, usePage } from '../use-load.ts';

type Decision = { request: AccessRequest; approve: boolean } | { request: AccessRequest; revoke: string };

export default function Inbox() {
  const { t, language, purposeName, dept, report, success } = usePage();
  const requests = useLoad(() =>
    gql<{ accessRequests: AccessRequest[] }>(REQUESTS_QUERY).then((answer) =>
      answer.accessRequests.filter((request) => request.provider === dept).sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    ),
  );
  const [deciding, setDeciding] = useState<Decision>();
  const pending = (requests.data ?? []).filter((request) => request.status === 'PENDING');
  const answered = (requests.data ?? []).filter((request) => request.status !== 'PENDING');

  const decide = async ({ reason }: Record<string, string>) => {
    if (!deciding) return;
    try {
      if ('revoke' in deciding) {
        await gql(`mutation Revoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id live } }`, { id: deciding.revoke, reason });
        success(t('已撤销授权', 'Grant revoked'));
      } else {
        await gql(
          `mutation Decide($id: ID!, $approve: Boolean!, $reason: String) { decideAccessRequest(id: $id, approve: $approve, reason: $reason) { ${REQUEST_FIELDS} } }`,
          {
            id: deciding.request.id,
            approve: deciding.approve,
            reason,
          },
        );
        success(deciding.approve ? t('已同意共享', 'Approved') : t('已答复不予共享', 'Refused'));
      }
      setDeciding(undefined);
      requests.reload();
    } catch (error) {
      report(error);
    }
  };

  const common = [
    { title: t('使用部门', 'Consumer'), dataIndex: 'requestingDepartment', render: departmentName },
    { title: t('信息项', 'Items'), dataIndex: 'fields', render: (fields: string[]) => fields.join('、') },
    {
      title: t('使用用途', 'Purpose'),
      dataIndex: 'purpose',
      render: (purpose: string, row: AccessRequest) => `${purposeName(purpose)}${row.action === 'VERIFY' ? t('（仅核验）', ' (verify only)') : ''}`,
    },
    { title: t('办理事项', 'Matter'), dataIndex: 'matter' },
    { title: t('申请理由', 'Justification'), dataIndex: 'justification' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tabs
        items={[
          {
            key: 'pending',
            label: `${t('待答复的共享申请', 'Requests to answer')} (${pending.length})`,
            children: (
              <Table<AccessRequest>
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
                        {due}
                        {request.overdue && ` ${t('已超期', 'overdue')}`}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('答复', 'Answer'),
                    render: (_v, request) => (
                      <Space>
                        <Button type="primary" size="small" onClick={() => setDeciding({ request, approve: true })}>
                          {t('同意', 'Approve')}
                        </Button>
                        <Button danger size="small" onClick={() => setDeciding({ request, approve: false })}>
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
                      request.grants.map((grant) =>
                        grant.live ? (
                          <Button key={grant.id} size="small" danger onClick={() => setDeciding({ request, revoke: grant.id })}>
                            {t('撤销授权', 'Revoke')} {grant.field}
                          </Button>
                        ) : (
                          <Tag key={grant.id}>{`${grant.field} ${t('已失效', 'inactive')}`}</Tag>
                        ),
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <ReasonModal
        open={!!deciding}
        title={
          !deciding ? '' : 'revoke' in deciding ? t('撤销授权', 'Revoke the grant') : deciding.approve ? t('同意共享', 'Approve') : t('不予共享', 'Refuse')
        }
        label={deciding && !('revoke' in deciding) && deciding.approve ? t('答复意见', 'Note') : t('理由（说明理由）', 'Reason')}
        onCancel={() => setDeciding(undefined)}
        onSubmit={decide}
      />
    </Space>
  );
}
