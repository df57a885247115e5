/** What the tests of the audit writer and its chain share: an ordinary entry, and a writer whose files live in one directory. */
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../gateway/audit/audit-record.ts';
import { createAuditSpool } from '../../gateway/audit/audit-spool.ts';
import { createAuditWriter, type AuditWriter, type AuditWriterOptions } from '../../gateway/audit/audit-writer.ts';
import { checkpointLogPath, createCheckpointLog } from '../../gateway/audit/checkpoint-anchors.ts';
import { demoKeyPath } from '../../platform/keys.ts';
import { watchSigningKey } from '../../platform/key-set.ts';
import type { Database } from '../../platform/store/tables.ts';

/** civil-affairs read a resident's name for work reference. */
export function auditEntry(requestId: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date().toISOString(),
    requestId,
    app: 'a',
    dept: 'civil-affairs',
    roles: ['consumer'],
    purpose: 'WORK_REFERENCE',
    matter: null,
    operationHash: 'h',
    operationName: null,
    granted: ['Resident.name'],
    denied: [],
    masked: [],
    providers: ['public-security'],
    served: { 'public-security': { calls: 1, entities: 1 } },
    outcome: 'SERVED',
    durationMs: 3,
    ...overrides,
  };
}

/**
 * The audit writer of `chain` with its spool, quarantine file and checkpoint log (under `audit/`) in
 * `dir`, signing with the audit key in `dir` unless another is given.
 */
export function openAuditWriter(db: Kysely<Database>, dir: string, chain: string, options: Partial<AuditWriterOptions> = {}): Promise<AuditWriter> {
  return createAuditWriter({
    db,
    spool: createAuditSpool(join(dir, 'spool.ndjson')),
    quarantineFile: createAuditSpool(join(dir, 'quarantine.ndjson')),
    chain,
    checkpointKey: watchSigningKey(demoKeyPath(dir, 'audit-signing', 'private')),
    checkpointLog: createCheckpointLog(checkpointLogPath(join(dir, 'audit'), chain)),
    ...options,
  });
}
