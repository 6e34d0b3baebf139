// The disclosure log's views (docs/LAW.md rule 19; act 703/2023 §11): the client sees who received their
// data, when and on what basis, without the officials' identities; supervisors see their area's
// clients' log and the unusual-search alerts of their area's officials.
import { and, arrayOverlaps, desc, eq, gte, lte, ne, inArray } from 'drizzle-orm';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Db } from '../../shared/db.ts';
import { assertHetu, badInput, forbidden } from '../../shared/errors.ts';
import { DataCategoryEnum, enumOf, OrgEnum } from '../../shared/graphql-types.ts';
import {
  decideAreaSupervision,
  decideClientSupervision,
  decideDataSubjectView,
  decideSupervisor,
  type Access,
  type PersonFacts,
} from '../../shared/policy.ts';
import type { SubgraphDefinition } from '../../shared/subgraph.ts';
import { BASES, PURPOSES } from '../../shared/vocabulary.ts';
import { addYears, helsinkiDate } from '../../shared/dates.ts';
import { accessAlerts, entries, type AuditSchema } from './db/schema.ts';

export const PurposeEnum = enumOf(PURPOSES);
registerEnumType(PurposeEnum, { name: 'Purpose' });
export const BasisEnum = enumOf(BASES);
registerEnumType(BasisEnum, {
  name: 'Basis',
  description:
    "OWN register, SECTION_15 of act 381/2023, the client's CONSENT, or DATA_SUBJECT (the client's own access)",
});

@ObjectType({ description: "One disclosure (or use) of a person's data." })
export class Disclosure {
  @Field(() => GraphQLDateTime) at!: string;
  @Field(() => OrgEnum) recipientOrg!: string;
  @Field(() => String) recipientRole!: string;
  @Field(() => ID, { nullable: true, description: 'The cooperation area the disclosure was made for' }) recipientArea!:
    | string
    | null;
  @Field(() => PurposeEnum) purpose!: string;
  @Field(() => BasisEnum) basis!: string;
  @Field(() => [DataCategoryEnum]) categories!: string[];
  @Field(() => String, { nullable: true }) caseReference!: string | null;
  @Field(() => String, { description: 'The register the data came from: joint, employment, wellbeing or kela' })
  register!: string;
  @Field(() => String, { description: 'DISCLOSURE (data returned) or USE (data written)' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'The official (supervisors only; never shown to the client)' })
  recipient!: string | null;
}

@ObjectType({ description: 'An official whose searches were unusual (act 906/2019 §23).' })
export class AccessAlert {
  @Field(() => GraphQLDateTime) at!: string;
  @Field(() => String) official!: string;
  @Field(() => OrgEnum) org!: string;
  @Field(() => String) role!: string;
  @Field(() => String, { description: 'OUTSIDE_CASELOAD or INVALID_HETUS' }) kind!: string;
  @Field(() => Int) count!: number;
  @Field(() => Int) windowMinutes!: number;
}

/**
 * What the views read: the gateway request's own access (the real caller and purpose), the log, and
 * the request's person facts (gateway/audit/source.ts builds it for each fetch).
 */
export interface AuditContext {
  access: Access;
  db: Db<AuditSchema>;
  facts(hetu: string): Promise<PersonFacts>;
}
type Context = AuditContext;

/** Older logs only for a special reason (703/2023 §11): the client's view shows two years. */
const CITIZEN_VIEW_YEARS = 2;

const toDisclosure = (e: typeof entries.$inferSelect, showRecipient: boolean): Disclosure => ({
  at: new Date(e.at).toISOString(),
  recipientOrg: e.recipientOrg,
  recipientRole: e.recipientRole,
  recipientArea: e.personArea ?? (e.recipientAreas.length === 1 ? e.recipientAreas[0]! : null),
  purpose: e.purpose,
  basis: e.basis,
  categories: e.categories,
  caseReference: e.caseReference,
  register: e.register,
  kind: e.kind,
  recipient: showRecipient ? e.recipientSub : null,
});

