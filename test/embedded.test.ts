// The embedded system as an operator runs it: real processes on a real data directory. One process
// owns each database; the `tym` commands go through it while it runs; a stop is clean; a kill -9
// right after answers loses no acknowledged disclosure-log entry (docs/LAW.md rules 18–19).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { dropDatabase, locate, withDatabase } from '../shared/db.ts';
import { openAuditDatabase } from '../gateway/index.ts';
import { entries } from '../gateway/audit/db/schema.ts';

const execFileP = promisify(execFile);
const PG = process.env.TYM_TEST_PG_URL;

interface Setup {
  name: 'pglite' | 'postgres';
  dataDir: string;
  port: number;
  env: NodeJS.ProcessEnv;
}

function setup(name: Setup['name']): Setup {
  const dataDir = mkdtempSync(join(tmpdir(), `tym-embedded-${name}-`));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    TYM_DATA_DIR: dataDir,
    TYM_PORT: String(port),
    TYM_RETENTION_AT: 'off',
    TYM_SEED_CLIENTS: '8',
    TYM_PG_URL: name === 'postgres' ? PG : '',
    TYM_DB_PREFIX: name === 'postgres' ? `tymkill_${randomBytes(4).toString('hex')}` : '',
  };
  return { name, dataDir, port, env };
}

