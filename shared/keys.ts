// Signing keys as JWK files, held as node:crypto KeyObjects made once at start (tickets are signed and
// verified with them synchronously, shared/tickets.ts). Dev keys are generated into
// $TYM_DATA_DIR/dev-keys on first start and marked, so that production refuses to run with them
// (docs/CONTRACT.md section 1). Production keys come from `tym keys generate`.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** A public key and the id (`kid`) tickets name it by: verification picks the key by the ticket's `kid`. */
export interface VerifyKey {
  kid: string;
  key: KeyObject;
}

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JWK;
  kid: string;
  dev: boolean;
}
export const DEV_MARK = 'tym_dev';

type MarkedJwk = JWK & { [DEV_MARK]?: boolean };

export const verifyKeyOf = (pair: KeyPair): VerifyKey => ({ kid: pair.kid, key: pair.publicKey });

export async function generateEd25519(kid: string, dev: boolean): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const mark = dev ? { [DEV_MARK]: true } : {};
  const privateJwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'EdDSA', use: 'sig', ...mark };
  return { privateJwk, publicJwk: publicHalf(privateJwk) };
}

/** The public members of an Ed25519 JWK: everything but the private scalar `d`. */
export function publicHalf(jwk: JWK): JWK {
  const { d: _private, ...pub } = jwk;
  return pub;
}

