/**
 * Key material of the platform. Production keys come from files named by the configuration; the
 * demo generates its own on first start into the data directory (private keys mode 0600) and
 * reuses them afterwards, so tokens printed by `npm run token` stay valid across restarts.
 * A key that is configured but cannot be read stops the start (fail closed).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

async function importPair(privateJwk: JWK): Promise<KeyPair> {
  const { d: _d, ...publicJwk } = privateJwk;
  return {
    privateKey: (await importJWK(privateJwk, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey,
    publicJwk,
  };
}

/** Loads an Ed25519 private JWK from `path`; throws naming the file if it is missing or not a key. */
export async function loadKeyPair(path: string): Promise<KeyPair> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } catch (error) {
    throw new Error(`Cannot read the key file ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) throw new Error(`${path} is not an Ed25519 private JWK`);
  return importPair(jwk);
}

/** Loads an Ed25519 public JWK from `path`. */
export async function loadPublicKey(path: string): Promise<CryptoKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } catch (error) {
    throw new Error(`Cannot read the key file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const { d: _d, ...publicJwk } = jwk;
  return (await importJWK(publicJwk, 'EdDSA')) as CryptoKey;
}

/** The demo key pair `name` in `dataDir/keys`, generated on first use. */
export async function ensureDemoKeyPair(dataDir: string, name: 'token-issuer' | 'gateway-signing'): Promise<KeyPair> {
  const dir = join(dataDir, 'keys');
  const path = join(dir, `${name}.private.jwk.json`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(privateKey);
    writeFileSync(path, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
    const { d: _d, ...publicJwk } = jwk;
    writeFileSync(join(dir, `${name}.public.jwk.json`), JSON.stringify(publicJwk));
  }
  return loadKeyPair(path);
}

export function demoKeyPath(dataDir: string, name: 'token-issuer' | 'gateway-signing', part: 'private' | 'public'): string {
  return join(dataDir, 'keys', `${name}.${part}.jwk.json`);
}
