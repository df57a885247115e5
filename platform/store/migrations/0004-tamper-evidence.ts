/**
 * Tamper evidence for governance (art. 5): the governance event log becomes a hash chain (place,
 * previous hash, own hash) with a head row that every appending transaction locks; the events
 * already recorded are chained in the order they were written.
 */
import { sql, type Kysely } from 'kysely';
import { GOVERNANCE_CHAIN, GOVERNANCE_GENESIS_HASH, hashGovernanceEvent, rowToGovernanceEvent } from '../governance-event-codec.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('governance_events').addColumn('seq', 'bigint').execute();
  await db.schema.alterTable('governance_events').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('governance_events').addColumn('hash', 'text').execute();
  await db.schema
    .createTable('event_chain_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  let seq = 0;
  let prevHash = GOVERNANCE_GENESIS_HASH;
  const rows = await db.selectFrom('governance_events').selectAll().orderBy('id').execute();
  for (const row of rows) {
    seq += 1;
    const hash = hashGovernanceEvent(seq, prevHash, rowToGovernanceEvent(row as Parameters<typeof rowToGovernanceEvent>[0]));
    // Millisecond precision, as the chain hashes it (now() had microseconds).
    await db
      .updateTable('governance_events')
      .set({ seq, prev_hash: prevHash, hash, at: new Date(row.at).toISOString() })
      .where('id', '=', row.id)
      .execute();
    prevHash = hash;
  }
  await db.insertInto('event_chain_heads').values({ chain: GOVERNANCE_CHAIN, seq, hash: prevHash }).execute();
  await sql`ALTER TABLE governance_events ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`.execute(db);
  await db.schema.alterTable('governance_events').addUniqueConstraint('governance_events_seq', ['seq']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_chain_heads').execute();
  await db.schema.alterTable('governance_events').dropConstraint('governance_events_seq').execute();
  for (const column of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('governance_events').dropColumn(column).execute();
}
