// The wellbeing services county's own register (hyvinvointialueen sosiaali- ja terveydenhuollon asiakastiedot).
// Every row records the controller that stored it, a wellbeing county of config/areas.yaml: a register's
// own-register basis (OWN) covers only what the caller's own controller stored (docs/LAW.md rule 10).
import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { releases } from '../../../shared/releases.ts';
import { ticketUses } from '../../../shared/ticket-uses.ts';

export { releases, ticketUses };

/** A person may be a client of several wellbeing counties, each its own controller, so each keeps its own row. */
export const clients = pgTable(
  'wellbeing_clients',
  {
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    unit: text('unit').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hetu, t.controller] })],
);

/** Social-situation and work-ability assessments are kept alike, each in its own table. */
const assessmentTable = (name: string) =>
  pgTable(
    name,
    {
      id: uuid('id').primaryKey().defaultRandom(),
      hetu: text('hetu').notNull(),
      controller: text('controller').notNull(),
      summary: text('summary').notNull(),
      recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
      recordedByOrg: text('recorded_by_org').notNull(),
      recordedByArea: text('recorded_by_area'),
      recordedByOfficial: text('recorded_by_official').notNull(),
    },
    (t) => [index(`${name}_hetu`).on(t.hetu)],
  );

export const socialAssessments = assessmentTable('social_situation_assessments');
export const workAbilityAssessments = assessmentTable('work_ability_assessments');

/** Kuntouttava työtoiminta: a social service the county arranges (act 189/2001). */
export const rehabilitativeWork = pgTable(
  'rehabilitative_work',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    provider: text('provider').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    daysPerWeek: integer('days_per_week').notNull(),
    status: text('status').notNull(),
  },
  (t) => [index('rehabilitative_work_hetu').on(t.hetu)],
);

/** ICD-10 diagnoses from the county's health care: the county's own, never disclosed. */
export const diagnoses = pgTable(
  'diagnoses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    code: text('code').notNull(),
    description: text('description').notNull(),
    diagnosedOn: date('diagnosed_on').notNull(),
  },
  (t) => [index('diagnoses_hetu').on(t.hetu)],
);

export const schema = {
  clients,
  socialAssessments,
  workAbilityAssessments,
  rehabilitativeWork,
  diagnoses,
  releases,
  ticketUses,
};
export type WellbeingSchema = typeof schema;
