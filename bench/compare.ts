// The project side by side with a plain federation stack (bench/peer/: plain subgraphs and gateway, no
// policy, no tickets, no log) over the same PostgreSQL databases, for the two views caseworkers use most.
// Both must return the same `data`; then they run alternately (A B, B A, A B, ... so that neither always
// goes first or last), and for each view and stack this prints p50 and p99 latency at concurrency 1,
// req/s at concurrency 8 and 32, and the ratios project / peer (latency: lower is better, req/s: higher
// is better). The project also runs on PGlite, in a data directory as `npm start` keeps it, against the same
// peer on PostgreSQL.
// Everything runs in this one process, as `npm start` runs the project, with the load generator beside it;
// with --serve the project runs instead as five `tym serve` processes over the same databases, as the
// organisations deploy them (in turn, not beside the one-process system: PostgreSQL's 100 connections
// would not hold both and the peer).
// Also per view and stack: the CPU time this process spent per request at concurrency 1 (gateway,
// subgraphs and load generator alike; with --serve the five processes' CPU is not in it), steadier than
// latency on a shared machine, and, when the PostgreSQL server runs on this machine (its processes
// readable in /proc), the server's CPU time per request in the same phase (every postgres process's:
// other users of the server count too), and the wait: mean latency at concurrency 1 less this process's
// main-thread CPU per request, the time a request spends on round trips in turn (the database's, a
// thread's), which less CPU would not shorten (not given with --serve). `--pages 10,50,200` measures pages
// of those sizes instead of the page of 50. `--without log,releases,signatures` measures the project with
// those guarantees switched off in this process (bench/without.ts): what each costs. The process runs with
// the Node.js flags `npm start` gives the system (SERVICE_NODE_FLAGS), so the peer beside it runs with them too.
// Usage: TYM_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:compare --
//   [--requests 30] [--rounds 3] [--clients 500] [--no-pglite] [--serve] [--pages 10,50,200]
//   [--without log,releases,signatures]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readConfig } from '../shared/config.ts';
import { startPeer } from './peer/index.ts';
import { startServedStack } from './serve-stack.ts';
import { GUARANTEES, guaranteesToSwitchOff } from './without.ts';
import {
  arg,
  post,
  postgresProcesses,
  requireServiceFlags,
  sequentialLatencies,
  startBenchSystem,
  summarise,
  throughput,
  UNIFIED_PERSON,
  warnOfPromiseHooks,
} from './support.ts';

requireServiceFlags('bench/compare.ts');

