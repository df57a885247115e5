/**
 * Signed checkpoints of an audit chain: (chain, seq, hash) signed with the audit key, naming the key
 * by its id (the signed message and the checkpoint's row and anchor forms are in audit-codec.ts).
 * A checkpoint pins every record up to `seq`: rewriting any of them changes the hash at `seq`, and
 * only the holder of the audit key can sign another one.
 */
import { webcrypto } from 'node:crypto';
import type { KeyPair } from '../../platform/keys.ts';
import type { PublicKeySet } from '../../platform/key-set.ts';
import { checkpointMessage } from './audit-codec.ts';

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

/** Signs the chain's hash at `seq` with the audit key, naming the key by its id. */
export async function signCheckpoint(key: KeyPair, chain: string, seq: number, hash: string, at: Date = new Date()): Promise<Checkpoint> {
  const signature = await webcrypto.subtle.sign('Ed25519', key.privateKey, checkpointMessage({ chain, seq, hash }));
  return { chain, seq, hash, at: at.toISOString(), keyId: key.keyId, signature: Buffer.from(signature).toString('base64url') };
}

/** Why a checkpoint's signature does not hold, or undefined when it does. */
export async function checkpointSignatureProblem(keys: PublicKeySet, checkpoint: Checkpoint): Promise<string | undefined> {
  const key = keys.get(checkpoint.keyId);
  if (!key) return `signed with key id "${checkpoint.keyId}", which is not in the audit key set`;
  const valid = await webcrypto.subtle.verify('Ed25519', key, Buffer.from(checkpoint.signature, 'base64url'), checkpointMessage(checkpoint));
  return valid ? undefined : `the signature is not that of audit key "${checkpoint.keyId}"`;
}
