// Rows of the joint record as GraphQL objects: one place, used by queries and mutations alike.
import type { RecordedBy } from '../../shared/graphql-types.ts';
import type { appointments, assessments, consents, customerships, plans, planServices } from './db/schema.ts';
import type { CustomershipFields } from './loaders.ts';
import type { Appointment, Consent, Customership, Plan } from './types.ts';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export const recordedBy = (r: { recordedByOrg: string; recordedByArea: string | null }): RecordedBy => ({
  org: r.recordedByOrg,
  area: r.recordedByArea,
});

export const toCustomership = (c: CustomershipFields): Customership => ({
  id: c.id,
  status: c.status,
  area: c.area,
  startedAt: c.startedAt,
  endedAt: c.endedAt,
  endReason: c.endReason,
  agreedBy: c.agreedBy,
  youth: c.youth,
  planDeadline: c.planDeadline,
  referralNote: c.referralNote,
  legalHold: c.legalHoldReason !== null,
  officials: [],
  version: c.version,
});

export const toAssessment = (a: Row<typeof assessments>) => ({
  id: a.id,
  kind: a.kind,
  summary: a.summary,
  recordedAt: a.recordedAt,
  recordedBy: recordedBy(a),
  version: a.version,
});

/** Who reviews the plan (§6): the employment authority and the wellbeing area, and Kela for its own services. */
export function reviewersOf(services: Pick<Row<typeof planServices>, 'provider'>[]): string[] {
  return ['employment', 'wellbeing', ...(services.some((s) => s.provider === 'kela') ? ['kela'] : [])];
}

export const toPlan = (p: Row<typeof plans>, c: Pick<Row<typeof customerships>, 'planDeadline'>): Plan => ({
  id: p.id,
  planId: p.id,
  createdAt: p.recordedAt,
  deadline: c.planDeadline,
  nextReviewDue: p.nextReviewDue,
  reviewRequestedAt: p.reviewRequestedAt,
  services: [],
  reviews: [],
  reviewers: [],
  recordedBy: recordedBy(p),
  version: p.version,
});

export const toAppointment = (a: Row<typeof appointments>): Appointment => ({ ...a, recordedBy: recordedBy(a) });

export const toConsent = (c: Row<typeof consents>, today: string): Consent => ({
  ...c,
  inForce: c.revokedAt === null && c.validFrom <= today && today <= c.validUntil,
});
