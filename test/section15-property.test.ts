// The whole system against the one decision function: for random callers, purposes and persons,
// every categorised field that comes back through the gateway is one `decide()` grants, and every
// refusal carries exactly `decide()`'s reason. The person facts come from the seeded world itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { controllersOf, cooperationAreas, KELA_CONTROLLER } from '../shared/areas.ts';
import { loadPolicy } from '../shared/policy-config.ts';
import {
  decide,
  decideWithoutPerson,
  finnishDate,
  type Access,
  type Decision,
  type PersonFacts,
} from '../shared/policy.ts';
import { buildWorld, fixturePersons } from '../seed/world.ts';
import type { WorldPerson } from '../seed/types.ts';
import { ORGS, PURPOSES, ROLES_BY_ORG, type Caller, type Purpose } from '../shared/vocabulary.ts';
import type { System } from '../cli/system.ts';
import { BACKENDS, codes, errorAt, gql, startTestSystem, TEST_WORLD, type GqlResult } from './support/system.ts';
import {
  FIELD_PATHS,
  FIELDS,
  fieldRef,
  leakingErrors,
  personQuery,
  personSelection,
  valueAt,
  type FieldPath,
} from './support/section15.ts';

const IU = 'ita-uusimaa';
const KU = 'keski-uusimaa';
const UNKNOWN = '070777-9998';
const TWIN = '150385Y9013';
const NUM_RUNS = 100;

const today = finnishDate();
const world = buildWorld({ ...TEST_WORLD, today });
const byHetu = new Map(world.map((p) => [p.hetu, p]));
const fixtureHetus = fixturePersons(today).map((p) => p.hetu);
const generated = world.filter((p) => !fixtureHetus.includes(p.hetu));
const activeIn = (p: WorldPerson, area: string) =>
  p.joint?.customerships.some((c) => c.status === 'ACTIVE' && c.area === area) ?? false;
const some = (pred: (p: WorldPerson) => boolean, n: number) =>
  generated
    .filter(pred)
    .slice(0, n)
    .map((p) => p.hetu);
const PERSONS = [
  ...new Set([
    ...fixtureHetus,
    ...some((p) => (p.joint?.consents.length ?? 0) > 0, 4),
    ...some((p) => activeIn(p, IU), 2),
    ...some((p) => activeIn(p, KU), 2),
    ...some((p) => !!p.joint && !activeIn(p, IU) && !activeIn(p, KU), 2),
    ...some((p) => !p.joint, 2),
    // Persons who moved: the other area's county holds rows about them too (docs/LAW.md rule 10).
    ...some(
      (p) =>
        p.wellbeing?.socialAssessments.some((a) => a.controller && a.controller !== p.wellbeing!.controller) ?? false,
      2,
    ),
    UNKNOWN,
    TWIN,
  ]),
];

/** What the joint record knows of a person, as the seed wrote it. */
function factsOf(hetu: string): PersonFacts {
  const joint = byHetu.get(hetu)?.joint;
  const active = joint?.customerships.find((c) => c.status === 'ACTIVE');
  return {
    hetu,
    activeCustomership: active ? { area: active.area } : null,
    consents: (joint?.consents ?? []).map((c, i) => ({
      id: String(i),
      recipientOrg: c.recipientOrg,
      recipientMunicipality: c.recipientMunicipality ?? null,
      categories: c.categories,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      revokedAt: c.revokedAt ?? null,
    })),
  };
}

/** The controllers of the rows the seeded world holds for a register field of this person, one per row. */
function rowControllers(hetu: string, path: FieldPath): string[] {
  const p = byHetu.get(hetu);
  const e = p?.employment;
  const w = p?.wellbeing;
  const k = p?.kela;
  const of = (part: { controller: string } | undefined, rows: { controller?: string }[] | undefined) =>
    (rows ?? []).map((r) => r.controller ?? part!.controller);
  switch (path) {
    case 'employment.jobSeeker':
      return e?.jobSeeker ? [e.controller] : [];
    case 'employment.education':
      return of(e, e?.education);
    case 'employment.workHistory':
      return of(e, e?.workHistory);
    case 'employment.skills':
      return of(e, e?.skills);
    case 'employment.services':
      return of(e, e?.services);
    case 'employment.benefitStatements':
      return of(e, e?.benefitStatements);
    case 'wellbeing.socialSituation':
      return of(w, w?.socialAssessments);
    case 'wellbeing.workAbility':
      return of(w, w?.workAbilityAssessments);
    case 'wellbeing.rehabilitativeWork':
      return of(w, w?.rehabilitativeWork);
    case 'wellbeing.diagnoses':
      return of(w, w?.diagnoses);
    case 'kela.benefits':
      return (k?.benefits ?? []).map(() => KELA_CONTROLLER);
    case 'kela.rehabilitation':
      return (k?.rehabilitation ?? []).map(() => KELA_CONTROLLER);
    case 'kela.payments':
      return (k?.payments ?? []).map(() => KELA_CONTROLLER);
    default:
      throw new Error(`${path} is not a register field`);
  }
}

