import { describe, expect, it } from 'vitest';
import { notificationFor, type NotifiableFacts } from './notification-for.ts';

const request = (action: string, status = 'PENDING'): NotifiableFacts => ({
  subjectKind: 'access_request',
  action,
  requestingDept: 'civil-affairs',
  provider: 'human-resources',
  fields: ['Resident.pensionStatus', 'Resident.monthlyPension', 'Resident.socialInsurance', 'Resident.pensionIn'],
  purpose: 'ADMINISTRATIVE_BASIS',
  status,
  dueDate: '2026-06-15',
});

/** Kind and inboxes, in words: `KIND → dept/role, …`. */
function who(facts: NotifiableFacts): string {
  const draft = notificationFor(facts);
  return draft ? `${draft.kind} → ${draft.recipients.map((r) => `${r.dept}/${r.role}`).join(', ')}` : 'nobody';
}

describe('notification for', () => {
  it('art-13: when a request is made, decided, escalated or runs late, then the side that must act or is bound is told', () => {
    expect(who(request('submitted'))).toBe('NEW_REQUEST → human-resources/provider-admin');
    expect(who(request('submitted', 'ESCALATED'))).toBe('ESCALATED → info-center/platform-admin, human-resources/provider-admin');
    expect(who(request('approved'))).toBe('DECIDED → civil-affairs/consumer');
    expect(who(request('refused'))).toBe('DECIDED → civil-affairs/consumer');
    expect(who(request('escalation-closed'))).toBe('DECIDED → civil-affairs/consumer');
    expect(who(request('escalated'))).toBe('ESCALATED → info-center/platform-admin, human-resources/provider-admin, civil-affairs/consumer');
    expect(who(request('exception-granted'))).toBe('EXCEPTION_GRANTED → civil-affairs/consumer');
    expect(who(request('due-soon'))).toBe('DUE_SOON → human-resources/provider-admin');
    expect(who(request('overdue'))).toBe('OVERDUE → human-resources/provider-admin, info-center/platform-admin, civil-affairs/consumer');
    expect(who(request('due-date-recounted'))).toBe('nobody');
  });

  it("art-13: when a request moves through the profile's steps (compliance check, negotiation, the city leading group), then whoever must act next is told", () => {
    expect(who(request('submitted', 'COMPLIANCE_CHECK'))).toBe('COMPLIANCE_CHECK → info-center/platform-admin');
    expect(who(request('compliance-passed'))).toBe('NEW_REQUEST → human-resources/provider-admin');
    expect(who(request('compliance-refused', 'COMPLIANCE_REFUSED'))).toBe('DECIDED → civil-affairs/consumer');
    expect(who(request('submitted', 'NEGOTIATING'))).toBe('NEGOTIATION → human-resources/provider-admin');
    expect(who(request('escalated', 'NEGOTIATING'))).toBe('NEGOTIATION → human-resources/provider-admin, civil-affairs/consumer');
    expect(who(request('negotiation-agreed', 'AGREED'))).toBe('DECIDED → civil-affairs/consumer');
    expect(who(request('negotiation-failed', 'ESCALATED'))).toBe(
      'ESCALATED → info-center/platform-admin, human-resources/provider-admin, civil-affairs/consumer',
    );
    expect(who(request('referred-to-city', 'REFERRED_TO_CITY'))).toBe('REFERRED_TO_CITY → human-resources/provider-admin, civil-affairs/consumer');
    expect(who(request('city-decision-entered', 'CITY_APPROVED'))).toBe('DECIDED → civil-affairs/consumer, human-resources/provider-admin');
    expect(notificationFor(request('city-decision-entered', 'CITY_REFUSED'))?.text).toMatch(/^市领导小组决定不同意：/);
  });

  it("art-22: when the coordination office issues a rectification notice, then the department's sharing administrators are told; what they record, the office", () => {
    const notice = (action: string): NotifiableFacts => ({
      subjectKind: 'rectification_notice',
      action,
      department: 'human-resources',
      kind: 'LATE_ANSWERS',
      dueDate: '2026-06-15',
    });
    expect(who(notice('issued'))).toBe('RECTIFICATION_NOTICE → human-resources/provider-admin');
    expect(notificationFor(notice('issued'))?.text).toContain('请于2026-06-15前整改');
    expect(who(notice('recorded'))).toBe('RECTIFICATION_NOTICE → info-center/platform-admin');
  });

  it('art-16: when a dispute is reported, answered or left unanswered past its due date, then the provider, the reporter or the office is told', () => {
    const dispute = (action: string): NotifiableFacts => ({
      subjectKind: 'dispute',
      action,
      reportingDept: 'civil-affairs',
      provider: 'human-resources',
      field: 'Resident.monthlyPension',
      dueDate: '2026-06-15',
    });
    expect(who(dispute('reported'))).toBe('DISPUTE_OPENED → human-resources/provider-admin');
    expect(who(dispute('answered'))).toBe('DISPUTE_ANSWERED → civil-affairs/consumer');
    expect(who(dispute('overdue'))).toBe('DISPUTE_OVERDUE → human-resources/provider-admin, info-center/platform-admin');
  });

  it('when a grant is revoked, expiring or granted as an exception, then its holder is told, an exception answering a request only once', () => {
    const grant = (action: string, fromRequest = false): NotifiableFacts => ({
      subjectKind: 'grant',
      action,
      dept: 'civil-affairs',
      field: 'Resident.criminalRecord',
      fromRequest,
      validUntil: '2026-06-30',
    });
    expect(who(grant('revoked'))).toBe('GRANT_REVOKED → civil-affairs/consumer');
    expect(who(grant('expiring'))).toBe('GRANT_EXPIRING → civil-affairs/consumer');
    expect(who(grant('exception-granted'))).toBe('EXCEPTION_GRANTED → civil-affairs/consumer');
    expect(who(grant('exception-granted', true))).toBe('nobody');
  });

  it('when a subgraph is published, rolled back or refused, then its department’s administrators are told; a dry run tells no one', () => {
    const subgraph = (action: string): NotifiableFacts => ({ subjectKind: 'subgraph', action, name: 'civil-affairs', version: 3 });
    expect(who(subgraph('published'))).toBe('PUBLISH_RESULT → civil-affairs/provider-admin');
    expect(who(subgraph('publish-refused'))).toBe('PUBLISH_RESULT → civil-affairs/provider-admin');
    expect(who(subgraph('dry-run'))).toBe('nobody');
    expect(notificationFor(subgraph('rolled-back'), () => '区民政局')?.text).toBe('区民政局子图第3版已回滚发布');
  });

  it('when a request names many items, then the line names three and counts the rest', () => {
    const names = (code: string) => ({ 'civil-affairs': '区民政局', 'human-resources': '区人力资源和社会保障局' })[code] ?? code;
    expect(notificationFor(request('submitted'), names)?.text).toBe(
      '新的共享申请：区民政局申请区人力资源和社会保障局的Resident.pensionStatus、Resident.monthlyPension、Resident.socialInsurance等4项（作为行政依据），请于2026-06-15前答复',
    );
  });
});
