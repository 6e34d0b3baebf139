// The statistics aggregates, computed in the joint database: one statement per area and period,
// with no person leaving it. Dates are Finnish calendar dates, kept as such by the joint record; the
// period's end (`to`, at most today) is the day on which everything is judged, so that a past
// period answers the same later on.
//
// Beside the counts, each combination carries what the perturbation (perturbation.ts) needs: for
// each set of customerships a figure rests on, its size and the sum of its members' record keys.
// The counts of customerships rest on five cumulative sets of the area's customerships started by
// the period's end (see CUMULATIVE), which is why those that ended before the period are read too.
import { sql, type SQL } from 'drizzle-orm';
import { executeRows, statementsAtOnce, type Db } from '../../../shared/db.ts';
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

/**
 * The cumulative sets, by start date s and end date e (open: never), with F the period's first day
 * and T its last: every count of customerships is a difference of two of them (perturbation.ts).
 */
export const CUMULATIVE = [
  'startedByEnd',
  'startedBefore',
  'endedByEnd',
  'startedBeforeEndedByEnd',
  'endedBefore',
] as const;
//                          s ≤ T           s < F            e ≤ T        s < F and e ≤ T            e < F
export type Cumulative = (typeof CUMULATIVE)[number];

/** The sums of record keys (modulo 2³²) of the sets the other measures rest on, weighted by occasions for reviews. */
export const KEYED = ['planEligible', 'plansOnTime', 'reviewsDue', 'reviewsOnTime', 'plans'] as const;

export interface MeasureRow {
  /** values of the row's dimensions, in DIMENSIONS order; empty for the total */
  values: string[];
  clients: number;
  started: number;
  ended: number;
  /** size of each cumulative set, in CUMULATIVE order */
  sizes: number[];
  /** record key sum of each cumulative set, then of each KEYED measure's set, modulo 2³² */
  keys: number[];
  planEligible: number;
  plansOnTime: number;
  reviewsDue: number;
  reviewsOnTime: number;
  /** customerships with at least one review due in the period */
  reviewedClients: number;
  plans: number;
  /**
   * days from the start to the plan, one per plan (when the median is asked for): a median does not add up, its values
   * do
   */
  daysToPlan: number[];
}

type Row = Record<string, unknown>;

/** One statement over an area's customerships, in a transaction set up for large aggregates. */
async function aggregating<T>(db: Db<JointSchema>, run: (tx: Db<JointSchema>) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // The planner cannot see through the CTEs and overestimates their rows; JIT compiling for
    // that estimate costs more than the whole query.
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    return run(tx as unknown as Db<JointSchema>);
  });
}

/** The customerships started from `from` and before `before` (either open). */
interface Slice {
  from: string | null;
  before: string | null;
}
const WHOLE: Slice = { from: null, before: null };

/** What a query asks for beyond the counts: the review counts and the days to each plan cost per row. */
export interface Needs {
  reviews: boolean;
  median: boolean;
}

/**
 * Per customership of the area started by the period's end: the five dimensions, whether it
 * overlaps the period (not ended before its start), and the facts each measure counts. Everything is read from the
 * customership's own row, whose columns the joint record fixes when it is written (Finnish dates,
 * the municipality and age group at the start, its plan and the due date of each review occasion
 * met), so no row needs converting or looking up elsewhere.
 */
