// The `tym` command as an operator runs it: real processes, real files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { devKeyPair } from '../shared/keys.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'tym-cli-'));
const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  TYM_DATA_DIR: dataDir,
  NODE_ENV: 'development',
  TYM_PG_URL: '',
  ...extra,
});

async function tym(args: string[], extra?: Record<string, string>) {
  try {
    const { stdout, stderr } = await run('node', ['bin/tym.js', ...args], { env: env(extra), timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// Each command is a process of its own that may open fresh PGlite directories: minutes on a busy machine.
describe('tym command', { timeout: 300_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('token prints a dev-issuer JWT carrying the caller', async () => {
    const r = await tym([
      'token',
      '--org',
      'kela',
      '--role',
      'work-ability-specialist',
      '--area',
      'ita-uusimaa',
      '--area',
      'keski-uusimaa',
      '--ttl',
      '600',
    ]);
    expect(r.code).toBe(0);
    const claims = decodeJwt(r.stdout.trim());
    expect(claims).toMatchObject({
      org: 'kela',
      role: 'work-ability-specialist',
      areas: ['ita-uusimaa', 'keski-uusimaa'],
      iss: 'tym-dev-issuer',
    });
    expect(claims.exp! - claims.iat!).toBe(600);
  });

  it('token refuses a role the organisation does not have, and refuses to run in production', async () => {
    const bad = await tym(['token', '--org', 'kela', '--role', 'social-worker']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not one of kela's roles/);
    const prod = await tym(['token', '--org', 'kela', '--role', 'analyst'], { NODE_ENV: 'production' });
    expect(prod.code).toBe(2);
    expect(prod.stderr).toMatch(/dev issuer is off/);
  });

  it('seed regenerates deterministic demo data into the embedded databases', async () => {
    const r = await tym(['seed', '--clients', '12', '--seed', '3', '--today', '2026-06-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/seeded 19 persons \(12 generated \+ fixtures, seed 3, today 2026-06-01\)/);
    const bad = await tym(['seed', '--clients', 'many']);
    expect(bad.code).toBe(2);
  });

  it('compose --check passes on the committed supergraph', async () => {
    const r = await tym(['compose', '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/matches the subgraphs/);
  });

  it('serve refuses to start in production without keys, or with the dev keys', async () => {
    const noKeys = await tym(['serve', 'employment'], { NODE_ENV: 'production', PORT: '0' });
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toMatch(/TYM_TICKET_PUBLIC_KEY is required in production/);
    // Dev keys as `tym start` generates them into the data directory.
    const devKeys = {
      NODE_ENV: 'production',
      PORT: '0',
      TYM_TICKET_PRIVATE_KEY: join(dataDir, 'dev-keys', 'ticket.private.jwk.json'),
      TYM_TICKET_PUBLIC_KEY: join(dataDir, 'dev-keys', 'ticket.public.jwk.json'),
    };
    await devKeyPair(dataDir, 'ticket');
    const gateway = await tym(['serve', 'gateway'], devKeys);
    expect(gateway.code).toBe(1);
    expect(gateway.stderr).toMatch(/refusing to start: NODE_ENV=production with a development key/);
    const subgraph = await tym(['serve', 'kela'], devKeys);
    expect(subgraph.code).toBe(1);
    expect(subgraph.stderr).toMatch(/development key/);
  });

  it('keys generate writes production keys 0600 for the private parts, and never overwrites them', async () => {
    const dir = join(dataDir, 'secrets');
    const r = await tym(['keys', 'generate', '--dir', dir, '--kid', 'ticket-2027-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ticket key id: ticket-2027-01/);
    for (const file of ['ticket.private.jwk.json', 'operator.token'])
      expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'ticket.public.jwk.json'), 'utf8'))).not.toHaveProperty('d');
    const again = await tym(['keys', 'generate', '--dir', dir, '--ticket']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/refusing to overwrite .*ticket\.private\.jwk\.json/);
    expect((await tym(['keys', 'generate', '--kid', 'no spaces'])).code).toBe(2);
  });

  it('start refuses to run in production: the embedded system only has dev keys', async () => {
    const r = await tym(['start'], { NODE_ENV: 'production', TYM_PORT: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to start: NODE_ENV=production with development keys/);
  });
});
