/** The webhook operations (README "Webhooks"): list, register or move, rotate the secret, remove, deliveries. */
import { graphql } from '../../gql/index.ts';
import type { WebhookDeliveriesQuery, WebhooksQuery } from '../../gql/graphql.ts';

export const WEBHOOKS_QUERY = graphql(`
  query Webhooks {
    webhooks {
      department
      url
      registeredBy
      registeredAt
      secretRotatedAt
      removedAt
    }
  }
`);

export const WEBHOOK_DELIVERIES_QUERY = graphql(`
  query WebhookDeliveries($department: String, $first: Int, $after: String) {
    webhookDeliveries(department: $department, first: $first, after: $after) {
      nextCursor
      deliveries {
        id
        eventId
        kind
        status
        attempts
        lastError
        lastAttemptAt
        nextAttemptAt
        deliveredAt
      }
    }
  }
`);

export const REGISTER_WEBHOOK = graphql(`
  mutation RegisterWebhook($department: String!, $url: String!) {
    registerWebhook(department: $department, url: $url) {
      secret
      webhook {
        department
        url
        registeredAt
      }
    }
  }
`);

export const ROTATE_WEBHOOK_SECRET = graphql(`
  mutation RotateWebhookSecret($department: String!) {
    rotateWebhookSecret(department: $department) {
      secret
      webhook {
        department
        secretRotatedAt
      }
    }
  }
`);

export const REMOVE_WEBHOOK = graphql(`
  mutation RemoveWebhook($department: String!) {
    removeWebhook(department: $department) {
      department
      removedAt
    }
  }
`);

export type Webhook = WebhooksQuery['webhooks'][number];
export type WebhookDelivery = WebhookDeliveriesQuery['webhookDeliveries']['deliveries'][number];

export const DELIVERY_STATUSES: Readonly<Record<string, { zh: string; en: string; color: string }>> = {
  PENDING: { zh: '待投递', en: 'Pending', color: 'processing' },
  DELIVERED: { zh: '已送达', en: 'Delivered', color: 'success' },
  DEAD: { zh: '投递失败', en: 'Dead', color: 'error' },
};

/** The address rules the server applies (README "Webhooks"), checked first so the form says which one in Chinese. */
export function webhookUrlProblem(value: string): { zh: string; en: string } | undefined {
  if (value.length > 2048) return { zh: '地址不超过 2048 个字符', en: 'At most 2048 characters' };
  // Control and format characters (C0, C1, bidi and zero-width marks) never belong in an address.
  if (/[\p{Cc}\p{Cf}]/u.test(value)) return { zh: '地址含有控制字符', en: 'The address holds control characters' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { zh: '请填写完整的 http 或 https 地址', en: 'Give an absolute http or https address' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { zh: '仅支持 http 或 https 地址', en: 'Only http or https' };
  if (url.username || url.password) return { zh: '地址不得包含用户名或密码', en: 'No user name or password in the address' };
  if (value.includes('#')) return { zh: '地址不得包含 # 片段', en: 'No fragment (#) in the address' };
  return undefined;
}
