// Deletion four years after the customership ends, unless under legal hold (act 381/2023 §12.2,
// docs/LAW.md rule 11). The disclosure records (`releases`) are kept: logs have their own period.
import { and, count, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { AnyDb } from '../../shared/db.ts';
import { addDays, addYears, helsinkiDate } from '../../shared/dates.ts';
import { appointments, assessments, consents, customerships, persons, plans } from './db/schema.ts';
import { loggerFor } from '../../shared/logger.ts';
import { describeError } from '../../shared/safe-errors.ts';

const retentionLog = loggerFor('retention');

export const RETENTION_YEARS = 4;
/** The advisory lock that keeps retention runs over one database apart (any constant no other code uses). */
const RETENTION_LOCK = 381_2023_12;

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

export async function runRetention(db: AnyDb, opts: { today: string; dryRun: boolean }): Promise<RetentionReport> {
  const cutoff = addYears(opts.today, -RETENTION_YEARS);
  const endedBefore = sql`(${customerships.endedAt} at time zone 'Europe/Helsinki')::date <= ${cutoff}::date`;
  let report: RetentionReport | undefined;
  try {
    await db.transaction(async (tx) => {
      // One run at a time over a database: several joint replicas each run the nightly deletion, and an
      // operator may run it by hand. Without this, concurrent runs would each report the same deletions.
      // The lock ends with the transaction; a run that waited finds what is left, usually nothing.
      await tx.execute(sql`select pg_advisory_xact_lock(${RETENTION_LOCK})`);
      const expired = await tx
        .select({ id: customerships.id, hetu: customerships.hetu })
        .from(customerships)
        .where(and(eq(customerships.status, 'ENDED'), endedBefore, isNull(customerships.legalHoldReason)));
      const [{ n: held } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(customerships)
        .where(and(eq(customerships.status, 'ENDED'), endedBefore, sql`${customerships.legalHoldReason} is not null`));
      const ids = expired.map((e) => e.id);
      const perCustomership = async (table: typeof assessments | typeof plans | typeof appointments) =>
        ids.length === 0
          ? new Map<string, number>()
          : new Map(
              (
                await tx
                  .select({ id: table.customershipId, n: count() })
                  .from(table)
                  .where(inArray(table.customershipId, ids))
                  .groupBy(table.customershipId)
              ).map((r) => [r.id, r.n]),
            );
      const [a, p, ap] = await Promise.all([
        perCustomership(assessments),
        perCustomership(plans),
        perCustomership(appointments),
      ]);

      const lines = new Map<string, RetentionLine>();
      for (const e of expired) {
        const line = lines.get(e.hetu) ?? {
          hetu: e.hetu,
          customerships: 0,
          assessments: 0,
          plans: 0,
          appointments: 0,
          consents: 0,
          identity: false,
        };
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
        const remaining = (
          await tx
            .selectDistinct({ hetu: customerships.hetu })
            .from(customerships)
            .where(inArray(customerships.hetu, hetus))
        ).map((r) => r.hetu);
        const gone = hetus.filter((h) => !remaining.includes(h));
        if (gone.length > 0) {
          const deletedConsents = await tx
            .delete(consents)
            .where(inArray(consents.hetu, gone))
            .returning({ hetu: consents.hetu });
          for (const c of deletedConsents) lines.get(c.hetu)!.consents++;
          const deletedPersons = await tx
            .delete(persons)
            .where(and(inArray(persons.hetu, gone), remaining.length ? notInArray(persons.hetu, remaining) : undefined))
            .returning({ hetu: persons.hetu });
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
          persons: list.length,
          customerships: sum('customerships'),
          assessments: sum('assessments'),
          plans: sum('plans'),
          appointments: sum('appointments'),
          consents: sum('consents'),
          identities: list.filter((l) => l.identity).length,
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
  const head =
    `${r.dryRun ? 'dry run: would delete' : 'deleted'} joint-record data of customerships ended on or ` +
    `before ${r.cutoff}`;
  const lines = r.lines.map(
    (l) =>
      `  ${l.hetu}: ${l.customerships} customership(s), ${l.assessments} assessment(s), ${l.plans} ` +
      `plan(s), ${l.appointments} appointment(s), ${l.consents} consent(s)${l.identity ? ', identity' : ''}`,
  );
  const t = r.totals;
  return [
    head,
    ...lines,
    `total: ${t.persons} person(s), ${t.customerships} customership(s), ${t.assessments} ` +
      `assessment(s), ${t.plans} plan(s), ${t.appointments} appointment(s), ${t.consents} ` +
      `consent(s), ${t.identities} identity record(s); ${r.held} customership(s) kept under legal hold`,
  ].join('\n');
}

const helsinkiParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Milliseconds Helsinki's wall clock is ahead of UTC at `at` (two or three hours). */
function helsinkiOffsetMs(at: Date): number {
  const p = Object.fromEntries(helsinkiParts.formatToParts(at).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return wall - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** The first instant after `now` at which the Helsinki wall clock reads `at` (HH:MM). */
export function nextRetentionRun(at: string, now: Date): Date {
  const [hh, mm] = at.split(':').map(Number) as [number, number];
  const today = helsinkiDate(now);
  for (const date of [today, addDays(today, 1), addDays(today, 2)]) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const wall = Date.UTC(y, m - 1, d, hh, mm);
    // The offset at the guessed instant, then again at the corrected one (daylight saving changes).
    let instant = wall - helsinkiOffsetMs(new Date(wall));
    instant = wall - helsinkiOffsetMs(new Date(instant));
    if (instant > now.getTime()) return new Date(instant);
  }
  throw new Error(`no next run for ${at}`);
}

/**
 * Runs the four-year deletion every day at `at`, Helsinki time (docs/LAW.md rule 11); customerships
 * under legal hold are kept, as in every run. The log says how much was deleted, not whose: the
 * identity codes of deleted persons do not belong in a log kept after their data is gone.
 */
export function scheduleRetention(
  db: AnyDb,
  opts: {
    at: string;
    now?: () => Date;
    log?: (line: string) => void;
    /** told after each run (tests wait on it) */
    onRun?: (report: RetentionReport | Error) => void;
  },
): { stop(): Promise<void> } {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => retentionLog.info(line));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const plan = () => {
    if (stopped) return;
    const delay = Math.max(0, nextRetentionRun(opts.at, now()).getTime() - now().getTime());
    timer = setTimeout(() => {
      running = run();
    }, delay);
    timer.unref();
  };
  const run = async () => {
    try {
      const report = await runRetention(db, { today: helsinkiDate(now()), dryRun: false });
      const t = report.totals;
      log(
        `retention: deleted joint-record data of customerships ended on or before ${report.cutoff}: ` +
          `${t.persons} person(s), ${t.customerships} customership(s), ${t.assessments} ` +
          `assessment(s), ${t.plans} plan(s), ` +
          `${t.appointments} appointment(s), ${t.consents} consent(s), ${t.identities} identity record(s); ` +
          `${report.held} customership(s) kept under legal hold`,
      );
      opts.onRun?.(report);
    } catch (e) {
      retentionLog.error({ error: describeError(e) }, 'retention: the daily deletion failed; it runs again tomorrow');
      opts.onRun?.(e as Error);
    }
    plan();
  };
  plan();
  // Stopping waits for a run under way: its transaction ends before the database closes.
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
