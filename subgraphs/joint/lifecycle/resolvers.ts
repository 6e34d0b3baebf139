// The joint record's lifecycle (act 381/2023 §4–8, §12–13; docs/LAW.md rules 2–5, 10–12, 17), enforced
// at write time. Every write runs in one transaction holding the customership's row lock.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { isKnownArea } from '../../../shared/areas.ts';
import { decideCorrection, decideStart, decideWrite, storedByOwnController } from '../../../shared/policy.ts';
import { addMonths, isoDateOf } from '../../../shared/dates.ts';
import { assertHetu, badInput } from '../../../shared/errors.ts';
import { Assessment, OrgEnum } from '../../../shared/graphql-types.ts';
import { ageOn, parseHetu } from '../../../shared/hetu.ts';
import { AUTHORITIES, SECTION_11_CATEGORIES, type DataCategory } from '../../../shared/vocabulary.ts';
import {
  appointments,
  assessments,
  consents,
  customerships,
  legalHoldEvents,
  officials,
  persons,
  planReviews,
  planServices,
  plans,
} from '../db/schema.ts';
import { reviewersOf, toAppointment, toAssessment, toConsent, toCustomership, toPlan } from '../mappers.ts';
import type { JointContext } from '../resolvers.ts';
import { Appointment, Consent, Customership, EndReasonEnum, Plan } from '../types.ts';
import {
  checkVersion,
  conflict,
  customershipNotActive,
  enforceWrite,
  requireWriter,
  stamp,
  text,
  writableCustomership,
  writeRefused,
} from './guard.ts';
import { mutate } from './idempotency.ts';
import { AppointmentInput, AssessmentKindEnum, ConsentInput, PlanInput, StartCustomershipInput } from './inputs.ts';

const KIND_CATEGORY: Record<string, DataCategory> = {
  SERVICE_NEED: 'SERVICE_NEED',
  SOCIAL_SITUATION: 'SOCIAL_SITUATION',
  WORK_CAPACITY: 'HEALTH_WORK_CAPACITY',
};
const PLAN_PROVIDERS = new Set(['employment', 'wellbeing', 'kela', 'municipality']);
const MAX_SERVICES = 50;

@Resolver()
export class LifecycleResolver {
  @Mutation(() => Customership, {
    description: 'Starts the customership with the start of the multi-sectoral assessment (§4.1).',
  })
  startCustomership(
    @Arg('input', () => StartCustomershipInput) input: StartCustomershipInput,
    @Ctx() ctx: JointContext,
  ): Promise<Customership> {
    requireWriter(ctx, 'START');
    const hetu = assertHetu(input.hetu);
    if (!isKnownArea(input.area)) throw badInput('UNKNOWN_AREA', `Unknown cooperation area "${input.area}"`);
    const referralNote = text(input.referralNote, 'referralNote', { required: false });
    const identity = input.identity && {
      firstName: text(input.identity.firstName, 'firstName', { max: 100 })!,
      lastName: text(input.identity.lastName, 'lastName', { max: 100 })!,
      municipality: text(input.identity.municipality, 'municipality', { max: 100 })!,
      language: input.identity.language === 'sv' ? 'sv' : 'fi',
      phone: text(input.identity.phone, 'phone', { required: false, max: 40 }),
      email: text(input.identity.email, 'email', { required: false, max: 200 }),
    };
    if (identity?.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(identity.email))
      throw badInput('INVALID_EMAIL', 'email is not an e-mail address');
    return mutate(ctx, 'startCustomership', input, async (tx) => {
      const today = ctx.access.today;
      const { caller } = ctx.access;
      // Where the client lives: the identity given, else what the caller's own controller stored in
      // the joint record, never another controller's entry (docs/LAW.md rule 10).
      const [known] = identity
        ? []
        : await tx
            .select({
              municipality: persons.municipality,
              recordedByOrg: persons.recordedByOrg,
              recordedByArea: persons.recordedByArea,
            })
            .from(persons)
            .where(eq(persons.hetu, hetu));
      const municipality =
        identity?.municipality ?? (known && storedByOwnController(caller, known) ? known.municipality : null);
      const [active] = await tx
        .select({ area: customerships.area })
        .from(customerships)
        .where(and(eq(customerships.hetu, hetu), eq(customerships.status, 'ACTIVE')))
        .for('update');
      const basis = enforceWrite(
        ctx,
        hetu,
        decideStart(ctx.access, input.area, { municipality, active: active ?? null }),
      );
      const birthDate = (parseHetu(hetu) as { value: { birthDate: string } }).value.birthDate;
      const [row] = await tx
        .insert(customerships)
        .values({
          hetu,
          area: input.area,
          status: 'ACTIVE',
          startedAt: new Date(),
          planDeadline: addMonths(today, 3),
          youth: ageOn(birthDate, today) < 30,
          referralNote,
          municipality,
          ...stamp(ctx, input.area),
        })
        .returning();
      await tx
        .insert(officials)
        .values({ customershipId: row!.id, org: caller.org, area: input.area, name: caller.sub, title: caller.role });
      ctx.note('used', hetu, 'CUSTOMERSHIP', basis);
      if (identity) {
        ctx.note('used', hetu, 'IDENTITY', basis);
        await tx
          .insert(persons)
          .values({ hetu, ...identity, ...stamp(ctx, input.area) })
          .onConflictDoUpdate({
            target: persons.hetu,
            set: { ...identity, ...stamp(ctx, input.area), recordedAt: new Date() },
          });
      }
      return toCustomership(row!);
    });
  }

