// Where a request's work goes, for the project and the plain peer (bench/peer/) side by side over the same
// databases: statement by statement, thread by thread. It starts a PostgreSQL 15 server of its own with
// pg_stat_statements loaded (the machine's server is neither restarted nor reconfigured), seeds it, and for
// the chosen view sends `--warm` requests and then `--requests` at concurrency 8 to each stack in turn. Per
// request it prints: the statements each database ran (calls, execution time, rows), this process's CPU on
// its main thread and on its other threads (garbage collection helpers, the compiler), the database
// processes' CPU by database, and the garbage collection pauses; then, in a shorter pass of its own (an async
// hook slows everything it counts), the promises made. Figures for reading a profile beside, not a race:
// bench/compare.ts measures speed.
// Usage: npm run bench:census -- [--view one|page] [--warm 600] [--requests 600]
import { createHook } from 'node:async_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import postgres from 'postgres';
import { createPrivatePostgres, privatePostgresAvailable } from '../test/support/private-postgres.ts';
import { startPeer } from './peer/index.ts';
import {
  arg,
  post,
  postgresProcesses,
  procStat,
  requireServiceFlags,
  startBenchSystem,
  throughput,
  UNIFIED_PERSON,
  warnOfPromiseHooks,
} from './support.ts';

requireServiceFlags('bench/census.ts');
if (!privatePostgresAvailable) {
  console.error('bench/census.ts starts a PostgreSQL 15 server of its own: its programs are not installed');
  process.exit(2);
}

const viewArg = process.argv.indexOf('--view');
const VIEW = viewArg >= 0 ? process.argv[viewArg + 1] : 'one';
const QUERIES: Record<string, string> = {
  one: `{ client(hetu: "150385-9013") { ${UNIFIED_PERSON} } }`,
  page: `{ caseload(area: "ita-uusimaa", first: 50) { nodes { ${UNIFIED_PERSON} } } }`,
};
const QUERY = QUERIES[VIEW ?? ''];
if (!QUERY) {
  console.error('--view is one (the unified view of one client) or page (the page of 50)');
  process.exit(2);
}
const WARM = arg('warm', 600);
const REQUESTS = arg('requests', 600);
const CONCURRENCY = 8;

/** CPU milliseconds so far of this process's threads: the main thread, and all others together. */
function threadCpu(): { main: number; others: number } {
  const cpu = { main: 0, others: 0 };
  for (const tid of readdirSync('/proc/self/task')) {
    const ms = procStat(`/proc/self/task/${tid}/stat`)?.cpuMs ?? 0;
    if (tid === String(process.pid)) cpu.main += ms;
    else cpu.others += ms;
  }
  return cpu;
}

/** CPU milliseconds so far of each process of the server on `port`, by pid, with what it works for. */
function serverCpu(port: number): Map<string, { role: string; ms: number }> {
  const processes = postgresProcesses();
  const commands = new Map<string, string>();
  for (const pid of processes.keys()) {
    try {
      commands.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      // the process ended meanwhile
    }
  }
  // This server's postmaster names its port; its children name their role ("postgres: walwriter", or
  // "postgres: <user> <database> <client> <state>" for a connection, shown here as its database).
  const postmaster = [...commands].find(([, command]) => command.includes(` -p ${port} `))?.[0];
  const ours = new Map<string, { role: string; ms: number }>();
  for (const [pid, p] of processes) {
    const command = commands.get(pid);
    if (p.parent !== postmaster || command === undefined) continue;
    const words = command.replace(/^postgres: /, '').split(' ');
    const role = words.length >= 4 && words[2]!.startsWith('127.0.0.1') ? words[1]! : words.join(' ');
    ours.set(pid, { role, ms: p.cpuMs });
  }
  return ours;
}

let gcPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

