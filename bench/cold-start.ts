// Cold start of the embedded default: a fresh data directory, PGlite, the default demo world, as
// `npm start` on a fresh clone does it. Prints where the time goes, phase by phase, and the time
// until /health/ready answers 200 on every service.
//   npx tsx bench/cold-start.ts [--clients 500]      in this process, phase by phase
//   npx tsx bench/cold-start.ts --from-shell [--runs 3]   what a user sees: `npm start` in a shell until the
//     gateway's /health/ready answers 200 (npm, Node, loading the modules and the start itself)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WORLD, startSystem } from '../cli/system.ts';
import { childEnvironment } from '../shared/config.ts';
import { finnishDate } from '../shared/policy.ts';
import { arg } from './support.ts';

const clients = arg('clients', DEFAULT_WORLD.clients);
if (process.argv.includes('--from-shell')) {
  await fromShell(arg('runs', 3));
  process.exit(0);
}

/** `npm start` on a fresh data directory and port, polled until the gateway says it is ready; then SIGTERM. */
async function fromShell(runs: number) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  console.log(`cold start from the shell: \`npm start\`, fresh data directory, ${clients} clients + fixtures (PGlite)`);
  const figures: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tym-cold-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const started = performance.now();
    const child = spawn('npm', ['start'], {
      cwd: root,
      detached: true, // its own process group, so that the stop reaches npm and node alike
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnvironment({ TYM_DATA_DIR: dataDir, TYM_PORT: String(port), TYM_SEED_CLIENTS: String(clients) }),
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let ready = Number.NaN;
    while (child.exitCode === null && performance.now() - started < 120_000) {
      const status = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) {
        ready = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // CPU seconds spent by npm and node until ready: on a shared machine the fairer of the two figures.
    const cpu = execFileSync('ps', ['-o', 'times=', '-g', String(child.pid)], { encoding: 'utf8' })
      .split('\n')
      .reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
    process.kill(-child.pid!, 'SIGTERM');
    const code = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    const banner = output.match(/is up in ([\d.]+) s/)?.[1];
    if (Number.isNaN(ready)) {
      console.log(`  run ${run}: NOT ready (exit ${code})\n${output}`);
      process.exitCode = 1;
      continue;
    }
    figures.push(ready);
    console.log(
      `  run ${run}: ready ${(ready / 1000).toFixed(2)} s, ${cpu} s CPU ` +
        `(banner: up in ${banner ?? '?'} s after its modules loaded)`,
    );
  }
  if (figures.length) {
    const sorted = [...figures].sort((a, b) => a - b);
    console.log(
      `  median ready ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(2)} s over ${figures.length} runs`,
    );
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'tym-cold-'));
const phases: Record<string, number> = {};
const started = performance.now();
const system = await startSystem({
  dataDir,
  gatewayPort: 0,
  seed: { clients, seed: DEFAULT_WORLD.seed, today: finnishDate() },
  phases,
});
const up = performance.now() - started;
// Ready as a probe sees it: the gateway's /health/ready (its log database and every subgraph answer).
const statuses = [(await fetch(system.url.replace(/\/graphql$/, '/health/ready'))).status];
const ready = performance.now() - started;
await system.compacted; // after ready: its phases are printed below, beside the others
await system.close();
rmSync(dataDir, { recursive: true, force: true });

const width = Math.max(...Object.keys(phases).map((k) => k.length + 12));
const line = (name: string, ms: number) => console.log(`  ${name.padEnd(width)}  ${(ms / 1000).toFixed(2)} s`);
const afterReady = (name: string) => name.startsWith('compact ');
console.log(`cold start, fresh data directory, ${clients} clients + fixtures (PGlite)`);
for (const [name, ms] of Object.entries(phases)) if (!afterReady(name)) line(name, ms);
line('up (startSystem resolved)', up);
console.log(
  `  ${'ready (gateway /health/ready)'.padEnd(width)}  ${(ready / 1000).toFixed(2)} ` +
    `s${statuses.every((s) => s === 200) ? '' : ` (NOT ready: ${statuses.join(',')})`}`,
);
for (const [name, ms] of Object.entries(phases)) if (afterReady(name)) line(`${name} (after ready)`, ms);
const cpu = process.cpuUsage();
line('CPU time of this process (user + system)', (cpu.user + cpu.system) / 1000);
