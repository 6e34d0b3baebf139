// The joint TYM record (yhteinen asiakastietoaineisto, act 381/2023 §11–13). Every entry keeps the
// organisation, area and official that stored it (§13: each authority answers for its entries),
// and a version for optimistic concurrency.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { releases } from '../../../shared/releases.ts';
import { ticketUses } from '../../../shared/ticket-uses.ts';

export { releases, ticketUses };

/** The Finnish calendar date of a timestamp column: the day the statistics count it on. */
const finnishDateOf = (column: string) => sql.raw(`(("${column}" at time zone 'Europe/Helsinki')::date)`);

const recordedBy = {
  recordedByOrg: text('recorded_by_org').notNull(),
  recordedByArea: text('recorded_by_area'),
  recordedByOfficial: text('recorded_by_official').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
};

/** IDENTITY: stored only once a customership starts (§12.2). */
export const persons = pgTable('persons', {
  hetu: text('hetu').primaryKey(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  municipality: text('municipality').notNull(),
  language: text('language').notNull().default('fi'),
  phone: text('phone'),
  email: text('email'),
  version: integer('version').notNull().default(1),
  ...recordedBy,
});

export const customerships = pgTable(
  'customerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    area: text('area').notNull(),
    status: text('status').notNull(), // ACTIVE | ENDED
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    planDeadline: date('plan_deadline').notNull(),
    youth: boolean('youth').notNull(),
    referralNote: text('referral_note'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    agreedBy: text('agreed_by').array(),
    legalHoldReason: text('legal_hold_reason'),
    legalHoldSetBy: text('legal_hold_set_by'),
    legalHoldSetAt: timestamp('legal_hold_set_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...recordedBy,
    // Statistics dimensions, fixed when the customership starts so that a past period answers the
    // same later on, and kept beside it so that statistics read one table, not three:
    /** The client's home municipality when the customership started. */
    municipality: text('municipality'),
    startedOn: date('started_on').generatedAlwaysAs(finnishDateOf('started_at')),
    endedOn: date('ended_on').generatedAlwaysAs(finnishDateOf('ended_at')),
    /** under-30 (the youth flag), 30-49 or 50+ at the start, by the birth date the hetu encodes. */
    ageGroup: text('age_group').generatedAlwaysAs(
      sql.raw(
        `case
    when youth then 'under-30'
    when ("started_at" at time zone 'Europe/Helsinki')::date < make_date(
      case when substr(hetu, 7, 1) = '+' then 1800 when substr(hetu, 7, 1) in ('A', 'B', 'C', 'D', ` +
          `'E', 'F') then 2000 else 1900 end
        + substr(hetu, 5, 2)::int, substr(hetu, 3, 2)::int, substr(hetu, 1, 2)::int) + interval '50 years' then '30-49'
    else '50+' end`,
      ),
    ),
    // The plan and its reviews as the statistics count them, copied here by the database itself
    // whenever a plan or review is written (triggers in migration 0004), so that a statistic reads
    // one row per customership and no other table.
    planCreatedOn: date('plan_created_on'),
    planNextReviewDue: date('plan_next_review_due'),
    /** The due date of every review occasion met, ascending: counted in a period by binary search (width_bucket). */
    reviewDues: date('review_dues').array().notNull().default(sql`'{}'`),
    /** The due dates of the occasions met by then, ascending. */
    onTimeReviewDues: date('on_time_review_dues').array().notNull().default(sql`'{}'`),
  },
  (t) => [
    index('customerships_hetu').on(t.hetu),
    index('customerships_area_status').on(t.area, t.status),
    // One active customership per person at a time (§4).
    uniqueIndex('customerships_one_active').on(t.hetu).where(sql`status = 'ACTIVE'`),
    index('customerships_area_started').on(t.area, t.startedOn),
  ],
);

export const officials = pgTable(
  'responsible_officials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customershipId: uuid('customership_id')
      .notNull()
      .references(() => customerships.id, { onDelete: 'cascade' }),
    org: text('org').notNull(),
    area: text('area').notNull(),
    name: text('name').notNull(),
    title: text('title').notNull(),
  },
  (t) => [index('officials_customership').on(t.customershipId)],
);

/** A correction writes a new row and marks the earlier one superseded: no silent overwrite. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    customershipId: uuid('customership_id')
      .notNull()
      .references(() => customerships.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // SERVICE_NEED | SOCIAL_SITUATION | WORK_CAPACITY
    summary: text('summary').notNull(),
    replacesId: uuid('replaces_id'),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...recordedBy,
  },
  (t) => [index('assessments_customership').on(t.customershipId), index('assessments_hetu').on(t.hetu)],
);

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    customershipId: uuid('customership_id')
      .notNull()
      .references(() => customerships.id, { onDelete: 'cascade' }),
    nextReviewDue: date('next_review_due').notNull(),
    /** The client asked for a review (§6): due at once unless plainly unnecessary. */
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...recordedBy,
    createdOn: date('created_on').generatedAlwaysAs(finnishDateOf('recorded_at')),
  },
  (t) => [uniqueIndex('plans_customership').on(t.customershipId), index('plans_hetu').on(t.hetu)],
);

export const planServices = pgTable(
  'plan_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    provider: text('provider').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull(),
  },
  (t) => [index('plan_services_plan').on(t.planId)],
);

export const planReviews = pgTable(
  'plan_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    note: text('note').notNull(),
    requestedByClient: boolean('requested_by_client').notNull().default(false),
    /** The due date of the review occasion this review met: the plan's next review date when it was made (§6). */
    dueOn: date('due_on').notNull(),
    ...recordedBy,
    reviewedOn: date('reviewed_on').generatedAlwaysAs(finnishDateOf('recorded_at')),
  },
  (t) => [
    // A plan's reviews; a period that cuts through them reads them from this index alone.
    index('plan_reviews_plan_due').on(t.planId, t.dueOn, t.reviewedOn),
  ],
);

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    customershipId: uuid('customership_id')
      .notNull()
      .references(() => customerships.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    mode: text('mode').notNull(),
    participants: text('participants').array().notNull(),
    note: text('note'),
    ...recordedBy,
  },
  (t) => [index('appointments_customership').on(t.customershipId)],
);

/** The client's specific consent (docs/LAW.md rule 17): recipient, categories, validity, the signed form. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    recipientOrg: text('recipient_org').notNull(),
    recipientMunicipality: text('recipient_municipality'),
    categories: text('categories').array().notNull(),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until').notNull(),
    formReference: text('form_reference').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    ...recordedBy,
  },
  (t) => [index('consents_hetu').on(t.hetu)],
);

/** Legal holds set and lifted, each with its reason (§12.2: data needed for a pending matter are kept). */
export const legalHoldEvents = pgTable(
  'legal_hold_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customershipId: uuid('customership_id')
      .notNull()
      .references(() => customerships.id, { onDelete: 'cascade' }),
    action: text('action').notNull(), // SET | LIFT
    reason: text('reason').notNull(),
    ...recordedBy,
  },
  (t) => [index('legal_hold_events_customership').on(t.customershipId)],
);

/** A mutation sent again with the same Idempotency-Key is applied once and answers the same result. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    mutation: text('mutation').notNull(),
    argumentsHash: text('arguments_hash').notNull(),
    result: text('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key, t.mutation] })],
);

export const schema = {
  persons,
  customerships,
  officials,
  assessments,
  plans,
  planServices,
  planReviews,
  appointments,
  consents,
  legalHoldEvents,
  idempotencyKeys,
  releases,
  ticketUses,
};
export type JointSchema = typeof schema;