const server = await createPrivatePostgres({
  settings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'],
});
const project = await startBenchSystem(500, { pgUrl: server.url }).catch(async (e) => {
  await server.destroy();
  throw e;
});
const admin = postgres(server.url, { max: 1, onnotice: () => {} });
try {
  await admin`create extension if not exists pg_stat_statements`;
  const peer = await startPeer(server.url, project.dbPrefix!);
  try {
    const token = await project.system.token({ org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa'] });
    const stacks = [
      { name: 'project', url: project.system.url },
      { name: 'peer', url: peer.url },
    ];
    const per = (x: number, digits = 2) => (x / REQUESTS).toFixed(digits);
    console.log(
      `${VIEW === 'one' ? 'one client' : 'page of 50'}, unified view: ${WARM} warm-up requests, then ` +
        `${REQUESTS} at concurrency ${CONCURRENCY}; figures per request`,
    );
    for (const stack of stacks) {
      await warnOfPromiseHooks();
      const once = async () => {
        const r = await post(stack.url, token, 'COORDINATION', QUERY);
        if (r.status !== 200 || r.body.errors)
          throw new Error(`${stack.name}: ${JSON.stringify(r.body).slice(0, 300)}`);
      };
      await throughput(once, WARM, CONCURRENCY);
      await admin`select pg_stat_statements_reset()`;
      const [threads, databases] = [threadCpu(), serverCpu(server.port)];
      gcPauseMs = 0;
      const rps = await throughput(once, REQUESTS, CONCURRENCY);
      const [threadsAfter, databasesAfter] = [threadCpu(), serverCpu(server.port)];
      const pauses = gcPauseMs;
      const statements = await admin`
        select substring(d.datname from ${`${project.dbPrefix}_(.*)`}) as database, s.calls, s.total_exec_time as ms,
               s.rows, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90) as text
          from pg_stat_statements s join pg_database d on d.oid = s.dbid
         where d.datname like ${`${project.dbPrefix}_%`} order by s.total_exec_time desc`;
      console.log(`\n${stack.name}: ${rps.toFixed(0)} req/s`);
      console.log(
        `  main thread ${per(threadsAfter.main - threads.main)} ms CPU, other threads ` +
          `${per(threadsAfter.others - threads.others)} ms, garbage collection pauses ${per(pauses)} ms`,
      );
      const byRole = new Map<string, number>();
      for (const [pid, after] of databasesAfter) {
        const before = databases.get(pid)?.ms ?? 0;
        byRole.set(after.role, (byRole.get(after.role) ?? 0) + after.ms - before);
      }
      const roles = [...byRole]
        .filter(([, ms]) => ms > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([role, ms]) => `${role.replace(`${project.dbPrefix}_`, '')} ${per(ms)}`);
      console.log(`  database processes' CPU: ${roles.join(', ')} ms`);
      let calls = 0;
      let ms = 0;
      for (const s of statements) {
        calls += Number(s.calls);
        ms += s.ms;
      }
      console.log(`  ${per(calls, 1)} statements, ${per(ms, 3)} ms of execution:`);
      for (const s of statements.filter((s) => Number(s.calls) >= REQUESTS / 20)) {
        const [n, time, rows] = [per(Number(s.calls)), per(s.ms, 3), per(Number(s.rows), 1)];
        console.log(`  ${n.padStart(6)} ${time.padStart(7)} ms ${rows.padStart(6)} rows  ${s.database}: ${s.text}`);
      }
    }
    console.log('\npromises per request (a pass of its own, a quarter as many requests):');
    for (const stack of stacks) {
      let promises = 0;
      const hook = createHook({
        init(_id, type) {
          if (type === 'PROMISE') promises++;
        },
      });
      const once = () => post(stack.url, token, 'COORDINATION', QUERY);
      const n = Math.max(1, Math.floor(REQUESTS / 4));
      hook.enable();
      await throughput(once, n, CONCURRENCY);
      hook.disable();
      console.log(`  ${stack.name}: ${(promises / n).toFixed(0)}`);
    }
  } finally {
    await peer.close();
  }
} finally {
  await admin.end();
  await project.close();
  await server.destroy();
}
