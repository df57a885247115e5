/** The access-request fields every page shows, and the status timeline of one request. */
export interface AccessRequest {
  id: string;
  status: string;
  fields: string[];
  purpose: string;
  /** READ, or VERIFY (核验: check claims only, never receive the values). */
  action: string;
  matter: string | null;
  justification: string;
  requestingDepartment: string;
  provider: string;
  submittedAt: string;
  dueDate: string;
  overdue: boolean;
  wantedUntil: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  grantedFields: string[] | null;
  grantedUntil: string | null;
  escalatedAt: string | null;
  escalationReason: string | null;
  grants: Array<{ id: string; field: string; live: boolean; validUntil: string }>;
}

export const REQUEST_FIELDS = `id status fields purpose action matter justification requestingDepartment provider submittedAt dueDate overdue wantedUntil decidedAt decidedBy reason grantedFields grantedUntil escalatedAt escalationReason grants { id field live validUntil }`;

export const REQUESTS_QUERY = `query Requests($status: AccessRequestStatus) { accessRequests(status: $status) { ${REQUEST_FIELDS} } }`;

export function localTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
}
