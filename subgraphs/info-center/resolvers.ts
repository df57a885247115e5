/**
 * The governance API: root resolvers go through `governed` (argument texts and the caller's roles
 * checked) and call the service; type resolvers only map rows to the schema.
 */
import { chinaDate } from '../../policies/governance/china-date.ts';
import { catalogReviewDue, catalogReviewStart, isCatalogReviewOverdue, type CatalogEntryDates } from '../../policies/governance/catalog-review-due.ts';
import { isRunning } from '../../policies/governance/request-steps.ts';
import { isOverdue } from '../../policies/governance/is-overdue.ts';
import { isProvisional } from '../../policies/governance/working-calendar.ts';
import { isGrantLive } from '../../policies/is-grant-live.ts';
import { OPEN_CASE_ATTRIBUTE } from '../../policies/open-case.ts';
import type { Purpose } from '../../policies/types.ts';
import { shareError } from '../../platform/errors.ts';
import { defineResolvers } from '../shared/define-resolvers.ts';
import {
  closeEscalation,
  decideAccessRequest,
  escalateAccessRequest,
  getAccessRequest,
  listAccessRequests,
  requestAccess,
  type AccessRequestRow,
  type RequestAccessInput,
} from './access-requests.ts';
import { readAuditIntegrity } from './audit-integrity.ts';
import { dataUsage, listAuditRecords, type AuditFilter, type AuditRow, type UsageDimension } from './audit-views.ts';
import { catalogCycle, freshnessOf, listStaleResources, resourceOf } from './freshness.ts';
import { interfaceDocs, listCatalog, reviewCatalogItem, type CatalogRow } from './catalog.ts';
import { changeAdministrators, listDepartments, registerDepartment } from './departments.ts';
import type { DepartmentRegistration } from '../../policies/governance/check-department-registration.ts';
import { answerDispute, listDisputes, reportDispute, type DisputeRow } from './disputes.ts';
import { toPolicyGrant, type GrantRow } from '../../platform/store/grant-rows.ts';
import type { RowConditionInput } from '../../policies/governance/check-narrowing.ts';
import { grantException, listGrants, revokeGrant, type ExceptionInput } from './grants.ts';
import { governed, type GovernanceContext as Context } from './guard-governance-call.ts';
import { enterWorkingCalendar, workingCalendarYear, type WorkingCalendarYearView } from './working-calendar.ts';
import { checkCompliance, enterCityDecision, recordNegotiation, referToCity } from './request-steps.ts';
import { regulationProfileView } from './regulation-profile-view.ts';
import { evaluationReport } from './evaluation-report.ts';
import {
  isRectificationOverdue,
  issueRectificationNotice,
  listRectificationNotices,
  recordRectification,
  type IssueNoticeInput,
  type RectificationNoticeRow,
} from './rectification.ts';
import { accessesToSubject, type SubjectAccessArgs } from './subject-log.ts';
import { simulatePolicyChangeView } from './policy-simulation.ts';
import type { PolicyChangeInput } from '../../policies/governance/check-policy-simulation.ts';
import { listNotifications, markNotificationsRead, type NotificationRow } from './notifications.ts';
import {
  listWebhookDeliveries,
  listWebhooks,
  registerWebhook,
  removeWebhook,
  rotateWebhookSecret,
  type WebhookDeliveryRow,
  type WebhookRow,
} from './webhooks.ts';
import { listSubgraphVersions, publishSubgraph, rollbackSubgraph, type PublishArgs, type SubgraphVersionRow } from './publishing.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

type AdministratorArgs = { department: string; user: string; reason: string };

