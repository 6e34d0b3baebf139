// Statistics latency over a large world: seeds the joint record with N generated clients (default
// 100,000) in an embedded system, then times statistics queries through the gateway.
//
//   npx tsx bench/statistics.ts [--clients N] [--runs N] [--pg postgres://… [--prefix P]]
//
// With --prefix, the PostgreSQL databases P_<service> already seeded (`TYM_PG_URL=… tym seed
// --clients N` seeds the prefix tym) are timed as they are, and kept.
//
// Prints the median and 95th percentile per query shape, cold (a period not asked before: one pass
// over the joint record) and warm (the same period again or regrouped: its cached tabulation). A
// script that prints figures, not a test.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startSystem } from '../cli/system.ts';
import { SUBGRAPHS } from '../shared/config.ts';
import { addDays, addMonths } from '../shared/dates.ts';
import { dropDatabase, withDatabase } from '../shared/db.ts';
import { finnishDate } from '../shared/policy.ts';
import { buildWorld } from '../seed/world.ts';
import { seedJoint } from '../subgraphs/joint/seed.ts';
import { customerships } from '../subgraphs/joint/db/schema.ts';
import { count, eq, sql } from 'drizzle-orm';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    pg: { type: 'string' },
    prefix: { type: 'string' },
  },
});
const clients = Number(args.clients);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const today = finnishDate();

const COUNTS = 'clients started ended suppressed';
const ALL = 'clients started ended planOnTimeShare reviewsOnTimeShare medianDaysToPlan suppressed';
const NO_REVIEWS = 'clients started ended planOnTimeShare medianDaysToPlan suppressed';
/**
 * The area and a period on the month grid (config/statistics.yaml: periods are whole months):
 * ending `back` months before this one (this month: today), `stretch` months longer than the
 * shape's: each cold run asks for a period not asked before, as an analyst's ad hoc query would, so
 * that it is tabulated afresh rather than answered from the tabulation cache. An open period starts
 * before any data, `tag` months earlier per shape so that no two shapes share one; shapes of the
 * same length share periods, but each measures more than the one before it, which a tabulation
 * of less does not answer.
 */
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
const over = (area: string, months: number | null, run: number, tag: number, back = 0) => {
  const [stretch, shift] = [run % 8, Math.floor(run / 8) + back];
  const last = addMonths(monthStart(today), -shift);
  const to = shift === 0 ? today : addDays(addMonths(last, 1), -1);
  const from = months === null ? addMonths('2000-01-01', -tag - stretch) : addMonths(last, -(months - 1) - stretch);
  return `area: "${area}", from: "${from}", to: "${to}"`;
};
interface Shape {
  name: string;
  area: string;
  months: number | null;
  past?: number;
  groupBy: string;
  fields: string;
}
const query = (s: Shape, run: number, groupBy = s.groupBy) =>
  `{ statistics(${over(s.area, s.months, run, SHAPES.indexOf(s), s.past)}, groupBy: [${groupBy}]) { rows { ` +
  `key { dimension value } ${s.fields} } total { ${s.fields} } } }`;
