/**
 * The header's bell: unread notifications of the signed-in person's inboxes, asked every 30 seconds
 * (not while the tab is hidden), on every change of page, and at once when this tab marked some
 * read; it opens 消息通知. Loaded on demand, so the initial bundle does not carry the GraphQL client.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { gql } from '../api.ts';
import { useT } from '../i18n.tsx';
import { go } from '../route.ts';
import { NOTIFICATIONS_CHANGED, UNREAD_COUNT_QUERY } from '../pages/notifications/operations.ts';

/** How often the bell asks, in milliseconds. */
export const BELL_POLL_MS = 30_000;

export interface NotificationBellProps {
  /** The page shown now: the bell asks again whenever it changes. */
  path: string;
}

export default function NotificationBell({ path }: NotificationBellProps) {
  const t = useT();
  const [unread, setUnread] = useState<number>();
  const count = useCallback(() => {
    // A failed count keeps the last one: the bell never interrupts with an error every 30 seconds.
    gql(UNREAD_COUNT_QUERY)
      .then((answer) => setUnread(answer.notifications.unread))
      .catch(() => undefined);
  }, []);
  useEffect(count, [path, count]);
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState !== 'hidden' && count(), BELL_POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, count);
    const whenShown = () => document.visibilityState === 'visible' && count();
    document.addEventListener('visibilitychange', whenShown);
    return () => {
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, count);
      document.removeEventListener('visibilitychange', whenShown);
    };
  }, [count]);
  const label = unread ? t(`消息通知，${unread} 条未读`, `Notifications, ${unread} unread`) : t('消息通知', 'Notifications');
  return (
    <Badge count={unread} size="small" offset={[-4, 4]} overflowCount={99}>
      <Button
        type="text"
        shape="circle"
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        data-unread={unread ?? 0}
        icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => go('notifications')}
      />
    </Badge>
  );
}
