/**
 * Putting audit records into the store so that no record can block the others: a batch goes in with
 * one statement; a batch the store refuses for its content (not for being away) is halved until the
 * refused record is found, and that record is quarantined — in `audit_quarantine` as escaped JSON, or,
 * when the store cannot take even that, in a local fsync'ed file moved into the table later — with
 * an alert. Only a store that cannot be reached makes `storeChecked` throw (the writer then spools).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/store/tables.ts';
import { quarantinedToRow, recordSubjectRows, recordToRow } from './audit-codec.ts';
import { describeRefusal, isContentRefusal, isStorable, type QuarantinedRecord } from './audit-quarantine.ts';
import type { ChainedRecord } from './audit-record.ts';
import type { AuditSpool } from './audit-spool.ts';

/** What an operator must hear about: a record quarantined, or the store lost and records spooled. */
export type AuditAlert =
  { kind: 'quarantined'; chain: string; seq: number; reason: string; where: 'store' | 'file' } | { kind: 'spooling'; chain: string; error: unknown };

/** The writer's backlog, for `/readyz`. */
export interface AuditWriterState {
  /** Records in the local spool waiting for the store, and the time of the oldest. */
  spool: { waiting: number; oldestAt: string | undefined };
  /** Records quarantined since start, the last one, and how many wait in the local quarantine file. */
  quarantine: { count: number; inFile: number; last: { seq: number; reason: string; at: string } | undefined };
}

export interface RecordStoreOptions {
  db: Kysely<Database>;
  /** Quarantined records the store could not take even in `audit_quarantine`. */
  quarantineFile: AuditSpool<QuarantinedRecord>;
  /** The writer's state; quarantine counts are kept here. */
  state: AuditWriterState;
  alert: (alert: AuditAlert) => void;
}

const SUBJECT_ROWS_PER_INSERT = 5_000;

export function createRecordStore({ db, quarantineFile, state, alert }: RecordStoreOptions) {
  /** Records and their subjects index (audit_subjects) in one transaction: a record is never stored without its index rows. */
  const insert = async (records: readonly ChainedRecord[]) => {
    if (records.length === 0) return;
    const subjects = records.flatMap(recordSubjectRows);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('audit_records')
        .values(records.map(recordToRow))
        // (chain, seq, at): a partitioned table's unique key holds its partition key; a replayed record has the same time.
        .onConflict((oc) => oc.columns(['chain', 'seq', 'at']).doNothing())
        .execute();
      // A record may list thousands of subjects (a verification call): inserted in slices PostgreSQL's parameter limit takes.
      for (let i = 0; i < subjects.length; i += SUBJECT_ROWS_PER_INSERT) {
        await trx
          .insertInto('audit_subjects')
          .values(subjects.slice(i, i + SUBJECT_ROWS_PER_INSERT))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
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
   * Stores records in order; throws only when the store cannot be reached. One refused record fails
   * its whole statement, so a refused batch is halved until the record is found and quarantined.
   */
  const store = async (records: readonly ChainedRecord[]): Promise<void> => {
    if (records.length === 0) return;
    try {
      await insert(records);
    } catch (error) {
      if (!isContentRefusal(error)) throw error;
      if (records.length === 1) return quarantine(records[0]!, describeRefusal(error));
      const middle = Math.ceil(records.length / 2);
      await store(records.slice(0, middle));
      await store(records.slice(middle));
    }
  };

  /** Text the store would silently alter (a lone surrogate becomes U+FFFD) would break the hash: quarantined unasked. */
  const storeChecked = async (records: readonly ChainedRecord[]) => {
    const storable: ChainedRecord[] = [];
    for (const record of records) {
      if (isStorable(record)) storable.push(record);
      else await quarantine(record, 'holds text that is not well-formed Unicode: the store would alter it');
    }
    await store(storable);
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
