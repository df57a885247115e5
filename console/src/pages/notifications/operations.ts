/** The inbox's operations (README "Inbox"): a page of notifications, the unread count, marking read. */
import { graphql } from '../../gql/index.ts';
import type { NotificationsQuery } from '../../gql/graphql.ts';

export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($unreadOnly: Boolean, $first: Int, $after: String) {
    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      unread
      nextCursor
      notifications {
        id
        eventId
        kind
        at
        role
        read
        readAt
        subject {
          kind
          id
          text
        }
      }
    }
  }
`);

/** Only the count, for the bell. */
export const UNREAD_COUNT_QUERY = graphql(`
  query UnreadNotifications {
    notifications(unreadOnly: true, first: 1) {
      unread
    }
  }
`);

export const MARK_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

export type Notification = NotificationsQuery['notifications']['notifications'][number];

/** The most ids markNotificationsRead takes at once. */
export const MARK_READ_BATCH = 100;

/** Told to the bell when this tab changed the read state, so it counts again at once. */
export const NOTIFICATIONS_CHANGED = 'zhoucun:notifications-changed';
