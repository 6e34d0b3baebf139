// The employment authority's own register (työvoimaviranomaisen asiakastietojärjestelmä).
// Every row records the controller that stored it, an employment area of config/areas.yaml: a register's
// own-register basis (OWN) covers only what the caller's own controller stored (docs/LAW.md rule 10).
import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { releases } from '../../../shared/releases.ts';
import { ticketUses } from '../../../shared/ticket-uses.ts';

export { releases, ticketUses };

/** A person may be registered with several employment areas, each its own controller, so each keeps its own row. */
export const jobSeekers = pgTable(
  'job_seekers',
  {
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    office: text('office').notNull(),
    status: text('status').notNull(),
    registeredOn: date('registered_on').notNull(),
    unemployedSince: date('unemployed_since'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hetu, t.controller] })],
);

export const educations = pgTable(
  'educations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    degree: text('degree').notNull(),
    field: text('field').notNull(),
    institution: text('institution').notNull(),
    year: integer('year').notNull(),
  },
  (t) => [index('educations_hetu').on(t.hetu)],
);

export const jobs = pgTable(
  'work_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    title: text('title').notNull(),
    employer: text('employer').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
  },
  (t) => [index('work_history_hetu').on(t.hetu)],
);

export const skills = pgTable(
  'skills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    name: text('name').notNull(),
    level: text('level').notNull(),
  },
  (t) => [index('skills_hetu').on(t.hetu)],
);

export const services = pgTable(
  'employment_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    status: text('status').notNull(),
  },
  (t) => [index('employment_services_hetu').on(t.hetu)],
);

/** Labour-policy statements to Kela and unemployment funds: the authority's own, never disclosed. */
export const benefitStatements = pgTable(
  'benefit_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    givenOn: date('given_on').notNull(),
    statementType: text('statement_type').notNull(),
    outcome: text('outcome').notNull(),
    reasoning: text('reasoning').notNull(),
  },
  (t) => [index('benefit_statements_hetu').on(t.hetu)],
);

export const schema = { jobSeekers, educations, jobs, skills, services, benefitStatements, releases, ticketUses };
export type EmploymentSchema = typeof schema;
