/** What each notification kind is called (the regulation's words), and which page of the console shows its subject. */
import type { Role } from '../../session.ts';
import type { Notification } from './operations.ts';

export const NOTIFICATION_KINDS: Readonly<Record<string, { zh: string; en: string; color: string }>> = {
  NEW_REQUEST: { zh: '新的共享申请', en: 'New request', color: 'blue' },
  DUE_SOON: { zh: '申请即将到期', en: 'Due soon', color: 'orange' },
  OVERDUE: { zh: '申请已超期', en: 'Overdue', color: 'red' },
  DECIDED: { zh: '申请已答复', en: 'Decided', color: 'green' },
  ESCALATED: { zh: '已提请协调', en: 'Escalated', color: 'orange' },
  COMPLIANCE_CHECK: { zh: '待合规审核', en: 'Compliance check', color: 'blue' },
  NEGOTIATION: { zh: '进入协商', en: 'Negotiation', color: 'orange' },
  REFERRED_TO_CITY: { zh: '已提请市领导小组', en: 'Referred to the city', color: 'orange' },
  EXCEPTION_GRANTED: { zh: '协调授权', en: 'Exception granted', color: 'green' },
  GRANT_REVOKED: { zh: '授权已撤销', en: 'Grant revoked', color: 'red' },
  GRANT_EXPIRING: { zh: '授权即将到期', en: 'Grant expiring', color: 'orange' },
  DISPUTE_OPENED: { zh: '数据疑义', en: 'Data dispute', color: 'blue' },
  DISPUTE_ANSWERED: { zh: '疑义已答复', en: 'Dispute answered', color: 'green' },
  DISPUTE_OVERDUE: { zh: '疑义答复超期', en: 'Dispute overdue', color: 'red' },
  PUBLISH_RESULT: { zh: '发布结果', en: 'Publication', color: 'default' },
  RECTIFICATION_NOTICE: { zh: '通知整改', en: 'Rectification notice', color: 'volcano' },
};

const ANSWER_KINDS = new Set(['NEW_REQUEST', 'DUE_SOON', 'OVERDUE', 'COMPLIANCE_CHECK']);

/**
 * The console page (and its tab) that lists the notification's subject for the inbox's role, or
 * undefined where the console has none (a subgraph publication, a grant for the office).
 */
export function subjectLink(notification: Pick<Notification, 'kind' | 'role' | 'subject'>): { path: string; params: Record<string, string> } | undefined {
  const role = notification.role as Role;
  const at = (path: string, tab: string) => ({ path, params: { tab, id: notification.subject.id } });
  switch (notification.subject.kind) {
    case 'ACCESS_REQUEST':
      if (role === 'consumer') return at('mine', 'requests');
      if (role === 'provider-admin') return at('inbox', ANSWER_KINDS.has(notification.kind) ? 'pending' : 'answered');
      return at('office', 'escalations');
    case 'GRANT':
      if (role === 'consumer') return at('mine', 'grants');
      return role === 'provider-admin' ? at('inbox', 'answered') : undefined;
    case 'DISPUTE':
      if (role === 'consumer') return at('mine', 'disputes');
      return at(role === 'provider-admin' ? 'inbox' : 'office', 'disputes');
    case 'RECTIFICATION_NOTICE':
      return role === 'consumer' ? undefined : at('evaluation', 'notices');
    default:
      return undefined;
  }
}
