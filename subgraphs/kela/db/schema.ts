// Kela's own register of benefits, rehabilitation decisions and payments.
// Every row records the controller that stored it: Kela, one national controller (docs/LAW.md rule 10).
import { date, index, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { releases } from '../../../shared/releases.ts';
import { ticketUses } from '../../../shared/ticket-uses.ts';
import type { KelaSeed } from '../../../seed/types.ts';

export { releases, ticketUses };

type BenefitSeed = KelaSeed['benefits'][number];
type RehabilitationSeed = KelaSeed['rehabilitation'][number];

export const benefits = pgTable(
  'benefits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    type: text('type').$type<BenefitSeed['type']>().notNull(),
    status: text('status').$type<BenefitSeed['status']>().notNull(),
    since: date('since').notNull(),
    until: date('until'),
    decidedOn: date('decided_on').notNull(),
  },
  (t) => [index('benefits_hetu').on(t.hetu)],
);

export const rehabilitation = pgTable(
  'rehabilitation_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    type: text('type').$type<RehabilitationSeed['type']>().notNull(),
    status: text('status').$type<RehabilitationSeed['status']>().notNull(),
    decidedOn: date('decided_on').notNull(),
    provider: text('provider'),
  },
  (t) => [index('rehabilitation_decisions_hetu').on(t.hetu)],
);

/** Benefit payments: Kela's own, never disclosed. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hetu: text('hetu').notNull(),
    controller: text('controller').notNull(),
    paidOn: date('paid_on').notNull(),
    // numeric, read as a string, so that cents stay exact.
    amount: numeric('amount', { precision: 10, scale: 2 }).notNull(),
    benefitType: text('benefit_type').$type<BenefitSeed['type']>().notNull(),
  },
  (t) => [index('payments_hetu').on(t.hetu)],
);

export const schema = { benefits, rehabilitation, payments, releases, ticketUses };
export type KelaSchema = typeof schema;
