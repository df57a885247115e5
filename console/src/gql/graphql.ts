/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccessRequestInput = {
  /** READ (receive the items) or VERIFY (only check claims against them, 核验) */
  action?: GrantAction | null | undefined;
  fields: Array<string>;
  justification: string;
  matter?: string | null | undefined;
  purpose: Purpose;
  /** Last day of the wanted validity; default one year (at most GRANT_MAX_VALIDITY_DAYS ahead) */
  validUntil?: string | null | undefined;
};

export type AccessRequestStatus =
  /** the negotiation agreed: the provider granted the agreed items */
  | 'AGREED'
  | 'APPROVED'
  /** the city leading group decided to grant: exceptional grants on its decision */
  | 'CITY_APPROVED'
  /** the city leading group decided against the request */
  | 'CITY_REFUSED'
  /** the coordination office decided against the escalated request */
  | 'CLOSED'
  /** waiting for the platform operator's compliance check (profiles with that step) */
  | 'COMPLIANCE_CHECK'
  /** the platform operator found the request not compliant, with its reason */
  | 'COMPLIANCE_REFUSED'
  /** with the coordination office (negotiation failed, or a profile without negotiation) */
  | 'ESCALATED'
  /** the coordination office granted exceptional access */
  | 'EXCEPTION_GRANTED'
  /** the two departments negotiate (协商): a refused request the consumer still needs, or one holding NONE items */
  | 'NEGOTIATING'
  /** waiting for the provider's answer */
  | 'PENDING'
  /** the coordination office referred the request to the city leading group (提请市领导小组) */
  | 'REFERRED_TO_CITY'
  | 'REFUSED';

export type AuditFilter = {
  department?: string | null | undefined;
  field?: string | null | undefined;
  /** ISO 8601 instant, inclusive */
  from?: string | null | undefined;
  outcome?: string | null | undefined;
  provider?: string | null | undefined;
  purpose?: Purpose | null | undefined;
  /** ISO 8601 instant, exclusive */
  to?: string | null | undefined;
};

export type CalendarSource =
  /** entered by the coordination office from the State Council's notice */
  | 'ENTERED'
  /** the maintained chinese-days calendar */
  | 'LIBRARY'
  /** no schedule known: only weekends are days off, and deadlines in this year are provisional */
  | 'WEEKENDS_ONLY';

export type CatalogOverrideInput = {
  abstract?: string | null | undefined;
  classification?: string | null | undefined;
  format?: string | null | undefined;
  openToPublic?: boolean | null | undefined;
  relatedResources?: Array<string> | null | undefined;
  shareCondition?: string | null | undefined;
  shareMethod?: string | null | undefined;
  updateCycle?: string | null | undefined;
};

export type DisputeInput = {
  description: string;
  entityKey: string;
  evidence: string;
  field: string;
};

export type DisputeOutcome =
  /** the value was checked and is right */
  | 'CONFIRMED'
  /** the value was wrong and has been corrected at the source */
  | 'CORRECTED';

export type DisputeStatus =
  | 'ANSWERED'
  | 'OPEN';

export type ExceptionInput = {
  /** READ (receive the items) or VERIFY (only check claims against them, 核验); absent: the answered request's own, else READ */
  action?: GrantAction | null | undefined;
  basis: string;
  department: string;
  fields: Array<string>;
  purpose: Purpose;
  reason: string;
  requestId?: string | number | null | undefined;
  validUntil: string;
};

/** What a grant allows */
export type GrantAction =
  /** receive the item's values */
  | 'READ'
  /** check claimed values against the item, never receiving it */
  | 'VERIFY';

export type GrantKind =
  /** granted by the coordination office with a legal basis */
  | 'EXCEPTION'
  /** from an approved access request */
  | 'REQUEST';

/** How a consumer receives an item */
export type ItemAccess =
  | 'DENIED'
  /** masked, for some or all records */
  | 'MASKED'
  /** in full, every record */
  | 'READ'
  /** only records that meet a grant's row condition */
  | 'ROWS'
  /** only verified against claims (核验), never received */
  | 'VERIFY';

export type MaskKind =
  | 'ADDRESS_TO_SUBDISTRICT'
  | 'AMOUNT_BAND'
  | 'CITIZEN_ID_PARTIAL'
  | 'DATE_TO_MONTH'
  | 'DATE_TO_YEAR'
  | 'NAME_PARTIAL'
  | 'PHONE_PARTIAL';

