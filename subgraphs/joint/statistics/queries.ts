// The statistics aggregates, computed in the joint database: one statement per area and period,
// with no person leaving it. Dates are Finnish calendar dates, kept as such by the joint record; the
// period's end (`to`, at most today) is the day on which everything is judged, so that a past
// period answers the same later on.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../shared/db.ts';
import type { JointSchema } from '../db/schema.ts';
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

/** What a query asks for beyond the counts: the plans cost a join, and the reviews a look-up per plan the period cuts through. */
export interface Needs {
  plans: boolean;
  reviews: boolean;
  median: boolean;
}

/**
 * Per customership of the area overlapping the period (started by its end, not ended before its
 * start): the five dimensions, and the facts each measure counts. Everything is read from columns
 * the joint record fixes when it is written (Finnish dates, the municipality and age group at the
 * start, each review's due date), so no row needs converting or looking up elsewhere.
 */
function customershipFacts(area: string, period: Period, needs: Needs): SQL {
  const F = sql`${period.from ?? '-infinity'}::date`;
  const T = sql`${period.to}::date`;
  const plans = needs.plans || needs.reviews || needs.median;
  const base = sql`
    base as (
      select c.id, c.plan_deadline, c.end_reason, c.started_on, c.ended_on,
        coalesce(c.municipality, '(unknown)') as municipality, c.age_group,
        ${plans ? sql`case when pl.created_on <= ${T} then pl.created_on end` : sql`null::date`} as plan_on,
        ${plans ? sql`pl.id` : sql`null::uuid`} as plan_id,
        ${plans ? sql`pl.next_review_due` : sql`null::date`} as next_review_due${needs.reviews ? sql`,
        pl.reviews_met, pl.reviews_met_on_time, pl.first_review_due, pl.last_review_due, pl.last_reviewed_on` : sql``}
      from customerships c
      ${plans ? sql`left join plans pl on pl.customership_id = c.id` : sql``}
      where c.area = ${area}
        and c.started_on <= ${T}
        and (c.ended_on is null or c.ended_on >= ${F})
    )`;
  // A review occasion falls due in the period when its due date does (§6: three months after the
  // plan or the review before it, at once when the client asks), and counts as on time when the
  // review was made by then. One due on the period's last day and not yet made by its end is not
  // yet late, so not counted; one made after the period, late, counts as due and late.
  const counted = (due: SQL, reviewedOn: SQL) => sql`(${due} between ${F} and ${T} and (${due} < ${T} or ${reviewedOn} <= ${T}))`;
  // A plan whose first and last review both count has every review counted: its sums serve. A
  // period that cuts through a plan's reviews counts them one by one, reading only that plan's
  // reviews due in the period (by the index on plan and due date).
  const whole = sql`(${counted(sql`b.first_review_due`, sql`b.last_reviewed_on`)} and ${counted(sql`b.last_review_due`, sql`b.last_reviewed_on`)})`;
  const cut = sql`(b.plan_on is not null and b.last_review_due >= ${F} and b.first_review_due <= ${T} and not ${whole})`;
  const reviews = sql`
      cross join lateral (
        select
          case when ${whole} then b.reviews_met else count(*)::int end as due_n,
          case when ${whole} then b.reviews_met_on_time else (count(*) filter (where pr.reviewed_on <= pr.due_on))::int end as on_time_n
        from plan_reviews pr
        where ${cut} and pr.plan_id = b.plan_id and ${counted(sql`pr.due_on`, sql`pr.reviewed_on`)}
      ) r`;
  return sql`${base},
    facts as (
      select
        b.municipality,
        b.age_group,
        b.started_on - extract(day from b.started_on)::int + 1 as start_month,
        case when b.ended_on <= ${T} then 'ENDED' else 'ACTIVE' end as status,
        case when b.ended_on <= ${T} then coalesce(b.end_reason, 'UNKNOWN') else 'NONE' end as end_reason,
        b.started_on >= ${F} as started,
        coalesce(b.ended_on <= ${T}, false) as ended,
        -- The plan deadline passed while the customership went on, or the plan exists.
        (b.plan_on is not null or (b.plan_deadline < ${T} and (b.ended_on is null or b.ended_on > b.plan_deadline))) as plan_eligible,
        coalesce(b.plan_on <= b.plan_deadline, false) as plan_on_time,
        b.plan_on - b.started_on as days_to_plan,
        ${needs.reviews ? sql`
        -- The reviews met, and the occasion still open at the end of the period when it fell due
        -- in it before then, while the customership went on.
        r.due_n + case
          when b.plan_on is not null and b.next_review_due >= ${F} and b.next_review_due < ${T}
            and (b.ended_on is null or b.ended_on > b.next_review_due) then 1 else 0
        end as reviews_due,
        r.on_time_n as reviews_on_time` : sql`0 as reviews_due, 0 as reviews_on_time`}
      from base b
      ${needs.reviews ? reviews : sql``}
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
