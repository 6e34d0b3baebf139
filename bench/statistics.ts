// Statistics latency over a large world: seeds the joint record with N generated clients (default
// 100,000) in an embedded system, then times statistics queries through the gateway.
//
//   npx tsx bench/statistics.ts [--clients N] [--runs N] [--pg postgres://…]
//
// Prints the median and 95th percentile per query shape. A script that prints figures, not a test.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startSystem } from '../cli/system.ts';
import { SUBGRAPHS } from '../shared/config.ts';
import { addMonths } from '../shared/dates.ts';
import { dropDatabase, withDatabase } from '../shared/db.ts';
import { finnishDate } from '../shared/policy.ts';
import { buildWorld } from '../shared/seed/world.ts';
import { seedJoint } from '../subgraphs/joint/seed.ts';
import { customerships } from '../subgraphs/joint/db/schema.ts';
import { count, eq, sql } from 'drizzle-orm';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    pg: { type: 'string' },
  },
});
const clients = Number(args.clients);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const today = finnishDate();

const COUNTS = 'clients started ended suppressed';
const ALL = 'clients started ended planOnTimeShare reviewsOnTimeShare medianDaysToPlan suppressed';
const NO_REVIEWS = 'clients started ended planOnTimeShare medianDaysToPlan suppressed';
const stats = (args: string, fields: string) => `{ statistics(${args}) { rows { key { dimension value } ${fields} } total { ${fields} } } }`;
const months = (n: number) => `from: "${addMonths(today, -n)}"`;
const SHAPES: { name: string; query: string }[] = [
  { name: 'counts: total, all time', query: stats('area: "ita-uusimaa"', COUNTS) },
  { name: 'counts: by municipality, 12 months', query: stats(`area: "ita-uusimaa", ${months(12)}, groupBy: [MUNICIPALITY]`, COUNTS) },
  { name: 'counts: by municipality × age × start month, 36 months', query: stats(`area: "ita-uusimaa", ${months(36)}, groupBy: [MUNICIPALITY, AGE_GROUP, START_MONTH]`, COUNTS) },
  { name: 'no reviews: by municipality, 12 months', query: stats(`area: "ita-uusimaa", ${months(12)}, groupBy: [MUNICIPALITY]`, NO_REVIEWS) },
  { name: 'all measures: total, all time', query: stats('area: "ita-uusimaa"', ALL) },
  { name: 'all measures: by municipality, 12 months', query: stats(`area: "ita-uusimaa", ${months(12)}, groupBy: [MUNICIPALITY]`, ALL) },
  { name: 'all measures: by age group and status, all time', query: stats('area: "ita-uusimaa", groupBy: [AGE_GROUP, STATUS]', ALL) },
  { name: 'all measures: by start month × end reason, 24 months', query: stats(`area: "ita-uusimaa", ${months(24)}, groupBy: [START_MONTH, END_REASON]`, ALL) },
  { name: 'all measures: by municipality × age × start month, 36 months', query: stats(`area: "ita-uusimaa", ${months(36)}, groupBy: [MUNICIPALITY, AGE_GROUP, START_MONTH]`, ALL) },
  { name: 'all measures: a past year, by status × end reason', query: stats(`area: "keski-uusimaa", ${months(24)}, to: "${addMonths(today, -12)}", groupBy: [STATUS, END_REASON]`, ALL) },
  { name: 'staffing', query: '{ staffing(area: "ita-uusimaa") { activeClients totalFte clientsPerFte fte { org title fte } } }' },
];

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function main() {
  const dbPrefix = args.pg ? `tymbench_${randomBytes(4).toString('hex')}` : undefined;
  let t0 = process.hrtime.bigint();
  const system = await startSystem({ dataDir: null, pgUrl: args.pg, dbPrefix, gatewayPort: 0, seed: false });
  console.log(`system started on ${args.pg ? 'PostgreSQL' : 'PGlite'} in ${ms(t0).toFixed(0)} ms`);
  try {
    t0 = process.hrtime.bigint();
    const world = buildWorld({ clients, seed: 1, today });
    console.log(`world of ${clients} generated clients built in ${ms(t0).toFixed(0)} ms`);
    t0 = process.hrtime.bigint();
    const joint = system.databases.joint.db as never;
    await seedJoint(joint, world);
    // A PostgreSQL server's autovacuum would analyse the freshly loaded tables by itself; PGlite has none.
    await system.databases.joint.db.execute(sql`analyze`);
    const [all] = await system.databases.joint.db.select({ n: count() }).from(customerships);
    const [ita] = await system.databases.joint.db.select({ n: count() }).from(customerships).where(eq(customerships.area, 'ita-uusimaa'));
    console.log(`joint record seeded in ${ms(t0).toFixed(0)} ms: ${all?.n} customerships, ${ita?.n} in ita-uusimaa`);

    const token = await system.token({ org: 'employment', role: 'analyst', areas: ['ita-uusimaa', 'keski-uusimaa'] });
    const call = async (query: string) => {
      const res = await fetch(system.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tym-purpose': 'STATISTICS' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
    console.log(`\n${runs} runs per shape after ${warmup} warm-up runs, through the gateway (ms); load average ${load()}:`);
    console.log(`${'shape'.padEnd(62)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}  rows`);
    for (const shape of SHAPES) {
      let data: unknown;
      for (let i = 0; i < warmup; i++) data = await call(shape.query);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint();
        await call(shape.query);
        times.push(ms(t));
      }
      times.sort((a, b) => a - b);
      const stat = (data as { statistics?: { rows?: unknown[] } }).statistics;
      console.log(`${shape.name.padEnd(62)} ${quantile(times, 0.5).toFixed(1).padStart(8)} ${quantile(times, 0.95).toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)}  ${stat?.rows?.length ?? '-'}`);
    }
    console.log(`load average after: ${load()}`);
  } finally {
    await system.close();
    if (args.pg && dbPrefix) for (const name of [...SUBGRAPHS, 'audit']) await dropDatabase(withDatabase(args.pg, `${dbPrefix}_${name}`));
  }
}

await main();
