// A PostgreSQL 15 server of a test's own, which the test may stop and start: the machine's shared
// server is never stopped. initdb refuses root, so the cluster belongs to the `postgres` OS user.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const privatePostgresAvailable = existsSync(join(PG_BIN, 'initdb'));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a server program as the `postgres` OS user, without blocking the event loop of the system under test. */
function asPostgres(program: string, args: string[]): Promise<void> {
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${program} failed: ${stderr || error.message}`));
      else resolve();
    });
  });
}

export interface PrivatePostgres {
  /** a server URL for TYM_PG_URL-style use */
  url: string;
  port: number;
  start(): Promise<void>;
  /** fast shutdown: the server ends every session at once, as in a restart */
  stop(): Promise<void>;
  /** stops the server if it runs and deletes the cluster */
  destroy(): Promise<void>;
}

/** `settings`: server settings beyond the defaults, as `name=value` (e.g. a library to preload). */
export async function createPrivatePostgres({ settings = [] }: { settings?: string[] } = {}): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'tym-pg-'));
  const data = join(root, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  await asPostgres(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale',
    'C',
  ]);
  const port = await freePort();
  // fsync stays on: the gateway refuses a log database whose commits a crash could lose.
  const serverOptions = [
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    ...settings.map((s) => `-c ${s}`),
  ].join(' ');
  let running = false;
  const ctl = (...args: string[]) =>
    asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', join(root, 'server.log'), ...args]);
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await ctl('-o', serverOptions, '-w', 'start');
      running = true;
    },
    async stop() {
      await ctl('-m', 'fast', '-w', 'stop');
      running = false;
    },
    async destroy() {
      try {
        if (running) await server.stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
  await server.start();
  return server;
}