const REQUESTS = arg('requests', 30);
const ROUNDS = Math.max(3, arg('rounds', 3));
const CLIENTS = arg('clients', 500);
const WITH_PGLITE = !process.argv.includes('--no-pglite');
const WITH_SERVE = process.argv.includes('--serve');
const WITHOUT = guaranteesToSwitchOff(process.argv);
if (WITHOUT.length > 0 && WITH_SERVE) {
  console.error('--without switches guarantees off in this process; with --serve the project runs in others');
  process.exit(2);
}
const PG_URL = readConfig().pgUrl;
if (!PG_URL) {
  console.error('bench/compare.ts needs PostgreSQL: set TYM_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  process.exit(2);
}

const pagesArg = process.argv.indexOf('--pages');
const PAGES = pagesArg >= 0 ? (process.argv[pagesArg + 1] ?? '').split(',').map(Number) : [50];
if (PAGES.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('--pages takes page sizes separated by commas, e.g. 10,50,200');
  process.exit(2);
}
const VIEWS: Record<string, string> = {
  'one client': `{ client(hetu: "150385-9013") { ${UNIFIED_PERSON} } }`,
  ...Object.fromEntries(
    PAGES.map((n) => [
      `page of ${n}`,
      `{ caseload(area: "ita-uusimaa", first: ${n}) { nodes { ${UNIFIED_PERSON} } } }`,
    ]),
  ),
};
type View = string;
/** the project as five `tym serve` processes (--serve) */
const SERVED = 'project, tym serve x5';
interface Stack {
  name: string;
  url: string;
  /** a bearer token of this stack's own issuer (the peer reads none) */
  token: string;
}
interface Figures {
  latencies: number[];
  /** CPU milliseconds of this process per sequential request, one figure per round */
  cpu: number[];
  /** the database server's CPU milliseconds per sequential request, one figure per round */
  db: number[];
  /**
   * Milliseconds per sequential request in which this process's main thread did nothing for it: mean latency
   * less the main thread's CPU time. The request waited on the database (or on another thread) there, which
   * more CPU would not shorten: its round trips in turn. One figure per round.
   */
  wait: number[];
  rps8: number[];
  rps32: number[];
}

/**
 * CPU milliseconds of each postgres process on this machine so far, by pid; null where /proc cannot tell.
 * Compared by pid (`databaseCpuSince`): a connection closed meanwhile takes its whole count with it, which
 * would otherwise make the difference negative.
 */
function databaseCpuMs(): Map<string, number> | null {
  try {
    const ticks = new Map([...postgresProcesses()].map(([pid, p]) => [pid, p.cpuMs]));
    return ticks.size > 0 ? ticks : null;
  } catch {
    return null;
  }
}

/**
 * The postgres processes' CPU milliseconds since `before`: what those still running used meanwhile, and
 * all of those started meanwhile. A process that ended meanwhile is not counted: a little under, never over.
 */
function databaseCpuSince(before: Map<string, number> | null): number {
  const now = databaseCpuMs();
  if (!before || !now) return Number.NaN;
  let ms = 0;
  for (const [pid, used] of now) {
    const start = before.get(pid) ?? 0;
    ms += used >= start ? used - start : used; // less than before: the pid went to a new process
  }
  return ms;
}

/** CPU milliseconds of this process's main thread so far (the scheduler's nanosecond count; Linux only). */
function mainThreadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

const begun = performance.now();
const project = await startBenchSystem(CLIENTS, { pgUrl: PG_URL });
const stops: (() => Promise<void>)[] = [() => project.close()];
try {
  const peer = await startPeer(PG_URL, project.dbPrefix!);
  stops.unshift(() => peer.close());
  // Every field of the views is granted to this caller, so the project answers in full, without errors.
  const tokenOf = (system: typeof project.system) =>
    system.token({ org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa'] });
  const stacks: Stack[] = [
    { name: 'project, PostgreSQL', url: project.system.url, token: await tokenOf(project.system) },
    { name: 'peer, PostgreSQL', url: peer.url, token: 'none' },
  ];
  if (WITH_SERVE) {
    await project.stopSystem(); // its databases stay, seeded, for the five processes
    const served = await startServedStack(PG_URL, project.dbPrefix!);
    stops.unshift(() => served.close());
    const token = await served.token(['--org', 'kela', '--role', 'work-ability-specialist', '--area', 'ita-uusimaa']);
    stacks[0] = { name: SERVED, url: served.url, token };
  }
  if (WITH_PGLITE) {
    // In a data directory of its own, as `npm start` keeps it (in memory, PGlite's file system grows a file
    // by copying it whole, which a data directory does not).
    const dataDir = mkdtempSync(join(tmpdir(), 'tym-compare-'));
    const embedded = await startBenchSystem(CLIENTS, { pgUrl: null, dataDir });
    stops.unshift(async () => {
      await embedded.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    stacks.push({ name: 'project, PGlite', url: embedded.system.url, token: await tokenOf(embedded.system) });
  }
  const ask = async (stack: Stack, query: string) => {
    const r = await post(stack.url, stack.token, 'COORDINATION', query);
    if (r.status !== 200 || r.body.errors || !r.body.data)
      throw new Error(`${stack.name}: unexpected answer ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body.data;
  };
  // The project and the peer read the same databases: the same data, byte for byte. PGlite holds a world
  // of its own, seeded alike but with other random row ids, which order clients started the same day
  // differently on the page: there the one client must be the same, and the page full.
  const sameData = async () => {
    for (const [view, query] of Object.entries(VIEWS)) {
      const [expected, ...others] = await Promise.all(stacks.map((s) => ask(s, query)));
      for (const [i, data] of others.entries()) {
        const stack = stacks[i + 1]!;
        const same =
          stack.name !== 'project, PGlite' || view === 'one client'
            ? isDeepStrictEqual(data, expected)
            : data.caseload.nodes.length === expected.caseload.nodes.length;
        if (!same) throw new Error(`${view}: ${stack.name} answers other data than ${stacks[0]!.name}`);
      }
    }
  };
  for (const guarantee of WITHOUT) GUARANTEES[guarantee]();
  if (WITHOUT.length > 0)
    process.stderr.write(`warning: the project runs without ${WITHOUT.join(', ')} (bench/without.ts)\n`);
  await sameData();
  await warnOfPromiseHooks();
  process.stderr.write(`started and checked in ${((performance.now() - begun) / 1000).toFixed(0)} s\n`);

  if (WITHOUT.length > 0) console.log(`the project without: ${WITHOUT.join(', ')} (switched off, bench/without.ts)`);
  console.log(
    `${CLIENTS} clients; per view, stack and round: 20 warm-up requests and 64 at concurrency 32, ` +
      `${REQUESTS} at concurrency 1, ` +
      `${REQUESTS} at 8, ${REQUESTS} at 32; ${ROUNDS} rounds, alternating`,
  );
  const figures = new Map<string, Figures>();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? stacks : [...stacks].reverse();
    for (const [view, query] of Object.entries(VIEWS))
      for (const stack of order) {
        const once = () => ask(stack, query);
        // Warmed at the highest concurrency measured, so that each stack's database pools hold the connections
        // (and each connection its prepared statements) that phase needs: the project's pools close a connection
        // idle for TYM_DB_IDLE_TIMEOUT_SECONDS (20 s), and the other stacks' phases take longer than that, while
        // the peer's never close one. Without it the first concurrent phase measured the reconnection.
        for (let i = 0; i < 20; i++) await once();
        await throughput(once, 64, 32);
        const f = figures.get(`${view}|${stack.name}`) ?? {
          latencies: [],
          cpu: [],
          db: [],
          wait: [],
          rps8: [],
          rps32: [],
        };
        const cpu = process.cpuUsage();
        const main = mainThreadCpuMs();
        const db = databaseCpuMs();
        const latencies = await sequentialLatencies(once, REQUESTS);
        f.latencies.push(...latencies);
        const used = process.cpuUsage(cpu);
        f.cpu.push((used.user + used.system) / 1000 / REQUESTS);
        f.db.push(databaseCpuSince(db) / REQUESTS);
        // Served by other processes, a request's whole work is a wait of this one: not a figure then.
        f.wait.push(
          stack.name === SERVED
            ? Number.NaN
            : (latencies.reduce((a, b) => a + b, 0) - (mainThreadCpuMs() - main)) / REQUESTS,
        );
        f.rps8.push(await throughput(once, REQUESTS, 8));
        f.rps32.push(await throughput(once, REQUESTS, 32));
        figures.set(`${view}|${stack.name}`, f);
      }
    process.stderr.write(
      `round ${round + 1}/${ROUNDS} done after ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }
  await sameData(); // still the same after every request written to the log

  const median = (xs: number[]) => summarise(xs).median;
  const row = (label: string, cells: string[]) =>
    console.log(`${label.padEnd(24)}${cells.map((c) => c.padStart(10)).join('')}`);
  for (const view of Object.keys(VIEWS) as View[]) {
    console.log(`\n${view}, unified view`);
    row('', ['p50 ms', 'p99 ms', 'req/s @8', 'req/s @32', 'cpu/req', 'db cpu', 'wait ms']);
    const of = (stack: Stack) => {
      const f = figures.get(`${view}|${stack.name}`)!;
      const s = summarise(f.latencies);
      const [rps8, rps32, cpu, db, wait] = [
        median(f.rps8),
        median(f.rps32),
        median(f.cpu),
        median(f.db),
        median(f.wait),
      ];
      return { p50: s.median, p99: s.p99, rps8, rps32, cpu, db, wait };
    };
    const figure = (x: number, text: string) => (Number.isNaN(x) ? '-' : text);
    const results = stacks.map((s) => [s, of(s)] as const);
    for (const [s, r] of results)
      row(s.name, [
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.rps8.toFixed(0),
        r.rps32.toFixed(0),
        r.cpu.toFixed(1),
        figure(r.db, r.db.toFixed(1)),
        figure(r.wait, r.wait.toFixed(1)),
      ]);
    const base = results[1]![1];
    for (const [s, r] of results.filter(([s]) => s !== stacks[1]))
      row(`${s.name.replace('project, ', '')} / peer`, [
        `${(r.p50 / base.p50).toFixed(2)}x`,
        `${(r.p99 / base.p99).toFixed(2)}x`,
        `${(r.rps8 / base.rps8).toFixed(2)}x`,
        `${(r.rps32 / base.rps32).toFixed(2)}x`,
        `${(r.cpu / base.cpu).toFixed(2)}x`,
        figure(r.db, `${(r.db / base.db).toFixed(2)}x`),
        figure(r.wait, `${(r.wait / base.wait).toFixed(2)}x`),
      ]);
  }
} finally {
  for (const stop of stops) await stop();
}
