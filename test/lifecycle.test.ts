// The joint record's lifecycle through the gateway: the law's rules enforced at write time
// (docs/LAW.md rules 2–5, 10–12, 17), on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { addMonths } from '../shared/dates.ts';
import { makeHetu } from '../shared/hetu.ts';
import { finnishDate } from '../shared/policy.ts';
import type { System } from '../cli/system.ts';
import { assessments, consents, customerships, planReviews, plans } from '../subgraphs/joint/db/schema.ts';
import { runRetention } from '../subgraphs/joint/retention.ts';
import { BACKENDS, codes, gql, startTestSystem, type GqlResult, withoutRequestIds } from './support/system.ts';

const today = finnishDate();
const employment = { org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] };
const wellbeing = { org: 'wellbeing', role: 'social-worker', areas: ['ita-uusimaa'] };
const kela = { org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa', 'keski-uusimaa'] };
const supervisor = { org: 'employment', role: 'supervisor', areas: ['ita-uusimaa'] };

const START =
  `mutation($input: StartCustomershipInput!) { startCustomership(input: $input) { id status area planDeadline ` +
  `youth version officials { org title } } }`;
const ASSESS =
  `mutation($hetu: ID!, $kind: AssessmentKind!, $summary: String!) { recordAssessment(hetu: $hetu, kind: ` +
  `$kind, summary: $summary) { id summary version recordedBy { org area } } }`;
const PLAN =
  `mutation($hetu: ID!, $services: [PlanServiceInput!]!) { createPlan(hetu: $hetu, input: { services: ` +
  `$services }) { id deadline nextReviewDue version reviewers services { provider status } } }`;
const REVIEW =
  `mutation($hetu: ID!, $note: String!, $v: Int) { reviewPlan(hetu: $hetu, note: $note, expectedVersion: $v) ` +
  `{ version nextReviewDue reviews { note requestedByClient } } }`;
const END =
  `mutation($hetu: ID!, $reason: EndReason!, $agreedBy: [Org!]!) { endCustomership(hetu: $hetu, reason: ` +
  `$reason, agreedBy: $agreedBy) { status endReason agreedBy endedAt } }`;

/** Fresh synthetic persons (test-range numbers, never in the seeded world's 900–999 births of these dates). */
let serial = 0;
const newPerson = (birth = '1971-02-03') => makeHetu(birth, 900 + (serial++ % 100));

for (const backend of BACKENDS) {
  describe(`joint record lifecycle on ${backend.name}`, () => {
    let system: System;
    const tokens: Record<string, string> = {};
    const call = (
      who: keyof typeof tokens,
      query: string,
      variables: Record<string, unknown>,
      extra: { purpose?: string; headers?: Record<string, string> } = {},
    ) =>
      gql<any>(system.url, query, {
        token: tokens[who],
        purpose: extra.purpose ?? 'PLANNING',
        variables,
        headers: extra.headers,
      });
    const jointDb = () => system.databases.joint.db as any;
    const countRows = async (table: any, where: any) =>
      (await jointDb().select({ n: count() }).from(table).where(where))[0].n as number;
    const start = (hetu: string, who = 'employment', area = 'ita-uusimaa') =>
      call(who, START, {
        input: {
          hetu,
          area,
          referralNote: 'Referred by the employment specialist',
          identity: {
            firstName: 'Testi',
            lastName: 'Henkilö',
            municipality: 'Porvoo',
            email: 'testi@tym-demo.invalid',
          },
        },
      });

    beforeAll(async () => {
      system = await startTestSystem(backend);
      for (const [name, who] of Object.entries({ employment, wellbeing, kela, supervisor }))
        tokens[name] = await system.token(who);
      tokens.analyst = await system.token({ org: 'employment', role: 'analyst', areas: ['ita-uusimaa'] });
      tokens.municipal = await system.token({
        org: 'municipality',
        role: 'municipal-employment-worker',
        municipality: 'Loviisa',
      });
      tokens.keski = await system.token({ org: 'employment', role: 'employment-specialist', areas: ['keski-uusimaa'] });
      tokens.loviisa = tokens.municipal!;
    });
    afterAll(async () => system?.close());

    it('starts a customership with its assessment: plan due in 3 months, identity stored, youth flagged', async () => {
      const hetu = newPerson('2003-05-06');
      const r = await start(hetu);
      expect(r.errors).toBeUndefined();
      expect(r.data.startCustomership).toMatchObject({
        status: 'ACTIVE',
        area: 'ita-uusimaa',
        planDeadline: addMonths(today, 3),
        youth: true,
        version: 1,
      });
      expect(r.data.startCustomership.officials).toEqual([{ org: 'employment', title: 'employment-specialist' }]);
      const read = await call(
        'wellbeing',
        '{ client(hetu: "' + hetu + '") { joint { identity { firstName municipality } customership { status } } } }',
        {},
        { purpose: 'ASSESSMENT' },
      );
      expect(read.data.client.joint).toEqual({
        identity: { firstName: 'Testi', municipality: 'Porvoo' },
        customership: { status: 'ACTIVE' },
      });
    });

    it('keeps one active customership per person; a second start is a CONFLICT and changes nothing', async () => {
      const hetu = newPerson();
      await start(hetu);
      const again = await start(hetu, 'kela');
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ACTIVE' });
      expect(again.data).toBeNull();
      expect(await countRows(customerships, eq(customerships.hetu, hetu))).toBe(1);
    });

    it('refuses bad start input with BAD_USER_INPUT and a reason, storing nothing', async () => {
      const hetu = newPerson();
      const cases: [Record<string, unknown>, string][] = [
        [{ hetu, area: 'lappi' }, 'UNKNOWN_AREA'],
        [{ hetu, area: 'keski-uusimaa' }, 'AREA_NOT_YOURS'],
        [{ hetu: '150385-9014', area: 'ita-uusimaa' }, 'INVALID_HETU'],
        [
          { hetu, area: 'ita-uusimaa', identity: { firstName: 'A', lastName: 'B', municipality: 'Hyvinkää' } },
          'MUNICIPALITY_NOT_IN_AREA',
        ],
        [
          { hetu, area: 'ita-uusimaa', identity: { firstName: ' ', lastName: 'B', municipality: 'Porvoo' } },
          'EMPTY_FIRST_NAME',
        ],
      ];
      for (const [input, reason] of cases) {
        const r = await call('employment', START, { input });
        expect(r.errors?.[0]?.extensions, reason).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      }
      expect(await countRows(customerships, eq(customerships.hetu, hetu))).toBe(0);
    });

    it(
      "stores nothing for a person without an active customership in the caller's areas, and says so " + 'identically',
      async () => {
        const messages = new Set<string>();
        for (const hetu of ['111190-903A', '020270-9022', '240679-904V', newPerson()]) {
          const before = await countRows(assessments, eq(assessments.hetu, hetu));
          const r = await call('employment', ASSESS, {
            hetu,
            kind: 'SERVICE_NEED',
            summary: 'Needs guidance towards training',
          });
          expect(codes(r), hetu).toEqual(['CUSTOMERSHIP_NOT_ACTIVE']);
          expect(r.data, hetu).toBeNull();
          messages.add(JSON.stringify(withoutRequestIds(r.errors)));
          expect(await countRows(assessments, eq(assessments.hetu, hetu)), hetu).toBe(before);
        }
        expect(messages.size).toBe(1);
      },
    );

    it("lets only the authorities' caseworkers write, for a TYM purpose", async () => {
      const hetu = newPerson();
      await start(hetu);
      const attempt = (who: string, purpose = 'PLANNING') =>
        call(who, ASSESS, { hetu, kind: 'SERVICE_NEED', summary: 'x' }, { purpose });
      expect((await attempt('analyst')).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_NECESSARY_FOR_ROLE',
      });
      expect((await attempt('supervisor')).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_NECESSARY_FOR_ROLE',
      });
      expect((await attempt('municipal')).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NO_LEGAL_BASIS',
      });
      expect((await attempt('employment', 'OWN_SERVICE')).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'PURPOSE_NOT_ALLOWED',
      });
      expect((await attempt('keski')).errors?.[0]?.extensions).toMatchObject({ code: 'CUSTOMERSHIP_NOT_ACTIVE' });
      const empty = await call('employment', ASSESS, { hetu, kind: 'SERVICE_NEED', summary: '   ' });
      expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMPTY_SUMMARY' });
      expect(await countRows(assessments, eq(assessments.hetu, hetu))).toBe(0);
    });

    it('keeps provenance and lets only the storing organisation correct, keeping the earlier version', async () => {
      const hetu = newPerson();
      await start(hetu);
      const first = (
        await call('wellbeing', ASSESS, { hetu, kind: 'SOCIAL_SITUATION', summary: 'Housing is insecure' })
      ).data.recordAssessment;
      expect(first).toMatchObject({ version: 1, recordedBy: { org: 'wellbeing', area: 'ita-uusimaa' } });
      const CORRECT =
        'mutation($id: ID!, $summary: String!, $v: Int) { correctAssessment(id: $id, summary: $summary, ' +
        'expectedVersion: $v) { id summary version recordedBy { org } } }';
      const byOther = await call('employment', CORRECT, { id: first.id, summary: 'changed', v: 1 });
      expect(byOther.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'NOT_STORING_ORGANISATION',
      });
      const fixed = await call('wellbeing', CORRECT, {
        id: first.id,
        summary: 'Housing is insecure; a rental flat is promised from May',
        v: 1,
      });
      expect(fixed.data.correctAssessment).toMatchObject({ version: 2, recordedBy: { org: 'wellbeing' } });
      const stale = await call('wellbeing', CORRECT, { id: first.id, summary: 'again', v: 1 });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
      const rows = await jointDb().select().from(assessments).where(eq(assessments.hetu, hetu));
      expect(rows).toHaveLength(2);
      expect(rows.find((r: any) => r.id === first.id).supersededAt).not.toBeNull();
      expect(rows.find((r: any) => r.id === first.id).summary).toBe('Housing is insecure');
      const read = await call(
        'employment',
        '{ client(hetu: "' + hetu + '") { joint { socialSituation { summary version } } } }',
        {},
      );
      expect(read.data.client.joint.socialSituation).toEqual({
        summary: 'Housing is insecure; a rental flat is promised from May',
        version: 2,
      });
    });

    it('plan review falls due in 3 months; with Kela services, Kela reviews it and must agree to the end', async () => {
      const hetu = newPerson();
      await start(hetu);
      const services = [
        { provider: 'employment', description: 'Work trial in retail, 3 months' },
        { provider: 'wellbeing', description: 'Rehabilitative work activity 3 days a week' },
        { provider: 'kela', description: 'Vocational rehabilitation assessment' },
      ];
      const plan = (await call('employment', PLAN, { hetu, services })).data.createPlan;
      expect(plan).toMatchObject({
        deadline: expect.any(String),
        nextReviewDue: addMonths(today, 3),
        version: 1,
        reviewers: ['employment', 'wellbeing', 'kela'],
      });
      const twice = await call('employment', PLAN, { hetu, services });
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_EXISTS' });
      const badProvider = await call('employment', PLAN, {
        hetu: newPerson(),
        services: [{ provider: 'citizen', description: 'x' }],
      });
      expect(badProvider.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNKNOWN_PROVIDER',
      });

      const noKela = await call('employment', END, {
        hetu,
        reason: 'EMPLOYED',
        agreedBy: ['employment', 'wellbeing'],
      });
      expect(noKela.errors?.[0]?.extensions).toMatchObject({ code: 'JOINT_ASSESSMENT_REQUIRED', missing: ['kela'] });
      expect(noKela.data).toBeNull();
      const [row] = await jointDb()
        .select()
        .from(customerships)
        .where(and(eq(customerships.hetu, hetu)));
      expect(row.status).toBe('ACTIVE');
      const ended = await call('kela', END, {
        hetu,
        reason: 'EMPLOYED',
        agreedBy: ['employment', 'wellbeing', 'kela'],
      });
      expect(ended.data.endCustomership).toMatchObject({
        status: 'ENDED',
        endReason: 'EMPLOYED',
        agreedBy: ['employment', 'wellbeing', 'kela'],
      });
      // Ended: nothing more is stored, and the person may return with a new customership.
      const after = await call('employment', ASSESS, { hetu, kind: 'SERVICE_NEED', summary: 'x' });
      expect(codes(after)).toEqual(['CUSTOMERSHIP_NOT_ACTIVE']);
      const back = await start(hetu);
      expect(back.data.startCustomership.status).toBe('ACTIVE');
      expect(await countRows(customerships, eq(customerships.hetu, hetu))).toBe(2);
    });

    it('needs the employment authority and the wellbeing area for any end', async () => {
      const hetu = newPerson();
      await start(hetu);
      const r = await call('employment', END, { hetu, reason: 'JOB_SEARCH_ENDED', agreedBy: ['employment'] });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'JOINT_ASSESSMENT_REQUIRED', missing: ['wellbeing'] });
      const bad = await call('employment', END, { hetu, reason: 'EMPLOYED', agreedBy: ['employment', 'municipality'] });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_PARTY' });
    });

    it('of two concurrent reviews of one plan version, one lands, the other gets CONFLICT; nothing lost', async () => {
      const hetu = newPerson();
      await start(hetu);
      await call('employment', PLAN, {
        hetu,
        services: [{ provider: 'employment', description: 'Job search coaching' }],
      });
      const [a, b] = await Promise.all([
        call('employment', REVIEW, { hetu, note: 'Coaching going well', v: 1 }),
        call('wellbeing', REVIEW, { hetu, note: 'Social situation stable', v: 1 }),
      ]);
      const results = [a, b];
      expect(results.filter((r) => r.data?.reviewPlan).length).toBe(1);
      expect(results.filter((r) => codes(r).includes('CONFLICT')).length).toBe(1);
      const [plan] = await jointDb().select().from(plans).where(eq(plans.hetu, hetu));
      expect(plan.version).toBe(2);
      expect(plan.nextReviewDue).toBe(addMonths(today, 3));
      expect(await countRows(planReviews, eq(planReviews.planId, plan.id))).toBe(1);
      // Made ahead of the occasion the plan had due three months on: on time.
      const [review] = await jointDb().select().from(planReviews).where(eq(planReviews.planId, plan.id));
      expect(review).toMatchObject({ dueOn: addMonths(today, 3), reviewedOn: today });
      // The loser reloads and reviews on top: both notes are kept.
      const retry = await call('wellbeing', REVIEW, { hetu, note: 'Social situation stable', v: 2 });
      expect(retry.data.reviewPlan.version).toBe(3);
      expect(retry.data.reviewPlan.reviews).toHaveLength(2);
    });

    it('a client-requested review is due at once and shows in the worklist', async () => {
      const hetu = newPerson();
      await start(hetu);
      await call('employment', PLAN, { hetu, services: [{ provider: 'employment', description: 'Training' }] });
      const r = await call(
        'employment',
        'mutation($hetu: ID!) { requestPlanReview(hetu: $hetu) { nextReviewDue reviewRequestedAt } }',
        { hetu },
      );
      expect(r.data.requestPlanReview.nextReviewDue).toBe(today);
      const due = await call('employment', '{ caseload(due: REVIEW_DUE_SOON, first: 200) { nodes { hetu } } }', {});
      expect(due.data.caseload.nodes.map((n: any) => n.hetu)).toContain(hetu);
      const reviewed = await call('employment', REVIEW, { hetu, note: "Reviewed at the client's request" });
      expect(reviewed.data.reviewPlan.reviews[0]).toEqual({
        note: "Reviewed at the client's request",
        requestedByClient: true,
      });
      // The review met the occasion the request made due that day, on time; the customership's
      // copy for the statistics has it.
      const [plan] = await jointDb().select().from(plans).where(eq(plans.hetu, hetu));
      const [review] = await jointDb().select().from(planReviews).where(eq(planReviews.planId, plan.id));
      expect(review).toMatchObject({ dueOn: today, reviewedOn: today });
      expect(plan).toMatchObject({ nextReviewDue: addMonths(today, 3) });
      const [customership] = await jointDb()
        .select()
        .from(customerships)
        .where(eq(customerships.id, plan.customershipId));
      expect(customership).toMatchObject({
        planCreatedOn: today,
        planNextReviewDue: addMonths(today, 3),
        reviewDues: [today],
        onTimeReviewDues: [today],
      });
    });

    it('lists a client whose plan deadline passed with no plan in the PLAN_OVERDUE worklist', async () => {
      const r = await call(
        'employment',
        '{ caseload(due: PLAN_OVERDUE, first: 200) { totalCount nodes { hetu joint { customership { ' +
          'planDeadline } plan { id } } } } }',
        {},
      );
      const nodes = r.data.caseload.nodes;
      expect(nodes.map((n: any) => n.hetu)).toContain('300888-906R');
      for (const n of nodes) {
        expect(n.joint.plan).toBeNull();
        expect(n.joint.customership.planDeadline < today).toBe(true);
      }
      const youth = await call(
        'employment',
        '{ caseload(youth: true, first: 200) { nodes { joint { customership { youth } } } } }',
        {},
      );
      expect(youth.data.caseload.nodes.length).toBeGreaterThan(0);
      expect(youth.data.caseload.nodes.every((n: any) => n.joint.customership.youth)).toBe(true);
    });

    it('records appointments and refuses a malformed date without storing anything', async () => {
      const hetu = newPerson();
      await start(hetu);
      const APPT =
        'mutation($hetu: ID!, $at: DateTime!) { recordAppointment(hetu: $hetu, input: { at: $at, mode: ' +
        'REMOTE, participants: [employment, wellbeing] }) { at mode participants } }';
      const ok = await call('employment', APPT, { hetu, at: '2026-12-01T10:00:00Z' });
      expect(ok.data.recordAppointment).toEqual({
        at: '2026-12-01T10:00:00.000Z',
        mode: 'REMOTE',
        participants: ['employment', 'wellbeing'],
      });
      const bad = await call('employment', APPT, { hetu, at: 'next tuesday' });
      expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
      const read = await call('employment', '{ client(hetu: "' + hetu + '") { joint { appointments { mode } } } }', {});
      expect(read.data.client.joint.appointments).toHaveLength(1);
    });

    it('consent is specific, inert once revoked, and refuses bad input', async () => {
      const hetu = newPerson();
      await start(hetu);
      const GRANT =
        'mutation($hetu: ID!, $input: ConsentInput!) { grantConsent(hetu: $hetu, input: $input) { id ' +
        'categories validFrom validUntil inForce recipientMunicipality } }';
      const base = {
        recipientOrg: 'municipality',
        recipientMunicipality: 'Loviisa',
        categories: ['IDENTITY'],
        validUntil: addMonths(today, 6),
        formReference: 'LOV-2026-0042',
      };
      const bad: [Record<string, unknown>, string][] = [
        [{ ...base, validUntil: '2020-01-01' }, 'VALID_UNTIL_IN_PAST'],
        [{ ...base, categories: ['ORG_INTERNAL'] }, 'ORG_INTERNAL_NOT_CONSENTABLE'],
        [{ ...base, recipientMunicipality: null }, 'EMPTY_RECIPIENT_MUNICIPALITY'],
        [{ ...base, categories: [] }, 'NO_CATEGORIES'],
        [{ ...base, formReference: '' }, 'EMPTY_FORM_REFERENCE'],
      ];
      for (const [input, reason] of bad) {
        const r = await call('employment', GRANT, { hetu, input });
        expect(r.errors?.[0]?.extensions, reason).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      }
      expect(await countRows(consents, eq(consents.hetu, hetu))).toBe(0);
      const granted = (await call('employment', GRANT, { hetu, input: base })).data.grantConsent;
      expect(granted).toMatchObject({ validFrom: today, inForce: true, categories: ['IDENTITY'] });
      const READ = '{ client(hetu: "' + hetu + '") { joint { identity { lastName } plan { id } } } }';
      const seen = await call('loviisa', READ, {});
      expect(seen.data.client.joint.identity).toEqual({ lastName: 'Henkilö' });
      expect(seen.errors?.[0]?.extensions).toMatchObject({ reason: 'NO_LEGAL_BASIS' });
      const revoked = await call('employment', 'mutation($id: ID!) { revokeConsent(id: $id) { inForce revokedAt } }', {
        id: granted.id,
      });
      expect(revoked.data.revokeConsent.inForce).toBe(false);
      const after = await call('loviisa', READ, {});
      expect(after.data.client.joint.identity).toBeNull();
      const unknown = await call(
        'employment',
        'mutation { revokeConsent(id: "00000000-0000-0000-0000-000000000000") { id } }',
        {},
      );
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_FOUND' });
    });

    it('applies a mutation sent again with the same Idempotency-Key once, answering the same', async () => {
      const hetu = newPerson();
      await start(hetu);
      const key = { 'idempotency-key': `k-${hetu}` };
      const vars = { hetu, kind: 'SERVICE_NEED', summary: 'Needs a work trial' };
      const [first, second] = await Promise.all([
        call('employment', ASSESS, vars, { headers: key }),
        call('employment', ASSESS, vars, { headers: key }),
      ]);
      const third = await call('employment', ASSESS, vars, { headers: key });
      expect(first.data.recordAssessment.id).toBeTruthy();
      expect(second.data.recordAssessment).toEqual(first.data.recordAssessment);
      expect(third.data.recordAssessment).toEqual(first.data.recordAssessment);
      expect(await countRows(assessments, eq(assessments.hetu, hetu))).toBe(1);
      const reused = await call('employment', ASSESS, { ...vars, summary: 'Something else' }, { headers: key });
      expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await countRows(assessments, eq(assessments.hetu, hetu))).toBe(1);
    });

    it('retention deletes four-year-old customerships except under legal hold; --dry-run changes nothing', async () => {
      const HOLD =
        'mutation($hetu: ID!, $reason: String!) { setLegalHold(hetu: $hetu, reason: $reason) { legalHold } }';
      const LIFT =
        'mutation($hetu: ID!, $reason: String!) { liftLegalHold(hetu: $hetu, reason: $reason) { legalHold } }';
      const notSupervisor = await call('employment', HOLD, { hetu: '121260-9075', reason: 'Appeal pending' });
      expect(notSupervisor.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_NECESSARY_FOR_ROLE',
      });
      const noReason = await call('supervisor', HOLD, { hetu: '121260-9075', reason: ' ' });
      expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMPTY_REASON' });
      expect(
        (await call('supervisor', HOLD, { hetu: '121260-9075', reason: 'Appeal pending at the administrative court' }))
          .data.setLegalHold.legalHold,
      ).toBe(true);

      const db = jointDb();
      const before = await countRows(customerships, eq(customerships.status, 'ENDED'));
      const dry = await runRetention(db, { today, dryRun: true });
      expect(dry.lines.map((l) => l.hetu)).not.toContain('121260-9075');
      expect(await countRows(customerships, eq(customerships.status, 'ENDED'))).toBe(before);

      expect(
        (await call('supervisor', LIFT, { hetu: '121260-9075', reason: 'The court decided the appeal' })).data
          .liftLegalHold.legalHold,
      ).toBe(false);
      const dry2 = await runRetention(db, { today, dryRun: true });
      const line = dry2.lines.find((l) => l.hetu === '121260-9075');
      expect(line).toMatchObject({ customerships: 1, identity: true });
      // Two runs at once (two joint replicas at night, or an operator's beside the scheduled one): the
      // data goes once, and the two reports together name each deletion once.
      const runs = await Promise.all([
        runRetention(db, { today, dryRun: false }),
        runRetention(db, { today, dryRun: false }),
      ]);
      const real = runs.find((r) => r.totals.customerships > 0)!;
      expect(real.totals).toEqual(dry2.totals);
      expect(runs.filter((r) => r.totals.customerships > 0)).toHaveLength(1);
      expect(await countRows(customerships, eq(customerships.hetu, '121260-9075'))).toBe(0);
      expect(await countRows(assessments, eq(assessments.hetu, '121260-9075'))).toBe(0);
      // Nothing younger than four years was touched.
      expect(await countRows(customerships, eq(customerships.hetu, '020270-9022'))).toBe(1);
      expect((await runRetention(db, { today, dryRun: true })).totals.customerships).toBe(0);
    });
  });
}

export type { GqlResult };
