/**
 * Key material of the platform. Production keys come from files named by the configuration; the
 * demo generates its own on first start into the data directory (private keys mode 0600) and
 * reuses them afterwards, so tokens printed by `npm run token` stay valid across restarts.
 * A key that is configured but cannot be read stops the start (fail closed).
 *
 * Each purpose has its own key: `token-issuer` (consumer tokens), `gateway-signing` (subgraph calls)
 * and `audit-signing` (audit checkpoints), so that whoever holds one cannot forge the others'
 * signatures. Beside each demo private key lies `<name>.public-keys.json`, the JWKS of its current
 * and retired public keys: rotation (`npm run keys:rotate`) adds to it and never removes, so what an
 * old key signed still verifies.
 */
import { existsSync, mkdirSync, openSync, closeSync, fsyncSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** The key's id: the RFC 7638 thumbprint of its public JWK. */
  keyId: string;
}

export type KeyName = 'token-issuer' | 'gateway-signing' | 'audit-signing';

/** The keys `npm run keys:rotate` rotates. */
export const ROTATABLE_KEYS = ['gateway-signing', 'audit-signing'] as const satisfies readonly KeyName[];

async function importPair(privateJwk: JWK): Promise<KeyPair> {
  const { d: _d, ...publicJwk } = privateJwk;
  const keyId = await calculateJwkThumbprint(publicJwk);
  return {
    privateKey: (await importJWK(privateJwk, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey,
    publicJwk: { ...publicJwk, kid: keyId },
    keyId,
  };
}

/** Reads a JSON key file; throws naming the file. */
export function readKeyFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`Cannot read the key file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Loads an Ed25519 private JWK from `path`; throws naming the file if it is missing or not a key. */
export async function loadKeyPair(path: string): Promise<KeyPair> {
  const jwk = readKeyFile(path) as JWK;
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) throw new Error(`${path} is not an Ed25519 private JWK`);
  return importPair(jwk);
}

/** Loads an Ed25519 public JWK from `path`. */
export async function loadPublicKey(path: string): Promise<CryptoKey> {
  const { d: _d, ...publicJwk } = readKeyFile(path) as JWK;
  return (await importJWK(publicJwk, 'EdDSA')) as CryptoKey;
}

export function demoKeyPath(dataDir: string, name: KeyName, part: 'private' | 'public' | 'public-keys'): string {
  return join(dataDir, 'keys', part === 'public-keys' ? `${name}.public-keys.json` : `${name}.${part}.jwk.json`);
}

/** Writes `text` to `path` through a temporary file and a rename, so a reader sees the old or the new file, never half of one. */
function replaceFile(path: string, text: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  const fd = openSync(temporary, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, path);
  const dir = openSync(dirname(path), 'r');
  fsyncSync(dir);
  closeSync(dir);
}

function readKeySetFile(path: string): JWK[] {
  if (!existsSync(path)) return [];
  const set = readKeyFile(path) as { keys?: JWK[] };
  if (!Array.isArray(set?.keys)) throw new Error(`${path} is not a JWK set ({ "keys": [...] })`);
  return set.keys;
}

/** Puts `publicJwk` first in the key set at `path`, keeping every other key (retired keys still verify history). */
function addToKeySet(path: string, publicJwk: JWK): void {
  const others = readKeySetFile(path).filter((key) => key.kid !== publicJwk.kid);
  replaceFile(path, `${JSON.stringify({ keys: [publicJwk, ...others] }, null, 2)}\n`, 0o644);
}

async function writeNewPair(dataDir: string, name: KeyName): Promise<KeyPair> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pair = await importPair(await exportJWK(privateKey));
  const privateJwk = { ...(await exportJWK(privateKey)), kid: pair.keyId };
  // The public half joins the key set before the private key becomes current: anything signed with
  // the new key can be verified from the moment it can be made.
  addToKeySet(demoKeyPath(dataDir, name, 'public-keys'), pair.publicJwk);
  replaceFile(demoKeyPath(dataDir, name, 'public'), JSON.stringify(pair.publicJwk), 0o644);
  replaceFile(demoKeyPath(dataDir, name, 'private'), JSON.stringify(privateJwk), 0o600);
  return pair;
}

/** The demo key pair `name` in `dataDir/keys`, generated on first use; its key set made if missing. */
export async function ensureDemoKeyPair(dataDir: string, name: KeyName): Promise<KeyPair> {
  mkdirSync(join(dataDir, 'keys'), { recursive: true });
  const path = demoKeyPath(dataDir, name, 'private');
  if (!existsSync(path)) return writeNewPair(dataDir, name);
  const pair = await loadKeyPair(path);
  const setPath = demoKeyPath(dataDir, name, 'public-keys');
  if (!readKeySetFile(setPath).some((key) => key.kid === pair.keyId)) addToKeySet(setPath, pair.publicJwk);
  return pair;
}

/**
 * Replaces the key pair `name` in `dataDir/keys` by a new one and keeps the old public key in the
 * key set, so that everything the old key signed still verifies. The old private key is gone.
 */
export async function rotateKeyPair(dataDir: string, name: KeyName): Promise<{ retired: string; current: string }> {
  const retired = await ensureDemoKeyPair(dataDir, name);
  const current = await writeNewPair(dataDir, name);
  return { retired: retired.keyId, current: current.keyId };
}