export type NotificationKind =
  /** a new request waits for the operator's compliance check (platform-admin; provincial-two-step profile) */
  | 'COMPLIANCE_CHECK'
  /** your request was approved or refused, or the coordination office closed it (consumer) */
  | 'DECIDED'
  /** the provider answered your dispute (consumer) */
  | 'DISPUTE_ANSWERED'
  /** a data dispute about your items (provider-admin) */
  | 'DISPUTE_OPENED'
  /** an open dispute is past its due date (provider-admin, the coordination office) */
  | 'DISPUTE_OVERDUE'
  /** a pending request is due within 2 working days (provider-admin) */
  | 'DUE_SOON'
  /** a request went to the coordination office (platform-admin, provider-admin) */
  | 'ESCALATED'
  /** the coordination office granted an exception (consumer) */
  | 'EXCEPTION_GRANTED'
  /** a grant your department holds ends within 10 days (consumer) */
  | 'GRANT_EXPIRING'
  /** a grant your department held was revoked (consumer) */
  | 'GRANT_REVOKED'
  /** a request went to negotiation between the two departments (provider-admin, the requester) */
  | 'NEGOTIATION'
  /** a new access request to answer (provider-admin) */
  | 'NEW_REQUEST'
  /** a pending request is past its due date (provider-admin, the coordination office, the requester) */
  | 'OVERDUE'
  /** your subgraph was published, rolled back or refused (provider-admin) */
  | 'PUBLISH_RESULT'
  /** a rectification notice (通知整改, art. 22) to act on (provider-admin), or what the department recorded (platform-admin) */
  | 'RECTIFICATION_NOTICE'
  /** the coordination office referred a request to the city leading group (provider-admin, the requester) */
  | 'REFERRED_TO_CITY';

/** Exactly one of the four */
export type PolicyChangeInput = {
  grant?: SimulatedGrantInput | null | undefined;
  mask?: SimulatedMaskInput | null | undefined;
  revoke?: SimulatedRevocationInput | null | undefined;
  shareType?: SimulatedShareTypeInput | null | undefined;
};

/**
 * Governance of the sharing platform, run by the platform operator (区信息中心): the district catalog
 * (art. 7–9), access requests and grants (art. 13), data disputes (art. 16) and the department
 * registry (art. 21). Every field is readable by any authenticated department; who may see or do what
 * is decided per record by role (consumer, provider-admin, platform-admin), and a role counts only
 * where the registry bears it out: platform-admin for the operator (info-center), provider-admin for
 * the department's listed sharing administrators. Texts are bounded: identifiers 128 characters,
 * one-line texts 128, prose 2000, lists 100 items; no control, format or bidi characters.
 */
export type Purpose =
  /** 作为行政依据 */
  | 'ADMINISTRATIVE_BASIS'
  /** 业务协同 */
  | 'BUSINESS_COLLABORATION'
  /** 数据校核 */
  | 'DATA_VERIFICATION'
  /** 工作参考 */
  | 'WORK_REFERENCE';

export type RectificationStatus =
  /** Issued, not yet recorded as done */
  | 'OPEN'
  /** Not rectified by the due date (open after it, or recorded after it): listed for 通报批评 */
  | 'OVERDUE'
  /** The department recorded what it did */
  | 'RECORDED';

export type RowConditionInput = {
  /** ATTRIBUTE only: at most 50 values */
  anyOf?: Array<string> | null | undefined;
  /** ATTRIBUTE only: an unconditional scalar item of the approved items' resource type, e.g. householdSubdistrict */
  attribute?: string | null | undefined;
  /** ATTRIBUTE (default): attribute and anyOf name the test; OPEN_CASE: neither, the subject must be one the requesting department holds an open case for */
  kind?: RowConditionKind | null | undefined;
};

/** Kinds of row-condition entries */
export type RowConditionKind =
  /** the subject's attribute (an unconditional item of its type) holds one of the values */
  | 'ATTRIBUTE'
  /** the subject is a resident the grant's department holds an open case for, as its own subgraph answers (Query.<department>OpenCases) */
  | 'OPEN_CASE';

export type ShareType =
  | 'CONDITIONAL'
  | 'NONE'
  | 'UNCONDITIONAL';

/** A grant as an approval (or, for the operator, an exception) would make it */
export type SimulatedGrantInput = {
  action?: GrantAction | null | undefined;
  condition?: Array<RowConditionInput> | null | undefined;
  /** The consumer department that would hold it */
  department: string;
  /** An exceptional grant of the coordination office (platform-admin only), which may open NONE items */
  exception?: boolean | null | undefined;
  /** Type.field items (a provider-admin: its own department's only) */
  items: Array<string>;
  mask?: MaskKind | null | undefined;
  purpose: Purpose;
};

/** The mask the provider would declare for the item and purpose; without mask, the declared one is taken away */
export type SimulatedMaskInput = {
  item: string;
  mask?: MaskKind | null | undefined;
  purpose: Purpose;
};

export type SimulatedRevocationInput = {
  grantId: string | number;
};

export type SimulatedShareTypeInput = {
  item: string;
  shareType: ShareType;
};

export type UsageDimension =
  /** the department that received the items */
  | 'CONSUMER'
  | 'FIELD'
  | 'PROVIDER'
  | 'PURPOSE'
  | 'RESOURCE';

