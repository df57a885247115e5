/**
 * Notification for
 *
 * A governance change or a deadline is only announced to those who must act on it or are bound by
 * it, each in the inbox of its department and role: the provider's sharing administrators
 * (provider-admin) of new requests and disputes and of requests coming due or overdue; the consumer
 * department of decisions, exceptions, revocations, expiring grants and dispute answers; the
 * coordination office (the operator's platform-admin) of escalations and of everything overdue; a
 * department's administrators of the result of their publication. Anything else announces nothing.
 * Each announcement carries one zh-CN line saying what it is about.
 * Serves art. 13 (10 working days to answer, escalation to the coordination office), art. 16
 * (disputes checked quickly) and art. 21 (the sharing administrator answers for the department).
 */
import { PLATFORM_OPERATOR, type Purpose, type Role } from '../types.ts';

export const NOTIFICATION_KINDS = [
  'NEW_REQUEST',
  'DUE_SOON',
  'OVERDUE',
  'DECIDED',
  'ESCALATED',
  'COMPLIANCE_CHECK',
  'NEGOTIATION',
  'REFERRED_TO_CITY',
  'EXCEPTION_GRANTED',
  'GRANT_REVOKED',
  'GRANT_EXPIRING',
  'DISPUTE_OPENED',
  'DISPUTE_ANSWERED',
  'DISPUTE_OVERDUE',
  'PUBLISH_RESULT',
  'RECTIFICATION_NOTICE',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One inbox: a department and a role in it. */
export interface Recipient {
  dept: string;
  role: Role;
}

export interface NotificationDraft {
  kind: NotificationKind;
  recipients: Recipient[];
  /** One zh-CN line. */
  text: string;
}

/** What happened (a governance event's action, or a deadline the scheduler found) and the facts of its subject. */
export type NotifiableFacts =
  | {
      subjectKind: 'access_request';
      /**
       * submitted, approved, refused, escalated, escalation-closed, exception-granted; the profile's steps
       * (compliance-passed/-refused, negotiation-agreed/-failed, referred-to-city, city-decision-entered);
       * due-soon, overdue (scheduler).
       */
      action: string;
      requestingDept: string;
      provider: string;
      fields: readonly string[];
      purpose: string;
      status: string;
      dueDate: string;
    }
  | { subjectKind: 'grant'; action: string; dept: string; field: string; fromRequest: boolean; validUntil: string }
  | { subjectKind: 'dispute'; action: string; reportingDept: string; provider: string; field: string; dueDate: string }
  | { subjectKind: 'rectification_notice'; action: string; department: string; kind: string; dueDate: string }
  | { subjectKind: 'subgraph'; action: string; name: string; version: number | undefined };

const PURPOSE_TEXT: Record<Purpose, string> = {
  ADMINISTRATIVE_BASIS: '作为行政依据',
  WORK_REFERENCE: '工作参考',
  DATA_VERIFICATION: '数据校核',
  BUSINESS_COLLABORATION: '业务协同',
};

const OFFICE: Recipient = { dept: PLATFORM_OPERATOR, role: 'platform-admin' };
const admins = (dept: string): Recipient => ({ dept, role: 'provider-admin' });
const consumers = (dept: string): Recipient => ({ dept, role: 'consumer' });

/** At most three items named, then how many more: the line stays one line. */
function itemsText(fields: readonly string[]): string {
  return fields.length <= 3 ? fields.join('、') : `${fields.slice(0, 3).join('、')}等${fields.length}项`;
}

function requestNotification(facts: Extract<NotifiableFacts, { subjectKind: 'access_request' }>, name: (code: string) => string): NotificationDraft | null {
  const items = itemsText(facts.fields);
  const purpose = PURPOSE_TEXT[facts.purpose as Purpose] ?? facts.purpose;
  const asked = `${name(facts.requestingDept)}申请${name(facts.provider)}的${items}（${purpose}）`;
  switch (facts.action) {
    case 'submitted':
      if (facts.status === 'ESCALATED')
        return { kind: 'ESCALATED', recipients: [OFFICE, admins(facts.provider)], text: `不予共享信息项的申请已提请协调：${asked}` };
      if (facts.status === 'NEGOTIATING')
        return {
          kind: 'NEGOTIATION',
          recipients: [admins(facts.provider)],
          text: `不予共享信息项的申请需两部门协商，请于${facts.dueDate}前记录协商结果：${asked}`,
        };
      if (facts.status === 'COMPLIANCE_CHECK')
        return { kind: 'COMPLIANCE_CHECK', recipients: [OFFICE], text: `新的共享申请待合规审核，请于${facts.dueDate}前审核：${asked}` };
      return { kind: 'NEW_REQUEST', recipients: [admins(facts.provider)], text: `新的共享申请：${asked}，请于${facts.dueDate}前答复` };
    case 'compliance-passed':
      return { kind: 'NEW_REQUEST', recipients: [admins(facts.provider)], text: `新的共享申请（已通过合规审核）：${asked}，请于${facts.dueDate}前答复` };
    case 'compliance-refused':
      return { kind: 'DECIDED', recipients: [consumers(facts.requestingDept)], text: `共享申请未通过合规审核：${asked}` };
    case 'negotiation-agreed':
      return { kind: 'DECIDED', recipients: [consumers(facts.requestingDept)], text: `协商一致，共享申请已同意：${asked}` };
    case 'negotiation-failed':
      return {
        kind: 'ESCALATED',
        recipients: [OFFICE, admins(facts.provider), consumers(facts.requestingDept)],
        text: `协商未达成一致，已提请领导小组办公室协调：${asked}`,
      };
    case 'referred-to-city':
      return {
        kind: 'REFERRED_TO_CITY',
        recipients: [admins(facts.provider), consumers(facts.requestingDept)],
        text: `领导小组办公室已提请市领导小组决定：${asked}`,
      };
    case 'city-decision-entered':
      return {
        kind: 'DECIDED',
        recipients: [consumers(facts.requestingDept), admins(facts.provider)],
        text: `${facts.status === 'CITY_APPROVED' ? '市领导小组决定同意' : '市领导小组决定不同意'}：${asked}`,
      };
    case 'approved':
      return { kind: 'DECIDED', recipients: [consumers(facts.requestingDept)], text: `共享申请已同意：${asked}` };
    case 'refused':
      return { kind: 'DECIDED', recipients: [consumers(facts.requestingDept)], text: `共享申请不予共享：${asked}` };
    case 'escalation-closed':
      return { kind: 'DECIDED', recipients: [consumers(facts.requestingDept)], text: `领导小组办公室协调不同意：${asked}` };
    case 'escalated':
      if (facts.status === 'NEGOTIATING')
        return {
          kind: 'NEGOTIATION',
          recipients: [admins(facts.provider), consumers(facts.requestingDept)],
          text: `共享申请进入两部门协商，请于${facts.dueDate}前记录协商结果：${asked}`,
        };
      return { kind: 'ESCALATED', recipients: [OFFICE, admins(facts.provider), consumers(facts.requestingDept)], text: `共享申请已提请协调：${asked}` };
    case 'exception-granted':
      return { kind: 'EXCEPTION_GRANTED', recipients: [consumers(facts.requestingDept)], text: `领导小组办公室协调授权：${asked}` };
    case 'due-soon':
      return { kind: 'DUE_SOON', recipients: [admins(facts.provider)], text: `共享申请即将到期，请于${facts.dueDate}前答复：${asked}` };
    case 'overdue':
      return {
        kind: 'OVERDUE',
        recipients: [admins(facts.provider), OFFICE, consumers(facts.requestingDept)],
        text: `共享申请已逾期未答复（应于${facts.dueDate}前答复）：${asked}`,
      };
    default:
      return null;
  }
}

/** The announcement of a change or deadline, or null when it concerns no one beyond who made it. */
export function notificationFor(facts: NotifiableFacts, name: (code: string) => string = (code) => code): NotificationDraft | null {
  switch (facts.subjectKind) {
    case 'access_request':
      return requestNotification(facts, name);
    case 'grant':
      if (facts.action === 'revoked') return { kind: 'GRANT_REVOKED', recipients: [consumers(facts.dept)], text: `授权已撤销：${facts.field}` };
      if (facts.action === 'expiring')
        return { kind: 'GRANT_EXPIRING', recipients: [consumers(facts.dept)], text: `授权将于${facts.validUntil}到期：${facts.field}，如需继续使用请重新申请` };
      // An exception answering a request is announced once, as the request's.
      if (facts.action === 'exception-granted' && !facts.fromRequest)
        return { kind: 'EXCEPTION_GRANTED', recipients: [consumers(facts.dept)], text: `领导小组办公室协调授权：${facts.field}` };
      return null;
    case 'rectification_notice':
      // 通知整改 (art. 22): the department's sharing administrators act on it; the office learns what they did.
      if (facts.action === 'issued')
        return {
          kind: 'RECTIFICATION_NOTICE',
          recipients: [admins(facts.department)],
          text: `领导小组办公室通知整改（${facts.kind}），请于${facts.dueDate}前整改并记录整改情况`,
        };
      if (facts.action === 'recorded')
        return { kind: 'RECTIFICATION_NOTICE', recipients: [OFFICE], text: `${name(facts.department)}已记录整改情况（${facts.kind}）` };
      return null;
    case 'dispute':
      if (facts.action === 'reported')
        return {
          kind: 'DISPUTE_OPENED',
          recipients: [admins(facts.provider)],
          text: `${name(facts.reportingDept)}对${facts.field}提出数据疑义，请于${facts.dueDate}前校核答复`,
        };
      if (facts.action === 'answered')
        return { kind: 'DISPUTE_ANSWERED', recipients: [consumers(facts.reportingDept)], text: `${name(facts.provider)}已答复数据疑义：${facts.field}` };
      if (facts.action === 'overdue')
        return {
          kind: 'DISPUTE_OVERDUE',
          recipients: [admins(facts.provider), OFFICE],
          text: `数据疑义校核已逾期（应于${facts.dueDate}前答复）：${name(facts.reportingDept)}对${facts.field}的疑义`,
        };
      return null;
    case 'subgraph': {
      const version = facts.version === undefined ? '' : `第${facts.version}版`;
      const outcome = { published: '已发布', 'rolled-back': '已回滚发布', 'publish-refused': '未通过检查，未发布' }[facts.action];
      return outcome ? { kind: 'PUBLISH_RESULT', recipients: [admins(facts.name)], text: `${name(facts.name)}子图${version}${outcome}` } : null;
    }
  }
}