export const governanceResolvers = defineResolvers<Context>({
  Query: {
    myGrants: governed((args: { includeInactive: boolean }, actor, services) => listGrants(services, actor, { includeInactive: args.includeInactive })),
    accessRequests: governed((args: { status?: string }, actor, services) => listAccessRequests(services, actor, args.status)),
    accessRequest: governed((args: { id: string }, actor, services) => getAccessRequest(services, actor, args.id)),
    catalog: governed((args: { provider?: string; shareType?: string; resource?: string }, _actor, services) => listCatalog(services, args)),
    staleResources: governed(async (args: { provider?: string | null }, _actor, services, ctx) =>
      listStaleResources(services, await ctx.loaders.freshnessReadings(), await ctx.loaders.calendar(), args.provider),
    ),
    disputes: governed((args: { status?: string }, actor, services) => listDisputes(services, actor, args.status)),
    departments: governed((_args, _actor, services) => listDepartments(services.db)),
    auditRecords: governed((args: { filter?: AuditFilter; first: number; after?: string }, actor, services) =>
      listAuditRecords(services, actor, args.filter ?? {}, args.first, args.after),
    ),
    // The gateway answers verification itself; a call reaching here was not sent as a root field of its own operation.
    verify: () => {
      throw shareError('BAD_USER_INPUT', { message: 'Send verify as the only root field of its operation' });
    },
    accessesToSubject: governed((args: SubjectAccessArgs, actor, services) => accessesToSubject(services, actor, args)),
    auditIntegrity: governed((_args, actor, services) => readAuditIntegrity(services, actor)),
    dataUsage: governed((args: { from: string; to: string; groupBy: UsageDimension[] }, actor, services) => dataUsage(services, actor, args)),
    simulatePolicyChange: governed((args: { change: PolicyChangeInput; days: number }, actor, services) => simulatePolicyChangeView(services, actor, args)),
    workingCalendar: governed((args: { year: number }, _actor, services) => workingCalendarYear(services, args.year)),
    interfaceDocs: governed((args: { department: string }, _actor, services) => interfaceDocs(services, args.department)),
    subgraphVersions: governed((args: { name: string }, _actor, services) => listSubgraphVersions(services, args.name)),
    regulationProfile: governed((_args, _actor, services) => regulationProfileView(services)),
    notifications: governed((args: { unreadOnly?: boolean; first?: number; after?: string }, actor, services) => listNotifications(services, actor, args)),
    webhooks: governed((_args, actor, services) => listWebhooks(services, actor)),
    webhookDeliveries: governed((args: { department?: string; first?: number; after?: string }, actor, services) =>
      listWebhookDeliveries(services, actor, args),
    ),
    evaluationReport: governed((args: { department: string; from: string; to: string }, actor, services) => evaluationReport(services, actor, args)),
    rectificationNotices: governed((args: { status?: string; department?: string }, actor, services) => listRectificationNotices(services, actor, args)),
  },
  RectificationNotice: {
    issuedBy: (row: RectificationNoticeRow) => row.issued_by,
    issuedAt: (row: RectificationNoticeRow) => iso(row.issued_at),
    workingDays: (row: RectificationNoticeRow) => row.working_days,
    dueDate: (row: RectificationNoticeRow) => row.due_date,
    overdue: (row: RectificationNoticeRow, _: unknown, ctx: Context) => isRectificationOverdue(row, chinaDate(ctx.backend.now())),
    recordedBy: (row: RectificationNoticeRow) => row.recorded_by,
    recordedAt: (row: RectificationNoticeRow) => iso(row.recorded_at),
    actionTaken: (row: RectificationNoticeRow) => row.action_taken,
  },
  AuditRecord: {
    at: (row: AuditRow) => iso(row.at),
    requestId: (row: AuditRow) => row.request_id,
    department: (row: AuditRow) => row.dept,
    operationHash: (row: AuditRow) => row.operation_hash,
    operationName: (row: AuditRow) => row.operation_name,
    granted: (row: AuditRow) => row.visibleGranted,
    denied: (row: AuditRow) => row.visibleDenied,
    masked: (row: AuditRow) => row.visibleMasked,
    served: (row: AuditRow) => Object.entries(row.visibleServed).map(([provider, use]) => ({ provider, ...use })),
    durationMs: (row: AuditRow) => row.duration_ms,
  },
  Mutation: {
    requestAccess: governed((args: { input: RequestAccessInput }, actor, services) => requestAccess(services, actor, args.input)),
    decideAccessRequest: governed(
      (
        args: { id: string; approve: boolean; reason?: string; fields?: string[]; validUntil?: string; mask?: string; condition?: RowConditionInput[] },
        actor,
        services,
      ) => decideAccessRequest(services, actor, args),
    ),
    revokeGrant: governed((args: { id: string; reason: string }, actor, services) => revokeGrant(services, actor, args.id, args.reason)),
    escalateAccessRequest: governed((args: { id: string; reason: string }, actor, services) => escalateAccessRequest(services, actor, args.id, args.reason)),
    grantException: governed((args: { input: ExceptionInput }, actor, services) => grantException(services, actor, args.input)),
    closeEscalation: governed((args: { id: string; reason: string }, actor, services) => closeEscalation(services, actor, args.id, args.reason)),
    checkCompliance: governed((args: { id: string; pass: boolean; reason?: string; publicationNeeded?: boolean }, actor, services) =>
      checkCompliance(services, actor, args),
    ),
    recordNegotiation: governed((args: { id: string; outcome: 'AGREED' | 'FAILED'; text: string; fields?: string[]; validUntil?: string }, actor, services) =>
      recordNegotiation(services, actor, args),
    ),
    referToCity: governed((args: { id: string; reason: string }, actor, services) => referToCity(services, actor, args.id, args.reason)),
    enterCityDecision: governed((args: { id: string; approve: boolean; decision: string; fields?: string[]; validUntil?: string }, actor, services) =>
      enterCityDecision(services, actor, args),
    ),
    reportDispute: governed((args: { input: { field: string; entityKey: string; description: string; evidence: string } }, actor, services) =>
      reportDispute(services, actor, args.input),
    ),
    answerDispute: governed((args: { id: string; answer: string; outcome: string }, actor, services) => answerDispute(services, actor, args)),
    reviewCatalogItem: governed((args: { coordinate: string; override: Record<string, unknown>; reason: string }, actor, services) =>
      reviewCatalogItem(services, actor, args.coordinate, args.override, args.reason),
    ),
    appointSharingAdministrator: governed((args: AdministratorArgs, actor, services) => changeAdministrators(services, actor, { appoint: true, ...args })),
    removeSharingAdministrator: governed((args: AdministratorArgs, actor, services) => changeAdministrators(services, actor, { appoint: false, ...args })),
    enterWorkingCalendar: governed((args: { year: number; holidays: string[]; workdays: string[]; reason: string }, actor, services) =>
      enterWorkingCalendar(services, actor, args),
    ),
    registerDepartment: governed((args: DepartmentRegistration & Record<string, unknown>, actor, services) => registerDepartment(services, actor, args)),
    publishSubgraph: governed((args: PublishArgs, actor, services) => publishSubgraph(services, actor, args)),
    rollbackSubgraph: governed((args: { name: string; version: number; reason: string }, actor, services) => rollbackSubgraph(services, actor, args)),
    issueRectificationNotice: governed((args: IssueNoticeInput & Record<string, unknown>, actor, services) => issueRectificationNotice(services, actor, args)),
    recordRectification: governed((args: { id: string; action: string }, actor, services) => recordRectification(services, actor, args)),
    markNotificationsRead: governed((args: { ids: string[] }, actor, services) => markNotificationsRead(services, actor, args.ids)),
    registerWebhook: governed((args: { department: string; url: string }, actor, services) => registerWebhook(services, actor, args)),
    rotateWebhookSecret: governed((args: { department: string }, actor, services) => rotateWebhookSecret(services, actor, args)),
    removeWebhook: governed((args: { department: string }, actor, services) => removeWebhook(services, actor, args)),
  },
  Notification: {
    id: (row: NotificationRow) => String(row.id),
    eventId: (row: NotificationRow) => row.event_id,
    at: (row: NotificationRow) => iso(row.at),
    subject: (row: NotificationRow) => ({ kind: row.subject_kind.toUpperCase(), id: row.subject_id, text: row.text }),
    read: (row: NotificationRow) => row.read_at !== null,
    readAt: (row: NotificationRow) => iso(row.read_at),
    readBy: (row: NotificationRow) => row.read_by,
  },
  Webhook: {
    department: (row: WebhookRow) => row.dept,
    registeredBy: (row: WebhookRow) => row.registered_by,
    registeredAt: (row: WebhookRow) => iso(row.registered_at),
    secretRotatedAt: (row: WebhookRow) => iso(row.secret_rotated_at),
    removedAt: (row: WebhookRow) => iso(row.removed_at),
  },
  WebhookDelivery: {
    id: (row: WebhookDeliveryRow) => String(row.id),
    eventId: (row: WebhookDeliveryRow) => row.event_id,
    lastError: (row: WebhookDeliveryRow) => row.last_error,
    lastAttemptAt: (row: WebhookDeliveryRow) => iso(row.last_attempt_at),
    nextAttemptAt: (row: WebhookDeliveryRow) => (row.status === 'PENDING' ? iso(row.next_attempt_at) : null),
    deliveredAt: (row: WebhookDeliveryRow) => iso(row.delivered_at),
  },
  WorkingCalendarYear: {
    enteredAt: (view: WorkingCalendarYearView) => iso(view.enteredAt),
  },
  SubgraphVersion: {
    publishedBy: (row: SubgraphVersionRow) => row.published_by,
    publishedAt: (row: SubgraphVersionRow) => iso(row.published_at),
    dryRun: (row: SubgraphVersionRow) => row.dry_run,
    rollbackOf: (row: SubgraphVersionRow) => row.rollback_of,
  },
  AccessRequest: {
    requestedBy: (row: AccessRequestRow) => row.requested_by,
    requestingDepartment: (row: AccessRequestRow) => row.requesting_dept,
    purpose: (row: AccessRequestRow) => row.purpose as Purpose,
    submittedAt: (row: AccessRequestRow) => iso(row.submitted_at),
    dueDate: (row: AccessRequestRow) => row.due_date,
    overdue: (row: AccessRequestRow, _: unknown, ctx: Context) =>
      isOverdue({ dueDate: row.due_date, awaitingAnswer: isRunning(row.status) }, chinaDate(ctx.backend.now())),
    // The step's deadline: counted from the day the step started, over every year up to its due date.
    dueDateProvisional: async (row: AccessRequestRow, _: unknown, ctx: Context) =>
      isProvisional(chinaDate(new Date(row.step_started_at)), row.due_date, await ctx.loaders.calendar()),
    regulationProfile: (row: AccessRequestRow) => row.regulation_profile,
    stepStartedAt: (row: AccessRequestRow) => iso(row.step_started_at),
    complianceCheckedAt: (row: AccessRequestRow) => iso(row.compliance_checked_at),
    complianceCheckedBy: (row: AccessRequestRow) => row.compliance_checked_by,
    complianceReason: (row: AccessRequestRow) => row.compliance_reason,
    publicationNeeded: (row: AccessRequestRow) => row.publication_needed,
    negotiationStartedAt: (row: AccessRequestRow) => iso(row.negotiation_started_at),
    negotiationOutcome: (row: AccessRequestRow) => row.negotiation_outcome,
    negotiationText: (row: AccessRequestRow) => row.negotiation_text,
    negotiatedAt: (row: AccessRequestRow) => iso(row.negotiated_at),
    negotiatedBy: (row: AccessRequestRow) => row.negotiated_by,
    referredAt: (row: AccessRequestRow) => iso(row.referred_at),
    referralReason: (row: AccessRequestRow) => row.referral_reason,
    cityDecision: (row: AccessRequestRow) => row.city_decision,
    cityDecisionEnteredAt: (row: AccessRequestRow) => iso(row.city_decision_entered_at),
    wantedUntil: (row: AccessRequestRow) => row.wanted_until,
    decidedAt: (row: AccessRequestRow) => iso(row.decided_at),
    decidedBy: (row: AccessRequestRow) => row.decided_by,
    reason: (row: AccessRequestRow) => row.decision_reason,
    grantedFields: (row: AccessRequestRow) => row.granted_fields,
    grantedUntil: (row: AccessRequestRow) => row.granted_until,
    escalatedAt: (row: AccessRequestRow) => iso(row.escalated_at),
    escalationReason: (row: AccessRequestRow) => row.escalation_reason,
    grants: (row: AccessRequestRow, _: unknown, ctx: Context) =>
      ctx.backend.db.selectFrom('grants').selectAll().where('request_id', '=', row.id).orderBy('field').execute(),
  },
  Grant: {
    department: (row: GrantRow) => row.dept,
    validFrom: (row: GrantRow) => iso(row.valid_from),
    validUntil: (row: GrantRow) => iso(row.valid_until),
    live: (row: GrantRow, _: unknown, ctx: Context) => isGrantLive(toPolicyGrant(row), ctx.backend.now()),
    revokedAt: (row: GrantRow) => iso(row.revoked_at),
    revokedBy: (row: GrantRow) => row.revoked_by,
    revokeReason: (row: GrantRow) => row.revoke_reason,
    requestId: (row: GrantRow) => row.request_id,
    grantedBy: (row: GrantRow) => row.granted_by,
    mask: (row: GrantRow) => toPolicyGrant(row).mask ?? null,
    condition: (row: GrantRow) => {
      const condition = toPolicyGrant(row).condition;
      return condition
        ? Object.entries(condition).map(([attribute, test]) => ({
            kind: attribute === OPEN_CASE_ATTRIBUTE ? 'OPEN_CASE' : 'ATTRIBUTE',
            attribute,
            anyOf: test.$in,
          }))
        : null;
    },
  },
  Dispute: {
    entityKey: (row: DisputeRow) => row.entity_key,
    reportingDepartment: (row: DisputeRow) => row.reporting_dept,
    reportedBy: (row: DisputeRow) => row.reported_by,
    reportedAt: (row: DisputeRow) => iso(row.reported_at),
    dueDate: (row: DisputeRow) => row.due_date,
    overdue: (row: DisputeRow, _: unknown, ctx: Context) =>
      isOverdue({ dueDate: row.due_date, awaitingAnswer: row.status === 'OPEN' }, chinaDate(ctx.backend.now())),
    dueDateProvisional: async (row: DisputeRow, _: unknown, ctx: Context) =>
      isProvisional(chinaDate(new Date(row.reported_at)), row.due_date, await ctx.loaders.calendar()),
    answeredAt: (row: DisputeRow) => iso(row.answered_at),
    answeredBy: (row: DisputeRow) => row.answered_by,
  },
  CatalogItem: catalogItemResolvers(),
  ResourceFreshness: { freshness: (resource: unknown) => resource },
});