export type ViolationKind =
  | 'CATALOG_INCOMPLETE'
  | 'CATALOG_NOT_UPDATED'
  /** A resource stale beyond the regulation profile's thresholds in the period (art. 14, art. 22(3) 未及时更新数据) */
  | 'DATA_NOT_UPDATED'
  | 'DISPUTE_ANSWERED_LATE'
  | 'DISPUTE_UNANSWERED'
  | 'REQUEST_ANSWERED_LATE'
  | 'REQUEST_UNANSWERED'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'USE_BEYOND_GRANT_ATTEMPTED';

export type WebhookDeliveryStatus =
  /** no more attempts: the last one failed, or the webhook was removed */
  | 'DEAD'
  | 'DELIVERED'
  | 'PENDING';

export type RegulationProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type RegulationProfileQuery = { regulationProfile: { name: string, title: string, complianceCheckWorkingDays: number | null, providerAnswerWorkingDays: number, negotiationWorkingDays: number | null, escalation: Array<string>, disputeAnswerWorkingDays: number, catalogReviewWorkingDays: number, grantDefaultValidityDays: number, grantMaxValidityDays: number } };

export type WorkingCalendarQueryVariables = Exact<{
  year: number;
}>;


export type WorkingCalendarQuery = { workingCalendar: { year: number, source: CalendarSource, holidays: Array<string>, workdays: Array<string> } };

export type DisputesQueryVariables = Exact<{ [key: string]: never; }>;


export type DisputesQuery = { disputes: Array<{ id: string, field: string, entityKey: string, description: string, evidence: string, status: DisputeStatus, reportingDepartment: string, provider: string, reportedAt: string, dueDate: string, dueDateProvisional: boolean, overdue: boolean, answeredAt: string | null, answer: string | null, outcome: DisputeOutcome | null }> };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { catalog: Array<{ coordinate: string, resource: string, field: string, provider: string, providerCode: string | null, resourceCode: string, shareType: ShareType, shareCondition: string | null, basis: string | null, classification: string, abstract: string | null, format: string, shareMethod: string, openToPublic: boolean, updateCycle: string, publishedOn: string, relatedResources: Array<string> }> };

export type ApplyMutationVariables = Exact<{
  input: AccessRequestInput;
}>;


export type ApplyMutation = { requestAccess: { id: string, status: AccessRequestStatus, dueDate: string, dueDateProvisional: boolean } };

export type DecideMutationVariables = Exact<{
  id: string | number;
  approve: boolean;
  reason?: string | null | undefined;
  fields?: Array<string> | string | null | undefined;
  validUntil?: string | null | undefined;
  condition?: Array<RowConditionInput> | RowConditionInput | null | undefined;
}>;


export type DecideMutation = { decideAccessRequest: { id: string, status: AccessRequestStatus, fields: Array<string>, purpose: Purpose, action: GrantAction, matter: string | null, justification: string, requestingDepartment: string, provider: string, submittedAt: string, dueDate: string, dueDateProvisional: boolean, overdue: boolean, wantedUntil: string, decidedAt: string | null, decidedBy: string | null, reason: string | null, grantedFields: Array<string> | null, grantedUntil: string | null, escalatedAt: string | null, escalationReason: string | null, grants: Array<{ id: string, field: string, live: boolean, validUntil: string, condition: Array<{ kind: RowConditionKind, attribute: string, anyOf: Array<string> }> | null }> } };

export type RevokeMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type RevokeMutation = { revokeGrant: { id: string, live: boolean } };

export type AnswerDisputeMutationVariables = Exact<{
  id: string | number;
  answer: string;
  outcome: DisputeOutcome;
}>;


export type AnswerDisputeMutation = { answerDispute: { id: string } };

export type ConditionAttributesQueryVariables = Exact<{
  provider?: string | null | undefined;
}>;


export type ConditionAttributesQuery = { catalog: Array<{ coordinate: string }>, rootFields: Array<{ coordinate: string }>, unconditional: Array<{ coordinate: string }> };

export type MyGrantsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyGrantsQuery = { myGrants: Array<{ id: string, kind: GrantKind, field: string, purpose: Purpose, action: GrantAction, validUntil: string, live: boolean, revokedAt: string | null, revokeReason: string | null, basis: string | null, condition: Array<{ kind: RowConditionKind, attribute: string, anyOf: Array<string> }> | null }> };

export type EscalateMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type EscalateMutation = { escalateAccessRequest: { id: string, status: AccessRequestStatus } };

export type NegotiationFailedMutationVariables = Exact<{
  id: string | number;
  text: string;
}>;


export type NegotiationFailedMutation = { recordNegotiation: { id: string, status: AccessRequestStatus } };

export type DisputeMutationVariables = Exact<{
  input: DisputeInput;
}>;


export type DisputeMutation = { reportDispute: { id: string, dueDate: string, dueDateProvisional: boolean } };

