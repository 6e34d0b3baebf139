// The project as the organisations deploy it: five processes (`tym serve` gateway, joint, employment,
// wellbeing, kela), each on its own port, over the PostgreSQL databases a benchmark system seeded. The
// subgraphs verify the gateway's tickets with the development key pair of a data directory of their own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { childEnvironment } from '../shared/config.ts';
import { SERVICE_NODE_FLAGS } from './support.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const SERVICES = ['joint', 'employment', 'wellbeing', 'kela', 'gateway'] as const;

export interface ServedStack {
  url: string;
  /** what the processes wrote to stderr */
  output: string[];
  /** a dev-issuer token for `tym token` arguments */
  token(args: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startServedStack(pgUrl: string, dbPrefix: string): Promise<ServedStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tym-bench-serve-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env = childEnvironment({
    TYM_DATA_DIR: dataDir,
    TYM_PORT: String(port),
    TYM_PG_URL: pgUrl,
    TYM_DB_PREFIX: dbPrefix,
    TYM_LOG_LEVEL: 'warn',
  });
  const children: ChildProcess[] = [];
  const output: string[] = [];
  const serve = (name: string) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn('node', [...SERVICE_NODE_FLAGS, 'bin/tym.js', 'serve', name], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let out = '';
      const take = (d: Buffer) => {
        out += d;
        if (/ on http:/.test(out)) resolve();
      };
      child.stdout!.on('data', take);
      child.stderr!.on('data', (d) => {
        out += d;
        output.push(`${name}: ${d}`);
      });
      child.on('exit', (code) => reject(new Error(`tym serve ${name} exited ${code}: ${out.slice(-2000)}`)));
    });
  const close = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The subgraphs first (the gateway checks them when it starts), side by side.
    await Promise.all(SERVICES.filter((s) => s !== 'gateway').map(serve));
    await serve('gateway');
  } catch (e) {
    await close();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    output,
    async token(args) {
      const { stdout } = await run('node', ['bin/tym.js', 'token', ...args], { cwd: root, env });
      return stdout.trim();
    },
    close,
  };
}
