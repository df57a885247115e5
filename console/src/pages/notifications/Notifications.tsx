/**
 * 消息通知: the department's inbox for the roles the signed-in person holds (周政发〔2018〕6号 art. 13,
 * 16, 21): kind, time, the subject in one line, read or not; mark one or all read; 查看 opens the page
 * that lists the subject, where the console has one.
 */
import { useState } from 'react';
import { Badge, Button, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import CursorPager, { useCursorPages } from '../../components/CursorPager.tsx';
import { gql } from '../../api.ts';
import { ROLE_NAMES } from '../../i18n.tsx';
import { localTime } from '../../requests.ts';
import { go } from '../../route.ts';
import { useLoad, usePage } from '../../use-load.ts';
import { NOTIFICATION_KINDS, subjectLink } from './notification-kinds.ts';
import { MARK_READ, MARK_READ_BATCH, NOTIFICATIONS_CHANGED, NOTIFICATIONS_QUERY, type Notification } from './operations.ts';

const PAGE_SIZE = 20;
/** Marking all read goes in batches of 100; this many batches at most in one click. */
const MOST_BATCHES = 50;

export default function Notifications() {
  const { t, language, report, success } = usePage();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = useCursorPages();
  const [busy, setBusy] = useState(false);
  const { after } = pages;
  const inbox = useLoad(() => gql(NOTIFICATIONS_QUERY, { unreadOnly, first: PAGE_SIZE, after }).then((answer) => answer.notifications), [unreadOnly, after]);

  const changed = () => {
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    inbox.reload();
  };
  const markRead = async (ids: string[]) => {
    if (ids.length === 0) return;
    await gql(MARK_READ, { ids });
    changed();
  };
  const markOne = async (notification: Notification) => {
    try {
      await markRead([notification.id]);
    } catch (error) {
      report(error);
    }
  };
  const markAll = async () => {
    setBusy(true);
    try {
      let marked = 0;
      for (let batch = 0; batch < MOST_BATCHES; batch++) {
        const { notifications } = await gql(NOTIFICATIONS_QUERY, { unreadOnly: true, first: MARK_READ_BATCH, after: null });
        if (notifications.notifications.length === 0) break;
        const count = (await gql(MARK_READ, { ids: notifications.notifications.map((entry) => entry.id) })).markNotificationsRead;
        marked += count;
        // Nothing changed: the entries are someone else's to mark (never loop on them).
        if (count === 0) break;
      }
      success(t(`已将 ${marked} 条消息标为已读`, `${marked} marked read`));
      pages.first();
      changed();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  const open = async (notification: Notification) => {
    const link = subjectLink(notification)!;
    if (!notification.read) await markRead([notification.id]).catch(report);
    go(link.path, link.params);
  };

  const unread = inbox.data?.unread ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('消息通知', 'Notifications')}
          </Typography.Title>
          <Badge count={unread} overflowCount={999} showZero color={unread ? undefined : '#bfbfbf'} data-testid="inbox-unread" />
        </Space>
        <Space>
          <Segmented<'all' | 'unread'>
            aria-label={t('显示范围', 'Show')}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => (setUnreadOnly(value === 'unread'), pages.first())}
            options={[
              { value: 'all', label: t('全部', 'All') },
              { value: 'unread', label: t('未读', 'Unread') },
            ]}
          />
          <Button onClick={markAll} loading={busy} disabled={unread === 0}>
            {t('全部标为已读', 'Mark all read')}
          </Button>
        </Space>
      </Space>
      <Table<Notification>
        rowKey="id"
        size="small"
        loading={inbox.loading}
        dataSource={inbox.data?.notifications ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={unreadOnly ? t('没有未读消息', 'No unread notifications') : t('暂无消息', 'No notifications')}
            />
          ),
        }}
        rowClassName={(notification) => (notification.read ? '' : 'notification-unread')}
        columns={[
          {
            title: t('状态', 'State'),
            dataIndex: 'read',
            width: 80,
            render: (read: boolean) => (read ? <Badge status="default" text={t('已读', 'Read')} /> : <Badge status="processing" text={t('未读', 'Unread')} />),
          },
          {
            title: t('类别', 'Kind'),
            dataIndex: 'kind',
            width: 130,
            render: (kind: string) => <Tag color={NOTIFICATION_KINDS[kind]?.color}>{NOTIFICATION_KINDS[kind]?.[language] ?? kind}</Tag>,
          },
          { title: t('时间', 'Time'), dataIndex: 'at', width: 170, render: localTime },
          {
            title: t('内容', 'Subject'),
            render: (_v, notification) => (
              <Typography.Text strong={!notification.read} data-testid="notification-text">
                {notification.subject.text}
              </Typography.Text>
            ),
          },
          { title: t('收件身份', 'Inbox'), dataIndex: 'role', width: 150, render: (role: string) => ROLE_NAMES[role]?.[language] ?? role },
          {
            title: t('操作', 'Action'),
            width: 170,
            render: (_v, notification) => (
              <Space size="small">
                {subjectLink(notification) && (
                  <Button size="small" type="link" onClick={() => void open(notification)} aria-label={`${t('查看', 'Open')} ${notification.subject.text}`}>
                    {t('查看', 'Open')}
                  </Button>
                )}
                {!notification.read && (
                  <Button size="small" onClick={() => void markOne(notification)} aria-label={`${t('标为已读', 'Mark read')} ${notification.subject.text}`}>
                    {t('标为已读', 'Mark read')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={inbox.data?.nextCursor} />
    </Space>
  );
}
