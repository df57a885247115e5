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

export type UsageDimension =
  /** the department that received the items */
  | 'CONSUMER'
  | 'FIELD'
  | 'PROVIDER'
  | 'PURPOSE'
  | 'RESOURCE';

export type DisputesQueryVariables = Exact<{ [key: string]: never; }>;


export type DisputesQuery = { disputes: Array<{ id: string, field: string, entityKey: string, description: string, evidence: string, status: DisputeStatus, reportingDepartment: string, provider: string, reportedAt: string, dueDate: string, overdue: boolean, answeredAt: string | null, answer: string | null, outcome: DisputeOutcome | null }> };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { catalog: Array<{ coordinate: string, resource: string, field: string, provider: string, providerCode: string | null, resourceCode: string, shareType: ShareType, shareCondition: string | null, basis: string | null, classification: string, abstract: string | null, format: string, shareMethod: string, openToPublic: boolean, updateCycle: string, publishedOn: string, relatedResources: Array<string> }> };

export type ApplyMutationVariables = Exact<{
  input: AccessRequestInput;
}>;


export type ApplyMutation = { requestAccess: { id: string, status: AccessRequestStatus, dueDate: string } };

export type DecideMutationVariables = Exact<{
  id: string | number;
  approve: boolean;
  reason?: string | null | undefined;
  fields?: Array<string> | string | null | undefined;
  validUntil?: string | null | undefined;
  condition?: Array<RowConditionInput> | RowConditionInput | null | undefined;
}>;


export type DecideMutation = { decideAccessRequest: { id: string, status: AccessRequestStatus, fields: Array<string>, purpose: Purpose, action: GrantAction, matter: string | null, justification: string, requestingDepartment: string, provider: string, submittedAt: string, dueDate: string, overdue: boolean, wantedUntil: string, decidedAt: string | null, decidedBy: string | null, reason: string | null, grantedFields: Array<string> | null, grantedUntil: string | null, escalatedAt: string | null, escalationReason: string | null, grants: Array<{ id: string, field: string, live: boolean, validUntil: string }> } };

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


export type ConditionAttributesQuery = { catalog: Array<{ coordinate: string }> };

export type MyGrantsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyGrantsQuery = { myGrants: Array<{ id: string, kind: GrantKind, field: string, purpose: Purpose, action: GrantAction, validUntil: string, live: boolean, revokedAt: string | null, revokeReason: string | null, basis: string | null }> };

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


export type DisputeMutation = { reportDispute: { id: string, dueDate: string } };

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

export type AuditIntegrityQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditIntegrityQuery = { auditIntegrity: { verifiedAt: string | null, ok: boolean | null, chains: number, records: number, checkpoints: number, anchored: number, quarantined: number, problem: string | null, running: boolean, lastCheckpoints: Array<{ chain: string, seq: number, at: string, keyId: string }> } };

export type CatalogReviewQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogReviewQuery = { catalog: Array<{ coordinate: string, provider: string, shareType: ShareType, abstract: string | null, classification: string, updateCycle: string, shareCondition: string | null, publishedOn: string, changedOn: string | null, reviewStatus: string, reviewDueDate: string | null, reviewOverdue: boolean }> };

export type ReviewMutationVariables = Exact<{
  coordinate: string;
  override: CatalogOverrideInput;
  reason: string;
}>;


export type ReviewMutation = { reviewCatalogItem: { coordinate: string, reviewStatus: string } };

export type AccessRequestFieldsFragment = { id: string, status: AccessRequestStatus, fields: Array<string>, purpose: Purpose, action: GrantAction, matter: string | null, justification: string, requestingDepartment: string, provider: string, submittedAt: string, dueDate: string, overdue: boolean, wantedUntil: string, decidedAt: string | null, decidedBy: string | null, reason: string | null, grantedFields: Array<string> | null, grantedUntil: string | null, escalatedAt: string | null, escalationReason: string | null, grants: Array<{ id: string, field: string, live: boolean, validUntil: string }> };

export type RequestsQueryVariables = Exact<{
  status?: AccessRequestStatus | null | undefined;
}>;


export type RequestsQuery = { accessRequests: Array<{ id: string, status: AccessRequestStatus, fields: Array<string>, purpose: Purpose, action: GrantAction, matter: string | null, justification: string, requestingDepartment: string, provider: string, submittedAt: string, dueDate: string, overdue: boolean, wantedUntil: string, decidedAt: string | null, decidedBy: string | null, reason: string | null, grantedFields: Array<string> | null, grantedUntil: string | null, escalatedAt: string | null, escalationReason: string | null, grants: Array<{ id: string, field: string, live: boolean, validUntil: string }> }> };

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
  }
}
    `, {"fragmentName":"AccessRequestFields"}) as unknown as TypedDocumentString<AccessRequestFieldsFragment, unknown>;
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
export const AuditIntegrityDocument = new TypedDocumentString(`
    query AuditIntegrity {
  auditIntegrity {
    verifiedAt
    ok
    chains
    records
    checkpoints
    anchored
    quarantined
    problem
    running
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
  }
}`) as unknown as TypedDocumentString<RequestsQuery, RequestsQueryVariables>;