/**
 * Regulation profiles (周政发〔2018〕6号 art. 13): an access request records the profile it was made
 * under and the step it is at — when that step started and how many working days it runs, so a newly
 * entered working calendar recounts it — and what each step decided: the operator's compliance check,
 * the two departments' negotiation and its outcome, the coordination office's referral to the city
 * leading group, and the city's decision once it comes. Requests made before profiles were at their
 * provider's 10 working days from submission.
 */
import { sql, type Kysely } from 'kysely';

const STEP_COLUMNS: ReadonlyArray<[string, 'text' | 'timestamptz' | 'boolean']> = [
  ['regulation_profile', 'text'],
  ['compliance_checked_at', 'timestamptz'],
  ['compliance_checked_by', 'text'],
  ['compliance_reason', 'text'],
  ['publication_needed', 'boolean'],
  ['negotiation_started_at', 'timestamptz'],
  ['negotiation_outcome', 'text'],
  ['negotiation_text', 'text'],
  ['negotiated_at', 'timestamptz'],
  ['negotiated_by', 'text'],
  ['referred_at', 'timestamptz'],
  ['referred_by', 'text'],
  ['referral_reason', 'text'],
  ['city_decision', 'text'],
  ['city_decision_entered_at', 'timestamptz'],
  ['city_decision_entered_by', 'text'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_requests').addColumn('step_started_at', 'timestamptz').execute();
  await db.schema.alterTable('access_requests').addColumn('step_working_days', 'integer').execute();
  for (const [name, type] of STEP_COLUMNS) await db.schema.alterTable('access_requests').addColumn(name, type).execute();
  await sql`UPDATE access_requests SET step_started_at = submitted_at, step_working_days = 10`.execute(db);
  await db.schema
    .alterTable('access_requests')
    .alterColumn('step_started_at', (c) => c.setNotNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...STEP_COLUMNS].reverse()) await db.schema.alterTable('access_requests').dropColumn(name).execute();
  await db.schema.alterTable('access_requests').dropColumn('step_working_days').execute();
  await db.schema.alterTable('access_requests').dropColumn('step_started_at').execute();
}