/**
 * The expected outcome of a field, written from the contract and docs/LAW.md rule 10: in a register each row is
 * decided by its controller (the caller's own: `decide` for rows it stored; others: for another's); the
 * field is refused only when both refuse, with the own rows' reason; otherwise it holds the rows allowed.
 */
function expected(access: Access, facts: PersonFacts, path: FieldPath): { decision: Decision; present: boolean } {
  const field = fieldRef(path);
  if (field.register === 'joint') {
    const decision = decide(access, facts, field);
    return { decision, present: decision.allowed && hasData(facts.hetu, path) };
  }
  const ownKind = access.caller.org === field.register;
  const own = ownKind ? decide(access, facts, { ...field, storedByCaller: true }) : null;
  const other = decide(access, facts, { ...field, storedByCaller: false });
  const mine = ownKind ? controllersOf(access.caller) : [];
  const present = rowControllers(facts.hetu, path).some((c) => (own && mine.includes(c) ? own : other).allowed);
  const decision = own?.allowed ? own : other.allowed ? other : (own ?? other);
  return { decision, present };
}

/** Whether the seeded world holds anything for this joint-record field of this person. */
function hasData(hetu: string, path: FieldPath): boolean {
  const p = byHetu.get(hetu);
  if (!p) return false;
  const all = p.joint?.customerships ?? [];
  // The joint record shows the active customership, or else the latest.
  const shown =
    all.find((c) => c.status === 'ACTIVE') ?? [...all].sort((a, b) => b.startedOn.localeCompare(a.startedOn))[0];
  const assessment = (kind: string) => shown?.assessments.some((a) => a.kind === kind) ?? false;
  const n = (list: unknown[] | undefined) => (list?.length ?? 0) > 0;
  switch (path) {
    case 'joint.customership':
      return all.length > 0;
    case 'joint.identity':
      return all.length > 0;
    case 'joint.serviceNeed':
      return assessment('SERVICE_NEED');
    case 'joint.socialSituation':
      return assessment('SOCIAL_SITUATION');
    case 'joint.workCapacity':
      return assessment('WORK_CAPACITY');
    case 'joint.plan':
      return !!shown?.plan;
    case 'joint.appointments':
      return n(shown?.appointments);
    case 'joint.consents':
      return n(p.joint?.consents);
    default:
      return rowControllers(hetu, path).length > 0;
  }
}

const municipalitiesOf = (areas: string[]) =>
  cooperationAreas()
    .filter((a) => areas.length === 0 || areas.includes(a.id))
    .flatMap((a) => a.municipalities);

const callerArb: fc.Arbitrary<Caller> = fc.constantFrom(...ORGS).chain((org) =>
  fc
    .record({ role: fc.constantFrom(...ROLES_BY_ORG[org]), areas: fc.subarray([IU, KU]) })
    .chain(({ role, areas }): fc.Arbitrary<Caller> => {
      if (org === 'municipality') {
        return fc
          .constantFrom(...municipalitiesOf(areas))
          .map((municipality) => ({ sub: `worker@${municipality}`, org, role, areas, municipality }));
      }
      if (org === 'citizen') return fc.constantFrom(...PERSONS).map((sub) => ({ sub, org, role, areas }));
      return fc.constant({ sub: `${role}@${org}`, org, role, areas });
    }),
);
const purposeArb = fc.constantFrom<Purpose | null>(...PURPOSES, null);

/**
 * The field checks for one person: allowed → no error, data exactly where the world has some; refused → null with
 * decide's reason.
 */
function expectFieldsAsDecided(
  r: GqlResult<any>,
  access: Access,
  person: unknown,
  prefix: string,
  hetu: string,
): number {
  const facts = factsOf(hetu);
  let refusals = 0;
  for (const path of FIELD_PATHS) {
    const { decision, present: expectPresent } = expected(access, facts, path);
    const value = valueAt(person, path.split('.'));
    const error = errorAt(r, `${prefix}.${path}`);
    const label = `${hetu} ${path} (${FIELDS[path].category}): ${decision.allowed ? decision.basis : decision.reason}`;
    if (decision.allowed) {
      expect(error, label).toBeUndefined();
      const present = value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
      expect(present, label).toBe(expectPresent);
    } else {
      refusals++;
      expect(value, label).toBeNull();
      expect(error?.extensions, label).toMatchObject({ code: 'FORBIDDEN', reason: decision.reason });
    }
  }
  return refusals;
}

