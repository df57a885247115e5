/**
 * Keeping operation documents beside the audit records: each distinct document once, under its hash
 * (ON CONFLICT DO NOTHING, so gateway instances seeing the same document at once insert it once).
 * Beside the chain, not in it: the record's hash covers the document's hash, and the document is
 * verifiable by its own SHA-256, so the chain holds as much evidence as if the text were in every
 * record, while the text is stored once instead of with every request.
 *
 * Documents are written before the records that name them, in the writer's flush. If the store cannot
 * take them now they wait (at most `MAX_PENDING`) and go with the next flush; they never hold up a
 * record, whose durability alone decides whether a request is served. A document lost meanwhile (a
 * crash while the store was away) leaves records naming a hash with no document: the dry run counts
 * them as not replayable.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/store/tables.ts';
import type { OperationDocument } from './operation-document.ts';

/** Documents waiting for the store, at most; beyond it the newest are dropped (their records still stand). */
const MAX_PENDING = 1_000;
/** Hashes known to be in the store, at most; then forgotten (ON CONFLICT makes a second insert harmless). */
const MAX_KNOWN = 10_000;
const ROWS_PER_INSERT = 200;

export interface DocumentStore {
  /** Notes a document a record about to be written names. */
  add(document: OperationDocument | undefined): void;
  /** Inserts the documents not yet known to be stored; throws when the store cannot take them (they stay pending). */
  flush(): Promise<void>;
}

export function createDocumentStore(db: Kysely<Database>): DocumentStore {
  const known = new Set<string>();
  const pending = new Map<string, OperationDocument>();
  return {
    add(document) {
      if (!document || known.has(document.hash) || pending.has(document.hash) || pending.size >= MAX_PENDING) return;
      pending.set(document.hash, document);
    },
    async flush() {
      const waiting = [...pending.values()];
      for (let i = 0; i < waiting.length; i += ROWS_PER_INSERT) {
        const slice = waiting.slice(i, i + ROWS_PER_INSERT);
        await db
          .insertInto('operation_documents')
          .values(slice.map((document) => ({ hash: document.hash, document: document.text, operation_name: document.operationName })))
          .onConflict((oc) => oc.column('hash').doNothing())
          .execute();
        if (known.size + slice.length > MAX_KNOWN) known.clear();
        for (const document of slice) {
          pending.delete(document.hash);
          known.add(document.hash);
        }
      }
    },
  };
}
