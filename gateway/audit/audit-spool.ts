/**
 * The local spool: where audit records go, fsync'ed, while the store cannot be reached, and from
 * where they are replayed into the store when it returns. One JSON record per line. The same file
 * format keeps quarantined records when the store cannot take even those.
 */
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import type { ChainedRecord } from './audit-record.ts';

export interface AuditSpool<T = ChainedRecord> {
  /** Appends the records and forces them to disk; rejects if that is not possible. */
  append(records: readonly T[]): Promise<void>;
  /** Every spooled record, in order; a torn last line (a crash mid-write) is skipped. */
  read(): Promise<T[]>;
  /** Empties the spool once its records are in the store. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export function createAuditSpool<T = ChainedRecord>(path: string): AuditSpool<T> {
  let handle: FileHandle | undefined;
  const openHandle = async () => (handle ??= await open(path, 'a', 0o600));
  return {
    async append(records) {
      const file = await openHandle();
      await file.appendFile(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
      await file.datasync();
    },
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const records: T[] = [];
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          records.push(JSON.parse(line) as T);
        } catch {
          // A line cut short by a crash was never acknowledged: its request got no response.
        }
      }
      return records;
    },
    async clear() {
      await handle?.close();
      handle = undefined;
      await rm(path, { force: true });
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}
