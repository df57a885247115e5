/** An access request as the governance rules read it: its two sides, its items and where it stands. */
export interface RequestState {
  requestingDept: string;
  provider: string;
  fields: readonly string[];
  /** COMPLIANCE_CHECK, COMPLIANCE_REFUSED, PENDING, APPROVED, REFUSED, NEGOTIATING, AGREED, ESCALATED, EXCEPTION_GRANTED, CLOSED, REFERRED_TO_CITY, CITY_APPROVED or CITY_REFUSED. */
  status: string;
  purpose: string;
  /** READ or VERIFY: what the grants the request asks for would allow (absent: READ). */
  action?: string;
  /** YYYY-MM-DD: the last day the requester wants the grant. */
  wantedUntil: string;
  /** YYYY-MM-DD: the provider's answer is due by the end of this day. */
  dueDate: string;
}
