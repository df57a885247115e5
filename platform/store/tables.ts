/** Row types of the store of record, as Kysely sees them (see migrations/ for the DDL). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface DepartmentsTable {
  code: string;
  name: string;
  org_code: string;
  created_at: Generated<Timestamp>;
}

export interface DepartmentAdminsTable {
  id: Generated<number>;
  dept: string;
  user_id: string;
  appointed_at: Generated<Timestamp>;
  appointed_by: string;
  appointed_reason: string | null;
  /** Set when the operator removed the administrator; the row stays (nothing is deleted). */
  removed_at: Timestamp | null;
  removed_by: string | null;
  removed_reason: string | null;
}

export interface CatalogItemsTable {
  coordinate: string;
  type_name: string;
  field_name: string;
  provider: string;
  declared: JSONColumnType<Record<string, unknown>>;
  override: JSONColumnType<Record<string, unknown>> | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  published_on: string;
  updated_at: Timestamp;
  /** `PENDING_REVIEW` for an item a publication brought in, until the operator reviews it; `REVIEWED` otherwise. */
  review_status: ColumnType<string, string | undefined, string>;
  /** China calendar day its declaration last changed (art. 8); null while unchanged since it was first published. */
  changed_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SubgraphsTable {
  /** The department code. */
  name: string;
  url: string;
  current_version: number;
  updated_at: Generated<Timestamp>;
}

export interface SubgraphVersionsTable {
  id: Generated<number>;
  name: string;
  /** Every attempt gets the next number, published or not. */
  version: number;
  sdl: string;
  url: string;
  published_by: string;
  published_dept: string;
  published_at: Timestamp;
  published: boolean;
  dry_run: boolean;
  /** The operator's reason for an override, or the reason of a rollback. */
  reason: string | null;
  rollback_of: number | null;
  checks: JSONColumnType<Array<{ check: string; passed: boolean; lines: string[] }>>;
  diff: JSONColumnType<Array<{ level: string; path: string | null; message: string }>>;
}

export interface AccessRequestsTable {
  id: string;
  requesting_dept: string;
  requested_by: string;
  provider: string;
  fields: JSONColumnType<string[]>;
  purpose: string;
  matter: string | null;
  justification: string;
  wanted_until: string;
  status: string;
  submitted_at: Timestamp;
  due_date: string;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  granted_fields: JSONColumnType<string[]> | null;
  granted_until: string | null;
  escalated_at: Timestamp | null;
  escalated_by: string | null;
  escalation_reason: string | null;
  /** The regulation profile the request was made under (null: made before profiles). */
  regulation_profile: string | null;
  /** When the step it is at started: its deadline counts from that day. */
  step_started_at: Timestamp;
  /** Working days the step runs (null: a step without a deadline). */
  step_working_days: number | null;
  compliance_checked_at: Timestamp | null;
  compliance_checked_by: string | null;
  compliance_reason: string | null;
  publication_needed: boolean | null;
  negotiation_started_at: Timestamp | null;
  /** AGREED or FAILED. */
  negotiation_outcome: string | null;
  negotiation_text: string | null;
  negotiated_at: Timestamp | null;
  negotiated_by: string | null;
  referred_at: Timestamp | null;
  referred_by: string | null;
  referral_reason: string | null;
  city_decision: string | null;
  city_decision_entered_at: Timestamp | null;
  city_decision_entered_by: string | null;
  /** READ or VERIFY (0011): what the grants of an approval allow. */
  action: ColumnType<string, string | undefined, string>;
}

export interface GrantsTable {
  id: string;
  kind: string;
  dept: string;
  field: string;
  purpose: string;
  valid_from: Timestamp;
  valid_until: Timestamp;
  request_id: string | null;
  basis: string | null;
  granted_by: string;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  /** READ or VERIFY (policies/types.ts GRANT_ACTIONS). */
  action: ColumnType<string, string | undefined, string>;
  /** Mask kind the approval requires (0006); null: delivered as the item's own declaration says. */
  mask: Generated<string | null>;
  /** Row condition as JSON (0006); null: every subject. */
  row_condition: Generated<string | null>;
}

export interface DisputesTable {
  id: string;
  field: string;
  entity_key: string;
  reporting_dept: string;
  reported_by: string;
  provider: string;
  description: string;
  evidence: string;
  status: string;
  reported_at: Timestamp;
  due_date: string;
  answered_at: Timestamp | null;
  answered_by: string | null;
  answer: string | null;
  outcome: string | null;
}

export interface GovernanceEventsTable {
  id: Generated<number>;
  /** Set by the writer (the chain hashes it), not left to the column default. */
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  actor: string;
  actor_dept: string;
  subject_kind: string;
  subject_id: string;
  action: string;
  reason: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  /** Place in the governance hash chain (governance-event-chain.ts). */
  seq: ColumnType<string, string | number, string | number>;
  prev_hash: string;
  hash: string;
}

export interface EventChainHeadsTable {
  chain: string;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
}

export interface PlatformStateTable {
  key: string;
  value: ColumnType<string, string | number, string | number>;
}

export interface AuditRecordsTable {
  id: Generated<string>;
  chain: string;
  seq: ColumnType<string, string | number, string | number>;
  prev_hash: string;
  hash: string;
  at: Timestamp;
  request_id: string;
  app: string;
  dept: string;
  roles: JSONColumnType<string[]>;
  purpose: string | null;
  matter: string | null;
  operation_hash: string;
  operation_name: string | null;
  granted: JSONColumnType<string[]>;
  denied: JSONColumnType<string[]>;
  masked: JSONColumnType<string[]>;
  providers: ColumnType<string[], string[], string[]>;
  served: JSONColumnType<Record<string, { calls: number; entities: number }>>;
  outcome: string;
  duration_ms: number;
  /** Why the request was refused (REJECTED, REFUSED); null otherwise. */
  code: ColumnType<string | null, string | null | undefined, string | null>;
  /** Outcome counts per verified item (verification calls only); null otherwise. */
  verified: ColumnType<Record<string, Record<string, number>> | null, string | null | undefined, string | null>;
  /** The keyed HMACs of the subjects served and which provider served each (audit-record.ts `SubjectList`; provider → HMACs before 0023); null when none. */
  subjects: ColumnType<
    { hmacs: string[]; servedBy: Record<string, '*' | string[]> } | Record<string, string[]> | null,
    string | null | undefined,
    string | null
  >;
  /** SHA-256 of the operation's literal-free document (`operation_documents`); null for records without one. */
  document_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One distinct operation document, literals stripped, kept once under its hash (the policy dry run replays them). */
export interface OperationDocumentsTable {
  hash: string;
  document: string;
  operation_name: string | null;
  first_seen: ColumnType<Date | string, Date | string | undefined, never>;
}

export interface AuditQuarantineTable {
  id: Generated<string>;
  chain: string;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
  /** The chained record as JSON, non-ASCII escaped. */
  record: string;
  reason: string;
  quarantined_at: Timestamp;
}

/** A month of the audit archived to a signed file and dropped (0016). */
export interface AuditArchivesTable {
  /** China calendar month, `YYYY-MM`. */
  month: string;
  /** The archive's file name in ARCHIVE_DIR. */
  file: string;
  sha256: string;
  key_id: string;
  signature: string;
  records: ColumnType<string, string | number, string | number>;
  subject_rows: ColumnType<string, string | number, string | number>;
  archived_at: Timestamp;
}

/** What one verification of the audit trail reported, as `audit_verifications.summary` holds it (0019). */
export interface AuditVerificationSummary {
  chains: number;
  records: number;
  checkpoints: number;
  anchored: number;
  quarantined: number;
  archivedMonths: string[];
  /** The first problems found (at most 50), and how many there were in all. */
  problems: string[];
  problemCount: number;
}

/** One run of `npm run audit:verify -- --record` (0019). */
export interface AuditVerificationsTable {
  id: Generated<string>;
  started_at: Timestamp;
  finished_at: Timestamp;
  ok: boolean;
  summary: JSONColumnType<AuditVerificationSummary>;
  host: string;
}

/** Per archived month and chain: the records it took (`from_seq`–`through_seq`) and the last one's hash (0016). */
export interface AuditArchiveChainsTable {
  month: string;
  chain: string;
  from_seq: ColumnType<string, string | number, string | number>;
  through_seq: ColumnType<string, string | number, string | number>;
  through_hash: string;
}

export interface AuditCheckpointsTable {
  id: Generated<string>;
  chain: string;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
  at: Timestamp;
  key_id: string;
  signature: string;
}

/** A year's working calendar as the coordination office entered it (one row per year; see 0009). */
/** The last freshness reading of a provider's resource (art. 14); `data_as_of` null: unknown. */
export interface ResourceFreshnessReadingsTable {
  provider: string;
  resource: string;
  data_as_of: string | null;
  /** READ, NO_ANSWER or MALFORMED */
  outcome: string;
  read_at: Date;
}

/** Intervals of one freshness status per provider, resource and update cycle ('' for none); `to_at` null: the current one (0017). */
export interface ResourceFreshnessIntervalsTable {
  provider: string;
  resource: string;
  update_cycle: string;
  /** FRESH, STALE or UNKNOWN */
  status: string;
  reason: string | null;
  from_at: Date;
  to_at: Date | null;
  checked_at: Date;
}

export interface WorkingCalendarYearsTable {
  year: number;
  holidays: JSONColumnType<string[]>;
  workdays: JSONColumnType<string[]>;
  entered_by: string;
  entered_at: ColumnType<Date, Date | string, Date | string>;
  reason: string;
}

/** One notification event of the outbox (0013): the event id every webhook delivery carries. */
export interface NotificationEventsTable {
  id: string;
  /** NEW_REQUEST, DUE_SOON, … (policies/governance/notification-for.ts). */
  kind: string;
  at: Timestamp;
  /** access_request, grant, dispute or subgraph. */
  subject_kind: string;
  subject_id: string;
  /** One zh-CN line saying what happened. */
  text: string;
  /** `<kind>:<subject id>` for scheduled events (at most one per subject and kind); null for governance changes. */
  dedup_key: string | null;
}

/** One notification in a department's inbox for one role, and whether it was read. */
export interface NotificationInboxTable {
  id: Generated<string>;
  event_id: string;
  dept: string;
  role: string;
  read_at: Timestamp | null;
  read_by: string | null;
}

/** A department's webhook; the secret signs every delivery (shown once to whoever registered or rotated it). */
export interface WebhooksTable {
  dept: string;
  url: string;
  secret: string;
  registered_by: string;
  registered_at: Timestamp;
  secret_rotated_at: Timestamp;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

/** One event to deliver to one department's webhook: PENDING until DELIVERED or DEAD. */
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  event_id: string;
  dept: string;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  /** When the next attempt is due (PENDING) or the claim of an attempt in flight ends; null once settled. */
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  last_attempt_at: Timestamp | null;
  delivered_at: Timestamp | null;
  created_at: Generated<Timestamp>;
}

/** Days the audit roll-up holds (0014). */
export interface AuditDailyDaysTable {
  day: string;
  rolled_at: Timestamp;
  /** Audit records the day held when it was last rolled; null: rolled before 0018, not known (0018). */
  records: number | null;
}

/** Per day: records that received a provider's items, per consumer, app and purpose; `item` '*' = any item of the provider (0014). */
export interface AuditDailyUsageTable {
  day: string;
  provider: string;
  consumer: string;
  app: string;
  purpose: string;
  item: string;
  records: number;
}

/** Per day and provider: records that called its subgraph, failures among them, durations (0014). */
export interface AuditDailyCallsTable {
  day: string;
  provider: string;
  calls: number;
  failures: number;
  duration_ms_sum: ColumnType<string, string | number, string | number>;
  duration_ms_max: number;
}

/** A rectification notice (通知整改, art. 22) and what the department recorded (0014). */
export interface RectificationNoticesTable {
  id: string;
  department: string;
  kind: string;
  examples: JSONColumnType<string[]>;
  text: string;
  issued_by: string;
  issued_at: Timestamp;
  working_days: number;
  due_date: string;
  /** OPEN until the department records what it did, then RECORDED. */
  status: string;
  recorded_by: string | null;
  recorded_at: Timestamp | null;
  action_taken: string | null;
}

export interface Database {
  audit_daily_days: AuditDailyDaysTable;
  audit_daily_usage: AuditDailyUsageTable;
  audit_daily_calls: AuditDailyCallsTable;
  rectification_notices: RectificationNoticesTable;
  audit_records: AuditRecordsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_quarantine: AuditQuarantineTable;
  audit_archives: AuditArchivesTable;
  audit_verifications: AuditVerificationsTable;
  audit_archive_chains: AuditArchiveChainsTable;
  operation_documents: OperationDocumentsTable;
  departments: DepartmentsTable;
  department_admins: DepartmentAdminsTable;
  catalog_items: CatalogItemsTable;
  access_requests: AccessRequestsTable;
  grants: GrantsTable;
  disputes: DisputesTable;
  governance_events: GovernanceEventsTable;
  event_chain_heads: EventChainHeadsTable;
  platform_state: PlatformStateTable;
  working_calendar_years: WorkingCalendarYearsTable;
  resource_freshness_readings: ResourceFreshnessReadingsTable;
  resource_freshness_intervals: ResourceFreshnessIntervalsTable;
  subgraphs: SubgraphsTable;
  subgraph_versions: SubgraphVersionsTable;
  notification_events: NotificationEventsTable;
  notification_inbox: NotificationInboxTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
