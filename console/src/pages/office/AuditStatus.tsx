/**
 * 审计链状态 (周政发〔2018〕6号 art. 15, 19): the last verification of the audit trail — intact or where it
 * broke — and each chain's newest signed checkpoint. Read-only; the verification is a scheduled job
 * (`npm run audit:verify -- --record`) whose stored result the gateway answers: 已过期 when it is older than
 * the bound, 未运行 when there is none.
 */
import { Alert, Button, Descriptions, Space, Table } from 'antd';
import { gql } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { localTime } from '../../requests.ts';
import { useLoad, usePage } from '../../use-load.ts';

const AUDIT_INTEGRITY_QUERY = graphql(`
  query AuditIntegrity {
    auditIntegrity {
      verifiedAt
      verifiedBy
      stale
      ok
      chains
      records
      checkpoints
      anchored
      quarantined
      problem
      problemCount
      lastCheckpoints {
        chain
        seq
        at
        keyId
      }
    }
  }
`);

export default function AuditStatus() {
  const { t } = usePage();
  const integrity = useLoad(() => gql(AUDIT_INTEGRITY_QUERY).then((answer) => answer.auditIntegrity));
  const view = integrity.data;
  const verdict =
    !view || view.ok === null ? (
      <Alert
        type="warning"
        showIcon
        title={view ? t('尚未校验：定时校验未运行', 'Not verified: the scheduled verification has not run') : t('尚未校验', 'Not verified yet')}
      />
    ) : view.ok ? (
      <Alert type="success" showIcon data-testid="audit-verdict" title={t('审计链完整：未发现篡改', 'Audit trail intact')} />
    ) : (
      <Alert type="error" showIcon data-testid="audit-verdict" title={t('审计链校验未通过', 'Audit trail BROKEN')} description={view.problem} />
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {verdict}
      {view && view.ok !== null && view.stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="audit-stale"
          title={t('校验结果已过期：定时校验已超过 26 小时未运行', 'The result is stale: the scheduled verification has not run for over 26 hours')}
        />
      )}
      {view && (
        <Descriptions bordered size="small" column={3}>
          <Descriptions.Item label={t('最近校验时间', 'Last verified')}>{localTime(view.verifiedAt) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('审计链', 'Chains')}>{view.chains}</Descriptions.Item>
          <Descriptions.Item label={t('已校验记录', 'Records verified')}>{view.records}</Descriptions.Item>
          <Descriptions.Item label={t('签名检查点', 'Signed checkpoints')}>{view.checkpoints}</Descriptions.Item>
          <Descriptions.Item label={t('链外留存一致的检查点', 'Checkpoints anchored outside the store')}>{view.anchored}</Descriptions.Item>
          <Descriptions.Item label={t('隔离记录', 'Quarantined records')}>{view.quarantined}</Descriptions.Item>
          <Descriptions.Item label={t('发现问题', 'Problems found')}>{view.problemCount}</Descriptions.Item>
          <Descriptions.Item label={t('校验进程', 'Verified by')}>{view.verifiedBy ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <Table
        rowKey="chain"
        size="small"
        loading={integrity.loading}
        dataSource={view?.lastCheckpoints ?? []}
        pagination={false}
        title={() => t('各审计链最近的签名检查点', 'Newest signed checkpoint of each chain')}
        columns={[
          { title: t('审计链', 'Chain'), dataIndex: 'chain' },
          { title: t('签至记录', 'Up to record'), dataIndex: 'seq' },
          { title: t('签名时间', 'Signed at'), dataIndex: 'at', render: (at: string) => localTime(at) },
          { title: t('签名密钥', 'Key'), dataIndex: 'keyId' },
        ]}
      />
      <Button onClick={integrity.reload}>{t('刷新', 'Refresh')}</Button>
    </Space>
  );
}
