// The disclosure log under load: N concurrent requests (default 2,000), each disclosing one client's
// data; prints requests/s with and without the log, entries written per second, commits, and lost
// entries (requests answered with data whose entries are missing). Usage:
// npx tsx bench/audit-load.ts [--requests 2000] (PGlite; set TYM_PG_URL for PostgreSQL).
import { count } from 'drizzle-orm';
import { verifyChain } from '../gateway/audit/chain.ts';
import { entries } from '../gateway/audit/db/schema.ts';
import { AuditWriter } from '../gateway/audit/writer.ts';
import { arg, startBenchSystem } from './support.ts';

const N = arg('requests', 2000);
const QUERY =
  `query($hetu: ID!) { client(hetu: $hetu) { joint { identity { lastName } serviceNeed { summary } } ` +
  `employment { education { degree } } } }`;

const { system, backend, close } = await startBenchSystem(200);
const logging = AuditWriter.prototype.append;
try {
  const token = await system.token({ org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] });
  const auditDb = system.gateway.audit.db.db;
  const countEntries = async () => (await auditDb.select({ n: count() }).from(entries))[0]!.n;

  const burst = async (label: string) => {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const res = await fetch(system.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-tym-purpose': 'ASSESSMENT',
            'x-tym-case': `${label}-${i}`,
          },
          body: JSON.stringify({ query: QUERY, variables: { hetu: '150385-9013' } }),
        });
        const body = (await res.json()) as {
          data?: { client?: { joint?: { identity?: unknown } } };
          errors?: { message: string }[];
        };
        if (res.status === 200 && body.data?.client?.joint?.identity && !body.errors) return null;
        return `${res.status} ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`;
      }),
    );
    const failures = new Map<string, number>();
    for (const f of results) if (f) failures.set(f, (failures.get(f) ?? 0) + 1);
    return {
      seconds: (performance.now() - started) / 1000,
      answered: results.filter((r) => r === null).length,
      failures,
    };
  };

  await burst('warmup'); // plans and connections warm
  AuditWriter.prototype.append = () => Promise.resolve();
  const without = await burst('nolog');
  AuditWriter.prototype.append = logging;

  const before = await countEntries();
  const commitsBefore = system.gateway.audit.writer.stats.commits;
  const withLog = await burst('log');
  const written = (await countEntries()) - before;
  const rows = await auditDb.select({ caseReference: entries.caseReference }).from(entries);
  const logged = new Set(rows.map((r) => r.caseReference).filter((c) => c?.startsWith('log-')));
  const chain = await verifyChain(auditDb);

  console.log(
    `${N} concurrent requests, each disclosing one client's joint record and employment register ` +
      `(${backend}, one process)`,
  );
  console.log(`without the log: ${(N / without.seconds).toFixed(0)} req/s (${without.answered} answered with data)`);
  console.log(`with the log:    ${(N / withLog.seconds).toFixed(0)} req/s (${withLog.answered} answered with data)`);
  for (const [label, run] of [
    ['without the log', without],
    ['with the log', withLog],
  ] as const) {
    for (const [why, n] of run.failures) console.log(`  ${label}: ${n} answered without data: ${why}`);
  }
  console.log(
    `entries written: ${written} (${(written / withLog.seconds).toFixed(0)}/s) ` +
      `in ${system.gateway.audit.writer.stats.commits - commitsBefore} commits`,
  );
  console.log(
    `requests answered with data but missing from the log: ${withLog.answered - logged.size}; ` +
      `chain ${chain.ok ? `intact (${chain.count} entries)` : `BROKEN at ${chain.seq}`}`,
  );
} finally {
  AuditWriter.prototype.append = logging;
  await close();
}