export type DepartmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type DepartmentsQuery = { departments: Array<{ code: string, name: string, orgCode: string, administrators: Array<string> }> };

export type ExceptionMutationVariables = Exact<{
  input: ExceptionInput;
}>;


export type ExceptionMutation = { grantException: Array<{ id: string }> };

export type CloseMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type CloseMutation = { closeEscalation: { id: string } };

export type AppointMutationVariables = Exact<{
  department: string;
  user: string;
  reason: string;
}>;


export type AppointMutation = { appointSharingAdministrator: { code: string } };

export type RemoveMutationVariables = Exact<{
  department: string;
  user: string;
  reason: string;
}>;


export type RemoveMutation = { removeSharingAdministrator: { code: string } };

export type AuditQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditQuery = { auditRecords: { nextCursor: string | null, records: Array<{ id: string, at: string, app: string, department: string, purpose: Purpose | null, matter: string | null, granted: Array<string>, denied: Array<string>, outcome: string, code: string | null }> } };

export type UsageQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy: Array<UsageDimension> | UsageDimension;
}>;


export type UsageQuery = { dataUsage: Array<{ consumer: string | null, provider: string | null, field: string | null, purpose: Purpose | null, requests: number }> };

export type PolicySimulationQueryVariables = Exact<{
  change: PolicyChangeInput;
  days: number;
}>;


export type PolicySimulationQuery = { simulatePolicyChange: { from: string, to: string, replayed: number, requests: number, cap: number, capped: boolean, unreadable: number, gains: Array<{ department: string, purpose: Purpose, item: string, before: ItemAccess, after: ItemAccess, operations: number, requests: number, apps: Array<string>, lastSeen: string, examples: Array<{ operationName: string | null, documentHash: string }> }>, losses: Array<{ department: string, purpose: Purpose, item: string, before: ItemAccess, after: ItemAccess, operations: number, requests: number, apps: Array<string>, lastSeen: string, examples: Array<{ operationName: string | null, documentHash: string }> }>, operations: Array<{ department: string, operationName: string | null, requests: number, gained: Array<string>, lost: Array<string> }> } };

export type PolicyEffectFieldsFragment = { department: string, purpose: Purpose, item: string, before: ItemAccess, after: ItemAccess, operations: number, requests: number, apps: Array<string>, lastSeen: string, examples: Array<{ operationName: string | null, documentHash: string }> };

export type DryRunCatalogQueryVariables = Exact<{
  provider?: string | null | undefined;
}>;


export type DryRunCatalogQuery = { catalog: Array<{ coordinate: string, provider: string, shareType: ShareType }>, rootFields: Array<{ coordinate: string }>, unconditional: Array<{ coordinate: string }> };

export type DryRunGrantsQueryVariables = Exact<{ [key: string]: never; }>;


export type DryRunGrantsQuery = { myGrants: Array<{ id: string, department: string, field: string, purpose: Purpose, action: GrantAction, validUntil: string }> };

export type EvaluationReportQueryVariables = Exact<{
  department: string;
  from: string;
  to: string;
}>;


export type EvaluationReportQuery = { evaluationReport: { department: string, from: string, to: string, generatedAt: string, catalog: { items: number, complete: number, reviewOverdue: number, overdueItems: Array<string>, incomplete: Array<{ coordinate: string, missing: Array<string> }> }, requests: { received: number, answered: number, medianAnswerWorkingDays: number | null, maxAnswerWorkingDays: number | null, overdue: number }, disputes: { received: number, answered: number, answeredOnTime: number, overdue: number }, usage: { records: number, byConsumer: Array<{ key: string, records: number }>, byPurpose: Array<{ key: string, records: number }>, byItem: Array<{ key: string, records: number }> }, service: { calls: number, failures: number, availability: number | null, meanLatencyMs: number | null, maxLatencyMs: number | null }, rollUp: { incomplete: boolean, pendingDays: number, rolledUpTo: string | null, rolledNow: number }, freshness: { resources: Array<{ resource: string, updateCycle: string | null, freshDays: number, staleDays: number, unknownDays: number, freshShare: number | null, longestStaleDays: number }> }, violations: Array<{ kind: ViolationKind, clause: string, count: number, examples: Array<string> }>, notDetected: Array<{ kind: string, clause: string, why: string }> } };

export type RectificationNoticesQueryVariables = Exact<{
  department?: string | null | undefined;
  status?: RectificationStatus | null | undefined;
}>;


export type RectificationNoticesQuery = { rectificationNotices: Array<{ id: string, department: string, kind: ViolationKind, examples: Array<string>, text: string, issuedBy: string, issuedAt: string, workingDays: number, dueDate: string, status: RectificationStatus, overdue: boolean, recordedBy: string | null, recordedAt: string | null, actionTaken: string | null }> };

export type IssueRectificationNoticeMutationVariables = Exact<{
  department: string;
  kind: ViolationKind;
  examples?: Array<string> | string | null | undefined;
  text: string;
  workingDays?: number | null | undefined;
}>;