function customershipFacts(area: string, period: Period, needs: Needs, slice: Slice = WHOLE): SQL {
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
      select plan_deadline, end_reason, started_on, ended_on, ${RECORD_KEY} as record_key,
        coalesce(municipality, '(unknown)') as municipality, age_group,
        case when plan_created_on <= ${T} then plan_created_on end as plan_on,
        plan_next_review_due${needs.reviews ? sql`, review_dues, on_time_review_dues` : sql``}
      from customerships
      where area = ${area}
        and started_on <= ${T}${
          slice.from
            ? sql`
        and started_on >= ${slice.from}::date`
            : sql``
        }${
          slice.before
            ? sql`
        and started_on < ${slice.before}::date`
            : sql``
        }
    ),
    facts as (
      select
        municipality,
        age_group,
        started_on - extract(day from started_on)::int + 1 as start_month,
        case when ended_on <= ${T} then 'ENDED' else 'ACTIVE' end as status,
        case when ended_on <= ${T} then coalesce(end_reason, 'UNKNOWN') else 'NONE' end as end_reason,
        record_key,
        (ended_on is null or ended_on >= ${F}) as in_period,
        started_on < ${F} as started_before,
        coalesce(ended_on <= ${T}, false) as ended_by_end,
        coalesce(ended_on < ${F}, false) as ended_before,
        -- The plan deadline passed while the customership went on, or the plan exists.
        (plan_on is not null
          or (plan_deadline < ${T} and (ended_on is null or ended_on > plan_deadline))) as plan_eligible,
        coalesce(plan_on <= plan_deadline, false) as plan_on_time,
        plan_on - started_on as days_to_plan,
        ${
          needs.reviews
            ? sql`
        -- The occasions met, and the one still open at the end of the period when it fell due in
        -- it before then, while the customership went on.
        ${reviewsMet} + case
          when plan_on is not null and plan_next_review_due >= ${F} and plan_next_review_due < ${T}
            and (ended_on is null or ended_on > plan_next_review_due) then 1 else 0
        end as reviews_due,
        ${reviewsMetOnTime} as reviews_on_time`
            : sql`0 as reviews_due, 0 as reviews_on_time`
        }
      -- Worked out once per row: inlined into the aggregate, each fact would be worked out again
      -- for every measure that reads it.
      from base offset 0
    )`;
}

/**
 * A customership's record key: 32 bits of its identifier, which the database drew at random when
 * the customership was written and which no answer of the statistics reveals. Fixed for good, so
 * the same customerships always sum to the same key.
 */
const RECORD_KEY = sql.raw(`('x' || left(id::text, 8))::bit(32)::int::int8`);

/** Each cumulative set's condition, in CUMULATIVE order. */
const CUMULATIVE_WHERE = ['true', 'started_before', 'ended_by_end', 'started_before and ended_by_end', 'ended_before'];
const KEYED_SUM: Record<(typeof KEYED)[number], string> = {
  planEligible: 'sum(record_key) filter (where in_period and plan_eligible)',
  plansOnTime: 'sum(record_key) filter (where in_period and plan_on_time)',
  reviewsDue: 'sum(record_key * reviews_due) filter (where in_period)',
  reviewsOnTime: 'sum(record_key * reviews_on_time) filter (where in_period)',
  plans: 'sum(record_key) filter (where in_period and days_to_plan is not null)',
};

const MEASURES = sql.raw(`
  ${CUMULATIVE_WHERE.map((w, i) => `count(*) filter (where ${w})::int as size${i}`).join(',\n  ')},
  ${CUMULATIVE_WHERE.map((w, i) => `coalesce(sum(record_key) filter (where ${w}), 0) as key${i}`).join(',\n  ')},
  ${KEYED.map((m, i) => `coalesce(${KEYED_SUM[m]}, 0) as key${CUMULATIVE.length + i}`).join(',\n  ')},
  count(*) filter (where in_period and plan_eligible)::int as plan_eligible,
  count(*) filter (where in_period and plan_on_time)::int as plans_on_time,
  coalesce(sum(reviews_due) filter (where in_period), 0)::int as reviews_due,
  coalesce(sum(reviews_on_time) filter (where in_period), 0)::int as reviews_on_time,
  count(*) filter (where in_period and reviews_due > 0)::int as reviewed_clients,
  count(days_to_plan) filter (where in_period)::int as plans`);

// The days to each plan are gathered only when the median is asked for.
const DAYS_TO_PLAN = sql`, coalesce(array_agg(days_to_plan)
  filter (where in_period and days_to_plan is not null), '{}') as days_to_plan`;
const NO_DAYS_TO_PLAN = sql`, '{}'::int[] as days_to_plan`;

const KEY_COLUMNS = CUMULATIVE.length + KEYED.length;
/** A combination's columns, in the order of its JSON array. */
const CELL = [
  ...DIMENSIONS.map((d) => COLUMN[d]),
  ...CUMULATIVE.map((_, i) => `size${i}`),
  ...Array.from({ length: KEY_COLUMNS }, (_, i) => `key${i}`),
  'plan_eligible',
  'plans_on_time',
  'reviews_due',
  'reviews_on_time',
  'reviewed_clients',
  'plans',
  'days_to_plan',
];
const KEY_SPACE = 2 ** 32;
/** A key sum modulo 2³²: sums of a few hundred thousand 32-bit keys stay exact in a double. */
export const keyOf = (sum: number) => ((sum % KEY_SPACE) + KEY_SPACE) % KEY_SPACE;

/**
 * The measures per combination of all five dimensions, which add up to any grouping and to the
 * total, and on which suppression is decided: one tabulation answers every grouping of the area
 * and period, so the result can serve them all.
 *
 * On PostgreSQL a large area is tabulated in up to `slices` slices by start date, one statement
 * each, run at once so that the server's cores share the work. The slices start on month
 * boundaries, so no combination (start month among them) is split between two; were one split,
 * its rows would still add up wherever they are used. A start date never changes, so each
 * customership is counted in exactly one slice, even when a write lands between their statements.
 */
export async function statisticsQuery(
  db: Db<JointSchema>,
  area: string,
  period: Period,
  needs: Needs,
  slices = 1,
): Promise<MeasureRow[]> {
  const parts = Math.min(slices, statementsAtOnce(db));
  const bounds = parts > 1 ? (await sliceBounds(db, area, parts)).filter((b) => b <= period.to) : [];
  const ranges = [null, ...bounds].map((from, i): Slice => ({ from, before: bounds[i] ?? null }));
  const results = await Promise.all(
    ranges.map(async (slice) => {
      // The combinations come back as one JSON document: a driver turning each of thousands of
      // values into JavaScript one by one costs more than the statement on PGlite.
      const [r] = await aggregating(db, (tx) =>
        executeRows<Row>(
          tx,
          sql`
      with ${customershipFacts(area, period, needs, slice)},
      combinations as (
        select ${FINEST_LABELS}, ${MEASURES}
          ${needs.median ? DAYS_TO_PLAN : NO_DAYS_TO_PLAN}
        from facts
        group by ${FINEST}
      )
      select coalesce(json_agg(json_build_array(${sql.raw(CELL.join(', '))})), '[]') as combinations from combinations`,
        ),
      );
      const document = r?.combinations;
      return (typeof document === 'string' ? JSON.parse(document) : document) as unknown[][];
    }),
  );
  return results.flat().map((cell) => {
    const n = (column: string) => Number(cell[CELL.indexOf(column)]);
    const sizes = CUMULATIVE.map((_, i) => n(`size${i}`));
    const [startedByEnd, startedBefore, endedByEnd, , endedBefore] = sizes as [number, number, number, number, number];
    return {
      values: cell.slice(0, DIMENSIONS.length).map(String),
      // Those overlapping the period: started by its end, less those ended before it began.
      clients: startedByEnd - endedBefore,
      started: startedByEnd - startedBefore,
      ended: endedByEnd - endedBefore,
      sizes,
      keys: Array.from({ length: KEY_COLUMNS }, (_, i) => keyOf(n(`key${i}`))),
      planEligible: n('plan_eligible'),
      plansOnTime: n('plans_on_time'),
      reviewsDue: n('reviews_due'),
      reviewsOnTime: n('reviews_on_time'),
      reviewedClients: n('reviewed_clients'),
      plans: n('plans'),
      daysToPlan: cell[CELL.length - 1] as number[],
    };
  });
}

// Where an area's slices begin: the first days of the months of its start-date quantiles. They
// move slowly and decide only how the work is shared, never a figure, so they are looked up again
// only every few minutes.
const BOUNDS_TTL_MS = 10 * 60_000;
const boundsOf = new WeakMap<object, Map<string, { at: number; bounds: Promise<string[]> }>>();

function sliceBounds(db: Db<JointSchema>, area: string, parts: number): Promise<string[]> {
  let areas = boundsOf.get(db);
  if (!areas) boundsOf.set(db, (areas = new Map()));
  const key = `${area}\u0000${parts}`;
  const kept = areas.get(key);
  if (kept && Date.now() - kept.at < BOUNDS_TTL_MS) return kept.bounds;
  const fractions = Array.from({ length: parts - 1 }, (_, i) => ((i + 1) / parts).toFixed(6)).join(', ');
  const bounds = executeRows<Row>(
    db,
    sql`
    select distinct to_char(date_trunc('month', b), 'YYYY-MM-DD') as bound
    from unnest((
      select percentile_disc(array[${sql.raw(fractions)}]::float8[]) within group (order by started_on)
      from customerships where area = ${area}
    )) b
    order by bound`,
  ).then((result) => result.map((r) => String(r.bound)));
  const entry = { at: Date.now(), bounds };
  areas.set(key, entry);
  bounds.catch(() => areas.get(key) === entry && areas.delete(key));
  return bounds;
}

const ADDITIVE = [
  'clients',
  'started',
  'ended',
  'planEligible',
  'plansOnTime',
  'reviewsDue',
  'reviewsOnTime',
  'reviewedClients',
  'plans',
] as const;

/**
 * The finest measures summed to a grouping (`dims`, in DIMENSIONS order): its rows, and the total.
 * The rows of customerships none of which overlaps the period (read only for the cumulative sets)
 * are left out; `all` keeps them, for the sets a row's figures rest on.
 */

export function rollUp(
  finest: readonly MeasureRow[],
  dims: readonly Dimension[],
  all = false,
): { rows: MeasureRow[]; total: MeasureRow } {
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
    for (let i = 0; i < f.sizes.length; i++) {
      g.sizes[i]! += f.sizes[i]!;
      total.sizes[i]! += f.sizes[i]!;
    }
    for (let i = 0; i < f.keys.length; i++) {
      g.keys[i] = keyOf(g.keys[i]! + f.keys[i]!);
      total.keys[i] = keyOf(total.keys[i]! + f.keys[i]!);
    }
    for (const d of f.daysToPlan) {
      g.daysToPlan.push(d);
      total.daysToPlan.push(d);
    }
  }
  const rows = dims.length ? [...groups.values()] : [];
  return { rows: all ? rows : rows.filter((r) => r.clients > 0), total };
}

const emptyRow = (values: string[]): MeasureRow => ({
  values,
  clients: 0,
  started: 0,
  ended: 0,
  sizes: CUMULATIVE.map(() => 0),
  keys: new Array<number>(CUMULATIVE.length + KEYED.length).fill(0),
  planEligible: 0,
  plansOnTime: 0,
  reviewsDue: 0,
  reviewsOnTime: 0,
  reviewedClients: 0,
  plans: 0,
  daysToPlan: [],
});

/** The median as PostgreSQL's percentile_cont(0.5) gives it: the mean of the two middle values of an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

/** The first start date of the area's customerships (the cost estimate of an open-ended period). */
export async function firstStart(db: Db<JointSchema>, area: string): Promise<string | null> {
  const [r] = await executeRows<Row>(
    db,
    sql`select to_char(min(started_on), 'YYYY-MM-DD') as first from customerships where area = ${area}`,
  );
  return (r?.first as string | null | undefined) ?? null;
}

export async function activeClients(db: Db<JointSchema>, area: string): Promise<number> {
  const [r] = await executeRows<Row>(
    db,
    sql`select count(*)::int as n from customerships where area = ${area} and status = 'ACTIVE'`,
  );
  return Number(r?.n ?? 0);
}
