import DataLoader from 'dataloader';
import { asc, desc, isNull, and, sql } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { anyOf, byKeys, listLoader, oneLoader } from '../../shared/loaders.ts';
import {
  appointments,
  assessments,
  consents,
  customerships,
  officials,
  persons,
  planReviews,
  planServices,
  plans,
  type JointSchema,
} from './db/schema.ts';
import { loadFacts } from './facts.ts';
import type { Statistics } from './statistics/configuration.ts';

/**
 * A customership's columns its GraphQL fields and the record's resolvers read, not the copies kept for the
 * statistics (municipality, age group, dates, the review dues' date arrays): every person of a page would
 * carry them from the database and through drizzle's mapping for nothing.
 */
const CUSTOMERSHIP_FIELDS = {
  id: customerships.id,
  hetu: customerships.hetu,
  area: customerships.area,
  status: customerships.status,
  startedAt: customerships.startedAt,
  planDeadline: customerships.planDeadline,
  youth: customerships.youth,
  referralNote: customerships.referralNote,
  endedAt: customerships.endedAt,
  endReason: customerships.endReason,
  agreedBy: customerships.agreedBy,
  legalHoldReason: customerships.legalHoldReason,
  version: customerships.version,
};
export type CustomershipFields = { [K in keyof typeof CUSTOMERSHIP_FIELDS]: (typeof customerships.$inferSelect)[K] };

export function createJointLoaders(db: Db<JointSchema>, statistics: Statistics) {
  return {
    db,
    /** the service's statistics configuration and cache (statistics/configuration.ts), not a loader */
    statistics,
    facts: new DataLoader((hetus: readonly string[]) => loadFacts(db, hetus)),
    /** The active customership, or else the latest one. */
    customership: oneLoader(
      byKeys(db, 'customership', (h) =>
        db
          .select(CUSTOMERSHIP_FIELDS)
          .from(customerships)
          .where(anyOf(customerships.hetu, h))
          .orderBy(sql`(${customerships.status} = 'ACTIVE') desc`, desc(customerships.startedAt)),
      ),
    ),
    identity: oneLoader(byKeys(db, 'identity', (h) => db.select().from(persons).where(anyOf(persons.hetu, h)))),
    officials: listLoader(
      byKeys(db, 'officials', (ids) =>
        db.select().from(officials).where(anyOf(officials.customershipId, ids)).orderBy(asc(officials.org)),
      ),
      (r) => r.customershipId,
    ),
    /** Current (not superseded) assessments of a customership, newest first. */
    assessments: listLoader(
      byKeys(db, 'assessments', (ids) =>
        db
          .select()
          .from(assessments)
          .where(and(anyOf(assessments.customershipId, ids), isNull(assessments.supersededAt)))
          .orderBy(desc(assessments.recordedAt)),
      ),
      (r) => r.customershipId,
    ),
    plan: oneLoader(
      byKeys(db, 'plan', (ids) => db.select().from(plans).where(anyOf(plans.customershipId, ids))),
      (r) => r.customershipId,
    ),
    planServices: listLoader(
      byKeys(db, 'planServices', (ids) =>
        db.select().from(planServices).where(anyOf(planServices.planId, ids)).orderBy(asc(planServices.position)),
      ),
      (r) => r.planId,
    ),
    planReviews: listLoader(
      byKeys(db, 'planReviews', (ids) =>
        db.select().from(planReviews).where(anyOf(planReviews.planId, ids)).orderBy(desc(planReviews.recordedAt)),
      ),
      (r) => r.planId,
    ),
    appointments: listLoader(
      byKeys(db, 'appointments', (ids) =>
        db.select().from(appointments).where(anyOf(appointments.customershipId, ids)).orderBy(desc(appointments.at)),
      ),
      (r) => r.customershipId,
    ),
    consents: listLoader(
      byKeys(db, 'consents', (h) =>
        db.select().from(consents).where(anyOf(consents.hetu, h)).orderBy(desc(consents.recordedAt)),
      ),
    ),
  };
}
export type JointLoaders = ReturnType<typeof createJointLoaders>;
