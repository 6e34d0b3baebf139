// The statistics aggregates, computed in the joint database: one statement per area and period,
// with no person leaving it. Dates are Finnish calendar dates, kept as such by the joint record; the
// period's end (`to`, at most today) is the day on which everything is judged, so that a past
// period answers the same later on.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../shared/db.ts';
import type { JointSchema } from '../db/schema.ts';
import { addDays } from '../../../shared/dates.ts';
import { DIMENSIONS, type Dimension } from './dimensions.ts';

const COLUMN: Record<Dimension, string> = {
  MUNICIPALITY: 'municipality',
  AGE_GROUP: 'age_group',
  START_MONTH: 'start_month',
  STATUS: 'status',
  END_REASON: 'end_reason',
};
/** A dimension's value as the query returns it: start months are grouped as dates and labelled once per row. */
const label = (d: Dimension) => (d === 'START_MONTH' ? `to_char(${COLUMN[d]}, 'YYYY-MM') as ${COLUMN[d]}` : COLUMN[d]);
const FINEST = sql.raw(DIMENSIONS.map((d) => COLUMN[d]).join(', '));
const FINEST_LABELS = sql.raw(DIMENSIONS.map(label).join(', '));

export interface Period {
  /** YYYY-MM-DD, or null for no lower bound */
  from: string | null;
  /** YYYY-MM-DD */
  to: string;
}

export interface MeasureRow {
  /** values of the row's dimensions, in DIMENSIONS order; empty for the total */
  values: string[];
  clients: number;
  started: number;
  ended: number;
  planEligible: number;
  plansOnTime: number;
  reviewsDue: number;
  reviewsOnTime: number;
  /** customerships with at least one review due in the period */
  reviewedClients: number;
  plans: number;
  /** days from the start to the plan, one per plan (when the median is asked for): a median does not add up, its values do */
  daysToPlan: number[];
}

type Row = Record<string, unknown>;
async function rows(db: Db<JointSchema>, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

/** One statement over an area's customerships, in a transaction set up for large aggregates. */
async function aggregating<T>(db: Db<JointSchema>, run: (tx: Db<JointSchema>) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // The planner cannot see through the CTEs and overestimates their rows; JIT compiling for
    // that estimate costs more than the whole query.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return run(tx as unknown as Db<JointSchema>);
  });
}

/** What a query asks for beyond the counts: the review counts and the days to each plan cost per row. */
export interface Needs {
  reviews: boolean;
  median: boolean;
}

/**
 * Per customership of the area overlapping the period (started by its end, not ended before its
 * start): the five dimensions, and the facts each measure counts. Everything is read from the
 * customership's own row, whose columns the joint record fixes when it is written (Finnish dates,
 * the municipality and age group at the start, its plan and the due date of each review occasion
 * met), so no row needs converting or looking up elsewhere.
 */
export function customershipFacts(area: string, period: Period, needs: Needs): SQL {
  const F = sql`${period.from ?? '-infinity'}::date`;
  const T = sql`${period.to}::date`;
  const beforeF = sql`${period.from ? addDays(period.from, -1) : '-infinity'}::date`;
  const beforeT = sql`${addDays(period.to, -1)}::date`;
  // How many of a sorted array of due dates fall on or before a day: a binary search.
  const upTo = (dues: string, day: SQL) => sql`width_bucket(${day}, ${sql.raw(dues)})`;
  // A review occasion falls due in the period when its due date does (§6: three months after the
  // plan or the review before it, at once when the client asks), and counts as on time when the
  // review was made by then. One due on the period's last day and not yet made by its end is not
  // yet late, so not counted; one made after the period, late, counts as due and late. So the
  // occasions met and counted are those due from F to the day before T, and those due on T and
  // met on time; their on-time ones are those met on time due from F to T.
  const reviewsMet = sql`${upTo('review_dues', beforeT)} - ${upTo('review_dues', beforeF)}
          + ${upTo('on_time_review_dues', T)} - ${upTo('on_time_review_dues', beforeT)}`;
  const reviewsMetOnTime = sql`${upTo('on_time_review_dues', T)} - ${upTo('on_time_review_dues', beforeF)}`;
  return sql`
    base as (
      select plan_deadline, end_reason, started_on, ended_on,
        coalesce(municipality, '(unknown)') as municipality, age_group,
        case when plan_created_on <= ${T} then plan_created_on end as plan_on,
        plan_next_review_due${needs.reviews ? sql`, review_dues, on_time_review_dues` : sql``}
      from customerships
      where area = ${area}
        and started_on <= ${T}
        and (ended_on is null or ended_on >= ${F})
    ),
    facts as (
      select
        municipality,
        age_group,
        started_on - extract(day from started_on)::int + 1 as start_month,
        case when ended_on <= ${T} then 'ENDED' else 'ACTIVE' end as status,
        case when ended_on <= ${T} then coalesce(end_reason, 'UNKNOWN') else 'NONE' end as end_reason,
        started_on >= ${F} as started,
        coalesce(ended_on <= ${T}, false) as ended,
        -- The plan deadline passed while the customership went on, or the plan exists.
        (plan_on is not null or (plan_deadline < ${T} and (ended_on is null or ended_on > plan_deadline))) as plan_eligible,
        coalesce(plan_on <= plan_deadline, false) as plan_on_time,
        plan_on - started_on as days_to_plan,
        ${needs.reviews ? sql`
        -- The occasions met, and the one still open at the end of the period when it fell due in
        -- it before then, while the customership went on.
        ${reviewsMet} + case
          when plan_on is not null and plan_next_review_due >= ${F} and plan_next_review_due < ${T}
            and (ended_on is null or ended_on > plan_next_review_due) then 1 else 0
        end as reviews_due,
        ${reviewsMetOnTime} as reviews_on_time` : sql`0 as reviews_due, 0 as reviews_on_time`}
      -- Worked out once per row: inlined into the aggregate, each fact would be worked out again
      -- for every measure that reads it.
      from base offset 0
    )`;
}

