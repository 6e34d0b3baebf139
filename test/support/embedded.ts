// The embedded system as an operator runs it, for the tests that start it as real processes on a real data
// directory (test/embedded*.test.ts): its setup, commands, requests and the kill -9 recovery check.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { like } from 'drizzle-orm';
import { locate } from '../../shared/db.ts';
import { openAuditDatabase } from '../../gateway/index.ts';
import { entries } from '../../gateway/audit/db/schema.ts';
import { layoutBasePort } from './ports.ts';

export const execFileP = promisify(execFile);
export const PG = process.env.TYM_TEST_PG_URL;

export interface Setup {
  name: 'pglite' | 'postgres';
  dataDir: string;
  port: number;
  env: NodeJS.ProcessEnv;
}

export function setup(name: Setup['name']): Setup {
  const dataDir = mkdtempSync(join(tmpdir(), `tym-embedded-${name}-`));
  const port = layoutBasePort();
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

export async function tym(s: Setup, args: string[]) {
  try {
    const { stdout, stderr } = await execFileP('node', ['bin/tym.js', ...args], { env: s.env, timeout: 400_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  /** the exit code, or the signal that ended it */
  exited: Promise<number | string | null>;
}

/** Starts the system in a process group of its own (so that kill -9 reaches every process in it). */
export function start(s: Setup, command: string, args: string[]): Promise<Started> {
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

export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

export async function token(s: Setup, role = 'employment-specialist') {
  const r = await tym(s, ['token', '--org', 'employment', '--role', role, '--area', 'ita-uusimaa']);
  return r.stdout.trim();
}

/** A request that returns personal data; its case reference names it in the log. */
export async function askForClient(s: Setup, bearer: string, caseReference: string) {
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
export async function loggedCases(s: Setup, prefix: string): Promise<Set<string>> {
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
export async function killAndRecover(s: Setup) {
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
