/**
 * Signed checkpoints of an audit chain: (chain, seq, hash) signed with the audit key, naming the key
 * by its id. The one place that knows the signed message and the checkpoint's row and anchor forms.
 * A checkpoint pins every record up to `seq`: rewriting any of them changes the hash at `seq`, and
 * only the holder of the audit key can sign another one.
 */
import { webcrypto } from 'node:crypto';
import type { KeyPair } from '../keys.ts';
import type { PublicKeySet } from '../key-set.ts';

export interface Checkpoint {
  chain: string;
  seq: number;
  hash: string;
  /** ISO 8601 instant the checkpoint was signed (not signed itself: cadence is judged on record times). */
  at: string;
  keyId: string;
  signature: string;
}

/**
 * What the writer promises and the verifier demands: a signed checkpoint after at most `records`
 * records, and no two records between consecutive checkpoints (nor in the unsigned tail) further
 * apart in time than `intervalMs`.
 */
export interface CheckpointCadence {
  records: number;
  intervalMs: number;
}

export const CHECKPOINT_CADENCE: Readonly<CheckpointCadence> = Object.freeze({ records: 1_000, intervalMs: 60_000 });

// Unchanged since the first checkpoints, so that every checkpoint ever signed still verifies.
function checkpointMessage(chain: string, seq: number, hash: string): Uint8Array {
  return new TextEncoder().encode(`${chain}:${seq}:${hash}`);
}

export async function signCheckpoint(key: KeyPair, chain: string, seq: number, hash: string, at: Date = new Date()): Promise<Checkpoint> {
  const signature = await webcrypto.subtle.sign('Ed25519', key.privateKey, checkpointMessage(chain, seq, hash));
  return { chain, seq, hash, at: at.toISOString(), keyId: key.keyId, signature: Buffer.from(signature).toString('base64url') };
}

/** Why a checkpoint's signature does not hold, or undefined when it does. */
export async function checkpointSignatureProblem(keys: PublicKeySet, checkpoint: Checkpoint): Promise<string | undefined> {
  const key = keys.get(checkpoint.keyId);
  if (!key) return `signed with key id "${checkpoint.keyId}", which is not in the audit key set`;
  const valid = await webcrypto.subtle.verify('Ed25519', key, Buffer.from(checkpoint.signature, 'base64url'), checkpointMessage(checkpoint.chain, checkpoint.seq, checkpoint.hash));
  return valid ? undefined : `the signature is not that of audit key "${checkpoint.keyId}"`;
}

export function checkpointToRow(checkpoint: Checkpoint) {
  return { chain: checkpoint.chain, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at, key_id: checkpoint.keyId, signature: checkpoint.signature };
}

export function checkpointFromRow(row: { chain: string; seq: string | number; hash: string; at: Date | string; key_id: string; signature: string }): Checkpoint {
  return { chain: row.chain, seq: Number(row.seq), hash: row.hash, at: new Date(row.at).toISOString(), keyId: row.key_id, signature: row.signature };
}

/** Parses one anchored checkpoint (a JSON line or a Redis stream entry); undefined if it is not one. */
export function parseCheckpoint(text: string): Checkpoint | undefined {
  try {
    const value = JSON.parse(text) as Partial<Checkpoint>;
    const ok = typeof value.chain === 'string' && Number.isSafeInteger(value.seq) && typeof value.hash === 'string'
      && typeof value.at === 'string' && typeof value.keyId === 'string' && typeof value.signature === 'string';
    return ok ? (value as Checkpoint) : undefined;
  } catch {
    return undefined;
  }
}
