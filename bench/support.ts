// Shared by the benchmark scripts: a started system, latency statistics and a GraphQL client.
import { executionAsyncId } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { startSystem, type System } from '../cli/system.ts';
import { readConfig, SUBGRAPHS } from '../shared/config.ts';
import { dropDatabase, withDatabase } from '../shared/db.ts';
import { finnishDate } from '../shared/policy.ts';
/** The fields of one person in the unified view the benchmarks ask: the joint record and all three registers. */
export const UNIFIED_PERSON = `hetu
  joint { customership { status area } identity { firstName lastName } serviceNeed { summary }
          socialSituation { summary } workCapacity { summary } plan { deadline nextReviewDue } }
  employment { jobSeeker { status } education { degree } workHistory { title } }
  wellbeing { socialSituation { summary } workAbility { summary } }
  kela { benefits { type status } rehabilitation { type } }`;

/**
 * The Node.js flags `npm start` runs the system with (package.json `start`; the image sets the same in
 * NODE_OPTIONS): a benchmark of the system runs with them too, or it measures another configuration.
 */
export const SERVICE_NODE_FLAGS: string[] = (() => {
  const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const start = / node ((?:--\S+ )*)bin\/tym\.js start/.exec(scripts.start);
  if (!start) throw new Error('package.json start does not run node bin/tym.js start');
  return start[1]!.trim().split(' ').filter(Boolean);
})();

/** Exits when this process does not run with the flags `npm start` gives the system (SERVICE_NODE_FLAGS). */
export function requireServiceFlags(command: string): void {
  const missing = SERVICE_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
  if (missing.length === 0) return;
  console.error(`run it as \`node ${SERVICE_NODE_FLAGS.join(' ')} --import tsx ${command}\` (as npm start runs)`);
  process.exit(2);
}

/**
 * Whether promise hooks are on in this process (an AsyncLocalStorage once used, an async hook, a tracing
 * context manager): then every promise costs more, the peer's beside the project's too, which flatters the
 * stack that makes more of them. Inside a promise's reaction the execution's async id is 0 only while they are off.
 */
export function promiseHooksOn(): Promise<boolean> {
  return new Promise((done) => setImmediate(() => void Promise.resolve().then(() => done(executionAsyncId() !== 0))));
}

/** Says so on standard error when promise hooks are on: both stacks then pay for them (`promiseHooksOn`). */
export async function warnOfPromiseHooks(): Promise<void> {
  if (await promiseHooksOn())
    process.stderr.write(
      'warning: promise hooks are on in this process; both stacks pay for every promise, the peer too\n',
    );
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(latencies: number[]): { median: number; p99: number; mean: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
  };
}

export async function post(
  url: string,
  token: string,
  purpose: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tym-purpose': purpose },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

export const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/**
 * A process's or thread's /proc stat file: its command name, its parent's pid and the CPU milliseconds it
 * has used so far (utime + stime; USER_HZ is 100 on Linux); undefined once it has ended.
 */
export function procStat(path: string): { name: string; parent: string; cpuMs: number } | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      parent: fields[1]!,
      cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
    };
  } catch {
    return undefined; // it ended meanwhile
  }
}

/** Every postgres process on this machine, by pid: its parent's pid and its CPU milliseconds so far. */
export function postgresProcesses(): Map<string, { parent: string; cpuMs: number }> {
  const found = new Map<string, { parent: string; cpuMs: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = procStat(`/proc/${pid}/stat`);
    if (stat?.name === 'postgres') found.set(pid, stat);
  }
  return found;
}

export const fmt = (ms: number) => ms.toFixed(1).padStart(7);

/** Requests answered per second when `concurrency` clients send `requests` in all, each as its last returns. */
export async function throughput(once: () => Promise<unknown>, requests: number, concurrency: number) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) await once();
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

/** Milliseconds of each of `requests` sent one at a time. */
export async function sequentialLatencies(once: () => Promise<unknown>, requests: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await once();
    latencies.push(performance.now() - t);
  }
  return latencies;
}

/**
 * One query measured as a caseworker's frontend would see it: 20 warm-up requests, `requests` one at a time
 * (median and p99 latency), then `requests` more at `concurrency` (req/s). Every answer must pass `check`.
 */
export async function measureQuery(
  url: string,
  token: string,
  query: string,
  check: (data: any) => boolean,
  { requests, concurrency }: { requests: number; concurrency: number },
) {
  const once = async () => {
    const r = await post(url, token, 'COORDINATION', query);
    if (r.status !== 200 || !check(r.body.data))
      throw new Error(`unexpected answer: ${JSON.stringify(r.body).slice(0, 300)}`);
  };
  for (let i = 0; i < 20; i++) await once();
  const latencies = await sequentialLatencies(once, requests);
  return { ...summarise(latencies), rps: await throughput(once, requests, concurrency) };
}

/**
 * The whole system for a benchmark: PGlite (in memory, or in `dataDir`), or PostgreSQL when `pgUrl` is given
 * (by default TYM_PG_URL; null for PGlite whatever it says; databases `${dbPrefix}_<service>` of its own,
 * dropped by `close`), seeded with `clients` generated clients and the fixture persons.
 */
export async function startBenchSystem(
  clients: number,
  /** pgUrl null: PGlite whatever TYM_PG_URL says; dataDir: PGlite in that directory (as `npm start`), else in memory */
  opts: { pgUrl?: string | null; dataDir?: string } = {},
): Promise<{
  system: System;
  backend: string;
  dbPrefix?: string;
  /** stops the system and keeps its databases */
  stopSystem(): Promise<void>;
  close(): Promise<void>;
}> {
  const pgUrl = opts.pgUrl === undefined ? readConfig().pgUrl : (opts.pgUrl ?? undefined);
  const dbPrefix = pgUrl ? `tymbench_${randomBytes(3).toString('hex')}` : undefined;
  const system = await startSystem({
    dataDir: pgUrl ? null : (opts.dataDir ?? null),
    pgUrl,
    dbPrefix,
    gatewayPort: 0,
    seed: { clients, seed: 1, today: finnishDate() },
  });
  let stopping: Promise<void> | undefined;
  const stopSystem = () => (stopping ??= system.close());
  return {
    system,
    backend: pgUrl ? 'PostgreSQL' : 'PGlite',
    dbPrefix,
    stopSystem,
    async close() {
      await stopSystem();
      if (pgUrl && dbPrefix)
        for (const n of [...SUBGRAPHS, 'audit']) await dropDatabase(withDatabase(pgUrl, `${dbPrefix}_${n}`));
    },
  };
}