const catalogEntryDates = (row: CatalogRow): CatalogEntryDates => ({
  publishedOn: row.published_on,
  changedOn: row.changed_on,
  pendingReview: row.review_status === 'PENDING_REVIEW',
});

function catalogItemResolvers() {
  const element = (row: CatalogRow, key: string) => (row.override && key in row.override ? row.override[key] : row.declared[key]);
  return {
    resource: (row: CatalogRow) => row.type_name,
    field: (row: CatalogRow) => row.field_name,
    providerCode: async (row: CatalogRow, _: unknown, ctx: Context) =>
      (await ctx.backend.db.selectFrom('departments').select('org_code').where('code', '=', row.provider).executeTakeFirst())?.org_code ?? null,
    resourceCode: (row: CatalogRow) => `370306-${row.provider}-${row.type_name}`,
    shareType: (row: CatalogRow) => row.declared['shareType'],
    shareCondition: (row: CatalogRow) => element(row, 'shareCondition'),
    basis: (row: CatalogRow) => row.declared['basis'],
    classification: (row: CatalogRow) => element(row, 'classification'),
    abstract: (row: CatalogRow) => element(row, 'abstract'),
    format: (row: CatalogRow) => element(row, 'format'),
    shareMethod: (row: CatalogRow) => element(row, 'shareMethod'),
    openToPublic: (row: CatalogRow) => element(row, 'openToPublic'),
    updateCycle: (row: CatalogRow) => element(row, 'updateCycle'),
    dataAsOf: async (row: CatalogRow, _: unknown, ctx: Context) => {
      const readings = await ctx.loaders.freshnessReadings();
      return freshnessOf(readings, row.provider, resourceOf(row, ctx.backend, readings), catalogCycle(row), ctx.backend.now(), await ctx.loaders.calendar())
        .dataAsOf;
    },
    freshness: async (row: CatalogRow, _: unknown, ctx: Context) => {
      const readings = await ctx.loaders.freshnessReadings();
      return freshnessOf(readings, row.provider, resourceOf(row, ctx.backend, readings), catalogCycle(row), ctx.backend.now(), await ctx.loaders.calendar());
    },
    publishedOn: (row: CatalogRow) => row.published_on,
    relatedResources: (row: CatalogRow) => element(row, 'relatedResources') ?? [],
    overridden: (row: CatalogRow) => row.override !== null && Object.keys(row.override).length > 0,
    reviewedBy: (row: CatalogRow) => row.reviewed_by,
    reviewedAt: (row: CatalogRow) => iso(row.reviewed_at),
    reviewStatus: (row: CatalogRow) => row.review_status,
    changedOn: (row: CatalogRow) => row.changed_on,
    reviewDueDate: async (row: CatalogRow, _: unknown, ctx: Context) =>
      catalogReviewDue(catalogEntryDates(row), await ctx.loaders.calendar(), ctx.backend.profile.catalog.reviewWorkingDays),
    reviewDueDateProvisional: async (row: CatalogRow, _: unknown, ctx: Context) => {
      const entry = catalogEntryDates(row);
      const calendar = await ctx.loaders.calendar();
      const due = catalogReviewDue(entry, calendar, ctx.backend.profile.catalog.reviewWorkingDays);
      return due !== null && isProvisional(catalogReviewStart(entry), due, calendar);
    },
    reviewOverdue: async (row: CatalogRow, _: unknown, ctx: Context) =>
      isCatalogReviewOverdue(catalogEntryDates(row), chinaDate(ctx.backend.now()), await ctx.loaders.calendar(), ctx.backend.profile.catalog.reviewWorkingDays),
  };
}
