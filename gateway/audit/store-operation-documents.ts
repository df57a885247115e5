/**
 * Keeping operation documents beside the audit records: each distinct document once, under its hash
 * (ON CONFLICT DO NOTHING, so gateway instances seeing the same document at once insert it once).
 * Beside the chain, not in it: the record's hash covers the document's hash, and the document is
 * verifiable by its own SHA-256, so the chain holds as much evidence as if the text were in every
 * record, while the text is stored once instead of with every request.
 *
 * Documents are written before the records that name them, in the writer's flush. If the store cannot
 * take them now they wait (at most `MAX_PENDING`) and go with the next flush; they never hold up a
 * record, whose durability alone decides whether a request is served. A document the store refuses
 * for its content (a NUL, invalid text, a value too large: audit-quarantine.ts's `isContentRefusal`)
 * would be refused at every flush: it is found by halving, as refused records are, and dropped from
 * the pending set with an alert naming its hash — never retried, never silently. A document beyond
 * the pending bound is dropped with an alert too. A document lost either way, or in a crash while the
 * store was away, leaves records naming a hash with no document: the dry run counts them as not
 * replayable.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/store/tables.ts';
import { describeRefusal, isContentRefusal } from './audit-quarantine.ts';
import type { OperationDocument } from './operation-document.ts';
import type { AuditAlert, AuditWriterState } from './store-audit-records.ts';

/** Documents waiting for the store, at most; beyond it the newest are dropped (their records still stand). */
const MAX_PENDING = 1_000;
/** Hashes known to be in the store (or refused by it), at most; then forgotten (ON CONFLICT makes a second insert harmless). */
const MAX_KNOWN = 10_000;
const ROWS_PER_INSERT = 200;

export interface DocumentStore {
  /** Notes a document a record about to be written names. */
  add(document: OperationDocument | undefined): void;
  /** Inserts the documents not yet known to be stored; throws when the store cannot take them (they stay pending). */
  flush(): Promise<void>;
}

export interface DocumentStoreOptions {
  db: Kysely<Database>;
  /** The writer's state; dropped documents are counted here. */
  state: AuditWriterState;
  alert: (alert: AuditAlert) => void;
  /** Documents waiting for the store, at most; default 1 000. */
  maxPending?: number;
}

export function createDocumentStore({ db, state, alert, maxPending = MAX_PENDING }: DocumentStoreOptions): DocumentStore {
  const known = new Set<string>();
  const refused = new Set<string>();
  const pending = new Map<string, OperationDocument>();
  // Hashes dropped for want of room since the pending set last emptied: one alert each, not one per request.
  const crowdedOut = new Set<string>();

  const remember = (set: Set<string>, hash: string) => {
    if (set.size >= MAX_KNOWN) set.clear();
    set.add(hash);
  };
  const drop = (hash: string, reason: string) => {
    state.documents.dropped += 1;
    state.documents.last = { hash, reason, at: new Date().toISOString() };
    alert({ kind: 'document-dropped', hash, reason });
  };

  const insert = (documents: readonly OperationDocument[]) =>
    db
      .insertInto('operation_documents')
      .values(documents.map((document) => ({ hash: document.hash, document: document.text, operation_name: document.operationName })))
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();

  /** Stores documents; a refused statement is halved until the refused document is found and dropped. Throws when the store is away. */
  const store = async (documents: readonly OperationDocument[]): Promise<void> => {
    try {
      await insert(documents);
    } catch (error) {
      if (!isContentRefusal(error)) throw error;
      if (documents.length === 1) {
        const [document] = documents as [OperationDocument];
        pending.delete(document.hash);
        remember(refused, document.hash);
        drop(document.hash, describeRefusal(error));
        return;
      }
      const middle = Math.ceil(documents.length / 2);
      await store(documents.slice(0, middle));
      await store(documents.slice(middle));
      return;
    }
    for (const document of documents) {
      pending.delete(document.hash);
      remember(known, document.hash);
    }
  };

  return {
    add(document) {
      if (!document || known.has(document.hash) || refused.has(document.hash) || pending.has(document.hash)) return;
      if (pending.size < maxPending) {
        pending.set(document.hash, document);
      } else if (!crowdedOut.has(document.hash)) {
        remember(crowdedOut, document.hash);
        drop(document.hash, `${maxPending} documents already wait for the store`);
      }
    },
    async flush() {
      const waiting = [...pending.values()];
      for (let i = 0; i < waiting.length; i += ROWS_PER_INSERT) await store(waiting.slice(i, i + ROWS_PER_INSERT));
      if (pending.size === 0) crowdedOut.clear();
    },
  };
}
