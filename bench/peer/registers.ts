// The peer's three register subgraphs: each reads its organisation's tables and returns every row it
// finds. Types and fields carry the project's names (schema/supergraph.graphql), so the same document
// runs on both stacks.
import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';
import { listLoader, oneLoader } from '../../shared/loaders.ts';
import { FEDERATION, type PeerSubgraph, type Sql } from './subgraph.ts';

/** Every register answers `Person.<register>` with the person's key; its fields load by that key. */
const personEntity = (field: string) => ({
  __resolveReference: (ref: { hetu: string }) => ({ hetu: ref.hetu }),
  [field]: (p: { hetu: string }) => ({ hetu: p.hetu }),
});
type Loaders = Record<string, { load(key: string): Promise<unknown> }>;
/** Field resolvers that load the field by the record's person through the request's loader of the same name. */
const byPerson = (fields: string[]) =>
  Object.fromEntries(
    fields.map((f) => [
      f,
      (r: { hetu: string }, _: unknown, ctx: { loaders: Loaders }) => ctx.loaders[f]!.load(r.hetu),
    ]),
  );

export const employment = (sql: Sql): PeerSubgraph => ({
  typeDefs: `${FEDERATION}
    type Person @key(fields: "hetu") { hetu: ID! employment: EmploymentRecord }
    type EmploymentRecord {
      jobSeeker: JobSeeker education: [Education!] workHistory: [Job!] skills: [Skill!] services: [EmploymentService!]
    }
    type JobSeeker { status: String! unemployedSince: Date registeredOn: Date! office: String! }
    type Education { degree: String! field: String! year: Int! institution: String! }
    type Job { title: String! employer: String! startedOn: Date! endedOn: Date }
    type Skill { name: String! level: String! }
    type EmploymentService { type: String! provider: String! startedOn: Date! endedOn: Date status: String! }`,
  resolvers: {
    Date: GraphQLDate,
    DateTime: GraphQLDateTime,
    Person: personEntity('employment'),
    EmploymentRecord: byPerson(['jobSeeker', 'education', 'workHistory', 'skills', 'services']),
  },
  loaders: () => ({
    jobSeeker: oneLoader(
      (h) => sql`select hetu, status, unemployed_since as "unemployedSince", registered_on as "registeredOn", office
        from job_seekers where hetu = any(${h}::text[])`,
    ),
    education: listLoader(
      (h) => sql`select hetu, degree, field, year, institution from educations
        where hetu = any(${h}::text[]) order by year desc`,
    ),
    workHistory: listLoader(
      (h) => sql`select hetu, title, employer, started_on as "startedOn", ended_on as "endedOn" from work_history
        where hetu = any(${h}::text[]) order by started_on desc`,
    ),
    skills: listLoader((h) => sql`select hetu, name, level from skills where hetu = any(${h}::text[]) order by name`),
    services: listLoader(
      (h) => sql`select hetu, type, provider, started_on as "startedOn", ended_on as "endedOn", status
        from employment_services where hetu = any(${h}::text[]) order by started_on desc`,
    ),
  }),
});

/** The newest assessment per person in one of the wellbeing area's assessment tables: one query per batch. */
const newestAssessment = (sql: Sql, table: string) =>
  oneLoader(async (h) =>
    (
      await sql`select distinct on (hetu) hetu, summary, recorded_at, recorded_by_org, recorded_by_area
        from ${sql(table)} where hetu = any(${h}::text[]) order by hetu, recorded_at desc, controller, id`
    ).map((r) => ({
      hetu: r.hetu,
      summary: r.summary,
      recordedAt: r.recorded_at,
      recordedBy: { org: r.recorded_by_org, area: r.recorded_by_area },
    })),
  );

export const wellbeing = (sql: Sql): PeerSubgraph => ({
  typeDefs: `${FEDERATION}
    type Person @key(fields: "hetu") { hetu: ID! wellbeing: WellbeingRecord }
    type WellbeingRecord {
      socialSituation: Assessment workAbility: Assessment rehabilitativeWork: [RehabilitativeWorkActivity!]
      diagnoses: [Diagnosis!]
    }
    enum Org { employment wellbeing kela municipality citizen }
    type RecordedBy @shareable { org: Org! area: ID }
    type Assessment @shareable { id: ID summary: String! recordedAt: DateTime! recordedBy: RecordedBy! version: Int }
    type RehabilitativeWorkActivity {
      provider: String! startedOn: Date! endedOn: Date daysPerWeek: Int! status: String!
    }
    type Diagnosis { code: String! description: String! diagnosedOn: Date! }`,
  resolvers: {
    Date: GraphQLDate,
    DateTime: GraphQLDateTime,
    Person: personEntity('wellbeing'),
    WellbeingRecord: byPerson(['socialSituation', 'workAbility', 'rehabilitativeWork', 'diagnoses']),
  },
  loaders: () => ({
    socialSituation: newestAssessment(sql, 'social_situation_assessments'),
    workAbility: newestAssessment(sql, 'work_ability_assessments'),
    rehabilitativeWork: listLoader(
      (h) => sql`select hetu, provider, started_on as "startedOn", ended_on as "endedOn",
          days_per_week as "daysPerWeek", status
        from rehabilitative_work where hetu = any(${h}::text[]) order by started_on desc`,
    ),
    diagnoses: listLoader(
      (h) => sql`select hetu, code, description, diagnosed_on as "diagnosedOn" from diagnoses
        where hetu = any(${h}::text[]) order by diagnosed_on desc`,
    ),
  }),
});

export const kela = (sql: Sql): PeerSubgraph => ({
  typeDefs: `${FEDERATION}
    type Person @key(fields: "hetu") { hetu: ID! kela: KelaRecord }
    type KelaRecord { benefits: [Benefit!] rehabilitation: [Rehabilitation!] }
    enum KelaBenefitType {
      LABOUR_MARKET_SUBSIDY BASIC_UNEMPLOYMENT_ALLOWANCE BASIC_SOCIAL_ASSISTANCE REHABILITATION_ALLOWANCE
      GENERAL_HOUSING_ALLOWANCE SICKNESS_ALLOWANCE
    }
    enum KelaBenefitStatus { APPLIED GRANTED REJECTED ENDED }
    enum KelaRehabilitationType {
      VOCATIONAL_REHABILITATION REHABILITATION_COURSE REHABILITATIVE_PSYCHOTHERAPY YOUTH_COACHING
    }
    enum KelaRehabilitationStatus { APPLIED GRANTED REJECTED ONGOING COMPLETED }
    type Benefit { type: KelaBenefitType! status: KelaBenefitStatus! since: Date! until: Date decidedOn: Date! }
    type Rehabilitation {
      type: KelaRehabilitationType! status: KelaRehabilitationStatus! decidedOn: Date! provider: String
    }`,
  resolvers: {
    Date: GraphQLDate,
    DateTime: GraphQLDateTime,
    Person: personEntity('kela'),
    KelaRecord: byPerson(['benefits', 'rehabilitation']),
  },
  loaders: () => ({
    benefits: listLoader(
      (h) => sql`select hetu, type, status, since, until, decided_on as "decidedOn" from benefits
        where hetu = any(${h}::text[]) order by since desc, type`,
    ),
    rehabilitation: listLoader(
      (h) => sql`select hetu, type, status, decided_on as "decidedOn", provider from rehabilitation_decisions
        where hetu = any(${h}::text[]) order by decided_on desc, type`,
    ),
  }),
});
