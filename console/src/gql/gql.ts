/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Disputes {\n    disputes {\n      id\n      field\n      entityKey\n      description\n      evidence\n      status\n      reportingDepartment\n      provider\n      reportedAt\n      dueDate\n      overdue\n      answeredAt\n      answer\n      outcome\n    }\n  }\n": typeof types.DisputesDocument,
    "\n  query Catalog {\n    catalog {\n      coordinate\n      resource\n      field\n      provider\n      providerCode\n      resourceCode\n      shareType\n      shareCondition\n      basis\n      classification\n      abstract\n      format\n      shareMethod\n      openToPublic\n      updateCycle\n      publishedOn\n      relatedResources\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  mutation Apply($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n      dueDate\n    }\n  }\n": typeof types.ApplyDocument,
    "\n  mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {\n    decideAccessRequest(id: $id, approve: $approve, reason: $reason, fields: $fields, validUntil: $validUntil, condition: $condition) {\n      ...AccessRequestFields\n    }\n  }\n": typeof types.DecideDocument,
    "\n  mutation Revoke($id: ID!, $reason: String!) {\n    revokeGrant(id: $id, reason: $reason) {\n      id\n      live\n    }\n  }\n": typeof types.RevokeDocument,
    "\n  mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {\n    answerDispute(id: $id, answer: $answer, outcome: $outcome) {\n      id\n    }\n  }\n": typeof types.AnswerDisputeDocument,
    "\n  query ConditionAttributes($provider: String) {\n    catalog(provider: $provider, shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n": typeof types.ConditionAttributesDocument,
    "\n  query MyGrants {\n    myGrants(includeInactive: true) {\n      id\n      kind\n      field\n      purpose\n      action\n      validUntil\n      live\n      revokedAt\n      revokeReason\n      basis\n    }\n  }\n": typeof types.MyGrantsDocument,
    "\n  mutation Escalate($id: ID!, $reason: String!) {\n    escalateAccessRequest(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.EscalateDocument,
    "\n  mutation NegotiationFailed($id: ID!, $text: String!) {\n    recordNegotiation(id: $id, outcome: FAILED, text: $text) {\n      id\n      status\n    }\n  }\n": typeof types.NegotiationFailedDocument,
    "\n  mutation Dispute($input: DisputeInput!) {\n    reportDispute(input: $input) {\n      id\n      dueDate\n    }\n  }\n": typeof types.DisputeDocument,
    "\n  query Departments {\n    departments {\n      code\n      name\n      orgCode\n      administrators\n    }\n  }\n": typeof types.DepartmentsDocument,
    "\n  mutation Exception($input: ExceptionInput!) {\n    grantException(input: $input) {\n      id\n    }\n  }\n": typeof types.ExceptionDocument,
    "\n  mutation Close($id: ID!, $reason: String!) {\n    closeEscalation(id: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.CloseDocument,
    "\n  mutation Appoint($department: String!, $user: String!, $reason: String!) {\n    appointSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": typeof types.AppointDocument,
    "\n  mutation Remove($department: String!, $user: String!, $reason: String!) {\n    removeSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": typeof types.RemoveDocument,
    "\n  query Audit($filter: AuditFilter, $after: String) {\n    auditRecords(filter: $filter, first: 20, after: $after) {\n      records {\n        id\n        at\n        app\n        department\n        purpose\n        matter\n        granted\n        denied\n        outcome\n        code\n      }\n      nextCursor\n    }\n  }\n": typeof types.AuditDocument,
    "\n  query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {\n    dataUsage(from: $from, to: $to, groupBy: $groupBy) {\n      consumer\n      provider\n      field\n      purpose\n      requests\n    }\n  }\n": typeof types.UsageDocument,
    "\n  query AuditIntegrity {\n    auditIntegrity {\n      verifiedAt\n      ok\n      chains\n      records\n      checkpoints\n      anchored\n      quarantined\n      problem\n      running\n      lastCheckpoints {\n        chain\n        seq\n        at\n        keyId\n      }\n    }\n  }\n": typeof types.AuditIntegrityDocument,
    "\n  query CatalogReview {\n    catalog {\n      coordinate\n      provider\n      shareType\n      abstract\n      classification\n      updateCycle\n      shareCondition\n      publishedOn\n      changedOn\n      reviewStatus\n      reviewDueDate\n      reviewOverdue\n    }\n  }\n": typeof types.CatalogReviewDocument,
    "\n  mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {\n    reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {\n      coordinate\n      reviewStatus\n    }\n  }\n": typeof types.ReviewDocument,
    "\n  fragment AccessRequestFields on AccessRequest {\n    id\n    status\n    fields\n    purpose\n    action\n    matter\n    justification\n    requestingDepartment\n    provider\n    submittedAt\n    dueDate\n    overdue\n    wantedUntil\n    decidedAt\n    decidedBy\n    reason\n    grantedFields\n    grantedUntil\n    escalatedAt\n    escalationReason\n    grants {\n      id\n      field\n      live\n      validUntil\n    }\n  }\n": typeof types.AccessRequestFieldsFragmentDoc,
    "\n  query Requests($status: AccessRequestStatus) {\n    accessRequests(status: $status) {\n      ...AccessRequestFields\n    }\n  }\n": typeof types.RequestsDocument,
};
const documents: Documents = {
    "\n  query Disputes {\n    disputes {\n      id\n      field\n      entityKey\n      description\n      evidence\n      status\n      reportingDepartment\n      provider\n      reportedAt\n      dueDate\n      overdue\n      answeredAt\n      answer\n      outcome\n    }\n  }\n": types.DisputesDocument,
    "\n  query Catalog {\n    catalog {\n      coordinate\n      resource\n      field\n      provider\n      providerCode\n      resourceCode\n      shareType\n      shareCondition\n      basis\n      classification\n      abstract\n      format\n      shareMethod\n      openToPublic\n      updateCycle\n      publishedOn\n      relatedResources\n    }\n  }\n": types.CatalogDocument,
    "\n  mutation Apply($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n      dueDate\n    }\n  }\n": types.ApplyDocument,
    "\n  mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {\n    decideAccessRequest(id: $id, approve: $approve, reason: $reason, fields: $fields, validUntil: $validUntil, condition: $condition) {\n      ...AccessRequestFields\n    }\n  }\n": types.DecideDocument,
    "\n  mutation Revoke($id: ID!, $reason: String!) {\n    revokeGrant(id: $id, reason: $reason) {\n      id\n      live\n    }\n  }\n": types.RevokeDocument,
    "\n  mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {\n    answerDispute(id: $id, answer: $answer, outcome: $outcome) {\n      id\n    }\n  }\n": types.AnswerDisputeDocument,
    "\n  query ConditionAttributes($provider: String) {\n    catalog(provider: $provider, shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n": types.ConditionAttributesDocument,
    "\n  query MyGrants {\n    myGrants(includeInactive: true) {\n      id\n      kind\n      field\n      purpose\n      action\n      validUntil\n      live\n      revokedAt\n      revokeReason\n      basis\n    }\n  }\n": types.MyGrantsDocument,
    "\n  mutation Escalate($id: ID!, $reason: String!) {\n    escalateAccessRequest(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.EscalateDocument,
    "\n  mutation NegotiationFailed($id: ID!, $text: String!) {\n    recordNegotiation(id: $id, outcome: FAILED, text: $text) {\n      id\n      status\n    }\n  }\n": types.NegotiationFailedDocument,
    "\n  mutation Dispute($input: DisputeInput!) {\n    reportDispute(input: $input) {\n      id\n      dueDate\n    }\n  }\n": types.DisputeDocument,
    "\n  query Departments {\n    departments {\n      code\n      name\n      orgCode\n      administrators\n    }\n  }\n": types.DepartmentsDocument,
    "\n  mutation Exception($input: ExceptionInput!) {\n    grantException(input: $input) {\n      id\n    }\n  }\n": types.ExceptionDocument,
    "\n  mutation Close($id: ID!, $reason: String!) {\n    closeEscalation(id: $id, reason: $reason) {\n      id\n    }\n  }\n": types.CloseDocument,
    "\n  mutation Appoint($department: String!, $user: String!, $reason: String!) {\n    appointSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": types.AppointDocument,
    "\n  mutation Remove($department: String!, $user: String!, $reason: String!) {\n    removeSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": types.RemoveDocument,
    "\n  query Audit($filter: AuditFilter, $after: String) {\n    auditRecords(filter: $filter, first: 20, after: $after) {\n      records {\n        id\n        at\n        app\n        department\n        purpose\n        matter\n        granted\n        denied\n        outcome\n        code\n      }\n      nextCursor\n    }\n  }\n": types.AuditDocument,
    "\n  query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {\n    dataUsage(from: $from, to: $to, groupBy: $groupBy) {\n      consumer\n      provider\n      field\n      purpose\n      requests\n    }\n  }\n": types.UsageDocument,
    "\n  query AuditIntegrity {\n    auditIntegrity {\n      verifiedAt\n      ok\n      chains\n      records\n      checkpoints\n      anchored\n      quarantined\n      problem\n      running\n      lastCheckpoints {\n        chain\n        seq\n        at\n        keyId\n      }\n    }\n  }\n": types.AuditIntegrityDocument,
    "\n  query CatalogReview {\n    catalog {\n      coordinate\n      provider\n      shareType\n      abstract\n      classification\n      updateCycle\n      shareCondition\n      publishedOn\n      changedOn\n      reviewStatus\n      reviewDueDate\n      reviewOverdue\n    }\n  }\n": types.CatalogReviewDocument,
    "\n  mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {\n    reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {\n      coordinate\n      reviewStatus\n    }\n  }\n": types.ReviewDocument,
    "\n  fragment AccessRequestFields on AccessRequest {\n    id\n    status\n    fields\n    purpose\n    action\n    matter\n    justification\n    requestingDepartment\n    provider\n    submittedAt\n    dueDate\n    overdue\n    wantedUntil\n    decidedAt\n    decidedBy\n    reason\n    grantedFields\n    grantedUntil\n    escalatedAt\n    escalationReason\n    grants {\n      id\n      field\n      live\n      validUntil\n    }\n  }\n": types.AccessRequestFieldsFragmentDoc,
    "\n  query Requests($status: AccessRequestStatus) {\n    accessRequests(status: $status) {\n      ...AccessRequestFields\n    }\n  }\n": types.RequestsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Disputes {\n    disputes {\n      id\n      field\n      entityKey\n      description\n      evidence\n      status\n      reportingDepartment\n      provider\n      reportedAt\n      dueDate\n      overdue\n      answeredAt\n      answer\n      outcome\n    }\n  }\n"): typeof import('./graphql').DisputesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    catalog {\n      coordinate\n      resource\n      field\n      provider\n      providerCode\n      resourceCode\n      shareType\n      shareCondition\n      basis\n      classification\n      abstract\n      format\n      shareMethod\n      openToPublic\n      updateCycle\n      publishedOn\n      relatedResources\n    }\n  }\n"): typeof import('./graphql').CatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Apply($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n      dueDate\n    }\n  }\n"): typeof import('./graphql').ApplyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {\n    decideAccessRequest(id: $id, approve: $approve, reason: $reason, fields: $fields, validUntil: $validUntil, condition: $condition) {\n      ...AccessRequestFields\n    }\n  }\n"): typeof import('./graphql').DecideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Revoke($id: ID!, $reason: String!) {\n    revokeGrant(id: $id, reason: $reason) {\n      id\n      live\n    }\n  }\n"): typeof import('./graphql').RevokeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {\n    answerDispute(id: $id, answer: $answer, outcome: $outcome) {\n      id\n    }\n  }\n"): typeof import('./graphql').AnswerDisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConditionAttributes($provider: String) {\n    catalog(provider: $provider, shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n"): typeof import('./graphql').ConditionAttributesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyGrants {\n    myGrants(includeInactive: true) {\n      id\n      kind\n      field\n      purpose\n      action\n      validUntil\n      live\n      revokedAt\n      revokeReason\n      basis\n    }\n  }\n"): typeof import('./graphql').MyGrantsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Escalate($id: ID!, $reason: String!) {\n    escalateAccessRequest(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').EscalateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NegotiationFailed($id: ID!, $text: String!) {\n    recordNegotiation(id: $id, outcome: FAILED, text: $text) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').NegotiationFailedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Dispute($input: DisputeInput!) {\n    reportDispute(input: $input) {\n      id\n      dueDate\n    }\n  }\n"): typeof import('./graphql').DisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Departments {\n    departments {\n      code\n      name\n      orgCode\n      administrators\n    }\n  }\n"): typeof import('./graphql').DepartmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Exception($input: ExceptionInput!) {\n    grantException(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').ExceptionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Close($id: ID!, $reason: String!) {\n    closeEscalation(id: $id, reason: $reason) {\n      id\n    }\n  }\n"): typeof import('./graphql').CloseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Appoint($department: String!, $user: String!, $reason: String!) {\n    appointSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n"): typeof import('./graphql').AppointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Remove($department: String!, $user: String!, $reason: String!) {\n    removeSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n"): typeof import('./graphql').RemoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Audit($filter: AuditFilter, $after: String) {\n    auditRecords(filter: $filter, first: 20, after: $after) {\n      records {\n        id\n        at\n        app\n        department\n        purpose\n        matter\n        granted\n        denied\n        outcome\n        code\n      }\n      nextCursor\n    }\n  }\n"): typeof import('./graphql').AuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {\n    dataUsage(from: $from, to: $to, groupBy: $groupBy) {\n      consumer\n      provider\n      field\n      purpose\n      requests\n    }\n  }\n"): typeof import('./graphql').UsageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditIntegrity {\n    auditIntegrity {\n      verifiedAt\n      ok\n      chains\n      records\n      checkpoints\n      anchored\n      quarantined\n      problem\n      running\n      lastCheckpoints {\n        chain\n        seq\n        at\n        keyId\n      }\n    }\n  }\n"): typeof import('./graphql').AuditIntegrityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogReview {\n    catalog {\n      coordinate\n      provider\n      shareType\n      abstract\n      classification\n      updateCycle\n      shareCondition\n      publishedOn\n      changedOn\n      reviewStatus\n      reviewDueDate\n      reviewOverdue\n    }\n  }\n"): typeof import('./graphql').CatalogReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {\n    reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {\n      coordinate\n      reviewStatus\n    }\n  }\n"): typeof import('./graphql').ReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccessRequestFields on AccessRequest {\n    id\n    status\n    fields\n    purpose\n    action\n    matter\n    justification\n    requestingDepartment\n    provider\n    submittedAt\n    dueDate\n    overdue\n    wantedUntil\n    decidedAt\n    decidedBy\n    reason\n    grantedFields\n    grantedUntil\n    escalatedAt\n    escalationReason\n    grants {\n      id\n      field\n      live\n      validUntil\n    }\n  }\n"): typeof import('./graphql').AccessRequestFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Requests($status: AccessRequestStatus) {\n    accessRequests(status: $status) {\n      ...AccessRequestFields\n    }\n  }\n"): typeof import('./graphql').RequestsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
