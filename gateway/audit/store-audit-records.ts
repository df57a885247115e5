/**
 * Putting audit records into the store so that no record can block the others: a batch goes in with
 * one statement (`insertAuditGroup`); a batch the store refuses
 * for its content (not for being away) is halved until the refused record is found, and that
 * record is quarantined — in `audit_quarantine` as escaped JSON, or, when the store cannot take even
 * that, in a local fsync'ed file moved into the table later — with an alert. Only a store that
 * cannot be reached makes `storeChecked` throw (the writer then spools).
 *
 * One refusal is not about content: a place in the chain that a partition already holds for another
 * record (the (chain, seq) index, migration 0020) means a second writer uses this chain name. Live
 * records then throw `ChainPlaceTakenError` (the writer refuses to serve: these answers cannot be
 * recorded in their chain); replayed records, whose answers were already given, are quarantined, and
 * `storeChecked` answers the place found taken (the writer then stops serving as well). A replayed
 * record the store skips as already stored (the same chain, seq and time) is compared by hash with
 * the record stored there: another record, met at the same millisecond, is a place taken too.
 */
import { sql, type Kysely } from 'kysely';
import { isChainPlaceTaken } from '../../platform/store/audit-partitions.ts';
import type { AuditRecordsTable, Database } from '../../platform/store/tables.ts';
import { quarantinedToRow, recordToRow } from './audit-codec.ts';
import { describeRefusal, isContentRefusal, isStorable, type QuarantinedRecord } from './audit-quarantine.ts';
import type { ChainedRecord } from './audit-record.ts';
import type { AuditSpool } from './audit-spool.ts';

/**
 * What an operator must hear about: a record quarantined, the store lost and records spooled, an
 * operation document dropped (store-operation-documents.ts), or another writer on this chain.
 */
export type AuditAlert =
  | { kind: 'quarantined'; chain: string; seq: number; reason: string; where: 'store' | 'file' }
  | { kind: 'spooling'; chain: string; error: unknown }
  | { kind: 'document-dropped'; hash: string; reason: string }
  | { kind: 'chain-taken'; chain: string; seq: number; error: unknown };

/** A live record's place in the chain is held by another record: another writer uses this chain name. */
export class ChainPlaceTakenError extends Error {
  readonly seq: number;
  constructor(chain: string, seq: number, cause: unknown) {
    super(`Another writer stored a record at place ${seq} of audit chain ${chain}: every gateway instance needs an AUDIT_CHAIN of its own`, { cause });
    this.name = 'ChainPlaceTakenError';
    this.seq = seq;
  }
}

/** The writer's backlog, for `/readyz`. */
export interface AuditWriterState {
  /** Records in the local spool waiting for the store, and the time of the oldest. */
  spool: { waiting: number; oldestAt: string | undefined };
  /** Records quarantined since start, the last one, and how many wait in the local quarantine file. */
  quarantine: { count: number; inFile: number; last: { seq: number; reason: string; at: string } | undefined };
  /** Operation documents dropped since start (refused by the store, or beyond the pending bound), and the last one. */
  documents: { dropped: number; last: { hash: string; reason: string; at: string } | undefined };
  /** Set once another writer was found on this chain: the writer then refuses every record until restarted. */
  chainTaken: { seq: number; at: string; problem: string } | undefined;
}

export interface RecordStoreOptions {
  db: Kysely<Database>;
  /** Quarantined records the store could not take even in `audit_quarantine`. */
  quarantineFile: AuditSpool<QuarantinedRecord>;
  /** The writer's state; quarantine counts are kept here. */
  state: AuditWriterState;
  alert: (alert: AuditAlert) => void;
  /**
   * How a group of records is stored, all or none, resolving to the places it inserted (or nothing,
   * when it cannot tell); default `insertAuditGroup` (the write benchmark passes the former transaction).
   */
  insertGroup?: ((db: Kysely<Database>, records: readonly ChainedRecord[]) => Promise<readonly number[] | void>) | undefined;
}

/**
 * The `audit_records` columns a group commit writes and the type each is read as. Every value travels
 * as text, one text[] parameter per column, and is cast here by the same input function a text
 * parameter of that column's type meets: the store stores, and refuses, exactly what it would from a
 * plain INSERT (a NUL in a text column is SQLSTATE 22021, a `\u0000` in jsonb 22P05). `providers` is
 * itself an array: its element is its array literal.
 */
const RECORD_COLUMNS = {
  chain: 'text',
  seq: 'bigint',
  prev_hash: 'text',
  hash: 'text',
  at: 'timestamptz',
  request_id: 'text',
  app: 'text',
  dept: 'text',
  roles: 'jsonb',
  purpose: 'text',
  matter: 'text',
  operation_hash: 'text',
  operation_name: 'text',
  granted: 'jsonb',
  denied: 'jsonb',
  masked: 'jsonb',
  providers: 'text[]',
  served: 'jsonb',
  outcome: 'text',
  duration_ms: 'integer',
  code: 'text',
  verified: 'jsonb',
  subjects: 'jsonb',
  document_hash: 'text',
} as const satisfies Record<Exclude<keyof AuditRecordsTable, 'id'>, string>;

