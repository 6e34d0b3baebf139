// Cold start of the embedded default: a fresh data directory, PGlite, the default demo world, as
// `npm start` on a fresh clone does it. Prints where the time goes, phase by phase, and the time
// until /health/ready answers 200 on every service. Usage: npx tsx bench/cold-start.ts [--clients 500]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WORLD, startSystem } from '../cli/system.ts';
import { finnishDate } from '../shared/policy.ts';
import { arg } from './support.ts';

const clients = arg('clients', DEFAULT_WORLD.clients);
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
// Ready: every subgraph's database answers (the gateway's own /health/ready once it is wired).
const readyUrls = Object.values(system.subgraphs).map((s) => s.url.replace(/\/graphql$/, '/health/ready'));
const statuses = await Promise.all(readyUrls.map(async (u) => (await fetch(u)).status));
const ready = performance.now() - started;
await system.close();
rmSync(dataDir, { recursive: true, force: true });

const width = Math.max(...Object.keys(phases).map((k) => k.length));
console.log(`cold start, fresh data directory, ${clients} clients + fixtures (PGlite)`);
for (const [name, ms] of Object.entries(phases)) console.log(`  ${name.padEnd(width)}  ${(ms / 1000).toFixed(2)} s`);
console.log(`  ${'up (startSystem resolved)'.padEnd(width)}  ${(up / 1000).toFixed(2)} s`);
const cpu = process.cpuUsage();
console.log(
  `  ${'CPU time of this process (user + system)'.padEnd(width)}  ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
);
console.log(
  `  ${'ready (/health/ready 200 everywhere)'.padEnd(width)}  ${(ready / 1000).toFixed(2)} ` +
    `s${statuses.every((s) => s === 200) ? '' : ` (NOT ready: ${statuses.join(',')})`}`,
);
