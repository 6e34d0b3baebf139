// The statistics aggregates, computed in the joint database: one statement per query, with no
// person leaving it. Dates are Finnish calendar dates; the period's end (`to`, at most today) is
// the day on which everything is judged, so that a past period answers the same later on.
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
const FINEST = sql.raw(DIMENSIONS.map((d) => COLUMN[d]).join(', '));

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
}

export interface StatisticsResult {
  /** per combination of all five dimensions */
  finest: MeasureRow[];
  /** median days to plan of the query's groups (values joined by NUL) and of the total (TOTAL) */
  medians: Map<string, number | null>;
}

type Row = Record<string, unknown>;
async function rows(db: Db<JointSchema>, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

// The statements run with the session's time zone set to Finland's, where a timestamp's ::date is
// the Finnish calendar date: far cheaper per row than naming the zone in each conversion.
const localDate = (column: SQL) => sql`(${column})::date`;
/** Midnight in Finland at the start of a day, as an instant: keeps the period filters on the indexed timestamps. */
const dayStart = (date: SQL) => sql`(${date})::timestamptz`;

async function inFinnishTime<T>(db: Db<JointSchema>, run: (tx: Db<JointSchema>) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'Europe/Helsinki'`);
    // The planner cannot see through the CTEs and overestimates their rows; JIT compiling for
    // that estimate costs more than the whole query.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return run(tx as unknown as Db<JointSchema>);
  });
}

/** What a query asks for beyond the counts: each costs a join, and the reviews a pass over every review. */
export interface Needs {
  plans: boolean;
  reviews: boolean;
  median: boolean;
}

/**
 * Per customership of the area overlapping the period (started by its end, not ended before its
 * start): the five dimensions, and the facts each measure counts.
 */
function customershipFacts(area: string, period: Period, needs: Needs): SQL {
  const F = sql`${period.from ?? '-infinity'}::date`;
  const T = sql`${period.to}::date`;
  const periodEnd = dayStart(sql`${T} + 1`);
  const plans = needs.plans || needs.reviews || needs.median;
  const base = sql`
    base as (
      select c.id, c.hetu, c.youth, c.plan_deadline, c.end_reason,
        ${localDate(sql`c.started_at`)} as started_on,
        ${localDate(sql`c.ended_at`)} as ended_on,
        p.municipality,
        ${plans ? sql`case when pl.recorded_at < ${periodEnd} then ${localDate(sql`pl.recorded_at`)} end` : sql`null::date`} as plan_on,
        ${plans ? sql`pl.id` : sql`null::uuid`} as plan_id
      from customerships c
      left join persons p on p.hetu = c.hetu
      ${plans ? sql`left join plans pl on pl.customership_id = c.id` : sql``}
      where c.area = ${area}
        and c.started_at < ${periodEnd}
        and (c.ended_at is null or c.ended_at >= ${dayStart(F)})
    )`;
  const reviews = sql`,
    -- Every review is due three months after the plan or the review before it (§6). One due in
    -- the period follows one made at most three months (and a month end's days) before the period
    -- began, so earlier reviews are not read: the first review read then takes the plan for its
    -- predecessor, which makes it due earlier still, before the period, where it is not counted.
    occasions as (
      select pr.plan_id, ${localDate(sql`pr.recorded_at`)} as done,
        (coalesce(${localDate(sql`lag(pr.recorded_at) over (partition by pr.plan_id order by pr.recorded_at)`)}, b.plan_on) + interval '3 months')::date as due
      from plan_reviews pr
      join base b on b.plan_id = pr.plan_id
      where pr.recorded_at < ${periodEnd} and b.plan_on is not null
        ${period.from ? sql`and pr.recorded_at >= ${dayStart(sql`(${F} - interval '3 months 3 days')::date`)}` : sql``}
    ),
    reviews as (
      select plan_id,
        count(*) filter (where due between ${F} and ${T})::int as due_n,
        count(*) filter (where due between ${F} and ${T} and done <= due)::int as on_time_n,
        max(done) as last_done
      from occasions group by plan_id
    )`;
  return sql`${base}${needs.reviews ? reviews : sql``},
    facts as (
      select
        coalesce(b.municipality, '(unknown)') as municipality,
        -- youth: under 30 at the start, fixed when the customership was recorded
        case
          when b.youth then 'under-30'
          when b.started_on < (make_date(
            case
              when substr(b.hetu, 7, 1) = '+' then 1800
              when substr(b.hetu, 7, 1) in ('A', 'B', 'C', 'D', 'E', 'F') then 2000
              else 1900
            end + substr(b.hetu, 5, 2)::int,
            substr(b.hetu, 3, 2)::int,
            substr(b.hetu, 1, 2)::int) + interval '50 years') then '30-49'
          else '50+'
        end as age_group,
        to_char(b.started_on, 'YYYY-MM') as start_month,
        case when b.ended_on <= ${T} then 'ENDED' else 'ACTIVE' end as status,
        case when b.ended_on <= ${T} then coalesce(b.end_reason, 'UNKNOWN') else 'NONE' end as end_reason,
        b.started_on >= ${F} as started,
        coalesce(b.ended_on <= ${T}, false) as ended,
        -- The plan deadline passed while the customership went on, or the plan exists.
        (b.plan_on is not null or (b.plan_deadline < ${T} and (b.ended_on is null or b.ended_on > b.plan_deadline))) as plan_eligible,
        coalesce(b.plan_on <= b.plan_deadline, false) as plan_on_time,
        b.plan_on - b.started_on as days_to_plan,
        ${needs.reviews ? sql`
        -- Reviews due in the period, and one more when the next fell due in it, unmade by its end.
        coalesce(r.due_n, 0) + case
          when b.plan_on is not null and n.next_due >= ${F} and n.next_due < ${T}
            and (b.ended_on is null or b.ended_on > n.next_due) then 1 else 0
        end as reviews_due,
        coalesce(r.on_time_n, 0) as reviews_on_time` : sql`0 as reviews_due, 0 as reviews_on_time`}
      from base b
      ${needs.reviews ? sql`left join reviews r on r.plan_id = b.plan_id
      cross join lateral (select (greatest(b.plan_on, r.last_done) + interval '3 months')::date as next_due) n` : sql``}
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
const NO_MEASURES = sql.raw('null::int, null::int, null::int, null::int, null::int, null::int, null::int, null::int, null::int');
const MEDIAN = sql.raw('(percentile_cont(0.5) within group (order by days_to_plan))::float8');
/** The key of the total in `medians`. */
export const TOTAL = '';

/**
 * The measures per combination of all five dimensions, which add up to any grouping and to the
 * total, and on which suppression is decided. The median does not add up: when asked for, the same
 * statement gives it for the query's grouping and the total.
 */
export async function statisticsQuery(db: Db<JointSchema>, area: string, period: Period, groupBy: readonly Dimension[], needs: Needs): Promise<StatisticsResult> {
  const dims = DIMENSIONS.filter((d) => groupBy.includes(d));
  const columns = sql.raw(DIMENSIONS.map((d) => (dims.includes(d) ? COLUMN[d] : `null::text as ${COLUMN[d]}`)).join(', '));
  const grouped = sql.raw(dims.map((d) => COLUMN[d]).join(', '));
  const medians = sql`
    union all
    select ${columns}, ${dims.length ? sql`case when grouping(${grouped}) = 0 then 1 else 2 end` : sql`2`}, ${NO_MEASURES}, ${MEDIAN}
    from facts
    group by ${dims.length ? sql`grouping sets ((${grouped}), ())` : sql`()`}`;
  const result = await inFinnishTime(db, (tx) => rows(tx, sql`
    with ${customershipFacts(area, period, needs)}
    select ${FINEST}, 0 as level, ${MEASURES}, null::float8 as median_days_to_plan
    from facts
    group by ${FINEST}
    ${needs.median ? medians : sql``}`));

  const out: StatisticsResult = { finest: [], medians: new Map() };
  for (const r of result) {
    const level = Number(r.level);
    if (level === 0) out.finest.push(measureRow(r, DIMENSIONS.map((d) => String(r[COLUMN[d]]))));
    else out.medians.set(level === 1 ? dims.map((d) => String(r[COLUMN[d]])).join('\u0000') : TOTAL, r.median_days_to_plan === null ? null : Number(r.median_days_to_plan));
  }
  return out;
}

function measureRow(r: Row, values: string[]): MeasureRow {
  return {
    values,
    clients: Number(r.clients),
    started: Number(r.started),
    ended: Number(r.ended),
    planEligible: Number(r.plan_eligible),
    plansOnTime: Number(r.plans_on_time),
    reviewsDue: Number(r.reviews_due),
    reviewsOnTime: Number(r.reviews_on_time),
    reviewedClients: Number(r.reviewed_clients),
    plans: Number(r.plans),
  };
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
  }
  return { rows: dims.length ? [...groups.values()] : [], total };
}

const emptyRow = (values: string[]): MeasureRow => ({ values, clients: 0, started: 0, ended: 0, planEligible: 0, plansOnTime: 0, reviewsDue: 0, reviewsOnTime: 0, reviewedClients: 0, plans: 0 });

/** The first start date of the area's customerships (the cost estimate of an open-ended period). */
export async function firstStart(db: Db<JointSchema>, area: string): Promise<string | null> {
  const [r] = await inFinnishTime(db, (tx) => rows(tx, sql`select to_char(${localDate(sql`min(started_at)`)}, 'YYYY-MM-DD') as first from customerships where area = ${area}`));
  return (r?.first as string | null | undefined) ?? null;
}

export async function activeClients(db: Db<JointSchema>, area: string): Promise<number> {
  const [r] = await rows(db, sql`select count(*)::int as n from customerships where area = ${area} and status = 'ACTIVE'`);
  return Number(r?.n ?? 0);
}
