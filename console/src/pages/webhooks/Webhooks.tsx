/**
 * Webhook 推送 (周政发〔2018〕6号 art. 13, 16, 21): a department's sharing administrator registers the
 * address of its own system, where every notification of its inboxes is posted, signed; the operator
 * does so for any department. The secret is shown once, when registered or rotated, never again; the
 * deliveries list what was sent, with status and attempts. Removing stops the deliveries.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import CursorPager, { useCursorPages } from '../../components/CursorPager.tsx';
import { gql } from '../../api.ts';
import DepartmentSelect from '../../components/DepartmentSelect.tsx';
import { departmentName } from '../../i18n.tsx';
import { localTime } from '../../requests.ts';
import { useLoad, usePage } from '../../use-load.ts';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.ts';
import { TEXT_KINDS } from '../../../../policies/governance/text-kinds.ts';
import {
  DELIVERY_STATUSES,
  REGISTER_WEBHOOK,
  REMOVE_WEBHOOK,
  ROTATE_WEBHOOK_SECRET,
  WEBHOOK_DELIVERIES_QUERY,
  WEBHOOKS_QUERY,
  webhookUrlProblem,
  type Webhook,
  type WebhookDelivery,
} from './operations.ts';

const PAGE_SIZE = 20;

export default function Webhooks() {
  const { t, language, dept, operator, report, success } = usePage();
  const [department, setDepartment] = useState(dept ?? '');
  const pages = useCursorPages();
  const [secret, setSecret] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ url: string }>();
  const { after } = pages;
  const webhooks = useLoad(() => gql(WEBHOOKS_QUERY).then((answer) => answer.webhooks));
  const deliveries = useLoad(
    () => gql(WEBHOOK_DELIVERIES_QUERY, { department, first: PAGE_SIZE, after }).then((answer) => answer.webhookDeliveries),
    [department, after],
  );
  const current = webhooks.data?.find((webhook) => webhook.department === department);
  const active = current && !current.removedAt;

  const changed = () => {
    webhooks.reload();
    pages.first();
    deliveries.reload();
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      changed();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  const register = ({ url }: { url: string }) =>
    run(async () => {
      const answer = await gql(REGISTER_WEBHOOK, { department, url: url.trim() });
      setSecret(answer.registerWebhook.secret);
      form.resetFields();
    });
  const rotate = () =>
    run(async () => {
      setSecret((await gql(ROTATE_WEBHOOK_SECRET, { department })).rotateWebhookSecret.secret);
    });
  const remove = () =>
    run(async () => {
      await gql(REMOVE_WEBHOOK, { department });
      success(t('已停用，待投递的消息不再发送', 'Removed; pending deliveries will not be attempted'));
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {operator && (
        <Card size="small" title={t('各部门推送地址', "Departments' webhooks")}>
          <Table<Webhook>
            rowKey="department"
            size="small"
            loading={webhooks.loading}
            dataSource={webhooks.data ?? []}
            pagination={false}
            locale={{ emptyText: t('尚无部门登记推送地址', 'No department registered a webhook') }}
            rowClassName={(webhook) => (webhook.department === department ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('部门', 'Department'), dataIndex: 'department', render: departmentName },
              { title: t('推送地址', 'Address'), dataIndex: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
              { title: t('登记时间', 'Registered'), dataIndex: 'registeredAt', render: localTime },
              {
                title: t('状态', 'State'),
                dataIndex: 'removedAt',
                render: (removedAt: string | null) => (removedAt ? <Tag>{t('已停用', 'Removed')}</Tag> : <Tag color="success">{t('推送中', 'Active')}</Tag>),
              },
            ]}
          />
          <DepartmentSelect
            aria-label={t('部门', 'Department')}
            style={{ width: 260, marginTop: 12 }}
            value={department}
            onChange={(value) => (setDepartment(value), pages.first())}
          />
        </Card>
      )}
      <Card size="small" title={`${t('Webhook 推送', 'Webhook')}：${departmentName(department)}`} loading={webhooks.loading}>
        {active ? (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('推送地址', 'Address')}>
              <Typography.Text code data-testid="webhook-url">
                {current.url}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('登记人 / 时间', 'Registered')}>{`${current.registeredBy} · ${localTime(current.registeredAt)}`}</Descriptions.Item>
            <Descriptions.Item label={t('密钥生成时间', 'Secret issued')}>{localTime(current.secretRotatedAt)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              current?.removedAt
                ? t(`已于 ${localTime(current.removedAt)} 停用`, `Removed ${localTime(current.removedAt)}`)
                : t('尚未登记推送地址', 'No webhook registered')
            }
          />
        )}
        <Form form={form} layout="inline" name="webhook" onFinish={register} style={{ marginTop: 16, rowGap: 8 }}>
          <Form.Item
            name="url"
            label={active ? t('新推送地址', 'New address') : t('推送地址', 'Address')}
            style={{ flex: 1, minWidth: 320 }}
            rules={[
              { required: true, whitespace: true, message: t('请填写推送地址', 'Give the address') },
              {
                validator: async (_rule, value?: string) => {
                  const problem = value?.trim() ? webhookUrlProblem(value.trim()) : undefined;
                  if (problem) throw new Error(problem[language]);
                },
              },
            ]}
          >
            <Input placeholder="https://10.20.30.40:8443/zhoucun/hooks" maxLength={TEXT_KINDS.url.maxLength} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {active ? t('更换地址', 'Move') : t('登记', 'Register')}
            </Button>
          </Form.Item>
          {active && (
            <Form.Item>
              <Space>
                <Popconfirm
                  title={t('更换密钥后旧密钥立即失效，确定？', 'The old secret stops signing at once. Rotate?')}
                  onConfirm={rotate}
                  okText={t('确定', 'OK')}
                  cancelText={t('取消', 'Cancel')}
                >
                  <Button loading={busy}>{t('更换密钥', 'Rotate secret')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t('停用后不再推送，待投递的消息也不再发送，确定？', 'No more deliveries, pending ones are dropped. Remove?')}
                  onConfirm={remove}
                  okText={t('停用', 'Remove')}
                  cancelText={t('取消', 'Cancel')}
                >
                  <Button danger loading={busy}>
                    {t('停用', 'Remove')}
                  </Button>
                </Popconfirm>
              </Space>
            </Form.Item>
          )}
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t(
            '推送本部门收到的全部消息通知（与“消息通知”相同的类别）。每次推送为 JSON POST，以密钥签名：X-Zhoucun-Signature = v1= + HMAC-SHA256(密钥, 时间戳.正文)；以 X-Zhoucun-Event-Id 去重。',
            "Every notification of the department's inboxes is posted as JSON, signed: X-Zhoucun-Signature = v1= + HMAC-SHA256(secret, timestamp.body); de-duplicate by X-Zhoucun-Event-Id.",
          )}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('推送记录', 'Deliveries')}>
        <Table<WebhookDelivery>
          rowKey="id"
          size="small"
          loading={deliveries.loading}
          dataSource={deliveries.data?.deliveries ?? []}
          pagination={false}
          locale={{ emptyText: t('暂无推送记录', 'No deliveries') }}
          columns={[
            { title: t('消息类别', 'Kind'), dataIndex: 'kind', render: (kind: string) => NOTIFICATION_KINDS[kind]?.[language] ?? kind },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (status: string) => <Tag color={DELIVERY_STATUSES[status]?.color}>{DELIVERY_STATUSES[status]?.[language] ?? status}</Tag>,
            },
            { title: t('尝试次数', 'Attempts'), dataIndex: 'attempts', width: 90 },
            { title: t('最近尝试', 'Last attempt'), dataIndex: 'lastAttemptAt', render: localTime },
            { title: t('下次尝试', 'Next attempt'), dataIndex: 'nextAttemptAt', render: localTime },
            { title: t('送达时间', 'Delivered'), dataIndex: 'deliveredAt', render: localTime },
            { title: t('失败原因', 'Last error'), dataIndex: 'lastError' },
            { title: t('事件标识', 'Event id'), dataIndex: 'eventId', render: (id: string) => <Typography.Text code>{id.slice(0, 8)}</Typography.Text> },
          ]}
        />
        <CursorPager pages={pages} nextCursor={deliveries.data?.nextCursor} style={{ marginTop: 8 }}>
          <Button onClick={deliveries.reload}>{t('刷新', 'Refresh')}</Button>
        </CursorPager>
      </Card>
      {/* Mounted only while there is a secret to show: once closed, it is in no DOM and no state. */}
      {secret && (
        <Modal
          open
          title={t('签名密钥（仅显示这一次）', 'Signing secret (shown once)')}
          onOk={() => setSecret(undefined)}
          onCancel={() => setSecret(undefined)}
          okText={t('我已保存', 'I have saved it')}
          cancelButtonProps={{ style: { display: 'none' } }}
          maskClosable={false}
          width={640}
        >
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('请立即复制并妥善保存。关闭后平台不再显示该密钥；遗失时请更换密钥。', 'Copy and keep it now: it is not shown again. If lost, rotate it.')}
          />
          <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>
            {secret}
          </Typography.Paragraph>
        </Modal>
      )}
    </Space>
  );
}
