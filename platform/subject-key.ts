/**
 * The platform secret that turns a subject's identifier (citizen ID, unified social credit code)
 * into a keyed HMAC for the subject-level access log: the audit tables alone list no identity, yet
 * whoever runs the platform can look one up by computing its HMAC. The demo keeps 32 random bytes,
 * hex, in `DATA_DIR/keys/subject-hmac.key` (mode 0600), written on first start; production names a
 * file by `SUBJECT_HMAC_KEY_PATH`. Replacing the key makes earlier records unreachable by lookup (they
 * still verify): keep it as long as the audit trail.
 */
import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';

/** Identifier → its keyed HMAC (hex); identifiers are upper-cased first, so `…012x` and `…012X` are one subject. */
export type SubjectHmac = (identifier: string) => string;

function subjectKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'subject-hmac.key');
}

/**
 * Subjects whose HMAC is kept after use, at most. A read of 100 residents hashes 100 identifiers (1.5 µs
 * each, the largest part of what listing its subjects costs); the same residents and enterprises are
 * read again and again while their matters are handled, and then cost a lookup. 10 000 entries hold
 * about 2 MiB; the least recently used go first.
 */
export const SUBJECT_HMACS_KEPT = 10_000;

function subjectHmacOf(secret: Buffer): SubjectHmac {
  if (secret.length < 32) throw new Error('the subject HMAC key must hold at least 32 bytes');
  // A KeyObject made once: given the raw bytes, every createHmac checks and wraps them again, about six
  // times the cost of the HMAC itself (Node 24), paid for each subject of each request.
  const key = createSecretKey(secret);
  const kept = new LRUCache<string, string>({ max: SUBJECT_HMACS_KEPT });
  return (identifier) => {
    const subject = identifier.toUpperCase();
    let hmac = kept.get(subject);
    if (hmac === undefined) kept.set(subject, (hmac = createHmac('sha256', key).update(subject).digest('hex')));
    return hmac;
  };
}

/** Reads the key file (hex); throws naming the file when it is missing or too short. */
export function loadSubjectHmac(path: string): SubjectHmac {
  let secret: Buffer;
  try {
    secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  } catch (error) {
    throw new Error(`Cannot read the subject HMAC key ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (secret.length < 32) throw new Error(`${path} must hold at least 32 bytes as hex`);
  return subjectHmacOf(secret);
}

/** The demo key: read from the data directory, written there first if absent. */
export function ensureSubjectHmac(dataDir: string): SubjectHmac {
  const path = subjectKeyPath(dataDir);
  if (!existsSync(path)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true });
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return loadSubjectHmac(path);
}
