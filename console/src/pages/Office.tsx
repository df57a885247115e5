/**
 * 协调办 (领导小组办公室, 区信息中心): escalated 共享申请 (协调授权 with its legal basis, or 协调不同意, art. 13),
 * the catalog's review (art. 8–9), data disputes and their deadlines (art. 16), the department registry
 * and its 政务信息资源管理员 (art. 21), and the audit trail's integrity (art. 15, 19).
 */
import { lazy, Suspense, useState } from 'react';
import { Button, Space, Spin, Table, Tabs, Tag } from 'antd';
import { gql } from '../api.ts';
import { chinaDate } from '../../../policies/governance/china-date.ts';
import GrantModal, { type GrantDecision } from '../components/GrantModal.tsx';
import ReasonModal from '../components/ReasonModal.tsx';
import { requestColumns } from '../components/request-columns.tsx';
import DisputeTable from '../components/DisputeTable.tsx';
import { DISPUTES_QUERY } from '../disputes.ts';
import { graphql } from '../gql/index.ts';
import type { DepartmentsQuery } from '../gql/graphql.ts';
import { departmentName } from '../i18n.tsx';
import { REQUESTS_QUERY, type AccessRequest } from '../requests.ts';
import { useLoad, usePage } from '../use-load.ts';
import { highlightRow, useRoute } from '../route.ts';
import { TEXT_KINDS } from '../../../policies/governance/text-kinds.ts';

const DEPARTMENTS_QUERY = graphql(`
  query Departments {
    departments {
      code
      name
      orgCode
      administrators
    }
  }
`);

const GRANT_EXCEPTION = graphql(`
  mutation Exception($input: ExceptionInput!) {
    grantException(input: $input) {
      id
    }
  }
`);

const CLOSE_ESCALATION = graphql(`
  mutation Close($id: ID!, $reason: String!) {
    closeEscalation(id: $id, reason: $reason) {
      id
    }
  }
`);

const APPOINT = graphql(`
  mutation Appoint($department: String!, $user: String!, $reason: String!) {
    appointSharingAdministrator(department: $department, user: $user, reason: $reason) {
      code
    }
  }
`);

const REMOVE = graphql(`
  mutation Remove($department: String!, $user: String!, $reason: String!) {
    removeSharingAdministrator(department: $department, user: $user, reason: $reason) {
      code
    }
  }
`);

type Department = DepartmentsQuery['departments'][number];

const CatalogReview = lazy(() => import('./office/CatalogReview.tsx'));
const AuditStatus = lazy(() => import('./office/AuditStatus.tsx'));

type Action = { close: AccessRequest } | { appoint: string } | { remove: string; user: string };

