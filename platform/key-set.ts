/**
 * Public keys by key id (RFC 7638 thumbprint): what a verifier needs to check signatures made by any
 * current or retired key of one purpose. A key set file is a JWKS (`{ "keys": [...] }`); a single
 * public JWK is read as a set of one. Signers pick up a rotated key without a restart by reading
 * the key file again when it changed.
 */
import { statSync } from 'node:fs';
import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTVerifyOptions,
  type JWTVerifyResult,
} from 'jose';
import { loadKeyPair, readKeyFile, type KeyPair } from './keys.ts';

export interface PublicKeySet {
  /** The public key with this id, if the set holds it. */
  get(keyId: string): CryptoKey | undefined;
  /** Every key, current first. */
  all(): ReadonlyArray<{ keyId: string; key: CryptoKey }>;
  /** Reads the set again if its file changed (at most once per `minIntervalMs`); true when it did. */
  refresh(): Promise<boolean>;
}

async function importKeys(jwks: readonly JWK[]): Promise<Array<{ keyId: string; key: CryptoKey }>> {
  return Promise.all(
    jwks.map(async (jwk) => {
      const { d: _d, ...publicJwk } = jwk;
      return { keyId: await calculateJwkThumbprint(publicJwk), key: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey };
    }),
  );
}

function fromEntries(entries: Array<{ keyId: string; key: CryptoKey }>, refresh: () => Promise<boolean>): PublicKeySet {
  const byId = new Map(entries.map((entry) => [entry.keyId, entry.key]));
  return { get: (keyId) => byId.get(keyId), all: () => entries, refresh };
}

/** A fixed set of public JWKs (tests, or keys held in memory). */
export async function publicKeySetOf(jwks: readonly JWK[]): Promise<PublicKeySet> {
  return fromEntries(await importKeys(jwks), async () => false);
}

function readJwks(path: string): JWK[] {
  const content = readKeyFile(path) as { keys?: unknown } & JWK;
  const keys = Array.isArray(content?.keys) ? (content.keys as JWK[]) : [content];
  if (keys.length === 0 || keys.some((key) => key?.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.x !== 'string')) {
    throw new Error(`${path} is not an Ed25519 public JWK or a set of them`);
  }
  return keys;
}

function fileVersion(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : 'missing';
}

/** The key set in the file at `path` (JWKS or one JWK); throws naming the file if it cannot be read. */
export async function loadPublicKeySet(path: string, options: { minRefreshIntervalMs?: number } = {}): Promise<PublicKeySet> {
  const minInterval = options.minRefreshIntervalMs ?? 5_000;
  let version = fileVersion(path);
  let entries = await importKeys(readJwks(path));
  let checkedAt = 0; // the first unmatched signature may read the set at once; later ones wait minRefreshIntervalMs
  const set: PublicKeySet = {
    get: (keyId) => entries.find((entry) => entry.keyId === keyId)?.key,
    all: () => entries,
    refresh: async () => {
      if (Date.now() - checkedAt < minInterval) return false;
      checkedAt = Date.now();
      const now = fileVersion(path);
      if (now === version) return false;
      try {
        entries = await importKeys(readJwks(path));
        version = now;
        return true;
      } catch {
        return false; // a set being replaced or unreadable: keep the keys we have (they still verify)
      }
    },
  };
  return set;
}

/**
 * Verifies a JWT against a key set: by its `kid` header when it has one, otherwise against each key
 * (a handful at most: current and retired). If no key matches, the set is read again once (a key
 * rotated since start) before the signature is refused.
 */
export async function jwtVerifyWithKeySet(token: string, keys: PublicKeySet, options: JWTVerifyOptions): Promise<JWTVerifyResult> {
  const { kid } = decodeProtectedHeader(token);
  const attempt = async (): Promise<JWTVerifyResult | undefined> => {
    const candidates = kid ? [keys.get(kid)].filter((key): key is CryptoKey => key !== undefined) : keys.all().map((entry) => entry.key);
    for (const key of candidates) {
      try {
        return await jwtVerify(token, key, options);
      } catch (error) {
        if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) throw error;
      }
    }
    return undefined;
  };
  const result = (await attempt()) ?? ((await keys.refresh()) ? await attempt() : undefined);
  if (!result) throw new joseErrors.JWSSignatureVerificationFailed();
  return result;
}

/**
 * The current signing key in the private JWK file at `path`, read again whenever the file changes
 * (so `npm run keys:rotate` takes effect without a restart). A file that cannot be read after a
 * change throws: a signer never signs with a key it was told to retire.
 */
export function watchSigningKey(path: string): () => Promise<KeyPair> {
  let version: string | undefined;
  let current: Promise<KeyPair> | undefined;
  return () => {
    const now = fileVersion(path);
    if (now !== version || !current) {
      version = now;
      current = loadKeyPair(path);
      current.catch(() => (current = undefined));
    }
    return current;
  };
}
