// Statistics, staffing and cost shares for the steering groups and analysts (docs/LAW.md rules 7, 9):
// purpose STATISTICS, the roles configured in `statistics`, the caller's own areas only.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { addDays, addMonths, isoDateOf } from '../../../shared/dates.ts';
import { badInput, forbidden, queryTooComplex } from '../../../shared/errors.ts';
import { decideStatistics } from '../../../shared/policy.ts';
import { AUTHORITIES, type Authority } from '../../../shared/vocabulary.ts';
import type { JointContext } from '../resolvers.ts';
import { totalFte, type Agreement } from './agreements.ts';
import { CostInputError, shareCosts } from './costs.ts';
import { cardinality, compareValues, DIMENSIONS, type Dimension } from './dimensions.ts';
import type { Tabulation } from './cache.ts';
import type { Statistics } from './configuration.ts';
import { release, type RowStatus } from './perturbation.ts';
import { activeClients, firstStart, rollUp, statisticsQuery, type MeasureRow, type Needs } from './queries.ts';
import { suppress } from './suppression.ts';
import {
  CostFiguresInput,
  CostShares,
  Staffing,
  StatDimensionEnum,
  type StatRow,
  StatTable,
  type StatKey,
} from './types.ts';

/** Published tables kept per tabulation. */
const TABLES_KEPT = 8;

/** The caller's agreement for `area`, once the policy allows (shared/policy/statistics.ts). */
function requireStatistics(ctx: JointContext, area: string): Agreement {
  const decision = decideStatistics(ctx.access, area);
  if (!decision.allowed) throw forbidden(decision.reason);
  const agreement = ctx.loaders.statistics.agreements.get(area);
  if (!agreement) throw forbidden('NO_LEGAL_BASIS', 'Not one of your cooperation areas');
  return agreement;
}

const queriesInRequest = new WeakMap<object, number>();

/**
 * QUERY_TOO_COMPLEX inside a GraphQL response: a subgraph's HTTP 400 would reach the caller as SUBGRAPH_UNAVAILABLE.
 */
function tooComplex(message: string) {
  const e = queryTooComplex(message);
  delete (e.extensions as Record<string, unknown>).http;
  return e;
}

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

const SUPPRESSED = {
  clients: null,
  started: null,
  ended: null,
  planOnTimeShare: null,
  reviewsOnTimeShare: null,
  medianDaysToPlan: null,
  suppressed: true,
};

/** The last day of a date's month. */
const monthEnd = (date: string) => addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);

/**
 * What a row counts at the end of the period, by its STATUS or END_REASON if grouped by either
 * (NONE: going on); its figures rest on the sets perturbation.ts says.
 */
function rowStatus(key: StatKey[]): RowStatus {
  for (const { dimension, value } of key) {
    if (dimension === 'STATUS') return value === 'ACTIVE' ? 'ACTIVE' : 'ENDED';
    if (dimension === 'END_REASON') return value === 'NONE' ? 'ACTIVE' : 'ENDED';
  }
  return 'ALL';
}

function authorityList<T extends { org: string }>(items: T[] | null | undefined, what: string): Map<Authority, T> {
  const out = new Map<Authority, T>();
  for (const item of items ?? []) {
    if (!(AUTHORITIES as readonly string[]).includes(item.org))
      throw badInput('NOT_A_PARTY', `${what}: ${item.org} is not a party to the agreement`);
    if (out.has(item.org as Authority)) throw badInput('DUPLICATE_PARTY', `${what}: ${item.org} is given twice`);
    out.set(item.org as Authority, item);
  }
  return out;
}

/** The measures the query selects on its rows or total: the others are not computed. */
function needsOf(info: GraphQLResolveInfo): Needs {
  const fields = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, depth: number) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (depth === 1) fields.add(sel.name.value);
        else if (sel.name.value === 'rows' || sel.name.value === 'total') walk(sel.selectionSet, 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, depth);
      else walk(info.fragments[sel.name.value]?.selectionSet, depth);
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, 0);
  return { reviews: fields.has('reviewsOnTimeShare'), median: fields.has('medianDaysToPlan') };
}

/** Dimensions that a customership keeps for good, unlike its status and end reason at the end of a period. */
const LASTING: readonly Dimension[] = ['MUNICIPALITY', 'AGE_GROUP', 'START_MONTH'];

