import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { addMonths, officeHours } from '../../shared/dates.ts';
import { ageOn, parseHetu } from '../../shared/hetu.ts';
import { insertChunked } from '../../shared/loaders.ts';
import type { Official, WorldPerson } from '../../seed/types.ts';
import { schema, type JointSchema } from './db/schema.ts';

type Rows = {
  [K in Exclude<keyof JointSchema, 'releases' | 'ticketUses' | 'idempotencyKeys'>]: JointSchema[K]['$inferInsert'][];
};

const by = (o: Official, at?: string) => ({
  recordedByOrg: o.org,
  recordedByArea: o.area,
  recordedByOfficial: `${o.name}, ${o.title}`,
  ...(at ? { recordedAt: new Date(at.length === 10 ? officeHours(at) : at) } : {}),
});

export async function seedJoint(db: Db<JointSchema>, world: WorldPerson[]): Promise<void> {
  const rows: Rows = {
    persons: [],
    customerships: [],
    officials: [],
    assessments: [],
    plans: [],
    planServices: [],
    planReviews: [],
    appointments: [],
    consents: [],
    legalHoldEvents: [],
  };
  for (const p of world) {
    const j = p.joint;
    if (!j) continue;
    const birthDate = parseHetu(p.hetu).ok
      ? (parseHetu(p.hetu) as { value: { birthDate: string } }).value.birthDate
      : '1970-01-01';
    const first = j.customerships[0];
    // Identity is stored only once a customership has started (§12.2).
    if (first) {
      rows.persons.push({
        hetu: p.hetu,
        firstName: p.firstName,
        lastName: p.lastName,
        municipality: p.municipality,
        language: p.language,
        phone: p.phone,
        email: p.email,
        ...by(first.startedBy, first.startedOn),
      });
    }
    for (const c of j.customerships) {
      const id = randomUUID();
      rows.customerships.push({
        id,
        hetu: p.hetu,
        area: c.area,
        status: c.status,
        startedAt: officeHours(c.startedOn),
        municipality: p.municipality,
        planDeadline: addMonths(c.startedOn, 3),
        youth: ageOn(birthDate, c.startedOn) < 30,
        referralNote: c.referralNote ?? null,
        endedAt: c.endedOn ? officeHours(c.endedOn) : null,
        endReason: c.endReason ?? null,
        agreedBy: c.agreedBy ?? null,
        legalHoldReason: c.legalHold?.reason ?? null,
        legalHoldSetBy: c.legalHold ? `${c.legalHold.setBy.name}, ${c.legalHold.setBy.title}` : null,
        legalHoldSetAt: c.legalHold ? officeHours(c.legalHold.setOn) : null,
        ...by(c.startedBy, c.startedOn),
      });
      if (c.legalHold)
        rows.legalHoldEvents.push({
          customershipId: id,
          action: 'SET',
          reason: c.legalHold.reason,
          ...by(c.legalHold.setBy, c.legalHold.setOn),
        });
      rows.officials.push(
        ...c.officials.map((o) => ({ customershipId: id, org: o.org, area: o.area, name: o.name, title: o.title })),
      );
      rows.assessments.push(
        ...c.assessments.map((a) => ({
          hetu: p.hetu,
          customershipId: id,
          kind: a.kind,
          summary: a.summary,
          ...by(a.recordedBy, a.recordedAt),
        })),
      );
      rows.appointments.push(
        ...c.appointments.map((a) => ({
          hetu: p.hetu,
          customershipId: id,
          at: new Date(a.at),
          mode: a.mode,
          participants: a.participants,
          note: a.note ?? null,
          ...by(a.recordedBy),
        })),
      );
      if (c.plan) {
        const planId = randomUUID();
        // Each review meets the occasion three months after the plan or the review before it (§6); one
        // the client asked for was due at once, taken as the day it was made.
        let due = addMonths(c.plan.createdAt.slice(0, 10), 3);
        for (const r of [...c.plan.reviews].sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt))) {
          const reviewedOn = r.reviewedAt.slice(0, 10);
          const dueOn = r.requestedByClient && reviewedOn < due ? reviewedOn : due;
          rows.planReviews.push({
            planId,
            note: r.note,
            requestedByClient: r.requestedByClient ?? false,
            dueOn,
            ...by(r.reviewedBy, r.reviewedAt),
          });
          due = addMonths(reviewedOn, 3);
        }
        rows.plans.push({
          id: planId,
          hetu: p.hetu,
          customershipId: id,
          nextReviewDue: due,
          ...by(c.plan.createdBy, c.plan.createdAt),
        });
        rows.planServices.push(...c.plan.services.map((s, position) => ({ planId, position, ...s })));
      }
    }
    rows.consents.push(
      ...j.consents.map((c) => ({
        hetu: p.hetu,
        recipientOrg: c.recipientOrg,
        recipientMunicipality: c.recipientMunicipality ?? null,
        categories: c.categories,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        formReference: c.formReference,
        revokedAt: c.revokedAt ? new Date(c.revokedAt.length === 10 ? officeHours(c.revokedAt) : c.revokedAt) : null,
        ...by(c.recordedBy, c.validFrom),
      })),
    );
  }
  await db.transaction(async (tx) => {
    // The triggers copying plans and reviews onto their customerships (migration 0004) would
    // rewrite a customership's row for its plan and again for each batch of its reviews; a bulk
    // load copies every one once, at the end, by the same function.
    await tx.execute(sql`alter table plans disable trigger user`);
    await tx.execute(sql`alter table plan_reviews disable trigger user`);
    // Children first on delete, parents first on insert.
    const order = [
      'persons',
      'customerships',
      'officials',
      'legalHoldEvents',
      'assessments',
      'plans',
      'planServices',
      'planReviews',
      'appointments',
      'consents',
    ] as const;
    for (const table of [...order].reverse()) await tx.delete(schema[table]);
    for (const table of order)
      await insertChunked<unknown>(rows[table], (chunk) => tx.insert(schema[table]).values(chunk as never));
    await tx.execute(sql`select copy_plan_facts(array(select customership_id from plans))`);
    await tx.execute(sql`alter table plans enable trigger user`);
    await tx.execute(sql`alter table plan_reviews enable trigger user`);
  });
}
