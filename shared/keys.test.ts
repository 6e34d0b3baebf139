import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import {
  devKeyPair,
  generateEd25519,
  generateProductionKeys,
  gatewayTicketKeys,
  KEY_FILES,
  loadVerifyKeys,
  subgraphTicketKeys,
} from './keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'tym-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe('production keys (tym keys generate)', () => {
  it('writes a ticket pair with a kid and an operator credential, private parts for the owner only', async () => {
    const out = join(dir, 'prod');
    const { kid, written } = await generateProductionKeys(out, { ticket: true, operator: true });
    expect(kid).toMatch(/^ticket-\d{8}-[0-9a-f]{6}$/);
    expect(written.map((p) => p.slice(out.length + 1)).sort()).toEqual(Object.values(KEY_FILES).sort());
    expect(mode(join(out, KEY_FILES.ticketPrivate))).toBe(0o600);
    expect(mode(join(out, KEY_FILES.operator))).toBe(0o600);
    expect(mode(out)).toBe(0o700);
    const publicJwk = JSON.parse(readFileSync(join(out, KEY_FILES.ticketPublic), 'utf8'));
    expect(publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid, alg: 'EdDSA', use: 'sig' });
    expect(publicJwk.d).toBeUndefined();
    expect(publicJwk.tym_dev).toBeUndefined();
    expect(readFileSync(join(out, KEY_FILES.operator), 'utf8')).toMatch(/^[\w-]{43}\n$/);
    // Accepted where dev keys are refused.
    const keys = await gatewayTicketKeys(
      { privateKey: join(out, KEY_FILES.ticketPrivate), publicKeys: [join(out, KEY_FILES.ticketPublic)] },
      { dataDir: dir, production: true },
    );
    expect(keys.signer.kid).toBe(kid);
  });

  it('never overwrites: an existing file stops it before anything is written', async () => {
    const out = join(dir, 'again');
    await generateProductionKeys(out, { ticket: false, operator: true });
    const before = readFileSync(join(out, KEY_FILES.operator), 'utf8');
    await expect(generateProductionKeys(out, { ticket: true, operator: true })).rejects.toThrow(
      /refusing to overwrite/,
    );
    expect(readFileSync(join(out, KEY_FILES.operator), 'utf8')).toBe(before);
    expect(() => statSync(join(out, KEY_FILES.ticketPrivate))).toThrow();
  });
});

describe('verification keys', () => {
  it('are configured as files separated by commas; the signing key and the issuers file by one path each', () => {
    const config = readConfig({
      TYM_TICKET_PUBLIC_KEY: '/run/secrets/old.json, /run/secrets/new.json,',
      TYM_TICKET_PRIVATE_KEY: '/run/secrets/ticket.private.jwk.json',
      TYM_ISSUERS: '/etc/tym/issuers.yaml',
    });
    expect(config.ticketKeys).toEqual({
      privateKey: '/run/secrets/ticket.private.jwk.json',
      publicKeys: ['/run/secrets/old.json', '/run/secrets/new.json'],
    });
    expect(config.issuersFile).toBe('/etc/tym/issuers.yaml');
    expect(readConfig({}).ticketKeys).toEqual({ privateKey: undefined, publicKeys: [] });
  });

  it('reads JWK files and JWK sets, names a key without kid by its thumbprint, and keeps the dev mark', async () => {
    const a = await generateEd25519('a', false);
    const b = await generateEd25519('b', false);
    const { kid: _none, ...anonymous } = (await generateEd25519('x', false)).publicJwk;
    const set = write('set.json', { keys: [a.publicJwk, b.publicJwk] });
    const single = write('single.json', anonymous);
    const { keys, dev } = await loadVerifyKeys([set, single]);
    expect(keys.map((k) => k.kid)).toEqual(['a', 'b', expect.stringMatching(/^[\w-]{43}$/)]);
    expect(dev).toBe(false);
    const devPair = await devKeyPair(join(dir, 'data'), 'ticket');
    expect((await loadVerifyKeys([join(dir, 'data', 'dev-keys', 'ticket.public.jwk.json')])).keys[0]!.kid).toBe(
      devPair.kid,
    );
    await expect(
      subgraphTicketKeys(
        { privateKey: undefined, publicKeys: [join(dir, 'data', 'dev-keys', 'ticket.public.jwk.json')] },
        {
          dataDir: dir,
          production: true,
        },
      ),
    ).rejects.toThrow(/development key/);
  });

  it('refuses what is not an Ed25519 public key, an empty set, and an unreadable file, naming the file', async () => {
    const rsa = write('rsa.json', { kty: 'RSA', n: 'x', e: 'AQAB', kid: 'r' });
    await expect(loadVerifyKeys([rsa])).rejects.toThrow(`${rsa}: not an Ed25519 key`);
    const empty = write('empty.json', { keys: [] });
    await expect(loadVerifyKeys([empty])).rejects.toThrow(`${empty}: the key set is empty`);
    await expect(loadVerifyKeys([join(dir, 'missing.json')])).rejects.toThrow(/cannot read key file .*missing\.json/);
  });

  it('requires the keys in production, and uses the dev key outside it', async () => {
    const none = { privateKey: undefined, publicKeys: [] };
    await expect(subgraphTicketKeys(none, { dataDir: dir, production: true })).rejects.toThrow(
      'TYM_TICKET_PUBLIC_KEY is required in production',
    );
    await expect(gatewayTicketKeys(none, { dataDir: dir, production: true })).rejects.toThrow(
      'TYM_TICKET_PRIVATE_KEY is required in production',
    );
    const dev = await subgraphTicketKeys(none, { dataDir: join(dir, 'data'), production: false });
    expect(dev[0]!.kid).toMatch(/^dev-ticket-/);
  });
});