export type IssueRectificationNoticeMutation = { issueRectificationNotice: { id: string, dueDate: string, status: RectificationStatus } };

export type RecordRectificationMutationVariables = Exact<{
  id: string | number;
  action: string;
}>;


export type RecordRectificationMutation = { recordRectification: { id: string, status: RectificationStatus, actionTaken: string | null } };

export type NotificationsQueryVariables = Exact<{
  unreadOnly?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type NotificationsQuery = { notifications: { unread: number, nextCursor: string | null, notifications: Array<{ id: string, eventId: string, kind: NotificationKind, at: string, role: string, read: boolean, readAt: string | null, subject: { kind: string, id: string, text: string } }> } };

export type UnreadNotificationsQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadNotificationsQuery = { notifications: { unread: number } };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: number };

export type AuditIntegrityQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditIntegrityQuery = { auditIntegrity: { verifiedAt: string | null, verifiedBy: string | null, stale: boolean, ok: boolean | null, chains: number, records: number, checkpoints: number, anchored: number, quarantined: number, problem: string | null, problemCount: number, lastCheckpoints: Array<{ chain: string, seq: number, at: string, keyId: string }> } };

export type CatalogReviewQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogReviewQuery = { catalog: Array<{ coordinate: string, provider: string, shareType: ShareType, abstract: string | null, classification: string, updateCycle: string, shareCondition: string | null, publishedOn: string, changedOn: string | null, reviewStatus: string, reviewDueDate: string | null, reviewDueDateProvisional: boolean, reviewOverdue: boolean }> };

export type ReviewMutationVariables = Exact<{
  coordinate: string;
  override: CatalogOverrideInput;
  reason: string;
}>;


export type ReviewMutation = { reviewCatalogItem: { coordinate: string, reviewStatus: string } };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { webhooks: Array<{ department: string, url: string, registeredBy: string, registeredAt: string, secretRotatedAt: string, removedAt: string | null }> };

export type WebhookDeliveriesQueryVariables = Exact<{
  department?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries: { nextCursor: string | null, deliveries: Array<{ id: string, eventId: string, kind: NotificationKind, status: WebhookDeliveryStatus, attempts: number, lastError: string | null, lastAttemptAt: string | null, nextAttemptAt: string | null, deliveredAt: string | null }> } };

export type RegisterWebhookMutationVariables = Exact<{
  department: string;
  url: string;
}>;


export type RegisterWebhookMutation = { registerWebhook: { secret: string, webhook: { department: string, url: string, registeredAt: string } } };

export type RotateWebhookSecretMutationVariables = Exact<{
  department: string;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret: { secret: string, webhook: { department: string, secretRotatedAt: string } } };

export type RemoveWebhookMutationVariables = Exact<{
  department: string;
}>;


export type RemoveWebhookMutation = { removeWebhook: { department: string, removedAt: string | null } };

export type AccessRequestFieldsFragment = { id: string, status: AccessRequestStatus, fields: Array<string>, purpose: Purpose, action: GrantAction, matter: string | null, justification: string, requestingDepartment: string, provider: string, submittedAt: string, dueDate: string, dueDateProvisional: boolean, overdue: boolean, wantedUntil: string, decidedAt: string | null, decidedBy: string | null, reason: string | null, grantedFields: Array<string> | null, grantedUntil: string | null, escalatedAt: string | null, escalationReason: string | null, grants: Array<{ id: string, field: string, live: boolean, validUntil: string, condition: Array<{ kind: RowConditionKind, attribute: string, anyOf: Array<string> }> | null }> };

export type RequestsQueryVariables = Exact<{
  status?: AccessRequestStatus | null | undefined;
}>;