  @Mutation(() => Assessment)
  recordAssessment(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('kind', () => AssessmentKindEnum) kind: string,
    @Arg('summary', () => String) summary: string,
    @Ctx() ctx: JointContext,
  ): Promise<Assessment> {
    assertHetu(hetu);
    const clean = text(summary, 'summary')!;
    return mutate(ctx, 'recordAssessment', { hetu, kind, summary }, async (tx) => {
      const c = await writableCustomership(ctx, tx, hetu, KIND_CATEGORY[kind]!);
      const [row] = await tx
        .insert(assessments)
        .values({ hetu, customershipId: c.id, kind, summary: clean, ...stamp(ctx, c.area) })
        .returning();
      return toAssessment(row!);
    });
  }

  @Mutation(() => Assessment, {
    description:
      'Corrects an assessment; only its storing organisation may, and the earlier version is kept (§12.3, §13).',
  })
  correctAssessment(
    @Arg('id', () => ID) id: string,
    @Arg('summary', () => String) summary: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: JointContext,
  ): Promise<Assessment> {
    const clean = text(summary, 'summary')!;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw badInput('NOT_FOUND', 'No such assessment');
    return mutate(ctx, 'correctAssessment', { id, summary, expectedVersion }, async (tx) => {
      const [old] = await tx.select().from(assessments).where(eq(assessments.id, id));
      if (!old) throw badInput('NOT_FOUND', 'No such assessment');
      const c = await writableCustomership(ctx, tx, old.hetu, KIND_CATEGORY[old.kind]!);
      if (old.customershipId !== c.id) throw customershipNotActive();
      const notTheirs = decideCorrection(ctx.access, old);
      if (notTheirs) throw writeRefused(notTheirs);
      if (old.supersededAt)
        throw conflict('VERSION_MISMATCH', 'This assessment has already been corrected; correct its latest version');
      checkVersion(old.version, expectedVersion);
      const superseded = await tx
        .update(assessments)
        .set({ supersededAt: new Date() })
        .where(and(eq(assessments.id, id), isNull(assessments.supersededAt), eq(assessments.version, old.version)))
        .returning({ id: assessments.id });
      if (superseded.length === 0)
        throw conflict('VERSION_MISMATCH', 'The entry was changed by someone else; reload and try again');
      const [row] = await tx
        .insert(assessments)
        .values({
          hetu: old.hetu,
          customershipId: old.customershipId,
          kind: old.kind,
          summary: clean,
          replacesId: old.id,
          version: old.version + 1,
          ...stamp(ctx, c.area),
        })
        .returning();
      return toAssessment(row!);
    });
  }

