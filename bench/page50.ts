// The page-of-50 unified view through the gateway: median and p99 latency, and throughput, with
// enforcement as shipped, and with the gateway's per-person grants replaced by permissive ones
// (no facts lookup, no decisions) to show what deciding costs. The disclosure log's cost is shown
// the same way. Usage: npx tsx bench/page50.ts [--requests 200] [--concurrency 8] [--clients 500]
// (PGlite; set TYM_PG_URL to run on PostgreSQL).
import { documentHash, signTicket, TICKET_EXTENSION, variablesHash } from '../shared/tickets.ts';
import { TicketedDataSource, type TicketSigner } from '../gateway/datasource.ts';
import { AuditWriter } from '../gateway/audit/writer.ts';
import { arg, fmt, measureQuery, startBenchSystem } from './support.ts';

const REQUESTS = arg('requests', 200);
const CONCURRENCY = arg('concurrency', 8);
const CLIENTS = arg('clients', 500);

const PAGE =
  `{ caseload(first: 50) { nodes { hetu
  joint { customership { status area planDeadline } identity { firstName lastName } serviceNeed { summary ` +
  `} socialSituation { summary }
          workCapacity { summary } plan { deadline nextReviewDue services { provider status } } appointments { at } }
  employment { jobSeeker { status } education { degree } workHistory { title } }
  wellbeing { socialSituation { summary } workAbility { summary } }
  kela { benefits { type status } rehabilitation { type } } } } }`;

const enforcing = TicketedDataSource.prototype.willSendRequest;
/** Grants everything the subgraph carries for every person in the fetch, without facts or decisions. */
async function permissive(this: TicketedDataSource, options: Parameters<TicketedDataSource['willSendRequest']>[0]) {
  const self = this as unknown as { subgraph: string; signer: TicketSigner; categories: Set<string> };
  const { request, context } = options;
  const hetus = ((request.variables?.representations ?? []) as { hetu: string }[]).map((r) => r.hetu);
  const each = Object.fromEntries([...self.categories].map((c) => [c, 'SECTION_15']));
  const grant = { ...each, own: each }; // rows of the caller's own controllers and everyone else's alike
  const ticket = await signTicket(self.signer.key, self.signer.kid, self.subgraph, {
    caller: context.caller,
    purpose: context.access!.purpose,
    caseReference: null,
    requestId: context.requestId,
    doc: documentHash(request.query ?? ''),
    vars: variablesHash(request.variables),
    ...(hetus.length ? { grants: Object.fromEntries(hetus.map((h) => [h, grant])) } : {}),
  });
  request.extensions = { ...(request.extensions ?? {}), [TICKET_EXTENSION]: ticket };
}
const logging = AuditWriter.prototype.append;

const measure = (url: string, token: string) =>
  measureQuery(url, token, PAGE, (data) => data?.caseload?.nodes?.length === 50, {
    requests: REQUESTS,
    concurrency: CONCURRENCY,
  });

const { system, backend, close } = await startBenchSystem(CLIENTS);
try {
  const token = await system.token({
    org: 'kela',
    role: 'work-ability-specialist',
    areas: ['ita-uusimaa', 'keski-uusimaa'],
  });
  console.log(
    `page of 50 unified persons (joint + 3 registers), ${backend}, ${CLIENTS} ` +
      `clients, ${REQUESTS} sequential requests, then ${REQUESTS} at concurrency ${CONCURRENCY}`,
  );
  console.log('mode                                    median ms   p99 ms    req/s');
  const modes: [string, boolean, boolean][] = [
    ['enforced grants + disclosure log', true, true],
    ['permissive grants + disclosure log', false, true],
    ['enforced grants, no log', true, false],
    ['permissive grants, no log', false, false],
  ];
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const [name, enforce, log] of modes) {
    TicketedDataSource.prototype.willSendRequest = enforce ? enforcing : (permissive as never);
    AuditWriter.prototype.append = log ? logging : () => Promise.resolve();
    const r = (results[name] = await measure(system.url, token));
    console.log(`${name.padEnd(38)} ${fmt(r.median)}  ${fmt(r.p99)}  ${r.rps.toFixed(0).padStart(7)}`);
  }
  const e = results['enforced grants, no log']!;
  const p = results['permissive grants, no log']!;
  console.log(
    `enforcement overhead: median +${(e.median - p.median).toFixed(1)} ms ` +
      `(${(((e.median - p.median) / p.median) * 100).toFixed(0)}%), p99 +${(e.p99 - p.p99).toFixed(1)} ms`,
  );
} finally {
  TicketedDataSource.prototype.willSendRequest = enforcing;
  AuditWriter.prototype.append = logging;
  await close();
}