export type RequestsQuery = { accessRequests: Array<{ id: string, status: AccessRequestStatus, fields: Array<string>, purpose: Purpose, action: GrantAction, matter: string | null, justification: string, requestingDepartment: string, provider: string, submittedAt: string, dueDate: string, dueDateProvisional: boolean, overdue: boolean, wantedUntil: string, decidedAt: string | null, decidedBy: string | null, reason: string | null, grantedFields: Array<string> | null, grantedUntil: string | null, escalatedAt: string | null, escalationReason: string | null, grants: Array<{ id: string, field: string, live: boolean, validUntil: string, condition: Array<{ kind: RowConditionKind, attribute: string, anyOf: Array<string> }> | null }> }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PolicyEffectFieldsFragmentDoc = new TypedDocumentString(`
    fragment PolicyEffectFields on PolicyEffect {
  department
  purpose
  item
  before
  after
  operations
  requests
  apps
  lastSeen
  examples {
    operationName
    documentHash
  }
}
    `, {"fragmentName":"PolicyEffectFields"}) as unknown as TypedDocumentString<PolicyEffectFieldsFragment, unknown>;
export const AccessRequestFieldsFragmentDoc = new TypedDocumentString(`
    fragment AccessRequestFields on AccessRequest {
  id
  status
  fields
  purpose
  action
  matter
  justification
  requestingDepartment
  provider
  submittedAt
  dueDate
  dueDateProvisional
  overdue
  wantedUntil
  decidedAt
  decidedBy
  reason
  grantedFields
  grantedUntil
  escalatedAt
  escalationReason
  grants {
    id
    field
    live
    validUntil
    condition {
      kind
      attribute
      anyOf
    }
  }
}
    `, {"fragmentName":"AccessRequestFields"}) as unknown as TypedDocumentString<AccessRequestFieldsFragment, unknown>;
export const RegulationProfileDocument = new TypedDocumentString(`
    query RegulationProfile {
  regulationProfile {
    name
    title
    complianceCheckWorkingDays
    providerAnswerWorkingDays
    negotiationWorkingDays
    escalation
    disputeAnswerWorkingDays
    catalogReviewWorkingDays
    grantDefaultValidityDays
    grantMaxValidityDays
  }
}
    `) as unknown as TypedDocumentString<RegulationProfileQuery, RegulationProfileQueryVariables>;
export const WorkingCalendarDocument = new TypedDocumentString(`
    query WorkingCalendar($year: Int!) {
  workingCalendar(year: $year) {
    year
    source
    holidays
    workdays
  }
}
    `) as unknown as TypedDocumentString<WorkingCalendarQuery, WorkingCalendarQueryVariables>;
export const DisputesDocument = new TypedDocumentString(`
    query Disputes {
  disputes {
    id
    field
    entityKey
    description
    evidence
    status
    reportingDepartment
    provider
    reportedAt
    dueDate
    dueDateProvisional
    overdue
    answeredAt
    answer
    outcome
  }
}
    `) as unknown as TypedDocumentString<DisputesQuery, DisputesQueryVariables>;
export const CatalogDocument = new TypedDocumentString(`
    query Catalog {
  catalog {
    coordinate
    resource
    field
    provider
    providerCode
    resourceCode
    shareType
    shareCondition
    basis
    classification
    abstract
    format
    shareMethod
    openToPublic
    updateCycle
    publishedOn
    relatedResources
  }
}
    `) as unknown as TypedDocumentString<CatalogQuery, CatalogQueryVariables>;
export const ApplyDocument = new TypedDocumentString(`
    mutation Apply($input: AccessRequestInput!) {
  requestAccess(input: $input) {
    id
    status
    dueDate
    dueDateProvisional
  }
}
    `) as unknown as TypedDocumentString<ApplyMutation, ApplyMutationVariables>;
export const DecideDocument = new TypedDocumentString(`
    mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {
  decideAccessRequest(
    id: $id
    approve: $approve
    reason: $reason
    fields: $fields
    validUntil: $validUntil
    condition: $condition
  ) {
    ...AccessRequestFields
  }
}
    fragment AccessRequestFields on AccessRequest {
  id
  status
  fields
  purpose
  action
  matter
  justification
  requestingDepartment
  provider
  submittedAt
  dueDate
  dueDateProvisional
  overdue
  wantedUntil
  decidedAt
  decidedBy
  reason
  grantedFields
  grantedUntil
  escalatedAt
  escalationReason
  grants {
    id
    field
    live
    validUntil
    condition {
      kind
      attribute
      anyOf
    }
  }
}`) as unknown as TypedDocumentString<DecideMutation, DecideMutationVariables>;
export const RevokeDocument = new TypedDocumentString(`
    mutation Revoke($id: ID!, $reason: String!) {
  revokeGrant(id: $id, reason: $reason) {
    id
    live
  }
}
    `) as unknown as TypedDocumentString<RevokeMutation, RevokeMutationVariables>;
export const AnswerDisputeDocument = new TypedDocumentString(`
    mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {
  answerDispute(id: $id, answer: $answer, outcome: $outcome) {
    id
  }
}
    `) as unknown as TypedDocumentString<AnswerDisputeMutation, AnswerDisputeMutationVariables>;
export const ConditionAttributesDocument = new TypedDocumentString(`
    query ConditionAttributes($provider: String) {
  catalog(provider: $provider, shareType: UNCONDITIONAL) {
    coordinate
  }
  rootFields: catalog(resource: "Query") {
    coordinate
  }
  unconditional: catalog(shareType: UNCONDITIONAL) {
    coordinate
  }
}
    `) as unknown as TypedDocumentString<ConditionAttributesQuery, ConditionAttributesQueryVariables>;
export const MyGrantsDocument = new TypedDocumentString(`
    query MyGrants {
  myGrants(includeInactive: true) {
    id
    kind
    field
    purpose
    action
    validUntil
    live
    revokedAt
    revokeReason
    basis
    condition {
      kind
      attribute
      anyOf
    }
  }
}
    `) as unknown as TypedDocumentString<MyGrantsQuery, MyGrantsQueryVariables>;
export const EscalateDocument = new TypedDocumentString(`
    mutation Escalate($id: ID!, $reason: String!) {
  escalateAccessRequest(id: $id, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<EscalateMutation, EscalateMutationVariables>;
export const NegotiationFailedDocument = new TypedDocumentString(`
    mutation NegotiationFailed($id: ID!, $text: String!) {
  recordNegotiation(id: $id, outcome: FAILED, text: $text) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<NegotiationFailedMutation, NegotiationFailedMutationVariables>;
export const DisputeDocument = new TypedDocumentString(`
    mutation Dispute($input: DisputeInput!) {
  reportDispute(input: $input) {
    id
    dueDate
    dueDateProvisional
  }
}
    `) as unknown as TypedDocumentString<DisputeMutation, DisputeMutationVariables>;
export const DepartmentsDocument = new TypedDocumentString(`
    query Departments {
  departments {
    code
    name
    orgCode
    administrators
  }
}
    `) as unknown as TypedDocumentString<DepartmentsQuery, DepartmentsQueryVariables>;
export const ExceptionDocument = new TypedDocumentString(`
    mutation Exception($input: ExceptionInput!) {
  grantException(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ExceptionMutation, ExceptionMutationVariables>;
export const CloseDocument = new TypedDocumentString(`
    mutation Close($id: ID!, $reason: String!) {
  closeEscalation(id: $id, reason: $reason) {
    id
  }
}
    `) as unknown as TypedDocumentString<CloseMutation, CloseMutationVariables>;
export const AppointDocument = new TypedDocumentString(`
    mutation Appoint($department: String!, $user: String!, $reason: String!) {
  appointSharingAdministrator(
    department: $department
    user: $user
    reason: $reason
  ) {
    code
  }
}
    `) as unknown as TypedDocumentString<AppointMutation, AppointMutationVariables>;
export const RemoveDocument = new TypedDocumentString(`
    mutation Remove($department: String!, $user: String!, $reason: String!) {
  removeSharingAdministrator(
    department: $department
    user: $user
    reason: $reason
  ) {
    code
  }
}
    `) as unknown as TypedDocumentString<RemoveMutation, RemoveMutationVariables>;
export const AuditDocument = new TypedDocumentString(`
    query Audit($filter: AuditFilter, $after: String) {
  auditRecords(filter: $filter, first: 20, after: $after) {
    records {
      id
      at
      app
      department
      purpose
      matter
      granted
      denied
      outcome
      code
    }
    nextCursor
  }
}
    `) as unknown as TypedDocumentString<AuditQuery, AuditQueryVariables>;
export const UsageDocument = new TypedDocumentString(`
    query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {
  dataUsage(from: $from, to: $to, groupBy: $groupBy) {
    consumer
    provider
    field
    purpose
    requests
  }
}
    `) as unknown as TypedDocumentString<UsageQuery, UsageQueryVariables>;
export const PolicySimulationDocument = new TypedDocumentString(`
    query PolicySimulation($change: PolicyChangeInput!, $days: Int!) {
  simulatePolicyChange(change: $change, days: $days) {
    from
    to
    replayed
    requests
    cap
    capped
    unreadable
    gains {
      ...PolicyEffectFields
    }
    losses {
      ...PolicyEffectFields
    }
    operations {
      department
      operationName
      requests
      gained
      lost
    }
  }
}
    fragment PolicyEffectFields on PolicyEffect {
  department
  purpose
  item
  before
  after
  operations
  requests
  apps
  lastSeen
  examples {
    operationName
    documentHash
  }
}`) as unknown as TypedDocumentString<PolicySimulationQuery, PolicySimulationQueryVariables>;
export const DryRunCatalogDocument = new TypedDocumentString(`
    query DryRunCatalog($provider: String) {
  catalog(provider: $provider) {
    coordinate
    provider
    shareType
  }
  rootFields: catalog(resource: "Query") {
    coordinate
  }
  unconditional: catalog(shareType: UNCONDITIONAL) {
    coordinate
  }
}
    `) as unknown as TypedDocumentString<DryRunCatalogQuery, DryRunCatalogQueryVariables>;
export const DryRunGrantsDocument = new TypedDocumentString(`
    query DryRunGrants {
  myGrants {
    id
    department
    field
    purpose
    action
    validUntil
  }
}
    `) as unknown as TypedDocumentString<DryRunGrantsQuery, DryRunGrantsQueryVariables>;
export const EvaluationReportDocument = new TypedDocumentString(`
    query EvaluationReport($department: String!, $from: Date!, $to: Date!) {
  evaluationReport(department: $department, from: $from, to: $to) {
    department
    from
    to
    generatedAt
    catalog {
      items
      complete
      incomplete {
        coordinate
        missing
      }
      reviewOverdue
      overdueItems
    }
    requests {
      received
      answered
      medianAnswerWorkingDays
      maxAnswerWorkingDays
      overdue
    }
    disputes {
      received
      answered
      answeredOnTime
      overdue
    }
    usage {
      records
      byConsumer {
        key
        records
      }
      byPurpose {
        key
        records
      }
      byItem {
        key
        records
      }
    }
    service {
      calls
      failures
      availability
      meanLatencyMs
      maxLatencyMs
    }
    rollUp {
      incomplete
      pendingDays
      rolledUpTo
      rolledNow
    }
    freshness {
      resources {
        resource
        updateCycle
        freshDays
        staleDays
        unknownDays
        freshShare
        longestStaleDays
      }
    }
    violations {
      kind
      clause
      count
      examples
    }
    notDetected {
      kind
      clause
      why
    }
  }
}
    `) as unknown as TypedDocumentString<EvaluationReportQuery, EvaluationReportQueryVariables>;
export const RectificationNoticesDocument = new TypedDocumentString(`
    query RectificationNotices($department: String, $status: RectificationStatus) {
  rectificationNotices(department: $department, status: $status) {
    id
    department
    kind
    examples
    text
    issuedBy
    issuedAt
    workingDays
    dueDate
    status
    overdue
    recordedBy
    recordedAt
    actionTaken
  }
}
    `) as unknown as TypedDocumentString<RectificationNoticesQuery, RectificationNoticesQueryVariables>;
export const IssueRectificationNoticeDocument = new TypedDocumentString(`
    mutation IssueRectificationNotice($department: String!, $kind: ViolationKind!, $examples: [String!], $text: String!, $workingDays: Int) {
  issueRectificationNotice(
    department: $department
    kind: $kind
    examples: $examples
    text: $text
    workingDays: $workingDays
  ) {
    id
    dueDate
    status
  }
}
    `) as unknown as TypedDocumentString<IssueRectificationNoticeMutation, IssueRectificationNoticeMutationVariables>;
export const RecordRectificationDocument = new TypedDocumentString(`
    mutation RecordRectification($id: ID!, $action: String!) {
  recordRectification(id: $id, action: $action) {
    id
    status
    actionTaken
  }
}
    `) as unknown as TypedDocumentString<RecordRectificationMutation, RecordRectificationMutationVariables>;
export const NotificationsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const UnreadNotificationsDocument = new TypedDocumentString(`
    query UnreadNotifications {
  notifications(unreadOnly: true, first: 1) {
    unread
  }
}
    `) as unknown as TypedDocumentString<UnreadNotificationsQuery, UnreadNotificationsQueryVariables>;
export const MarkNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkNotificationsRead($ids: [ID!]!) {
  markNotificationsRead(ids: $ids)
}
    `) as unknown as TypedDocumentString<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const AuditIntegrityDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<AuditIntegrityQuery, AuditIntegrityQueryVariables>;
export const CatalogReviewDocument = new TypedDocumentString(`
    query CatalogReview {
  catalog {
    coordinate
    provider
    shareType
    abstract
    classification
    updateCycle
    shareCondition
    publishedOn
    changedOn
    reviewStatus
    reviewDueDate
    reviewDueDateProvisional
    reviewOverdue
  }
}
    `) as unknown as TypedDocumentString<CatalogReviewQuery, CatalogReviewQueryVariables>;
export const ReviewDocument = new TypedDocumentString(`
    mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {
  reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {
    coordinate
    reviewStatus
  }
}
    `) as unknown as TypedDocumentString<ReviewMutation, ReviewMutationVariables>;
export const WebhooksDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const RegisterWebhookDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<RegisterWebhookMutation, RegisterWebhookMutationVariables>;
export const RotateWebhookSecretDocument = new TypedDocumentString(`
    mutation RotateWebhookSecret($department: String!) {
  rotateWebhookSecret(department: $department) {
    secret
    webhook {
      department
      secretRotatedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const RemoveWebhookDocument = new TypedDocumentString(`
    mutation RemoveWebhook($department: String!) {
  removeWebhook(department: $department) {
    department
    removedAt
  }
}
    `) as unknown as TypedDocumentString<RemoveWebhookMutation, RemoveWebhookMutationVariables>;
export const RequestsDocument = new TypedDocumentString(`
    query Requests($status: AccessRequestStatus) {
  accessRequests(status: $status) {
    ...AccessRequestFields
  }
}
    fragment AccessRequestFields on AccessRequest {
  id
  status
  fields
  purpose
  action
  matter
  justification
  requestingDepartment
  provider
  submittedAt
  dueDate
  dueDateProvisional
  overdue
  wantedUntil
  decidedAt
  decidedBy
  reason
  grantedFields
  grantedUntil
  escalatedAt
  escalationReason
  grants {
    id
    field
    live
    validUntil
    condition {
      kind
      attribute
      anyOf
    }
  }
}`) as unknown as TypedDocumentString<RequestsQuery, RequestsQueryVariables>;