const ita = (name: string, months: number | null, groupBy: string, fields: string): Shape => ({
  name,
  area: 'ita-uusimaa',
  months,
  groupBy,
  fields,
});
const SHAPES: Shape[] = [
  ita('counts: total, all time', null, '', COUNTS),
  ita('counts: by municipality, 12 months', 12, 'MUNICIPALITY', COUNTS),
  ita('counts: by municipality × age × start month, 36 months', 36, 'MUNICIPALITY, AGE_GROUP, START_MONTH', COUNTS),
  ita('no reviews: by municipality, 12 months', 12, 'MUNICIPALITY', NO_REVIEWS),
  ita('all measures: total, all time', null, '', ALL),
  ita('all measures: by municipality, 12 months', 12, 'MUNICIPALITY', ALL),
  ita('all measures: by age group and status, all time', null, 'AGE_GROUP, STATUS', ALL),
  ita('all measures: by start month × end reason, 24 months', 24, 'START_MONTH, END_REASON', ALL),
  ita('all measures: by municipality × age × start month, 36 months', 36, 'MUNICIPALITY, AGE_GROUP, START_MONTH', ALL),
  {
    name: 'all measures: a past year, by status × end reason',
    area: 'keski-uusimaa',
    months: 12,
    past: 12,
    groupBy: 'STATUS, END_REASON',
    fields: ALL,
  },
];
/** What an analyst asks next of the same period. */
const REGROUPED = 'AGE_GROUP, END_REASON';
const STAFFING = '{ staffing(area: "ita-uusimaa") { activeClients totalFte clientsPerFte fte { org title fte } } }';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function main() {
  if (args.prefix && !args.pg) throw new Error('--prefix names databases on the --pg server');
  const dbPrefix = args.prefix ?? (args.pg ? `tymbench_${randomBytes(4).toString('hex')}` : undefined);
  let t0 = process.hrtime.bigint();
  const system = await startSystem({ dataDir: null, pgUrl: args.pg, dbPrefix, gatewayPort: 0, seed: false });
  console.log(`system started on ${args.pg ? 'PostgreSQL' : 'PGlite'} in ${ms(t0).toFixed(0)} ms`);
  try {
    t0 = process.hrtime.bigint();
    if (!args.prefix) {
      const world = buildWorld({ clients, seed: 1, today });
      console.log(`world of ${clients} generated clients built in ${ms(t0).toFixed(0)} ms`);
      t0 = process.hrtime.bigint();
      const joint = system.databases.joint.db as never;
      await seedJoint(joint, world);
      // As `tym seed` leaves it (cli/system.ts seedDatabases): compacted, analysed.
      await system.databases.joint.db.execute(sql`vacuum (full, analyze)`);
    }
    const [all] = await system.databases.joint.db.select({ n: count() }).from(customerships);
    const [ita] = await system.databases.joint.db
      .select({ n: count() })
      .from(customerships)
      .where(eq(customerships.area, 'ita-uusimaa'));
    console.log(
      `joint ` +
        `record ${args.prefix ? `${args.prefix}_joint` : `seeded in ${ms(t0).toFixed(0)} ms`}: ${all?.n} ` +
        `customerships, ${ita?.n} in ita-uusimaa`,
    );

    const token = await system.token({ org: 'employment', role: 'analyst', areas: ['ita-uusimaa', 'keski-uusimaa'] });
    const call = async (query: string) => {
      const res = await fetch(system.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-tym-purpose': 'STATISTICS',
        },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    const load = () =>
      loadavg()
        .map((x) => x.toFixed(2))
        .join(' ');
    const timed = async (query: string) => {
      const t = process.hrtime.bigint();
      const data = await call(query);
      return { ms: ms(t), data };
    };
    const summary = (times: number[]) => {
      times.sort((a, b) => a - b);
      return [quantile(times, 0.5), quantile(times, 0.95), times.at(-1)!]
        .map((x) => x.toFixed(1).padStart(7))
        .join(' ');
    };
    console.log(`\nthrough the gateway (ms); load average ${load()}`);
    console.log(`cold: ${runs} runs, each over a period not asked before (tabulated afresh)`);
    console.log(`warm: ${runs} runs of the same period, half regrouped (answered from its tabulation)`);
    console.log(`${''.padEnd(62)} ${'cold: median     p95     max'} | ${'warm: median     p95     max'} | rows`);
    for (const shape of SHAPES) {
      for (let i = 1; i <= warmup; i++) await call(query(shape, runs + i));
      const cold: number[] = [];
      let rows = 0;
      for (let i = 1; i <= runs; i++) {
        const r = await timed(query(shape, i));
        cold.push(r.ms);
        rows = (r.data as { statistics: { rows: unknown[] } }).statistics.rows.length;
      }
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push((await timed(query(shape, 1, i % 2 ? REGROUPED : shape.groupBy))).ms);
      console.log(`${shape.name.padEnd(62)} ${summary(cold).padStart(27)} | ${summary(warm).padStart(27)} | ${rows}`);
    }
    const staffing: number[] = [];
    for (let i = 0; i < runs; i++) staffing.push((await timed(STAFFING)).ms);
    console.log(`${'staffing'.padEnd(62)} ${summary(staffing).padStart(27)} |`);
    console.log(`load average after: ${load()}`);
  } finally {
    await system.close();
    if (args.pg && dbPrefix && !args.prefix)
      for (const name of [...SUBGRAPHS, 'audit']) await dropDatabase(withDatabase(args.pg, `${dbPrefix}_${name}`));
  }
}

await main();