type RecordColumn = keyof typeof RECORD_COLUMNS;
const COLUMNS = Object.keys(RECORD_COLUMNS) as RecordColumn[];

/**
 * A group commit as one statement: the records, in order (ids follow the chain), skipping any already
 * stored ((chain, seq, at): a replayed record is the same record with the same time). It answers the
 * places it inserted, so that a live record skipped is seen. One parameter per column, whatever the
 * group's size. The subject log is the GIN index over each record's own `subjects` (migration 0023): it
 * is written with the record, by the same insert, and nothing else is.
 */
const GROUP_INSERT_HEAD = sql.raw(
  `insert into audit_records (${COLUMNS.join(', ')}) select ${COLUMNS.map((c) => `r.${c}::${RECORD_COLUMNS[c]}`).join(', ')} from unnest(`,
);
const GROUP_INSERT_TAIL = sql.raw(
  `) with ordinality as r(${COLUMNS.join(', ')}, ord) order by r.ord on conflict (chain, seq, at) do nothing returning seq::text as seq`,
);

const ESCAPED = /[\\"]/;

/** One element of an array literal: quoted, `\` and `"` escaped (most values, HMACs, names and times, hold neither). */
function arrayElement(value: string | null): string {
  if (value === null) return 'NULL';
  return `"${ESCAPED.test(value) ? value.replaceAll('\\', '\\\\').replaceAll('"', '\\"') : value}"`;
}

/**
 * A PostgreSQL array literal of texts (NULL for null), quoted as node-postgres quotes a text[] parameter.
 * A record's JSON is escaped by two plain replacements, about twice as fast as one by pattern.
 */
export function textArrayLiteral(values: ReadonlyArray<string | null>): string {
  const elements = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) elements[i] = arrayElement(values[i]!);
  return `{${elements.join(',')}}`;
}

/** One record's column values as text, in `COLUMNS` order. */
function rowTexts(record: ChainedRecord): Array<string | null> {
  const row = recordToRow(record) as Record<RecordColumn, string | number | string[] | null | undefined>;
  return COLUMNS.map((column) => {
    const value = row[column];
    if (value === null || value === undefined) return null;
    return Array.isArray(value) ? textArrayLiteral(value) : String(value);
  });
}

/**
 * Most characters of record text in one statement. Ordinary groups are far below it (500 records of about
 * 1 kB); a group of records listing thousands of subjects each is written as several statements, in
 * order, in one transaction.
 */
export const GROUP_STATEMENT_CHARS = 8 * 1024 * 1024;

/**
 * Stores a group of records, all or none: one statement (one round trip), or,
 * beyond `maxChars` of record text, consecutive statements in one transaction. A record is never split.
 * Resolves to the places (seq) it inserted: a record missing from them was already stored with its time.
 */
export async function insertAuditGroup(db: Kysely<Database>, records: readonly ChainedRecord[], maxChars = GROUP_STATEMENT_CHARS): Promise<number[]> {
  const statements: Array<Array<Array<string | null>>> = [];
  let chars = Infinity;
  for (const record of records) {
    const texts = rowTexts(record);
    const size = texts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
    if (chars + size > maxChars) {
      statements.push([]);
      chars = 0;
    }
    statements[statements.length - 1]!.push(texts);
    chars += size;
  }
  const statement = async (rows: Array<Array<string | null>>, on: Kysely<Database>) => {
    const columns = COLUMNS.map((_column, i) => sql`${textArrayLiteral(rows.map((texts) => texts[i]!))}::text[]`);
    const inserted = await sql<{ seq: string }>`${GROUP_INSERT_HEAD}${sql.join(columns)}${GROUP_INSERT_TAIL}`.execute(on);
    return inserted.rows.map((row) => Number(row.seq));
  };
  if (statements.length === 0) return [];
  if (statements.length === 1) return statement(statements[0]!, db);
  return db.transaction().execute(async (trx) => {
    const inserted: number[] = [];
    for (const rows of statements) inserted.push(...(await statement(rows, trx)));
    return inserted;
  });
}

/** The place the store names in its refusal ("Key (chain, seq)=(c, 5) already exists."), if it names one. */
function takenPlace(error: unknown): number | undefined {
  const detail = (error as { detail?: unknown }).detail;
  const match = typeof detail === 'string' ? /=\(.*, (\d+)\)/.exec(detail) : null;
  return match ? Number(match[1]) : undefined;
}