/** Reads a JWK file; `dev` tells whether it was generated as a development key. */
export function readJwk(path: string): MarkedJwk {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read key file ${path}: ${(e as Error).message}`);
  }
}

/** An Ed25519 JWK as a KeyObject: private when it holds `d`, else public. Any other key type is refused. */
export async function importKey(jwk: JWK): Promise<KeyObject> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new Error('not an Ed25519 key (kty OKP, crv Ed25519)');
  const key = { key: jwk as JsonWebKey, format: 'jwk' } as const;
  return jwk.d === undefined ? createPublicKey(key) : createPrivateKey(key);
}

/** The key's id: its `kid`, or else its RFC 7638 thumbprint, so that a key without one is still named. */
export async function keyId(jwk: JWK): Promise<string> {
  return typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : calculateJwkThumbprint(publicHalf(jwk));
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
  const pair = await keyPairOf(readJwk(privPath));
  // The public half, for operators configuring a separately deployed subgraph.
  if (!existsSync(pubPath)) writeFileSync(pubPath, JSON.stringify(pair.publicJwk, null, 2));
  return pair;
}

/** A key pair from its private JWK alone: the public half is derived, so the two cannot disagree. */
export async function keyPairOf(privateJwk: MarkedJwk): Promise<KeyPair> {
  if (privateJwk.d === undefined) throw new Error('not a private key (no "d")');
  const publicJwk = publicHalf(privateJwk);
  return {
    privateKey: await importKey(privateJwk),
    publicKey: await importKey(publicJwk),
    publicJwk,
    kid: await keyId(privateJwk),
    dev: Boolean(privateJwk[DEV_MARK]),
  };
}

export async function loadKeyPair(privatePath: string): Promise<KeyPair> {
  try {
    return await keyPairOf(readJwk(privatePath));
  } catch (e) {
    throw new Error(`${privatePath}: ${(e as Error).message}`);
  }
}

/**
 * The public keys in the files given: each file a JWK or a JWK set (`{"keys": [...]}`). Several keys
 * are what rotation needs (docs/recipes.md): the old and the new key are both accepted while the
 * gateway switches. Two different keys under one `kid` are refused: verification could not tell them apart.
 */
export async function loadVerifyKeys(paths: readonly string[]): Promise<{ keys: VerifyKey[]; dev: boolean }> {
  const keys: VerifyKey[] = [];
  let dev = false;
  for (const path of paths) {
    const file = readJwk(path) as MarkedJwk & { keys?: MarkedJwk[] };
    const jwks = Array.isArray(file.keys) ? file.keys : [file];
    if (jwks.length === 0) throw new Error(`${path}: the key set is empty`);
    for (const jwk of jwks) {
      let key: VerifyKey;
      try {
        key = { kid: await keyId(jwk), key: await importKey(publicHalf(jwk)) };
      } catch (e) {
        throw new Error(`${path}: ${(e as Error).message}`);
      }
      dev ||= Boolean(jwk[DEV_MARK]);
      addVerifyKey(keys, key, path);
    }
  }
  return { keys, dev };
}

/** Adds a key to a set unless the same key is there; another key under the same `kid` is an error. */
export function addVerifyKey(keys: VerifyKey[], key: VerifyKey, where: string): void {
  const same = keys.find((k) => k.kid === key.kid);
  if (!same) keys.push(key);
  else if (!same.key.equals(key.key)) throw new Error(`${where}: two different keys have the kid "${key.kid}"`);
}

/** The files `tym keys generate` writes, relative to its directory. */
export const KEY_FILES = {
  ticketPrivate: 'ticket.private.jwk.json',
  ticketPublic: 'ticket.public.jwk.json',
  operator: 'operator.token',
} as const;

export interface GeneratedKeys {
  kid?: string;
  written: string[];
}

/**
 * Production keys for `tym keys generate`: a ticket signing pair (Ed25519, with a `kid`) and/or an
 * operator credential (a random secret). Private parts are created 0600 and never overwritten: an
 * existing file stops the command before anything is written, so a live key is never lost.
 */
export async function generateProductionKeys(
  dir: string,
  what: { ticket: boolean; operator: boolean },
  kid = `ticket-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`,
): Promise<GeneratedKeys> {
  const files: { name: string; text: string; mode: number }[] = [];
  if (what.ticket) {
    const { privateJwk, publicJwk } = await generateEd25519(kid, false);
    files.push({ name: KEY_FILES.ticketPrivate, text: `${JSON.stringify(privateJwk, null, 2)}\n`, mode: 0o600 });
    files.push({ name: KEY_FILES.ticketPublic, text: `${JSON.stringify(publicJwk, null, 2)}\n`, mode: 0o644 });
  }
  if (what.operator)
    files.push({ name: KEY_FILES.operator, text: `${randomBytes(32).toString('base64url')}\n`, mode: 0o600 });
  const existing = files.map((f) => join(dir, f.name)).filter((p) => existsSync(p));
  if (existing.length) throw new Error(`refusing to overwrite ${existing.join(', ')}: choose another --dir`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  for (const f of files) {
    const path = join(dir, f.name);
    // `wx`: created here or not at all, with its mode from the start (never readable by others, not even briefly).
    writeFileSync(path, f.text, { mode: f.mode, flag: 'wx' });
    written.push(path);
  }
  return { ...(what.ticket ? { kid } : {}), written };
}

/** Where a service's ticket keys are (TYM_TICKET_PRIVATE_KEY, TYM_TICKET_PUBLIC_KEY; shared/config.ts). */
export interface TicketKeyFiles {
  /** the gateway's signing key (a private JWK) */
  privateKey: string | undefined;
  /** the keys tickets are verified with: JWK or JWK set files, old and new side by side during a rotation */
  publicKeys: string[];
}

const refuseDevKey = (production: boolean, dev: boolean, what: string) => {
  if (production && dev) throw new Error(`refusing to start: NODE_ENV=production with a development key (${what})`);
};

/** A subgraph's ticket verification keys: the configured ones, else (outside production) the dev key. */
export async function subgraphTicketKeys(
  files: TicketKeyFiles,
  opts: { dataDir: string; production: boolean },
): Promise<VerifyKey[]> {
  if (files.publicKeys.length === 0) {
    if (opts.production) throw new Error('TYM_TICKET_PUBLIC_KEY is required in production');
    return [verifyKeyOf(await devKeyPair(opts.dataDir, 'ticket'))];
  }
  const { keys, dev } = await loadVerifyKeys(files.publicKeys);
  refuseDevKey(opts.production, dev, 'TYM_TICKET_PUBLIC_KEY');
  return keys;
}

/**
 * The gateway's signing pair and the keys its own log views verify with: the configured public keys
 * and always the signing key's own half (so that switching the signing key alone keeps them working).
 */
export async function gatewayTicketKeys(
  files: TicketKeyFiles,
  opts: { dataDir: string; production: boolean },
): Promise<{ signer: KeyPair; verify: VerifyKey[] }> {
  if (opts.production && !files.privateKey) throw new Error('TYM_TICKET_PRIVATE_KEY is required in production');
  const signer = files.privateKey ? await loadKeyPair(files.privateKey) : await devKeyPair(opts.dataDir, 'ticket');
  refuseDevKey(opts.production, signer.dev, 'ticket signing key');
  const { keys, dev } = files.publicKeys.length ? await loadVerifyKeys(files.publicKeys) : { keys: [], dev: false };
  refuseDevKey(opts.production, dev, 'TYM_TICKET_PUBLIC_KEY');
  // A public key under the signing key's kid must be that key: a mismatched pair would sign tickets nobody accepts.
  addVerifyKey(keys, verifyKeyOf(signer), 'TYM_TICKET_PUBLIC_KEY and TYM_TICKET_PRIVATE_KEY');
  return { signer, verify: keys };
}
