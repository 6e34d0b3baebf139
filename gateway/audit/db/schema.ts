// The gateway's disclosure log (tym_audit): every disclosure and use of personal data, hash-chained
// (act 906/2019 §17, act 703/2023 §10–11; docs/LAW.md rules 18–19).
import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const entries = pgTable(
  'entries',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    requestId: text('request_id').notNull(),
    /** DISCLOSURE: data returned to the caller; USE: data written by the caller */
    kind: text('kind').notNull(),
    hetu: text('hetu').notNull(),
    register: text('register').notNull(),
    categories: text('categories').array().notNull(),
    basis: text('basis').notNull(),
    recipientSub: text('recipient_sub').notNull(),
    recipientOrg: text('recipient_org').notNull(),
    recipientRole: text('recipient_role').notNull(),
    recipientAreas: text('recipient_areas').array().notNull(),
    recipientMunicipality: text('recipient_municipality'),
    /** The client's cooperation area the basis rests on (section 15), when there is one. */
    personArea: text('person_area'),
    purpose: text('purpose').notNull(),
    caseReference: text('case_reference'),
    operationName: text('operation_name'),
    documentHash: text('document_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    // Every look-up of a person's entries, in one index (each index is paid for on every entry written):
    // a supervisor's right to a person's log is one probe of its (hetu, person_area) prefix, as cheap for a
    // person with thousands of entries from other areas as for an unknown one, so refusal timing tells
    // nothing (docs/LAW.md rule 20); the citizen's and the supervisor's views read a person's entries by
    // hetu and time.
    index('entries_hetu_person_area_at').on(t.hetu, t.personArea, t.at),
    // Pruning by age: entries are appended in time order, so a block-range index finds the old ones at a
    // fraction of a b-tree's cost to keep up.
    index('entries_at').using('brin', t.at),
  ],
);

/** The chain's newest entry; locked by each group commit, so concurrent writers extend one chain. */
export const chainHead = pgTable('chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Where verification starts after old entries were pruned: the hash of the last pruned entry. */
export const chainAnchor = pgTable('chain_anchor', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  prunedAt: timestamp('pruned_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** Single look-ups of a person (act 906/2019 §23): the material for detecting unusual searches. */
export const lookups = pgTable(
  'lookups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    requestId: text('request_id').notNull(),
    sub: text('sub').notNull(),
    org: text('org').notNull(),
    role: text('role').notNull(),
    areas: text('areas').array().notNull(),
    /** the looked-up code, or null when it was not a valid hetu */
    hetu: text('hetu'),
    /** IN_CASELOAD | OUTSIDE_CASELOAD | INVALID_HETU */
    outcome: text('outcome').notNull(),
    refusals: integer('refusals').notNull(),
  },
  (t) => [index('lookups_sub_at').on(t.sub, t.at)],
);

export const accessAlerts = pgTable(
  'access_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    sub: text('sub').notNull(),
    org: text('org').notNull(),
    role: text('role').notNull(),
    areas: text('areas').array().notNull(),
    /** OUTSIDE_CASELOAD | INVALID_HETUS */
    kind: text('kind').notNull(),
    count: integer('count').notNull(),
    windowMinutes: integer('window_minutes').notNull(),
  },
  (t) => [index('access_alerts_at').on(t.at)],
);

export const schema = { entries, chainHead, chainAnchor, lookups, accessAlerts };
export type AuditSchema = typeof schema;