export default function Office() {
  const { t, purposeName, report, success } = usePage();
  const escalated = useLoad(() => gql(REQUESTS_QUERY, { status: 'ESCALATED' }).then((answer) => answer.accessRequests));
  const registry = useLoad(() => gql(DEPARTMENTS_QUERY).then((answer) => answer.departments));
  const disputes = useLoad(() => gql(DISPUTES_QUERY).then((answer) => answer.disputes));
  const [action, setAction] = useState<Action>();
  const [granting, setGranting] = useState<AccessRequest>();
  const route = useRoute();

  const grant = async (decision: GrantDecision) => {
    const request = granting!;
    try {
      await gql(GRANT_EXCEPTION, {
        // Answering an escalated request grants only the action it asked for (README "Verification instead of values").
        input: {
          requestId: request.id,
          department: request.requestingDepartment,
          purpose: request.purpose,
          action: request.action,
          basis: '',
          reason: '',
          ...decision,
        },
      });
      success(t('已协调授权', 'Exception granted'));
      setGranting(undefined);
      escalated.reload();
    } catch (error) {
      report(error);
    }
  };

  const act = async (values: Record<string, string>) => {
    if (!action) return;
    try {
      if ('close' in action) {
        await gql(CLOSE_ESCALATION, { id: action.close.id, reason: values['reason']! });
      } else if ('appoint' in action) {
        await gql(APPOINT, { department: action.appoint, user: values['user']!, reason: values['reason']! });
      } else {
        await gql(REMOVE, { department: action.remove, user: action.user, reason: values['reason']! });
      }
      success(t('已办理', 'Done'));
      setAction(undefined);
      escalated.reload();
      registry.reload();
    } catch (error) {
      report(error);
    }
  };

  const title = !action
    ? ''
    : 'close' in action
      ? t('协调不同意', 'Decide against')
      : 'appoint' in action
        ? `${t('备案政务信息资源管理员', 'Appoint a sharing administrator')}：${departmentName(action.appoint)}`
        : `${t('撤销政务信息资源管理员', 'Remove the sharing administrator')} ${action.user}`;
  const extra =
    action && 'appoint' in action
      ? [{ name: 'user', label: t('管理员应用标识', 'Administrator application id'), maxLength: TEXT_KINDS.identifier.maxLength }]
      : [];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tabs
        defaultActiveKey={route.params.get('tab') ?? 'escalations'}
        items={[
          {
            key: 'escalations',
            label: t('提请协调的共享申请', 'Escalations'),
            children: (
              <Table<AccessRequest>
                rowClassName={highlightRow(route)}
                rowKey="id"
                size="small"
                loading={escalated.loading}
                dataSource={escalated.data ?? []}
                columns={[
                  ...requestColumns({ t, purposeName }, { provider: true }),
                  { title: t('不予共享理由', 'Refusal reason'), dataIndex: 'reason' },
                  { title: t('提请理由', 'Escalation reason'), dataIndex: 'escalationReason' },
                  {
                    title: t('协调', 'Decide'),
                    render: (_v, request) => (
                      <Space>
                        <Button type="primary" size="small" onClick={() => setGranting(request)}>
                          {t('协调授权', 'Grant')}
                        </Button>
                        <Button size="small" onClick={() => setAction({ close: request })}>
                          {t('协调不同意', 'Close')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'catalog-review',
            label: t('目录审核', 'Catalog review'),
            children: (
              <Suspense fallback={<Spin />}>
                <CatalogReview />
              </Suspense>
            ),
          },
          {
            key: 'disputes',
            label: t('数据疑义', 'Data disputes'),
            children: <DisputeTable highlight={highlightRow(route)} disputes={disputes.data} loading={disputes.loading} />,
          },
          {
            key: 'registry',
            label: t('部门与政务信息资源管理员', 'Registry and administrators'),
            children: (
              <Table<Department>
                rowKey="code"
                size="small"
                loading={registry.loading}
                dataSource={registry.data ?? []}
                columns={[
                  { title: t('部门', 'Department'), dataIndex: 'name' },
                  { title: t('统一社会信用代码', 'Organisation code'), dataIndex: 'orgCode' },
                  {
                    title: t('政务信息资源管理员', 'Sharing administrators'),
                    render: (_v, department) =>
                      department.administrators.map((user) => (
                        <Tag
                          key={user}
                          closable={department.administrators.length > 1}
                          onClose={(event) => (event.preventDefault(), setAction({ remove: department.code, user }))}
                        >
                          {user}
                        </Tag>
                      )),
                  },
                  {
                    title: t('操作', 'Action'),
                    render: (_v, department) => (
                      <Button size="small" onClick={() => setAction({ appoint: department.code })}>
                        {t('备案管理员', 'Appoint')}
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'audit',
            label: t('审计链状态', 'Audit trail'),
            children: (
              <Suspense fallback={<Spin />}>
                <AuditStatus />
              </Suspense>
            ),
          },
        ]}
      />
      <GrantModal
        request={granting}
        title={t('协调授权', 'Grant an exception')}
        today={chinaDate(new Date())}
        withBasis
        reasonLabel={t('理由', 'Reason')}
        reasonRequired
        onCancel={() => setGranting(undefined)}
        onSubmit={grant}
      />
      <ReasonModal open={!!action} title={title} label={t('理由', 'Reason')} extra={extra} onCancel={() => setAction(undefined)} onSubmit={act} />
    </Space>
  );
}
