import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { assertHetu, badInput, forbidden } from '../../shared/errors.ts';
import { decideCaseload, decideWithoutPerson } from '../../shared/policy.ts';
import type { SubgraphContext } from '../../shared/subgraph.ts';
import { Assessment } from '../../shared/graphql-types.ts';
import { customerships, plans } from './db/schema.ts';
import { addDays } from '../../shared/dates.ts';
import { activeCustomershipFacts, personFacts } from './facts.ts';
import type { JointLoaders } from './loaders.ts';
import { recordedBy, reviewersOf, toAppointment, toAssessment, toConsent, toCustomership, toPlan } from './mappers.ts';
import {
  Appointment,
  CaseloadDueEnum,
  Consent,
  Customership,
  Identity,
  JointRecord,
  Person,
  PersonPage,
  Plan,
  ResponsibleOfficial,
} from './types.ts';

export type JointContext = SubgraphContext<JointLoaders>;

const MAX_PAGE = 200;

@Resolver()
export class JointQueryResolver {
  @Query(() => Person, {
    nullable: true,
    description: 'Any valid hetu gives a Person; what is visible depends on the legal basis.',
  })
  client(@Arg('hetu', () => ID) hetu: string): Person {
    return { hetu: assertHetu(hetu) };
  }

  @Query(() => Person, { nullable: true, description: "The citizen's own record (purpose DATA_SUBJECT_ACCESS)." })
  me(@Ctx() ctx: JointContext): Person {
    const { caller } = ctx.ticket;
    if (caller.org !== 'citizen') {
      // Reasons in the contract's order: a purpose refusal comes before the missing basis.
      const early = decideWithoutPerson(ctx.access, { register: 'joint', category: 'IDENTITY' });
      throw forbidden(early && !early.allowed ? early.reason : 'NO_LEGAL_BASIS', "me is the data subject's own view");
    }
    return { hetu: assertHetu(caller.sub) };
  }

  @Query(() => PersonPage, { description: "Active TYM clients in the caller's cooperation areas." })
  async caseload(
    @Ctx() ctx: JointContext,
    @Arg('area', () => ID, { nullable: true }) area: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('due', () => CaseloadDueEnum, {
      nullable: true,
      description: 'Only clients with this deadline passed or near',
    })
    due: string | null,
    @Arg('youth', () => Boolean, { nullable: true, description: 'Only under-30 clients (true) or only others (false)' })
    youth: boolean | null,
  ): Promise<PersonPage> {
    const { access } = ctx;
    const decision = decideCaseload(access, area);
    if (!decision.allowed) throw forbidden(decision.reason);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw badInput('INVALID_PAGE_SIZE', `first must be between 1 and ${MAX_PAGE}`);
    const areas = area ? [area] : access.caller.areas;
    if (areas.length === 0) return { nodes: [], totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false } };

    const db = ctx.loaders.db;
    const inScope = and(
      eq(customerships.status, 'ACTIVE'),
      inArray(customerships.area, areas),
      youth === null || youth === undefined ? undefined : eq(customerships.youth, youth),
      due ? dueCondition(due as CaseloadDue, access.today) : undefined,
    );
    const cursor = after ? decodeCursor(after) : null;
    // The persons' facts come with the page (each is an active client), so that deciding their fields, here
    // and for the registers at the gateway (FACTS_EXTENSION), needs no look-up of its own: a round trip less.
    const rows = await db
      .select({
        hetu: customerships.hetu,
        startedAt: customerships.startedAt,
        id: customerships.id,
        ...activeCustomershipFacts,
      })
      .from(customerships)
      .where(
        cursor
          ? and(
              inScope,
              sql`(${customerships.startedAt}, ${customerships.id})
                  > (${cursor.startedAt}::timestamptz, ${cursor.id}::uuid)`,
            )
          : inScope,
      )
      .orderBy(asc(customerships.startedAt), asc(customerships.id))
      .limit(first + 1);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    for (const r of page) {
      ctx.factsRead.set(r.hetu, personFacts(r));
      // The list itself tells who is a client: a disclosure of identity and customership.
      for (const category of ['IDENTITY', 'CUSTOMERSHIP'] as const)
        ctx.note('released', r.hetu, category, decision.basis);
    }
    return {
      nodes: page.map((r) => ({ hetu: r.hetu })),
      // Counted only when asked for: a page that does not show it costs no count.
      get totalCount() {
        return db
          .select({ n: count() })
          .from(customerships)
          .where(inScope)
          .then(([total]) => total?.n ?? 0) as unknown as number;
      },
      pageInfo: { endCursor: last ? encodeCursor(last.startedAt, last.id) : null, hasNextPage: rows.length > first },
    };
  }
}

type CaseloadDue = keyof typeof CaseloadDueEnum;
const DUE_SOON_DAYS = 14;

/** Worklists (§4.3 plan within three months, §6 review every three months). */
function dueCondition(due: CaseloadDue, today: string) {
  const soon = addDays(today, DUE_SOON_DAYS);
  const plan = sql`(select ${plans.nextReviewDue} from ${plans} where ${plans.customershipId} = ${customerships.id})`;
  const hasPlan = sql`exists (select 1 from ${plans} where ${plans.customershipId} = ${customerships.id})`;
  switch (due) {
    case 'PLAN_OVERDUE':
      return sql`not ${hasPlan} and ${customerships.planDeadline} < ${today}::date`;
    case 'PLAN_DUE_SOON':
      return sql`not ${hasPlan} and ${customerships.planDeadline} between ${today}::date and ${soon}::date`;
    case 'REVIEW_OVERDUE':
      return sql`${plan} < ${today}::date`;
    case 'REVIEW_DUE_SOON':
      return sql`${plan} between ${today}::date and ${soon}::date`;
  }
}