/**
 * A grouping's rows and total from a tabulation, each suppressed as its lattice decided or released
 * with the perturbation (perturbation.ts). An ACTIVE row's figures rest on the sets of its group
 * over every status, which a table of the same lasting dimensions also rests on.
 */
function publish(statistics: Statistics, { finest, lattice }: Tabulation, dims: Dimension[]): StatTable {
  const ordered = DIMENSIONS.filter((d) => dims.includes(d));
  const mask = ordered.reduce((m, d) => m | (1 << DIMENSIONS.indexOf(d)), 0);
  const { rows: grouped, total } = rollUp(finest, ordered);
  const lasting = ordered.filter((d) => LASTING.includes(d));
  const groups = new Map(
    ordered.length > lasting.length ? rollUp(finest, lasting, true).rows.map((g) => [g.values.join('\u0000'), g]) : [],
  );
  const row = (key: StatKey[], m: MeasureRow, suppressed: boolean): StatRow => {
    if (suppressed) return { key, ...SUPPRESSED };
    const status = rowStatus(key);
    const group =
      status === 'ACTIVE'
        ? (groups.get(
            key
              .filter((k) => LASTING.includes(k.dimension as Dimension))
              .sort(
                (a, b) => DIMENSIONS.indexOf(a.dimension as Dimension) - DIMENSIONS.indexOf(b.dimension as Dimension),
              )
              .map((k) => k.value)
              .join('\u0000'),
          ) ?? total)
        : m;
    const { perturbation, settings } = statistics;
    return { key, ...release(perturbation, m, status, group, settings.threshold), suppressed: false };
  };
  const rows = grouped.map((m) => {
    const value = (d: Dimension) => m.values[ordered.indexOf(d)]!;
    const cell = lattice.cell(mask, m.values);
    return row(
      dims.map((d) => ({ dimension: d, value: value(d) })),
      m,
      !cell || cell.suppressed,
    );
  });
  rows.sort((a, b) => {
    for (let i = 0; i < dims.length; i++) {
      const c = compareValues(dims[i]!, a.key[i]!.value, b.key[i]!.value);
      if (c !== 0) return c;
    }
    return 0;
  });
  const totalCell = lattice.cell(0, []);
  return { rows, total: row([], total, !totalCell || totalCell.suppressed) };
}

