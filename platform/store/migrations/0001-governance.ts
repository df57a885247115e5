/**
 * Governance: department registry (art. 21), catalog (art. 7–9), access requests and grants
 * (art. 13), data disputes (art. 16), and the event log that keeps every change with actor, time and
 * reason. Nothing is ever deleted: rows change state, events record how.
 */
import { sql, type Kysely } from 'kysely';

// Migrations see the database as it was when they were written, not as the current types say.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema builder is untyped by design here
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('department_admins')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('dept', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('appointed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('appointed_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('department_admins_dept_user', ['dept', 'user_id'])
    .execute();
  await db.schema
    .createTable('catalog_items')
    .addColumn('coordinate', 'text', (c) => c.primaryKey())
    .addColumn('type_name', 'text', (c) => c.notNull())
    .addColumn('field_name', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('declared', 'jsonb', (c) => c.notNull())
    .addColumn('override', 'jsonb')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requesting_dept', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('matter', 'text')
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('wanted_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('granted_fields', 'jsonb')
    .addColumn('granted_until', 'text')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('escalated_by', 'text')
    .addColumn('escalation_reason', 'text')
    .execute();
  await db.schema.createIndex('access_requests_provider_status').on('access_requests').columns(['provider', 'status']).execute();
  await db.schema.createIndex('access_requests_requesting_status').on('access_requests').columns(['requesting_dept', 'status']).execute();
  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dept', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.references('access_requests.id'))
    .addColumn('basis', 'text')
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('grants_dept_purpose').on('grants').columns(['dept', 'purpose']).execute();
  await db.schema
    .createTable('disputes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('entity_key', 'text', (c) => c.notNull())
    .addColumn('reporting_dept', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'text')
    .addColumn('answer', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createTable('governance_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_dept', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('governance_events_subject').on('governance_events').columns(['subject_kind', 'subject_id']).execute();
  await db.schema
    .createTable('platform_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('platform_state').values({ key: 'grants_version', value: 0 }).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['platform_state', 'governance_events', 'disputes', 'grants', 'access_requests', 'catalog_items', 'department_admins', 'departments']) {
    await db.schema.dropTable(table).execute();
  }
}
