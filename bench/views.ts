// The two views caseworkers use most, through the gateway with every guarantee on: one client's
// unified view and a page of 50. Prints median and p99 latency at concurrency 1 and req/s at
// concurrency 8, so that a change's cost can be read side by side with the commit before it.
// Usage: npx tsx bench/views.ts [--requests 200] [--concurrency 8] [--clients 500]
// (PGlite in memory; set TYM_PG_URL to run on PostgreSQL).
import { arg, fmt, measureQuery, startBenchSystem, UNIFIED_PERSON } from './support.ts';

const REQUESTS = arg('requests', 200);
const CONCURRENCY = arg('concurrency', 8);
const CLIENTS = arg('clients', 500);

const VIEWS: Record<string, { query: string; check(data: any): boolean }> = {
  'one client, unified view': {
    query: `{ client(hetu: "150385-9013") { ${UNIFIED_PERSON} } }`,
    check: (d) => d?.client?.joint?.identity?.firstName !== undefined,
  },
  'page of 50, unified view': {
    query: `{ caseload(first: 50) { nodes { ${UNIFIED_PERSON} } } }`,
    check: (d) => d?.caseload?.nodes?.length === 50,
  },
};

const { system, backend, close } = await startBenchSystem(CLIENTS);
try {
  const token = await system.token({ org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa'] });
  console.log(`${backend}, ${CLIENTS} clients; ${REQUESTS} requests at concurrency 1, then at ${CONCURRENCY}`);
  console.log('view                          median ms   p99 ms    req/s');
  for (const [name, view] of Object.entries(VIEWS)) {
    const r = await measureQuery(system.url, token, view.query, view.check, {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
    });
    console.log(`${name.padEnd(28)} ${fmt(r.median)}  ${fmt(r.p99)}  ${r.rps.toFixed(0).padStart(7)}`);
  }
} finally {
  await close();
}