export function createRecordStore({ db, quarantineFile, state, alert, insertGroup = insertAuditGroup }: RecordStoreOptions) {
  /**
   * A group of records. A live record is new: one the store skips as already stored (the same chain, seq and
   * time) was another writer's, met at the same millisecond. A replayed record skipped is the same
   * record stored before only if the stored one has its hash; else it is quarantined, its place taken.
   */
  const insert = async (records: readonly ChainedRecord[], replayed: boolean, taken: ChainPlaceTakenError[]) => {
    if (records.length === 0) return;
    const inserted = await insertGroup(db, records);
    if (inserted && inserted.length === records.length) return;
    const places = new Set(inserted ?? []);
    // A group that cannot tell what it inserted (`insertGroup` resolving to nothing): every replayed record is checked.
    const skipped = inserted ? records.filter((record) => !places.has(record.seq)) : replayed ? records : [];
    if (!replayed) {
      if (skipped[0]) throw new ChainPlaceTakenError(skipped[0].chain, skipped[0].seq, undefined);
      return;
    }
    for (const record of await heldByAnother(skipped)) {
      await quarantine(
        record,
        `another record (another hash) holds place ${record.seq} of audit chain ${record.chain} at the same time: another writer uses this chain`,
      );
      taken.push(new ChainPlaceTakenError(record.chain, record.seq, undefined));
    }
  };

  /**
   * Of replayed records the store skipped as already stored, those whose (chain, seq, at) holds a
   * record with another hash: another writer's, met at the same millisecond. A place holding the same
   * hash holds this very record; a place holding nothing (archived meanwhile) is not another's.
   */
  const heldByAnother = async (skipped: readonly ChainedRecord[]): Promise<ChainedRecord[]> => {
    if (skipped.length === 0) return [];
    const rows = await db
      .selectFrom('audit_records')
      .select(['seq', 'at', 'hash'])
      .where('chain', '=', skipped[0]!.chain)
      .where(
        'seq',
        'in',
        skipped.map((record) => String(record.seq)),
      )
      .execute();
    return skipped.filter((record) =>
      rows.some((row) => Number(row.seq) === record.seq && new Date(row.at).getTime() === Date.parse(record.at) && row.hash !== record.hash),
    );
  };

  /** Keeps a refused record aside: in the store if it takes the escaped JSON, else in the local file; throws if neither. */
  const quarantine = async (record: ChainedRecord, reason: string) => {
    const quarantined: QuarantinedRecord = { record, reason, at: new Date().toISOString() };
    let where: 'store' | 'file' = 'store';
    try {
      await db
        .insertInto('audit_quarantine')
        .values(quarantinedToRow(quarantined))
        .onConflict((oc) => oc.columns(['chain', 'seq']).doNothing())
        .execute();
    } catch {
      await quarantineFile.append([quarantined]);
      state.quarantine.inFile += 1;
      where = 'file';
    }
    state.quarantine.count += 1;
    state.quarantine.last = { seq: record.seq, reason, at: quarantined.at };
    alert({ kind: 'quarantined', chain: record.chain, seq: record.seq, reason, where });
  };

  /**
   * Stores records in order; throws when the store cannot be reached, or, for live records, when
   * another record holds a place. One refused record fails its whole statement, so a refused batch is
   * halved until the record is found and quarantined.
   */
  const store = async (records: readonly ChainedRecord[], replayed: boolean, taken: ChainPlaceTakenError[]): Promise<void> => {
    if (records.length === 0) return;
    try {
      await insert(records, replayed, taken);
    } catch (error) {
      if (error instanceof ChainPlaceTakenError) throw error;
      if (!replayed && isChainPlaceTaken(error)) throw new ChainPlaceTakenError(records[0]!.chain, takenPlace(error) ?? records[0]!.seq, error);
      if (!isContentRefusal(error)) throw error;
      if (records.length === 1) {
        await quarantine(records[0]!, describeRefusal(error));
        if (isChainPlaceTaken(error)) taken.push(new ChainPlaceTakenError(records[0]!.chain, records[0]!.seq, error));
        return;
      }
      const middle = Math.ceil(records.length / 2);
      await store(records.slice(0, middle), replayed, taken);
      await store(records.slice(middle), replayed, taken);
    }
  };

  /**
   * Text the store would silently alter (a lone surrogate becomes U+FFFD) would break the hash:
   * quarantined unasked. `replayed`: records from the spool, whose answers were given — a place
   * another record holds quarantines them (kept, verifiable) instead of throwing, and the first such
   * place is answered: another writer uses this chain.
   */
  const storeChecked = async (records: readonly ChainedRecord[], { replayed = false } = {}): Promise<ChainPlaceTakenError | undefined> => {
    const storable: ChainedRecord[] = [];
    for (const record of records) {
      if (isStorable(record)) storable.push(record);
      else await quarantine(record, 'holds text that is not well-formed Unicode: the store would alter it');
    }
    const taken: ChainPlaceTakenError[] = [];
    await store(storable, replayed, taken);
    return taken[0];
  };

  /** Moves records quarantined locally into `audit_quarantine` once the store takes them. */
  const replayQuarantineFile = async () => {
    if (state.quarantine.inFile === 0) return;
    for (const quarantined of await quarantineFile.read()) {
      await db
        .insertInto('audit_quarantine')
        .values(quarantinedToRow(quarantined))
        .onConflict((oc) => oc.columns(['chain', 'seq']).doNothing())
        .execute();
    }
    await quarantineFile.clear();
    state.quarantine.inFile = 0;
  };

  return { storeChecked, replayQuarantineFile };
}