@Resolver()
export class StatisticsResolver {
  @Query(() => StatTable, {
    description:
      'Aggregates over a cooperation area and period, grouped by up to three dimensions; small cells ' +
      'suppressed. Purpose STATISTICS.',
  })
  async statistics(
    @Ctx() ctx: JointContext,
    @Arg('area', () => ID) area: string,
    @Arg('from', () => GraphQLDate, { nullable: true, description: 'First day of the period; open when left out' })
    from: Date | string | null,
    @Arg('to', () => GraphQLDate, {
      nullable: true,
      description: 'Last day of the period; today when left out or later',
    })
    to: Date | string | null,
    @Arg('groupBy', () => [StatDimensionEnum], { nullable: true }) groupBy: string[] | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StatTable> {
    requireStatistics(ctx, area);
    const { settings, agreements, tabulations } = ctx.loaders.statistics;
    const asked = (queriesInRequest.get(ctx) ?? 0) + 1;
    queriesInRequest.set(ctx, asked);
    if (asked > settings.maxQueriesPerRequest)
      throw tooComplex(`At most ${settings.maxQueriesPerRequest} statistics tables per request`);

    const dims = (groupBy ?? []) as Dimension[];
    if (new Set(dims).size !== dims.length) throw badInput('DUPLICATE_DIMENSION', 'groupBy names a dimension twice');
    if (dims.length > settings.maxDimensions) throw tooComplex(`Group by at most ${settings.maxDimensions} dimensions`);

    const today = ctx.access.today;
    const fromDate = from === null || from === undefined ? null : isoDateOf(from);
    const toDate = to === null || to === undefined ? today : isoDateOf(to);
    // Whole months only, so that two periods cannot differ by a few days, and each month of the
    // record is counted in sets perturbed once (perturbation.ts; docs/LAW.md rule 9).
    if (fromDate && !fromDate.endsWith('-01')) {
      throw badInput(
        'INVALID_PERIOD',
        'Statistics cover whole calendar months: a period begins on the first day of a month',
      );
    }
    if (toDate < today && toDate !== monthEnd(toDate)) {
      throw badInput(
        'INVALID_PERIOD',
        'Statistics cover whole calendar months: a period ends on the last day of a month, or today',
      );
    }
    if (fromDate && fromDate > toDate) throw badInput('INVALID_PERIOD', 'The period ends before it begins');
    if (fromDate && fromDate > today) throw badInput('INVALID_PERIOD', 'The period has not begun');
    const period = { from: fromDate, to: toDate < today ? toDate : today };

    const db = ctx.loaders.db;
    if (dims.length) {
      const start = dims.includes('START_MONTH')
        ? (period.from ?? (await firstStart(db, area)) ?? period.to)
        : period.to;
      const municipalities = agreements.get(area)!.municipalities.length;
      const bound = dims.reduce((n, d) => n * cardinality(d, municipalities, monthsBetween(start, period.to)), 1);
      if (bound > settings.maxRows) {
        throw tooComplex(
          `The grouping could give ${bound} rows; at most ${settings.maxRows}: shorten the period or group ` +
            `by fewer dimensions`,
        );
      }
    }

    const tabulation = await tabulations.get(area, period, needsOf(info), async (needs) => {
      const measured = await statisticsQuery(db, area, period, needs, settings.slices);
      // Suppression is decided on the groups of customerships in the period; the others were read
      // only for the sets the released figures rest on.
      const lattice = suppress(
        measured.filter((m) => m.clients > 0),
        { dimensions: DIMENSIONS.length, maxLevel: settings.maxDimensions, threshold: settings.threshold },
      );
      return { finest: measured, lattice, tables: new Map() };
    });
    const grouping = dims.join(',');
    let table = tabulation.tables.get(grouping);
    if (!table) {
      table = publish(ctx.loaders.statistics, tabulation, dims);
      // A few groupings are what a dashboard or an analyst's session asks again; every ordering of
      // every grouping would be far more than that.
      if (tabulation.tables.size >= TABLES_KEPT) tabulation.tables.delete(tabulation.tables.keys().next().value!);
      tabulation.tables.set(grouping, table);
    }
    return table;
  }

  @Query(() => Staffing, {
    description:
      "The area's staff under its agreement against its active clients (decree 388/2024). Purpose STATISTICS.",
  })
  async staffing(@Ctx() ctx: JointContext, @Arg('area', () => ID) area: string): Promise<Staffing> {
    const agreement = requireStatistics(ctx, area);
    const active = await activeClients(ctx.loaders.db, area);
    const fte = totalFte(agreement);
    return {
      area,
      activeClients: active,
      fte: agreement.staff,
      totalFte: fte,
      clientsPerFte: active / fte,
      clientEstimate: agreement.clientEstimate,
      estimatedClientsPerFte: agreement.clientEstimate === null ? null : agreement.clientEstimate / fte,
    };
  }

  @Query(() => CostShares, {
    description: "Each party's share of a year's costs by the area's agreement (act 381/2023 §10). Purpose STATISTICS.",
  })
  costShares(
    @Ctx() ctx: JointContext,
    @Arg('area', () => ID) area: string,
    @Arg('year', () => Int) year: number,
    @Arg('figures', () => CostFiguresInput) figures: CostFiguresInput,
  ): CostShares {
    const agreement = requireStatistics(ctx, area);
    const [first, last] = [Number(agreement.term.from.slice(0, 4)), Number(agreement.term.to.slice(0, 4))];
    if (year < first || year > last)
      throw badInput(
        'OUTSIDE_AGREEMENT_TERM',
        `The agreement runs from ${agreement.term.from} to ${agreement.term.to}`,
      );
    const registrants = authorityList(figures.registrants, 'registrants');
    const staffCosts = authorityList(figures.staffCosts, 'staffCosts');
    try {
      const shares = shareCosts(agreement, {
        leadPay: figures.leadPay,
        runningCosts: figures.runningCosts,
        developmentDays: figures.developmentDays,
        registrants: Object.fromEntries([...registrants].map(([org, r]) => [org, r.count])),
        staffCosts: Object.fromEntries([...staffCosts].map(([org, s]) => [org, s.amount])),
      });
      return { area, year, ...shares };
    } catch (e) {
      if (e instanceof CostInputError) throw badInput(e.reason, e.message);
      throw e;
    }
  }
}
