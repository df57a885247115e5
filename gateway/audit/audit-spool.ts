/**
 * The local spool: where audit records go, fsync'ed, while the store cannot be reached, and from
 * where they are replayed into the store when it returns. One record per line (audit-codec.ts's
 * spool line). The same file format keeps quarantined records when the store cannot take even those.
 */
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { fromSpoolLine, toSpoolLine, type SpoolEntry } from './audit-codec.ts';
import type { ChainedRecord } from './audit-record.ts';

export interface AuditSpool<T extends SpoolEntry = ChainedRecord> {
  /** Appends the records and forces them to disk; rejects if that is not possible. */
  append(records: readonly T[]): Promise<void>;
  /** Every spooled record, in order; a torn last line (a crash mid-write) is skipped. */
  read(): Promise<T[]>;
  /** Empties the spool once its records are in the store. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export function createAuditSpool<T extends SpoolEntry = ChainedRecord>(path: string): AuditSpool<T> {
  let handle: FileHandle | undefined;
  const openHandle = async () => (handle ??= await open(path, 'a', 0o600));
  return {
    async append(records) {
      const file = await openHandle();
      await file.appendFile(records.map(toSpoolLine).join(''));
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
        const record = fromSpoolLine<T>(line);
        // A line cut short by a crash was never acknowledged: its request got no response.
        if (record !== undefined) records.push(record);
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
