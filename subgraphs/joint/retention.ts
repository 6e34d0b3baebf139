// Deletion four years after the customership ends, unless under legal hold (act 381/2023 §12.2,
// LAW.md rule 11). The disclosure records (`releases`) are kept: logs have their own period.
import { and, count, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { addYears } from '../../shared/dates.ts';
import { appointments, assessments, consents, customerships, persons, plans, type JointSchema } from './db/schema.ts';

export const RETENTION_YEARS = 4;

export interface RetentionLine {
  hetu: string;
  customerships: number;
  assessments: number;
  plans: number;
  appointments: number;
  consents: number;
  identity: boolean;
}
export interface RetentionReport {
  cutoff: string;
  dryRun: boolean;
  lines: RetentionLine[];
  totals: Omit<RetentionLine, 'hetu' | 'identity'> & { persons: number; identities: number };
  /** customerships past the period but kept for a legal hold */
  held: number;
}

class DryRun extends Error {}

export async function runRetention(db: Db<JointSchema>, opts: { today: string; dryRun: boolean }): Promise<RetentionReport> {
  const cutoff = addYears(opts.today, -RETENTION_YEARS);
  const endedBefore = sql`(${customerships.endedAt} at time zone 'Europe/Helsinki')::date <= ${cutoff}::date`;
  let report: RetentionReport | undefined;
  try {
    await db.transaction(async (tx) => {
      const expired = await tx.select({ id: customerships.id, hetu: customerships.hetu }).from(customerships)
        .where(and(eq(customerships.status, 'ENDED'), endedBefore, isNull(customerships.legalHoldReason)));
      const [{ n: held } = { n: 0 }] = await tx.select({ n: count() }).from(customerships)
        .where(and(eq(customerships.status, 'ENDED'), endedBefore, sql`${customerships.legalHoldReason} is not null`));
      const ids = expired.map((e) => e.id);
      const perCustomership = async (table: typeof assessments | typeof plans | typeof appointments) =>
        ids.length === 0 ? new Map<string, number>() : new Map((await tx.select({ id: table.customershipId, n: count() }).from(table)
          .where(inArray(table.customershipId, ids)).groupBy(table.customershipId)).map((r) => [r.id, r.n]));
      const [a, p, ap] = await Promise.all([perCustomership(assessments), perCustomership(plans), perCustomership(appointments)]);

      const lines = new Map<string, RetentionLine>();
      for (const e of expired) {
        const line = lines.get(e.hetu) ?? { hetu: e.hetu, customerships: 0, assessments: 0, plans: 0, appointments: 0, consents: 0, identity: false };
        line.customerships++;
        line.assessments += a.get(e.id) ?? 0;
        line.plans += p.get(e.id) ?? 0;
        line.appointments += ap.get(e.id) ?? 0;
        lines.set(e.hetu, line);
      }
      if (ids.length > 0) await tx.delete(customerships).where(inArray(customerships.id, ids)); // children cascade

      // Identity and consents go with the person's last customership.
      const hetus = [...lines.keys()];
      if (hetus.length > 0) {
        const remaining = (await tx.selectDistinct({ hetu: customerships.hetu }).from(customerships).where(inArray(customerships.hetu, hetus))).map((r) => r.hetu);
        const gone = hetus.filter((h) => !remaining.includes(h));
        if (gone.length > 0) {
          const deletedConsents = await tx.delete(consents).where(inArray(consents.hetu, gone)).returning({ hetu: consents.hetu });
          for (const c of deletedConsents) lines.get(c.hetu)!.consents++;
          const deletedPersons = await tx.delete(persons).where(and(inArray(persons.hetu, gone), remaining.length ? notInArray(persons.hetu, remaining) : undefined)).returning({ hetu: persons.hetu });
          for (const d of deletedPersons) lines.get(d.hetu)!.identity = true;
        }
      }
      const list = [...lines.values()].sort((x, y) => x.hetu.localeCompare(y.hetu));
      const sum = (k: keyof Omit<RetentionLine, 'hetu' | 'identity'>) => list.reduce((s, l) => s + l[k], 0);
      report = {
        cutoff,
        dryRun: opts.dryRun,
        lines: list,
        totals: {
          persons: list.length, customerships: sum('customerships'), assessments: sum('assessments'), plans: sum('plans'),
          appointments: sum('appointments'), consents: sum('consents'), identities: list.filter((l) => l.identity).length,
        },
        held,
      };
      if (opts.dryRun) throw new DryRun();
    });
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return report!;
}

export function formatRetention(r: RetentionReport): string {
  const head = `${r.dryRun ? 'dry run: would delete' : 'deleted'} joint-record data of customerships ended on or before ${r.cutoff}`;
  const lines = r.lines.map((l) =>
    `  ${l.hetu}: ${l.customerships} customership(s), ${l.assessments} assessment(s), ${l.plans} plan(s), ${l.appointments} appointment(s), ${l.consents} consent(s)${l.identity ? ', identity' : ''}`);
  const t = r.totals;
  return [head, ...lines,
    `total: ${t.persons} person(s), ${t.customerships} customership(s), ${t.assessments} assessment(s), ${t.plans} plan(s), ${t.appointments} appointment(s), ${t.consents} consent(s), ${t.identities} identity record(s); ${r.held} customership(s) kept under legal hold`,
  ].join('\n');
}