  @Mutation(() => Plan, {
    description: 'The multi-sectoral employment plan, due within three months of the start (§4.3).',
  })
  createPlan(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('input', () => PlanInput) input: PlanInput,
    @Ctx() ctx: JointContext,
  ): Promise<Plan> {
    assertHetu(hetu);
    if (input.services.length === 0) throw badInput('NO_SERVICES', 'A plan names at least one service');
    if (input.services.length > MAX_SERVICES) throw badInput('TOO_MANY_SERVICES', `At most ${MAX_SERVICES} services`);
    const services = input.services.map((s, position) => {
      if (!PLAN_PROVIDERS.has(s.provider))
        throw badInput('UNKNOWN_PROVIDER', `"${s.provider}" does not provide TYM services`);
      return {
        position,
        provider: s.provider,
        description: text(s.description, 'description', { max: 1000 })!,
        status: s.status ?? 'PLANNED',
      };
    });
    return mutate(ctx, 'createPlan', { hetu, input }, async (tx) => {
      const c = await writableCustomership(ctx, tx, hetu, 'PLAN');
      const [existing] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.customershipId, c.id));
      if (existing) throw conflict('PLAN_EXISTS', 'The customership already has a plan: review it instead');
      const [plan] = await tx
        .insert(plans)
        .values({ hetu, customershipId: c.id, nextReviewDue: addMonths(ctx.access.today, 3), ...stamp(ctx, c.area) })
        .returning();
      await tx.insert(planServices).values(services.map((s) => ({ planId: plan!.id, ...s })));
      return toPlan(plan!, c);
    });
  }

  @Mutation(() => Plan, { description: 'Reviews the plan; the next review is due three months later (§6).' })
  reviewPlan(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: JointContext,
  ): Promise<Plan> {
    assertHetu(hetu);
    const clean = text(note, 'note')!;
    return mutate(ctx, 'reviewPlan', { hetu, note, expectedVersion }, async (tx) => {
      const c = await writableCustomership(ctx, tx, hetu, 'PLAN');
      const plan = await planOf(tx, c.id);
      const reviewers = reviewersOf(await tx.select().from(planServices).where(eq(planServices.planId, plan.id)));
      if (!reviewers.includes(ctx.access.caller.org))
        throw badInput('NOT_A_REVIEWER', 'Your organisation has no service in this plan to review');
      checkVersion(plan.version, expectedVersion);
      const requested = plan.reviewRequestedAt !== null;
      const [updated] = await tx
        .update(plans)
        .set({ version: plan.version + 1, nextReviewDue: addMonths(ctx.access.today, 3), reviewRequestedAt: null })
        .where(and(eq(plans.id, plan.id), eq(plans.version, plan.version)))
        .returning();
      if (!updated) throw conflict('VERSION_MISMATCH', 'The plan was changed by someone else; reload and try again');
      // The review meets the occasion the plan had due (statistics judge it against that date).
      await tx.insert(planReviews).values({
        planId: plan.id,
        note: clean,
        requestedByClient: requested,
        dueOn: plan.nextReviewDue,
        ...stamp(ctx, c.area),
      });
      return toPlan(updated, c);
    });
  }

  @Mutation(() => Plan, { description: "Records the client's request for a review: due at once (§6)." })
  requestPlanReview(@Arg('hetu', () => ID) hetu: string, @Ctx() ctx: JointContext): Promise<Plan> {
    assertHetu(hetu);
    return mutate(ctx, 'requestPlanReview', { hetu }, async (tx) => {
      const c = await writableCustomership(ctx, tx, hetu, 'PLAN');
      const plan = await planOf(tx, c.id);
      const today = ctx.access.today;
      const [updated] = await tx
        .update(plans)
        .set({
          version: plan.version + 1,
          reviewRequestedAt: new Date(),
          nextReviewDue: plan.nextReviewDue < today ? plan.nextReviewDue : today,
        })
        .where(and(eq(plans.id, plan.id), eq(plans.version, plan.version)))
        .returning();
      if (!updated) throw conflict('VERSION_MISMATCH', 'The plan was changed by someone else; reload and try again');
      return toPlan(updated, c);
    });
  }

  @Mutation(() => Appointment)
  recordAppointment(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('input', () => AppointmentInput) input: AppointmentInput,
    @Ctx() ctx: JointContext,
  ): Promise<Appointment> {
    assertHetu(hetu);
    if (input.participants.length === 0) throw badInput('NO_PARTICIPANTS', 'An appointment has participants');
    const note = text(input.note, 'note', { required: false });
    return mutate(ctx, 'recordAppointment', { hetu, input }, async (tx) => {
      const c = await writableCustomership(ctx, tx, hetu, 'CUSTOMERSHIP');
      const [row] = await tx
        .insert(appointments)
        .values({
          hetu,
          customershipId: c.id,
          at: new Date(input.at),
          mode: input.mode,
          participants: [...new Set(input.participants)],
          note,
          ...stamp(ctx, c.area),
        })
        .returning();
      return toAppointment(row!);
    });
  }

  @Mutation(() => Consent, { description: "Records the client's specific written consent (docs/LAW.md rule 17)." })
  grantConsent(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('input', () => ConsentInput) input: ConsentInput,
    @Ctx() ctx: JointContext,
  ): Promise<Consent> {
    assertHetu(hetu);
    const today = ctx.access.today;
    const validUntil = isoDateOf(input.validUntil);
    if (validUntil < today) throw badInput('VALID_UNTIL_IN_PAST', 'validUntil is in the past');
    if (!['employment', 'wellbeing', 'kela', 'municipality'].includes(input.recipientOrg))
      throw badInput('INVALID_RECIPIENT', 'A consent names an authority or a municipality as recipient');
    const municipality = text(input.recipientMunicipality, 'recipientMunicipality', {
      required: input.recipientOrg === 'municipality',
      max: 100,
    });
    if (input.recipientOrg !== 'municipality' && municipality)
      throw badInput('INVALID_RECIPIENT', 'recipientMunicipality is only for a municipality recipient');
    const categories = [...new Set(input.categories)] as DataCategory[];
    if (categories.length === 0) throw badInput('NO_CATEGORIES', 'A consent names the data it covers');
    if (!categories.every((c) => (SECTION_11_CATEGORIES as string[]).includes(c)))
      throw badInput('ORG_INTERNAL_NOT_CONSENTABLE', 'ORG_INTERNAL data never leave their organisation');
    const formReference = text(input.formReference, 'formReference', { max: 200 })!;
    return mutate(ctx, 'grantConsent', { hetu, input }, async (tx) => {
      const c = await writableCustomership(ctx, tx, hetu, 'CUSTOMERSHIP');
      const [row] = await tx
        .insert(consents)
        .values({
          hetu,
          recipientOrg: input.recipientOrg,
          recipientMunicipality: municipality,
          categories,
          validFrom: today,
          validUntil,
          formReference,
          ...stamp(ctx, c.area),
        })
        .returning();
      return toConsent(row!, today);
    });
  }

  @Mutation(() => Consent, {
    description: 'Revokes a consent; it stops counting from the next request. The client may revoke at any time.',
  })
  revokeConsent(@Arg('id', () => ID) id: string, @Ctx() ctx: JointContext): Promise<Consent> {
    requireWriter(ctx, 'REVOKE_CONSENT');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw badInput('NOT_FOUND', 'No such consent');
    return mutate(ctx, 'revokeConsent', { id }, async (tx) => {
      const [row] = await tx.select().from(consents).where(eq(consents.id, id)).for('update');
      // Revocation is the client's right even after the customership ended, where they were served last.
      const [latest] = row
        ? await tx
            .select()
            .from(customerships)
            .where(eq(customerships.hetu, row.hetu))
            .orderBy(desc(customerships.startedAt))
            .limit(1)
        : [];
      const facts = { customerships: latest ? [{ area: latest.area, active: latest.status === 'ACTIVE' }] : [] };
      const decision = decideWrite(ctx.access, facts, { action: 'REVOKE_CONSENT', category: 'CUSTOMERSHIP' });
      // An unknown id and a consent the caller may not touch answer alike.
      if (!row || !decision.allowed) throw badInput('NOT_FOUND', 'No such consent');
      ctx.note('used', row.hetu, 'CUSTOMERSHIP', decision.basis);
      if (row.revokedAt) return toConsent(row, ctx.access.today);
      const [updated] = await tx
        .update(consents)
        .set({ revokedAt: new Date(), revokedBy: ctx.access.caller.sub })
        .where(eq(consents.id, id))
        .returning();
      return toConsent(updated!, ctx.access.today);
    });
  }

  @Mutation(() => Customership, {
    description: 'Ends the customership by the joint assessment of the authorities (§8).',
  })
  endCustomership(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('reason', () => EndReasonEnum) reason: string,
    @Arg('agreedBy', () => [OrgEnum]) agreedBy: string[],
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: JointContext,
  ): Promise<Customership> {
    assertHetu(hetu);
    const parties = [...new Set(agreedBy)];
    if (!parties.every((o) => (AUTHORITIES as readonly string[]).includes(o)))
      throw badInput('INVALID_PARTY', 'Only the TYM authorities take part in the joint assessment');
    return mutate(ctx, 'endCustomership', { hetu, reason, agreedBy, expectedVersion }, async (tx) => {
      const c = await writableCustomership(ctx, tx, hetu, 'CUSTOMERSHIP');
      checkVersion(c.version, expectedVersion);
      const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.customershipId, c.id));
      const planServicesRows = plan ? await tx.select().from(planServices).where(eq(planServices.planId, plan.id)) : [];
      const required = reviewersOf(planServicesRows);
      const missing = required.filter((o) => !parties.includes(o));
      if (missing.length > 0) {
        throw new GraphQLError(`The joint assessment needs the agreement of ${missing.join(' and ')} too`, {
          extensions: { code: 'JOINT_ASSESSMENT_REQUIRED', missing },
        });
      }
      const [updated] = await tx
        .update(customerships)
        .set({ status: 'ENDED', endedAt: new Date(), endReason: reason, agreedBy: parties, version: c.version + 1 })
        .where(and(eq(customerships.id, c.id), eq(customerships.version, c.version)))
        .returning();
      if (!updated)
        throw conflict('VERSION_MISMATCH', 'The customership was changed by someone else; reload and try again');
      return toCustomership(updated);
    });
  }

  @Mutation(() => Customership, {
    description:
      'Keeps the joint record past the four-year deletion while a statutory task or pending matter needs it (§12.2).',
  })
  setLegalHold(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: JointContext,
  ): Promise<Customership> {
    return this.legalHold(ctx, hetu, 'SET', reason);
  }

  @Mutation(() => Customership)
  liftLegalHold(
    @Arg('hetu', () => ID) hetu: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: JointContext,
  ): Promise<Customership> {
    return this.legalHold(ctx, hetu, 'LIFT', reason);
  }

  private legalHold(ctx: JointContext, hetu: string, action: 'SET' | 'LIFT', reason: string): Promise<Customership> {
    requireWriter(ctx, 'LEGAL_HOLD');
    assertHetu(hetu);
    const clean = text(reason, 'reason', { max: 1000 })!;
    return mutate(ctx, action === 'SET' ? 'setLegalHold' : 'liftLegalHold', { hetu, reason }, async (tx) => {
      // The hold covers the customerships the caller's areas kept; the policy decides on those.
      const rows = await tx
        .select()
        .from(customerships)
        .where(and(eq(customerships.hetu, hetu), inArray(customerships.area, ctx.access.caller.areas)))
        .orderBy(desc(customerships.startedAt))
        .for('update');
      const facts = { customerships: rows.map((r) => ({ area: r.area, active: r.status === 'ACTIVE' })) };
      const basis = enforceWrite(
        ctx,
        hetu,
        decideWrite(ctx.access, facts, { action: 'LEGAL_HOLD', category: 'CUSTOMERSHIP' }),
      );
      const ids = rows.map((r) => r.id);
      ctx.note('used', hetu, 'CUSTOMERSHIP', basis);
      const updated = await tx
        .update(customerships)
        .set(
          action === 'SET'
            ? { legalHoldReason: clean, legalHoldSetBy: ctx.access.caller.sub, legalHoldSetAt: new Date() }
            : { legalHoldReason: null, legalHoldSetBy: null, legalHoldSetAt: null },
        )
        .where(inArray(customerships.id, ids))
        .returning();
      await tx
        .insert(legalHoldEvents)
        .values(rows.map((r) => ({ customershipId: r.id, action, reason: clean, ...stamp(ctx, r.area) })));
      return toCustomership(updated.find((u) => u.id === rows[0]!.id)!);
    });
  }
}

async function planOf(
  tx: Parameters<Parameters<JointContext['loaders']['db']['transaction']>[0]>[0],
  customershipId: string,
) {
  const [plan] = await tx.select().from(plans).where(eq(plans.customershipId, customershipId)).for('update');
  if (!plan) throw badInput('NO_PLAN', 'The customership has no plan yet');
  return plan;
}
