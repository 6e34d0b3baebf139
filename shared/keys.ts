// Signing keys as JWK files. Dev keys are generated into $TYM_DATA_DIR/dev-keys on first start and
// marked, so that production refuses to run with them (docs/CONTRACT.md section 1).
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
  dev: boolean;
}
export const DEV_MARK = 'tym_dev';

export async function generateEd25519(kid: string, dev: boolean): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const mark = dev ? { [DEV_MARK]: true } : {};
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig', ...mark };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA', use: 'sig', ...mark };
  return { privateJwk, publicJwk };
}

/** Reads a JWK file; `dev` tells whether it was generated as a development key. */
export function readJwk(path: string): JWK & { [DEV_MARK]?: boolean } {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read key file ${path}: ${(e as Error).message}`);
  }
}

export async function importKey(jwk: JWK): Promise<CryptoKey> {
  return (await importJWK(jwk, 'EdDSA')) as CryptoKey;
}

/**
 * The dev key pair named `name`, generated on first use. Several services may start at once on one
 * data directory: the private key is published atomically (link fails if it exists), so the first
 * writer wins and every process uses its key.
 */
export async function devKeyPair(dataDir: string, name: 'issuer' | 'ticket'): Promise<KeyPair> {
  const dir = join(dataDir, 'dev-keys');
  const privPath = join(dir, `${name}.private.jwk.json`);
  const pubPath = join(dir, `${name}.public.jwk.json`);
  if (!existsSync(privPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateJwk } = await generateEd25519(`dev-${name}-${Date.now().toString(36)}`, true);
    const tmp = `${privPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, JSON.stringify(privateJwk, null, 2), { mode: 0o600 });
    try {
      linkSync(tmp, privPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  const priv = readJwk(privPath);
  const { d: _private, ...pub } = priv;
  // The public half, for operators configuring a separately deployed subgraph.
  if (!existsSync(pubPath)) writeFileSync(pubPath, JSON.stringify(pub, null, 2));
  return {
    privateKey: await importKey(priv),
    publicKey: await importKey(pub),
    publicJwk: pub,
    kid: String(pub.kid ?? ''),
    dev: true,
  };
}

export async function loadKeyPair(privatePath: string, publicPath: string): Promise<KeyPair> {
  const priv = readJwk(privatePath);
  const pub = readJwk(publicPath);
  return {
    privateKey: await importKey(priv),
    publicKey: await importKey(pub),
    publicJwk: pub,
    kid: String(pub.kid ?? ''),
    dev: Boolean(priv[DEV_MARK] || pub[DEV_MARK]),
  };
}