const encodeCursor = (startedAt: Date, id: string) =>
  Buffer.from(JSON.stringify([startedAt.toISOString(), id])).toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Only a cursor this API could have given: an ISO instant within PostgreSQL's range and a UUID,
 * passed on re-printed, so that no cursor reaches the database as text it would refuse (docs/LAW.md rule 20).
 */
function decodeCursor(cursor: string): { startedAt: string; id: string } {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const at =
      typeof startedAt === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(startedAt) ? new Date(startedAt) : null;
    const year = at?.getUTCFullYear() ?? Number.NaN;
    if (at && year >= 1900 && year <= 9999 && typeof id === 'string' && UUID.test(id))
      return { startedAt: at.toISOString(), id };
  } catch {
    /* falls through */
  }
  throw badInput('INVALID_CURSOR', 'after is not a cursor this API gave');
}

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => JointRecord, { nullable: true })
  joint(@Root() person: Person, @Ctx() ctx: JointContext): JointRecord | Promise<JointRecord> {
    // The record's fields are each decided on the person's facts: read them first, once for all of them.
    const record = { hetu: person.hetu };
    const facts = ctx.prefetch(person.hetu);
    return facts ? facts.then(() => record) : record;
  }
}

@Resolver(() => JointRecord)
export class JointRecordResolver {
  @FieldResolver(() => Customership, { nullable: true })
  async customership(@Root() r: JointRecord, @Ctx() ctx: JointContext): Promise<Customership | null> {
    const c = await ctx.loaders.customership.load(r.hetu);
    return c && toCustomership(c);
  }

  @FieldResolver(() => Identity, { nullable: true })
  async identity(@Root() r: JointRecord, @Ctx() ctx: JointContext): Promise<Identity | null> {
    return ctx.loaders.identity.load(r.hetu);
  }

  @FieldResolver(() => Assessment, { nullable: true })
  serviceNeed(@Root() r: JointRecord, @Ctx() ctx: JointContext) {
    return latestAssessment(ctx, r.hetu, 'SERVICE_NEED');
  }
  @FieldResolver(() => Assessment, { nullable: true })
  socialSituation(@Root() r: JointRecord, @Ctx() ctx: JointContext) {
    return latestAssessment(ctx, r.hetu, 'SOCIAL_SITUATION');
  }
  @FieldResolver(() => Assessment, { nullable: true })
  workCapacity(@Root() r: JointRecord, @Ctx() ctx: JointContext) {
    return latestAssessment(ctx, r.hetu, 'WORK_CAPACITY');
  }

  @FieldResolver(() => Plan, { nullable: true })
  async plan(@Root() r: JointRecord, @Ctx() ctx: JointContext): Promise<Plan | null> {
    const c = await ctx.loaders.customership.load(r.hetu);
    const p = c && (await ctx.loaders.plan.load(c.id));
    return c && p ? toPlan(p, c) : null;
  }

  @FieldResolver(() => [Appointment], { nullable: true })
  async appointments(@Root() r: JointRecord, @Ctx() ctx: JointContext): Promise<Appointment[]> {
    const c = await ctx.loaders.customership.load(r.hetu);
    if (!c) return [];
    return (await ctx.loaders.appointments.load(c.id)).map(toAppointment);
  }

  @FieldResolver(() => [Consent], { nullable: true })
  async consents(@Root() r: JointRecord, @Ctx() ctx: JointContext): Promise<Consent[]> {
    return (await ctx.loaders.consents.load(r.hetu)).map((c) => toConsent(c, ctx.access.today));
  }
}

async function latestAssessment(ctx: JointContext, hetu: string, kind: string): Promise<Assessment | null> {
  const c = await ctx.loaders.customership.load(hetu);
  const a = c && (await ctx.loaders.assessments.load(c.id)).find((x) => x.kind === kind);
  return a ? toAssessment(a) : null;
}

@Resolver(() => Customership)
export class CustomershipResolver {
  @FieldResolver(() => [ResponsibleOfficial])
  officials(@Root() c: Customership, @Ctx() ctx: JointContext) {
    return ctx.loaders.officials.load(c.id);
  }
}

@Resolver(() => Plan)
export class PlanResolver {
  @FieldResolver()
  services(@Root() p: Plan, @Ctx() ctx: JointContext) {
    return ctx.loaders.planServices.load(p.planId);
  }
  @FieldResolver()
  async reviewers(@Root() p: Plan, @Ctx() ctx: JointContext) {
    return reviewersOf(await ctx.loaders.planServices.load(p.planId));
  }
  @FieldResolver()
  async reviews(@Root() p: Plan, @Ctx() ctx: JointContext) {
    return (await ctx.loaders.planReviews.load(p.planId)).map((r) => ({
      reviewedAt: r.recordedAt,
      note: r.note,
      requestedByClient: r.requestedByClient,
      recordedBy: recordedBy(r),
    }));
  }
}
