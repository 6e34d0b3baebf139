// The peer's joint subgraph: the root fields the benchmark asks (client, caseload) and the joint record,
// read from the joint database without deciding anything.
import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';
import { listLoader, oneLoader } from '../../shared/loaders.ts';
import { FEDERATION, type PeerSubgraph, type Sql } from './subgraph.ts';

type Row = Record<string, any>;
type Ctx = { loaders: ReturnType<ReturnType<typeof joint>['loaders']> };

const recordedBy = (r: Row) => ({ org: r.recorded_by_org, area: r.recorded_by_area });
const encodeCursor = (r: Row) => Buffer.from(JSON.stringify([r.started_at.toISOString(), r.id])).toString('base64url');

/** The person's current assessment of one kind, the newest first (the same pick as the project's). */
async function latest(ctx: Ctx, hetu: string, kind: string) {
  const c = await ctx.loaders.customership.load(hetu);
  const a = c && (await ctx.loaders.assessments.load(c.id)).find((x) => x.kind === kind);
  return a
    ? { id: a.id, summary: a.summary, recordedAt: a.recorded_at, recordedBy: recordedBy(a), version: a.version }
    : null;
}

export const joint = (sql: Sql) =>
  ({
    typeDefs: `${FEDERATION}
    type Query { client(hetu: ID!): Person caseload(area: ID, first: Int! = 50, after: String): PersonPage! }
    type Person @key(fields: "hetu") { hetu: ID! joint: JointRecord }
    type PersonPage { nodes: [Person!]! totalCount: Int! pageInfo: PageInfo! }
    type PageInfo { endCursor: String hasNextPage: Boolean! }
    type JointRecord {
      customership: Customership identity: Identity serviceNeed: Assessment socialSituation: Assessment
      workCapacity: Assessment plan: Plan appointments: [Appointment!]
    }
    enum Org { employment wellbeing kela municipality citizen }
    enum CustomershipStatus { ACTIVE ENDED }
    enum AppointmentMode { IN_PERSON REMOTE }
    enum PlanServiceStatus { PLANNED ONGOING COMPLETED CANCELLED }
    type RecordedBy @shareable { org: Org! area: ID }
    type Assessment @shareable { id: ID summary: String! recordedAt: DateTime! recordedBy: RecordedBy! version: Int }
    type Customership {
      id: ID! status: CustomershipStatus! area: ID! startedAt: DateTime! endedAt: DateTime youth: Boolean!
      planDeadline: Date! referralNote: String legalHold: Boolean! version: Int!
    }
    type Identity {
      firstName: String! lastName: String! municipality: String! language: String! phone: String email: String
    }
    type PlanService { provider: Org! description: String! status: PlanServiceStatus! }
    type Plan {
      id: ID! createdAt: DateTime! deadline: Date! nextReviewDue: Date! services: [PlanService!]!
      reviewRequestedAt: DateTime recordedBy: RecordedBy! version: Int!
    }
    type Appointment {
      id: ID! at: DateTime! mode: AppointmentMode! participants: [Org!]! note: String recordedBy: RecordedBy!
    }`,
    loaders: () => ({
      /** The active customership, or else the latest one. */
      customership: oneLoader<Row>(
        (h) => sql`select id, hetu, status, area, started_at, ended_at, youth, plan_deadline, referral_note,
          legal_hold_reason is not null as legal_hold, version
        from customerships where hetu = any(${h}::text[])
        order by (status = 'ACTIVE') desc, started_at desc`,
      ),
      identity: oneLoader<Row>(
        (h) => sql`select hetu, first_name, last_name, municipality, language, phone, email
        from persons where hetu = any(${h}::text[])`,
      ),
      assessments: listLoader<Row>(
        (ids) => sql`select id, customership_id, kind, summary, recorded_at, recorded_by_org, recorded_by_area, version
        from assessments where customership_id = any(${ids}::uuid[]) and superseded_at is null
        order by recorded_at desc`,
        (r) => r.customership_id,
      ),
      plan: oneLoader<Row>(
        (ids) => sql`select id, customership_id, next_review_due, review_requested_at, recorded_at, recorded_by_org,
          recorded_by_area, version
        from plans where customership_id = any(${ids}::uuid[])`,
        (r) => r.customership_id,
      ),
      planServices: listLoader<Row>(
        (ids) => sql`select plan_id, provider, description, status from plan_services
        where plan_id = any(${ids}::uuid[]) order by position`,
        (r) => r.plan_id,
      ),
      appointments: listLoader<Row>(
        (ids) => sql`select id, customership_id, at, mode, participants, note, recorded_by_org, recorded_by_area
        from appointments where customership_id = any(${ids}::uuid[]) order by at desc`,
        (r) => r.customership_id,
      ),
    }),
    resolvers: {
      Date: GraphQLDate,
      DateTime: GraphQLDateTime,
      Query: {
        client: (_: unknown, { hetu }: { hetu: string }) => ({ hetu }),
        async caseload(_: unknown, { area, first, after }: { area?: string; first: number; after?: string }) {
          const [startedAt, id] = after ? JSON.parse(Buffer.from(after, 'base64url').toString()) : [null, null];
          const rows = await sql`select hetu, started_at, id from customerships
          where status = 'ACTIVE' ${area ? sql`and area = ${area}` : sql``}
            ${after ? sql`and (started_at, id) > (${startedAt}::timestamptz, ${id}::uuid)` : sql``}
          order by started_at, id limit ${first + 1}`;
          const page = rows.slice(0, first);
          return {
            area,
            nodes: page.map((r) => ({ hetu: r.hetu })),
            pageInfo: { endCursor: page.length ? encodeCursor(page.at(-1)!) : null, hasNextPage: rows.length > first },
          };
        },
      },
      PersonPage: {
        async totalCount({ area }: { area?: string }) {
          const [row] = await sql`select count(*)::int as n from customerships
          where status = 'ACTIVE' ${area ? sql`and area = ${area}` : sql``}`;
          return row!.n;
        },
      },
      Person: {
        __resolveReference: (ref: { hetu: string }) => ({ hetu: ref.hetu }),
        joint: (p: { hetu: string }) => ({ hetu: p.hetu }),
      },
      JointRecord: {
        async customership({ hetu }: { hetu: string }, _: unknown, ctx: Ctx) {
          const c = await ctx.loaders.customership.load(hetu);
          return (
            c && {
              id: c.id,
              status: c.status,
              area: c.area,
              startedAt: c.started_at,
              endedAt: c.ended_at,
              youth: c.youth,
              planDeadline: c.plan_deadline,
              referralNote: c.referral_note,
              legalHold: c.legal_hold,
              version: c.version,
            }
          );
        },
        async identity({ hetu }: { hetu: string }, _: unknown, ctx: Ctx) {
          const p = await ctx.loaders.identity.load(hetu);
          return (
            p && {
              firstName: p.first_name,
              lastName: p.last_name,
              municipality: p.municipality,
              language: p.language,
              phone: p.phone,
              email: p.email,
            }
          );
        },
        serviceNeed: ({ hetu }: { hetu: string }, _: unknown, ctx: Ctx) => latest(ctx, hetu, 'SERVICE_NEED'),
        socialSituation: ({ hetu }: { hetu: string }, _: unknown, ctx: Ctx) => latest(ctx, hetu, 'SOCIAL_SITUATION'),
        workCapacity: ({ hetu }: { hetu: string }, _: unknown, ctx: Ctx) => latest(ctx, hetu, 'WORK_CAPACITY'),
        async plan({ hetu }: { hetu: string }, _: unknown, ctx: Ctx) {
          const c = await ctx.loaders.customership.load(hetu);
          const p = c && (await ctx.loaders.plan.load(c.id));
          return p
            ? {
                id: p.id,
                createdAt: p.recorded_at,
                deadline: c.plan_deadline,
                nextReviewDue: p.next_review_due,
                reviewRequestedAt: p.review_requested_at,
                recordedBy: recordedBy(p),
                version: p.version,
              }
            : null;
        },
        async appointments({ hetu }: { hetu: string }, _: unknown, ctx: Ctx) {
          const c = await ctx.loaders.customership.load(hetu);
          return c ? (await ctx.loaders.appointments.load(c.id)).map((a) => ({ ...a, recordedBy: recordedBy(a) })) : [];
        },
      },
      Plan: { services: (p: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.planServices.load(p.id) },
    },
  }) satisfies PeerSubgraph;