async function tym(s: Setup, args: string[]) {
  try {
    const { stdout, stderr } = await execFileP('node', ['bin/tym.js', ...args], { env: s.env, timeout: 400_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** the exit code, or the signal that ended it */
  exited: Promise<number | string | null>;
}

/** Starts the system in a process group of its own (so that kill -9 reaches every process in it). */
function start(s: Setup, command: string, args: string[]): Promise<Started> {
  const child = spawn(command, args, { env: s.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (/is up in/.test(out) && /-d '\{"query"/.test(out)) resolve({ child, output: () => out, exited });
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    void exited.then((code) => reject(new Error(`exited ${code} before it was up: ${out}`)));
  });
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

async function token(s: Setup, role = 'employment-specialist') {
  const r = await tym(s, ['token', '--org', 'employment', '--role', role, '--area', 'ita-uusimaa']);
  return r.stdout.trim();
}

/** A request that returns personal data; its case reference names it in the log. */
async function askForClient(s: Setup, bearer: string, caseReference: string) {
  const res = await fetch(`http://127.0.0.1:${s.port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${bearer}`,
      'x-tym-purpose': 'ASSESSMENT',
      'x-tym-case': caseReference,
    },
    body: JSON.stringify({
      query: '{ client(hetu: "150385-9013") { joint { identity { lastName } } employment { education { degree } } } }',
    }),
  });
  const body = (await res.json()) as { data?: { client?: { joint?: { identity?: { lastName?: string } } } } };
  return res.status === 200 && Boolean(body.data?.client?.joint?.identity?.lastName);
}

/** The case references present in the log, read from the database after the system stopped. */
async function loggedCases(s: Setup, prefix: string): Promise<Set<string>> {
  const location =
    s.name === 'postgres'
      ? locate(`${s.env.TYM_DB_PREFIX}_audit`, { pgUrl: PG })
      : locate('tym_audit', { dataDir: s.dataDir });
  const db = await openAuditDatabase(location);
  try {
    const rows = await db.db
      .select({ c: entries.caseReference })
      .from(entries)
      .where(like(entries.caseReference, `${prefix}%`));
    return new Set(rows.map((r) => r.c!));
  } finally {
    await db.close();
  }
}

/** kill -9 right after answers, restart: every acknowledged entry is there and the chain verifies. */
async function killAndRecover(s: Setup) {
  const first = await start(s, 'node', ['bin/tym.js', 'start']);
  const bearer = await token(s);
  const acknowledged: string[] = [];
  // Waves of concurrent requests, so that group commits hold several requests' entries.
  for (let wave = 0; wave < 4; wave++) {
    const cases = Array.from({ length: 6 }, (_, i) => `kill9-${wave}-${i}`);
    const answered = await Promise.all(cases.map((c) => askForClient(s, bearer, c)));
    for (const [i, c] of cases.entries()) if (answered[i]) acknowledged.push(c);
  }
  process.kill(-first.child.pid!, 'SIGKILL');
  await first.exited;
  expect(acknowledged.length).toBe(24);

  const second = await start(s, 'node', ['bin/tym.js', 'start']);
  const verify = await tym(s, ['audit', 'verify']);
  expect(verify.stderr).toBe('');
  expect(verify.code).toBe(0);
  const count = Number(/intact: (\d+) entries/.exec(verify.stdout)?.[1]);
  expect(count).toBeGreaterThanOrEqual(acknowledged.length);
  process.kill(second.child.pid!, 'SIGTERM');
  expect(await second.exited, second.output().slice(-2000)).toBe(0);
  const logged = await loggedCases(s, 'kill9-');
  expect(acknowledged.filter((c) => !logged.has(c))).toEqual([]);
}

describe('embedded PGlite: one owner, operator commands through it, clean stop, nothing acknowledged lost', () => {
  const s = setup('pglite');
  afterAll(() => rmSync(s.dataDir, { recursive: true, force: true }));

  it('while `npm start` runs: a second opener refuses, commands go through the system, printed commands work, ' +
    'SIGTERM stops all', async () => {
    // Nothing there yet: the command says so, and creates nothing.
    const none = await tym(s, ['audit', 'verify']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no disclosure log at /);
    expect(none.stdout).not.toMatch(/intact/);
    expect(existsSync(join(s.dataDir, 'db', 'tym_audit'))).toBe(false);

    const system = await start(s, 'npm', ['start']); // a small first-start world (TYM_SEED_CLIENTS)
    const owner = JSON.parse(readFileSync(join(s.dataDir, 'db', 'tym_audit.lock'), 'utf8'));
    expect(owner.operator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // A log without entries is no proof of anything: said so, exit 1, through the running system.
    const empty = await tym(s, ['audit', 'verify']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no disclosure log in .*tym_audit: it holds no entries/);
    const seeded = await tym(s, ['seed', '--clients', '8']);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toMatch(
      /^seeded 15 persons \(8 generated \+ fixtures, seed 1, today \d{4}-\d\d-\d\d\) in [\d.]+ s$/m,
    );

    // Item 1: a second system on the same directory refuses, naming the owner, and opens nothing.
    const second = await tym(s, ['start']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`pid ${owner.pid}`);
    expect(await listening(s.port)).toBe(true);

    // Item 8: the printed commands, pasted into another shell as printed, get data.
    const printed = system.output();
    const tokenLine = /^\s*(TOKEN=\$\(.*\))$/m.exec(printed)![1]!;
    const curl = printed.slice(printed.indexOf('  curl -s')).split('\n').slice(0, 3).join('\n');
    // Another shell: none of the system's environment, only what a login shell has.
    const shell = { PATH: process.env.PATH, HOME: process.env.HOME };
    const { stdout: answer } = await execFileP('bash', ['-c', `${tokenLine} && ${curl}`], {
      env: shell,
      timeout: 120_000,
    });
    expect(JSON.parse(answer).data.client.joint.identity.lastName).toBeTruthy();

    // Item 2: the commands reach the running system and print what they print without it.
    const verify = await tym(s, ['audit', 'verify']);
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toMatch(/^disclosure log intact: [1-9]\d* entries verified; head [0-9a-f]{64}$/m);
    const head = await tym(s, ['audit', 'head']);
    expect(head.stdout).toMatch(/^[1-9]\d* [0-9a-f]{64}$/m);
    const dry = await tym(s, ['retention', '--dry-run']);
    expect(dry.stdout).toMatch(/^dry run: would delete/);
    const deletable = Number(/total: (\d+) person/.exec(dry.stdout)![1]);
    expect(deletable).toBeGreaterThan(0); // the fixture whose customership ended over four years ago
    const real = await tym(s, ['retention']);
    expect(real.stdout).toMatch(new RegExp(`total: ${deletable} person`));
    const after = await tym(s, ['retention', '--dry-run']);
    expect(after.stdout).toMatch(/total: 0 person/); // deleted in the database the system serves from
    const pruned = await tym(s, ['audit', 'prune']);
    expect(pruned.stdout).toMatch(/^pruned 0 entries older than/);

    // The endpoint answers only the operator credential, never a caseworker's token.
    const caseworker = await token(s);
    const refused = await fetch(`${owner.operator.url}/audit/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${caseworker}` },
    });
    expect(refused.status).toBe(401);
    expect((await fetch(`${owner.operator.url}/audit/verify`, { method: 'POST' })).status).toBe(401);

    // Item 5: SIGTERM to the process the user started (npm) stops the whole system.
    process.kill(system.child.pid!, 'SIGTERM');
    // npm passes the signal on, waits for the system, then ends itself by that signal, as is its way.
    expect([0, 'SIGTERM']).toContain(await system.exited);
    for (let i = 0; i < 5; i++) expect(await listening(s.port + i)).toBe(false);
    expect(readdirSync(join(s.dataDir, 'db')).filter((f) => f.endsWith('.lock'))).toEqual([]);
    // Nothing runs now: the command opens the data itself, and finds the same log.
    const direct = await tym(s, ['audit', 'verify']);
    expect(direct.stdout).toBe(verify.stdout);
    expect(direct.code).toBe(0);
  }, 900_000);

  it('kill -9 of the whole system right after answers loses no acknowledged log entry', async () => {
    await killAndRecover(s);
    expect(existsSync(join(s.dataDir, 'db', 'tym_audit.lock'))).toBe(false);
  }, 900_000);
});

describe.runIf(PG)('embedded on PostgreSQL: nothing acknowledged lost', () => {
  const s = PG ? setup('postgres') : (undefined as never);
  afterAll(async () => {
    rmSync(s.dataDir, { recursive: true, force: true });
    for (const n of ['joint', 'employment', 'wellbeing', 'kela', 'audit'])
      await dropDatabase(withDatabase(PG!, `${s.env.TYM_DB_PREFIX}_${n}`));
  });

  it('kill -9 of the whole system right after answers loses ' +
    'no acknowledged log entry; commands work beside it', async () => {
    const empty = await tym(s, ['audit', 'verify']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no disclosure log at database /);
    await killAndRecover(s);
  }, 900_000);
});