function parseTime(value: Date | string | null | undefined, name: string): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw badInput('INVALID_DATE', `${name} is not a date-time`);
  return d.toISOString();
}

/**
 * Whether the log shows the person served in one of `areas` under section 15: the supervisor's
 * refusal rests on it, so it costs the same for an unknown person and for one with thousands of
 * entries elsewhere (docs/LAW.md rule 20): one probe of the (hetu, person_area) index, no rows read.
 */
export const servedInAreas = (db: Db<AuditSchema>, hetu: string, areas: string[]) =>
  db
    .select({ area: entries.personArea })
    .from(entries)
    .where(and(eq(entries.hetu, hetu), inArray(entries.personArea, areas)))
    .limit(1);

@Resolver()
export class AuditResolver {
  @Query(() => [Disclosure], { description: 'The citizen: who received my data, when, on what basis.' })
  async myDisclosures(@Ctx() ctx: Context): Promise<Disclosure[]> {
    const { caller } = ctx.access;
    const decision = decideDataSubjectView(ctx.access);
    if (!decision.allowed) throw forbidden(decision.reason);
    const since = `${addYears(helsinkiDate(new Date()), -CITIZEN_VIEW_YEARS)}T00:00:00Z`;
    const rows = await ctx.db
      .select()
      .from(entries)
      .where(and(eq(entries.hetu, caller.sub), ne(entries.recipientOrg, 'citizen'), gte(entries.at, since)))
      .orderBy(desc(entries.seq))
      .limit(1000);
    return rows.map((e) => toDisclosure(e, false));
  }

  @Query(() => [Disclosure], { description: 'Supervisors: the log of a client of their area.' })
  async disclosures(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('from', () => GraphQLDateTime, { nullable: true }) from: Date | null,
    @Arg('to', () => GraphQLDateTime, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<Disclosure[]> {
    const { caller } = ctx.access;
    assertHetu(hetu);
    const supervisor = decideSupervisor(ctx.access);
    if (supervisor && !supervisor.allowed) throw forbidden(supervisor.reason);
    const fromIso = parseTime(from, 'from');
    const toIso = parseTime(to, 'to');
    // A client of their area: active there now, or served there under section 15 in the log.
    const facts = await ctx.facts(hetu);
    const logged = await servedInAreas(ctx.db, hetu, caller.areas);
    const client = { activeArea: facts.activeCustomership?.area ?? null, loggedAreas: logged.map((e) => e.area!) };
    const decision = decideClientSupervision(ctx.access, client);
    if (!decision.allowed) throw forbidden(decision.reason);
    const rows = await ctx.db
      .select()
      .from(entries)
      .where(
        and(
          eq(entries.hetu, hetu),
          fromIso ? gte(entries.at, fromIso) : undefined,
          toIso ? lte(entries.at, toIso) : undefined,
        ),
      )
      .orderBy(desc(entries.seq))
      .limit(5000);
    return rows.map((e) => toDisclosure(e, true));
  }

  @Query(() => [AccessAlert], { description: "Supervisors: unusual searches by their area's officials." })
  async accessAlerts(@Arg('area', () => ID) area: string, @Ctx() ctx: Context): Promise<AccessAlert[]> {
    const decision = decideAreaSupervision(ctx.access, area);
    if (!decision.allowed) throw forbidden(decision.reason);
    const rows = await ctx.db
      .select()
      .from(accessAlerts)
      .where(arrayOverlaps(accessAlerts.areas, [area]))
      .orderBy(desc(accessAlerts.at))
      .limit(500);
    return rows.map((a) => ({
      at: new Date(a.at).toISOString(),
      official: a.sub,
      org: a.org,
      role: a.role,
      kind: a.kind,
      count: a.count,
      windowMinutes: a.windowMinutes,
    }));
  }
}

/** The views as a subgraph of the supergraph; the gateway executes it in its own process. */
export const auditViews: SubgraphDefinition = { name: 'audit', register: null, resolvers: [AuditResolver] };
