// The register's own record of its releases, group-committed with the claims of the tickets they answered
// (shared/releases.ts `ReleaseRecorder`): claims made together share a commit, a ticket claimed twice
// records once, and one request's rows that the database refuses cost no other request its answer.
import { randomBytes, randomUUID } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, executeRows, withDatabase, type AnyDb } from '../shared/db.ts';
import { makeHetu } from '../shared/hetu.ts';
import { ReleaseRecorder, releases } from '../shared/releases.ts';
import type { OpenSubgraph } from '../shared/service.ts';
import type { SubgraphContext } from '../shared/subgraph.ts';
import { DbTicketUses } from '../shared/ticket-uses.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { BACKENDS } from './support/system.ts';

/** What the recorder reads of a request's context: its ticket and what it released. */
function readOf(hetus: string[], ticketId = randomUUID()): SubgraphContext {
  const released = new Map(hetus.map((h) => [h, new Map([['BENEFITS', new Set(['SECTION_15'])]])]));
  return {
    ticket: {
      id: ticketId,
      requestId: randomUUID(),
      caller: { org: 'employment', role: 'employment-specialist', sub: 'eeva' },
      purpose: 'ASSESSMENT',
      caseReference: null,
    },
    released,
  } as unknown as SubgraphContext;
}

const UNTIL = Math.floor(Date.now() / 1000) + 60;
let person = 0;
const persons = (n: number) => Array.from({ length: n }, () => makeHetu('1980-02-02', 300 + person++));

for (const backend of BACKENDS) {
  describe(`release records on ${backend.name}`, () => {
    let kela: OpenSubgraph;
    let url: string | undefined;
    const db = () => kela.database.db as AnyDb;
    const recorded = async () =>
      (await (db() as any).select().from(releases).orderBy(asc(releases.id))) as (typeof releases.$inferSelect)[];

    beforeAll(async () => {
      url = backend.pgUrl && withDatabase(backend.pgUrl, `tymtest_releases_${randomBytes(4).toString('hex')}`);
      kela = await SUBGRAPH_SERVICES.kela.open(url ? { kind: 'postgres', url } : { kind: 'pglite', dir: null });
    });
    afterAll(async () => {
      await kela?.close();
      if (url) await dropDatabase(url);
    });

    it('claims made together share one commit, each recording its own persons', async () => {
      const recorder = new ReleaseRecorder(db(), new DbTicketUses(db()), kela.database.label);
      const reads = Array.from({ length: 6 }, (_, i) => readOf(persons(i * 10)));
      const claimed = await Promise.all(reads.map((ctx) => recorder.claimWith(ctx)(ctx.ticket.id, UNTIL)));
      expect(claimed).toEqual(reads.map(() => true));
      expect(recorder.stats).toEqual({ commits: 1, claims: 6 });
      const rows = await recorded();
      for (const ctx of reads) {
        expect(rows.filter((r) => r.ticketId === ctx.ticket.id).map((r) => r.hetu)).toEqual([...ctx.released.keys()]);
      }
    });

    it('a ticket claimed twice records once, in one commit or two', async () => {
      const recorder = new ReleaseRecorder(db(), new DbTicketUses(db()), kela.database.label);
      const ticketId = randomUUID();
      const [first, replay, later] = [readOf(persons(3), ticketId), readOf(persons(4), ticketId), readOf(persons(2))];
      const together = await Promise.all([first, replay].map((ctx) => recorder.claimWith(ctx)(ctx.ticket.id, UNTIL)));
      expect(together).toEqual([true, false]);
      expect(await recorder.claimWith(first)(ticketId, UNTIL)).toBe(false);
      expect(await recorder.claimWith(later)(later.ticket.id, UNTIL)).toBe(true);
      const ofTicket = (await recorded()).filter((r) => r.ticketId === ticketId).map((r) => r.hetu);
      expect(ofTicket).toEqual([...first.released.keys()]);
    });

    it('rows the database refuses fail their own claim only, and nothing of it is kept', async () => {
      const recorder = new ReleaseRecorder(db(), new DbTicketUses(db()), kela.database.label);
      // A NUL character: no PostgreSQL text can hold it, so the statement carrying it fails as a whole.
      const [good, bad, alsoGood] = [readOf(persons(40)), readOf(['010101-0101\u0000']), readOf(persons(2))];
      const outcomes = await Promise.allSettled(
        [good, bad, alsoGood].map((ctx) => recorder.claimWith(ctx)(ctx.ticket.id, UNTIL)),
      );
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([true, true]);
      const rows = await recorded();
      expect(rows.filter((r) => r.ticketId === bad.ticket.id)).toEqual([]);
      expect(rows.filter((r) => r.ticketId === good.ticket.id)).toHaveLength(40);
      const [{ n }] = await executeRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from ticket_uses where jti = ${bad.ticket.id}`,
      );
      expect(Number(n)).toBe(0);
    });

    it('a commit that fails for another reason fails its claims at once, without a retry each', async () => {
      const recorder = new ReleaseRecorder(db(), new DbTicketUses(db()), kela.database.label);
      const reads = [readOf(persons(2)), readOf(persons(2)), readOf(persons(2))];
      // A first claim starts the periodic sweep of expired tickets, which is not what is counted below.
      const warm = readOf(persons(1));
      expect(await recorder.claimWith(warm)(warm.ticket.id, UNTIL)).toBe(true);
      await db().execute(sql`alter table releases rename to releases_away`);
      const before = kela.database.stats.queries;
      try {
        const outcomes = await Promise.allSettled(reads.map((ctx) => recorder.claimWith(ctx)(ctx.ticket.id, UNTIL)));
        expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
        expect(kela.database.stats.queries - before).toBe(1);
      } finally {
        await db().execute(sql`alter table releases_away rename to releases`);
      }
    });
  });
}
