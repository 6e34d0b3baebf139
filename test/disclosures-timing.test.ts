// Refusal timing carries nothing (docs/LAW.md rule 20): a supervisor refused the log of a person takes
// the same time whether the person is unknown or has 10,000 log entries from another area, so the
// time of a refusal does not tell that someone is a client. The look-up the refusal rests on is
// one index probe, whatever the person's log holds.
import 'reflect-metadata';
import { disclosureEntry } from './support/disclosure-entry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows } from '../shared/db.ts';
import { sql } from 'drizzle-orm';
import { makeHetu } from '../shared/hetu.ts';
import type { System } from '../cli/system.ts';
import type { EntryContent } from '../gateway/audit/chain.ts';
import { servedInAreas } from '../gateway/audit/views.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const Q = 'query($hetu: ID!) { disclosures(hetu: $hetu) { at recipient } }';
const BUSY = makeHetu('1972-03-04', 944); // 10,000 entries, all served in Itä-Uusimaa
const UNKNOWN = makeHetu('1955-05-05', 951); // never looked up
const ENTRIES = 10_000;
const ROUNDS = 30;

const entry = (i: number): EntryContent =>
  disclosureEntry({
    at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    requestId: `busy-${i}`,
    hetu: BUSY,
    recipientSub: `official-${i % 40}@porvoo`,
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Every node of a JSON plan, depth first. */
function* planNodes(node: Record<string, unknown>): Generator<Record<string, unknown>> {
  yield node;
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) yield* planNodes(child);
}

for (const backend of BACKENDS) {
  describe(`supervisor's refusal timing on ${backend.name}`, () => {
    let system: System;
    let otherArea: string;
    let ownArea: string;

    beforeAll(async () => {
      // A small world: the log, not the registers, is what this measures.
      system = await startTestSystem(backend, { clients: 20, seed: 7 });
      const { writer, db } = system.gateway.audit;
      for (let i = 0; i < ENTRIES; i += 1000) {
        await writer.append({ entries: Array.from({ length: 1000 }, (_, k) => entry(i + k)), lookups: [] });
      }
      // Statistics as autovacuum would leave them on a server; PGlite has no autovacuum.
      await db.maintenance((unbounded) => unbounded.execute(sql`vacuum analyze entries`));
      otherArea = await system.token({ org: 'wellbeing', role: 'supervisor', areas: ['keski-uusimaa'] });
      ownArea = await system.token({ org: 'wellbeing', role: 'supervisor', areas: ['ita-uusimaa'] });
    }, 300_000);

    afterAll(async () => {
      await system?.close();
    });

    const timed = async (token: string, hetu: string) => {
      const started = performance.now();
      const r = await gql<any>(system.url, Q, { token, purpose: 'COORDINATION', variables: { hetu } });
      return { ms: performance.now() - started, r };
    };

    it("decides the refusal by one index probe, reading none of the person's entries", async () => {
      const db = system.gateway.audit.db.db;
      for (const hetu of [BUSY, UNKNOWN]) {
        const rows = await executeRows(db, sql`explain (format json) ${servedInAreas(db, hetu, ['keski-uusimaa'])}`);
        const raw = Object.values(rows[0]!)[0];
        const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: Record<string, unknown> }[];
        const nodes = [...planNodes(plan[0]!.Plan)];
        const scan = nodes.find((n) => String(n['Node Type']).includes('Scan'))!;
        expect(scan['Node Type'], JSON.stringify(plan)).toMatch(/^Index (Only )?Scan$/);
        // Both conditions bound the index range: nothing is read and then filtered away.
        expect(String(scan['Index Cond'])).toMatch(/hetu/);
        expect(String(scan['Index Cond'])).toMatch(/person_area/);
        expect(scan.Filter).toBeUndefined();
      }
    });

    it('refuses a supervisor of another area in the same time for a person with 10,000 entries and an unknown ' +
      'one', async () => {
      for (let i = 0; i < 5; i++) {
        await timed(otherArea, BUSY);
        await timed(otherArea, UNKNOWN);
      }
      const busy: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        // Alternating, so that a slower moment of the machine falls on both.
        for (const [hetu, times] of (i % 2
          ? [
              [BUSY, busy],
              [UNKNOWN, unknown],
            ]
          : [
              [UNKNOWN, unknown],
              [BUSY, busy],
            ]) as [string, number[]][]) {
          const { ms, r } = await timed(otherArea, hetu);
          expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_LEGAL_BASIS' });
          times.push(ms);
        }
      }
      const answers: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { ms, r } = await timed(ownArea, BUSY);
        expect(r.errors).toBeUndefined();
        expect(r.data.disclosures).toHaveLength(5000);
        answers.push(ms);
      }
      const [b, u] = [median(busy), median(unknown)];
      // The look-up alone, in-process: the part of the refusal that could depend on the log.
      const db = system.gateway.audit.db.db;
      const probe: Record<string, number[]> = { [BUSY]: [], [UNKNOWN]: [] };
      for (let i = 0; i < 2 * ROUNDS; i++) {
        const hetu = i % 2 ? BUSY : UNKNOWN;
        const started = performance.now();
        await servedInAreas(db, hetu, ['keski-uusimaa']);
        probe[hetu]!.push(performance.now() - started);
      }
      console.log(
        `${backend.name}: refusal median ${b.toFixed(1)} ms (10,000 entries) vs ${u.toFixed(1)} ms (unknown); ` +
          `its look-up ${median(probe[BUSY]!).toFixed(2)} vs ${median(probe[UNKNOWN]!).toFixed(2)} ms; ` +
          `answer of 5,000 entries median ${median(answers).toFixed(1)} ms`,
      );
      // Generous: a shared machine's noise is large next to a refusal's few milliseconds of work.
      expect(Math.max(b, u) / Math.min(b, u)).toBeLessThan(2);
    }, 120_000);
  });
}
