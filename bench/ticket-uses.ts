// What single-use tickets cost a subgraph per request: one claim in memory against one insert into its
// database's ticket_uses (the store shared by all its processes). Usage: npx tsx bench/ticket-uses.ts
// [--claims 2000] [--concurrency 8]; PGlite in memory, and PostgreSQL too when TYM_PG_URL is set.
import { randomBytes, randomUUID } from 'node:crypto';
import { readConfig } from '../shared/config.ts';
import { dropDatabase, withDatabase } from '../shared/db.ts';
import { MemoryTicketUses, type TicketUses } from '../shared/tickets.ts';
import { employmentService } from '../subgraphs/employment/index.ts';
import { arg, fmt, summarise } from './support.ts';

const CLAIMS = arg('claims', 2000);
const CONCURRENCY = arg('concurrency', 8);

async function measure(label: string, uses: TicketUses) {
  const until = Date.now() / 1000 + 30;
  for (let i = 0; i < 100; i++) await uses.claim(randomUUID(), until);
  const latencies: number[] = [];
  let left = CLAIMS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const t = performance.now();
        if (!(await uses.claim(randomUUID(), until))) throw new Error('a fresh id was refused');
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = summarise(latencies);
  console.log(
    `${label.padEnd(22)} median ${fmt(s.median)} ms  p99 ${fmt(s.p99)} ms  ${Math.round(CLAIMS / seconds)} claims/s`,
  );
}

await measure('memory', new MemoryTicketUses());
const pglite = await employmentService.open({ kind: 'pglite', dir: null });
await measure('database (PGlite)', pglite.ticketUses);
await pglite.close();
const { pgUrl } = readConfig();
if (pgUrl) {
  const url = withDatabase(pgUrl, `tymbench_${randomBytes(4).toString('hex')}`);
  const pg = await employmentService.open({ kind: 'postgres', url });
  try {
    await measure('database (PostgreSQL)', pg.ticketUses);
  } finally {
    await pg.close();
    await dropDatabase(url);
  }
}