const backend = BACKENDS[0]!;
describe(`every field as decide() decides, on ${backend.name}`, () => {
  let system: System;
  const policy = loadPolicy();

  beforeAll(async () => {
    system = await startTestSystem(backend);
  });
  afterAll(async () => system?.close());

  it('the persons include fixtures, generated clients, consents, non-clients, an unknown person and a twin', () => {
    expect(PERSONS.length).toBeGreaterThanOrEqual(fixtureHetus.length + 10);
    expect(byHetu.has(UNKNOWN)).toBe(false);
    expect(byHetu.has(TWIN)).toBe(false);
  });

  it('client(hetu:) and me: data only where decide() grants, refusals with its reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        callerArb,
        purposeArb,
        fc.constantFrom(...PERSONS),
        fc.constantFrom<'client' | 'me'>('client', 'client', 'me'),
        async (caller, purpose, person, root) => {
          const token = await system.token(caller);
          const hetu = root === 'me' ? caller.sub : person;
          const r = await gql<any>(system.url, personQuery(root, FIELD_PATHS), {
            token,
            purpose,
            variables: root === 'client' ? { hetu } : undefined,
          });
          expect(leakingErrors(r)).toEqual([]);
          if (purpose === null) {
            // Refused before any subgraph is asked.
            expect(r.status).toBe(400);
            expect(codes(r)).toEqual(['PURPOSE_REQUIRED']);
            expect(r.data ?? null).toBeNull();
            return;
          }
          if (root === 'me' && caller.org !== 'citizen') {
            expect(r.data?.me ?? null).toBeNull();
            expect(r.errors).toHaveLength(1);
            expect(r.errors![0]!.path).toEqual(['me']);
            expect(r.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
            return;
          }
          expect(r.status).toBe(200);
          expect(r.data[root].hetu).toBe(hetu);
          const access: Access = { policy, caller, purpose, today };
          const refusals = expectFieldsAsDecided(r, access, r.data[root], root, hetu);
          expect(r.errors ?? []).toHaveLength(refusals);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);

  it('caseload: refused as a whole before any person when the caller or purpose may not list clients', async () => {
    const query = `{ caseload(first: 3) { totalCount nodes { hetu ${personSelection(FIELD_PATHS)} } } }`;
    await fc.assert(
      fc.asyncProperty(callerArb, purposeArb, async (caller, purpose) => {
        const r = await gql<any>(system.url, query, { token: await system.token(caller), purpose });
        expect(leakingErrors(r)).toEqual([]);
        if (purpose === null) {
          expect(r.status).toBe(400);
          expect(codes(r)).toEqual(['PURPOSE_REQUIRED']);
          expect(r.data ?? null).toBeNull();
          return;
        }
        const access: Access = { policy, caller, purpose, today };
        // Listing clients discloses their customership and identity.
        const early = [
          decideWithoutPerson(access, { register: 'joint', category: 'CUSTOMERSHIP' }),
          decideWithoutPerson(access, { register: 'joint', category: 'IDENTITY' }),
        ].find((d) => d && !d.allowed);
        const listable =
          !early &&
          ['employment', 'wellbeing', 'kela'].includes(caller.org) &&
          ['ASSESSMENT', 'PLANNING', 'PLAN_REVIEW', 'COORDINATION'].includes(purpose);
        if (!listable) {
          expect(r.data?.caseload ?? null).toBeNull();
          expect(r.errors).toHaveLength(1);
          expect(r.errors![0]!.path).toEqual(['caseload']);
          expect(r.errors![0]!.extensions).toMatchObject({
            code: 'FORBIDDEN',
            reason: early && !early.allowed ? early.reason : 'NO_LEGAL_BASIS',
          });
          return;
        }
        const inScope = world.filter((p) => caller.areas.some((a) => activeIn(p, a))).map((p) => p.hetu);
        expect(r.data.caseload.totalCount).toBe(inScope.length);
        expect(r.data.caseload.nodes).toHaveLength(Math.min(3, inScope.length));
        let refusals = 0;
        r.data.caseload.nodes.forEach((node: any, i: number) => {
          expect(inScope).toContain(node.hetu);
          refusals += expectFieldsAsDecided(r, access, node, `caseload.nodes.${i}`, node.hetu);
        });
        expect(r.errors ?? []).toHaveLength(refusals);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
