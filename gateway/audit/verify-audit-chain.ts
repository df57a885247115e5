/**
 * Checks every audit chain in the store: records numbered 1, 2, 3… without gaps, each linking the
 * previous record's hash, each hash matching its content, and every checkpoint signed by the gateway
 * key over the hash the chain has at that point. Changing, deleting or inserting a row breaks one
 * of these; the first break is reported with its chain, sequence number and row id. A record the
 * store refused is found in `audit_quarantine` and accepted in its place only when its JSON hashes to
 * the hash the chain links through; quarantined records are listed in the report.
 */
import { webcrypto } from 'node:crypto';
import type { CryptoKey } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.ts';
import { checkQuarantined } from './audit-quarantine.ts';
import { GENESIS_HASH, hashRecord, type AuditEntry } from './audit-record.ts';

export interface VerificationReport {
  ok: boolean;
  chains: number;
  records: number;
  checkpoints: number;
  /** Records held in quarantine (the store refused their content), each verified in its place. */
  quarantined: Array<{ chain: string; seq: number; reason: string; at: string }>;
  /** The first problem found, naming the record. */
  problem?: string;
}

const PAGE = 5_000;

export async function verifyAuditChains(db: Kysely<Database>, publicKey: CryptoKey): Promise<VerificationReport> {
  const chains = (await db.selectFrom('audit_records').select('chain').union(db.selectFrom('audit_quarantine').select('chain')).execute()).map((row) => row.chain).sort();
  let records = 0;
  let checkpoints = 0;
  const quarantined: VerificationReport['quarantined'] = [];
  for (const chain of chains) {
    const hashes = new Map<number, string>();
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    const held = new Map((await db.selectFrom('audit_quarantine').selectAll().where('chain', '=', chain).execute()).map((row) => [Number(row.seq), row]));
    /** Takes quarantined records in their places up to (not including) `seq`; returns the first problem. */
    const takeQuarantined = (seq: number): string | undefined => {
      for (let row = held.get(expectedSeq); row && expectedSeq < seq; row = held.get(expectedSeq)) {
        const problem = checkQuarantined(row, chain, expectedSeq, prevHash);
        if (problem) return `chain ${chain}, record ${expectedSeq} (quarantined, row id ${row.id}): ${problem}`;
        quarantined.push({ chain, seq: expectedSeq, reason: row.reason, at: new Date(row.quarantined_at).toISOString() });
        held.delete(expectedSeq);
        hashes.set(expectedSeq, row.hash);
        prevHash = row.hash;
        expectedSeq += 1;
      }
      return undefined;
    };
    for (let after = 0; ; ) {
      // Keyset paging: (chain, seq) is unique and indexed, so a million records read in linear time.
      const rows = await db.selectFrom('audit_records').selectAll().where('chain', '=', chain).where('seq', '>', String(after)).orderBy('seq').limit(PAGE).execute();
      if (rows.length > 0) after = Number(rows[rows.length - 1]!.seq);
      for (const row of rows) {
        const seq = Number(row.seq);
        const where = `chain ${chain}, record ${seq} (row id ${row.id})`;
        const heldProblem = takeQuarantined(seq);
        if (heldProblem) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: heldProblem };
        if (held.has(seq)) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `${where}: is both stored and quarantined — a record was inserted` };
        if (seq !== expectedSeq) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `${where}: expected record ${expectedSeq} next — a record was deleted or inserted` };
        if (row.prev_hash !== prevHash) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `${where}: does not link to the previous record's hash — the chain was cut or reordered` };
        const entry: AuditEntry = {
          at: new Date(row.at).toISOString(), requestId: row.request_id, app: row.app, dept: row.dept, roles: row.roles, purpose: row.purpose,
          matter: row.matter, operationHash: row.operation_hash, operationName: row.operation_name, granted: row.granted, denied: row.denied,
          masked: row.masked, providers: row.providers, served: row.served, outcome: row.outcome as AuditEntry['outcome'], durationMs: row.duration_ms,
          code: row.code ?? undefined,
        };
        if (hashRecord(entry, chain, seq, row.prev_hash) !== row.hash) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `${where}: content does not match its hash — the record was changed` };
        hashes.set(seq, row.hash);
        prevHash = row.hash;
        expectedSeq += 1;
        records += 1;
      }
      if (rows.length < PAGE) break;
    }
    const tailProblem = takeQuarantined(Number.POSITIVE_INFINITY);
    if (tailProblem) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: tailProblem };
    const stray = [...held.keys()][0];
    if (stray !== undefined) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `chain ${chain}, record ${stray} (quarantined): has no place in the chain — a record was inserted` };
    const marks = await db.selectFrom('audit_checkpoints').selectAll().where('chain', '=', chain).orderBy('seq').execute();
    for (const mark of marks) {
      const seq = Number(mark.seq);
      if (seq > expectedSeq - 1) {
        return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `chain ${chain}: a checkpoint covers record ${seq} but the chain ends at ${expectedSeq - 1} — records were deleted from the end` };
      }
      const signed = await webcrypto.subtle.verify('Ed25519', publicKey, Buffer.from(mark.signature, 'base64url'), new TextEncoder().encode(`${chain}:${seq}:${mark.hash}`));
      if (!signed) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `chain ${chain}, checkpoint at record ${seq}: the signature is not the gateway's` };
      if (hashes.get(seq) !== mark.hash) return { ok: false, chains: chains.length, records, checkpoints, quarantined, problem: `chain ${chain}, record ${seq}: differs from its signed checkpoint — records up to it were rewritten or removed` };
      checkpoints += 1;
    }
  }
  return { ok: true, chains: chains.length, records, checkpoints, quarantined };
}
