/** The access-request fields every page shows, the requests query, and the time of an event in China. */
import { graphql } from './gql/index.ts';
import type { AccessRequestFieldsFragment } from './gql/graphql.ts';

export type AccessRequest = AccessRequestFieldsFragment;

export const ACCESS_REQUEST_FIELDS = graphql(`
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
`);

export const REQUESTS_QUERY = graphql(`
  query Requests($status: AccessRequestStatus) {
    accessRequests(status: $status) {
      ...AccessRequestFields
    }
  }
`);

export function localTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
}