const MEASURES = sql.raw(`
  count(*)::int as clients,
  count(*) filter (where started)::int as started,
  count(*) filter (where ended)::int as ended,
  count(*) filter (where plan_eligible)::int as plan_eligible,
  count(*) filter (where plan_on_time)::int as plans_on_time,
  coalesce(sum(reviews_due), 0)::int as reviews_due,
  coalesce(sum(reviews_on_time), 0)::int as reviews_on_time,
  count(*) filter (where reviews_due > 0)::int as reviewed_clients,
  count(days_to_plan)::int as plans`);

/**
 * The measures per combination of all five dimensions, which add up to any grouping and to the
 * total, and on which suppression is decided: one statement answers every grouping of the area
 * and period, so the result can serve them all.
 */
export async function statisticsQuery(db: Db<JointSchema>, area: string, period: Period, needs: Needs): Promise<MeasureRow[]> {
  const result = await aggregating(db, (tx) => rows(tx, sql`
    with ${customershipFacts(area, period, needs)}
    select ${FINEST_LABELS}, ${MEASURES}
      ${needs.median ? sql`, coalesce(array_agg(days_to_plan) filter (where days_to_plan is not null), '{}') as days_to_plan` : sql``}
    from facts
    group by ${FINEST}`));
  return result.map((r) => ({
    values: DIMENSIONS.map((d) => String(r[COLUMN[d]])),
    clients: Number(r.clients),
    started: Number(r.started),
    ended: Number(r.ended),
    planEligible: Number(r.plan_eligible),
    plansOnTime: Number(r.plans_on_time),
    reviewsDue: Number(r.reviews_due),
    reviewsOnTime: Number(r.reviews_on_time),
    reviewedClients: Number(r.reviewed_clients),
    plans: Number(r.plans),
    daysToPlan: ((r.days_to_plan as unknown[] | undefined) ?? []).map(Number),
  }));
}

const ADDITIVE = ['clients', 'started', 'ended', 'planEligible', 'plansOnTime', 'reviewsDue', 'reviewsOnTime', 'reviewedClients', 'plans'] as const;

/** The finest measures summed to a grouping (`dims`, in DIMENSIONS order): its rows, and the total. */
export function rollUp(finest: readonly MeasureRow[], dims: readonly Dimension[]): { rows: MeasureRow[]; total: MeasureRow } {
  const at = dims.map((d) => DIMENSIONS.indexOf(d));
  const groups = new Map<string, MeasureRow>();
  const total = emptyRow([]);
  for (const f of finest) {
    const values = at.map((i) => f.values[i]!);
    const key = values.join('\u0000');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyRow(values)));
    for (const m of ADDITIVE) {
      g[m] += f[m];
      total[m] += f[m];
    }
    for (const d of f.daysToPlan) {
      g.daysToPlan.push(d);
      total.daysToPlan.push(d);
    }
  }
  return { rows: dims.length ? [...groups.values()] : [], total };
}

const emptyRow = (values: string[]): MeasureRow => ({ values, clients: 0, started: 0, ended: 0, planEligible: 0, plansOnTime: 0, reviewsDue: 0, reviewsOnTime: 0, reviewedClients: 0, plans: 0, daysToPlan: [] });

/** The median as PostgreSQL's percentile_cont(0.5) gives it: the mean of the two middle values of an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

/** The first start date of the area's customerships (the cost estimate of an open-ended period). */
export async function firstStart(db: Db<JointSchema>, area: string): Promise<string | null> {
  const [r] = await rows(db, sql`select to_char(min(started_on), 'YYYY-MM-DD') as first from customerships where area = ${area}`);
  return (r?.first as string | null | undefined) ?? null;
}

export async function activeClients(db: Db<JointSchema>, area: string): Promise<number> {
  const [r] = await rows(db, sql`select count(*)::int as n from customerships where area = ${area} and status = 'ACTIVE'`);
  return Number(r?.n ?? 0);
}
