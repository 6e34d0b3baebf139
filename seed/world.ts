// The deterministic demo world: the fixture persons of docs/CONTRACT.md section 4 (fixtures.json, dates
// relative to the seed day) followed by generated persons. Generated hetus use individual numbers
// 900–999 only (docs/LAW.md rule 21), so none can belong to a real person.
import { controllerIn } from '../shared/areas.ts';
import { makeHetu } from '../shared/hetu.ts';
import type { Authority, DataCategory, EndReason, Org } from '../shared/vocabulary.ts';
import { addMonths, dayOf, helsinkiTimestamp, isoDate, toDay, yearOf } from './dates.ts';
import fixturesJson from './fixtures.json' with { type: 'json' };
import * as N from './names.ts';
import type { AreaId, EducationLevel, MunicipalityInfo } from './names.ts';
import { mixSeed, Random, weighted } from './random.ts';
import type {
  AppointmentSeed,
  AssessmentSeed,
  ConsentSeed,
  CustomershipSeed,
  EmploymentSeed,
  JointSeed,
  KelaBenefitType,
  KelaSeed,
  Official,
  PlanSeed,
  WellbeingSeed,
  WorldPerson,
} from './types.ts';

export interface WorldOptions {
  clients: number;
  seed: number;
  /** The seed day, YYYY-MM-DD: every generated date is relative to it. */
  today: string;
}

// ---- relative dates in the fixtures -------------------------------------------------------------

const RELATIVE = /^(today|now)((?:[+-]\d+[dmy])*)(?:@(\d{2}):(\d{2}))?$/;
const STEP = /([+-])(\d+)([dmy])/g;

function resolveOne(text: string, base: number): string {
  const m = RELATIVE.exec(text);
  if (!m) return text;
  let day = base;
  for (const [, sign, amount, unit] of m[2]!.matchAll(STEP)) {
    const n = (sign === '-' ? -1 : 1) * Number(amount);
    day = unit === 'd' ? day + n : addMonths(day, unit === 'm' ? n : 12 * n);
  }
  if (m[1] === 'today') {
    if (m[3] !== undefined) throw new Error(`a date has no time of day: "${text}"`);
    return isoDate(day);
  }
  const minutes = m[3] === undefined ? 600 : Number(m[3]) * 60 + Number(m[4]);
  if (minutes < 240 || minutes >= 1440) throw new Error(`time of day must be 04:00–23:59 Helsinki time: "${text}"`);
  return helsinkiTimestamp(day, minutes);
}

/**
 * A deep copy of `value` with every relative date resolved against `today` (YYYY-MM-DD):
 * `"today"`, `"today-400d"`, `"today+14d"`, `"today-2m"`, `"today-5y"`, steps chainable
 * (`"today-1y-2m"`), become dates; `"now-30d"` becomes the ISO timestamp of 10:00 Helsinki time
 * that day, `"now-30d@13:15"` of that local time. Other strings are kept as they are.
 */
export function resolveRelativeDates<T>(value: T, today: string): T {
  const base = toDay(today);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return resolveOne(v, base);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** The fixture persons with their dates resolved; a fresh copy on every call. */
export function fixturePersons(today: string): WorldPerson[] {
  return resolveRelativeDates(fixturesJson as unknown as WorldPerson[], today);
}

// ---- the generator --------------------------------------------------------------------------------

export function buildWorld(opts: WorldOptions): WorldPerson[] {
  const { clients, seed, today } = opts;
  if (!Number.isSafeInteger(clients) || clients < 0)
    throw new Error(`clients must be a non-negative integer, got ${clients}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const world = fixturePersons(today);
  const used = new Set(world.map((p) => p.hetu));
  const ctx = new Context(toDay(today));
  for (let i = 0; i < clients; i++) {
    // One stream per person: person i is the same whatever the world's size.
    world.push(generatePerson(new Random(mixSeed(seed, i)), ctx, used));
  }
  return world;
}

type JointState = 'ACTIVE' | 'ENDED' | 'NONE';
type JobSeekerStatus = NonNullable<EmploymentSeed['jobSeeker']>['status'];
type PlanServiceStatus = PlanSeed['services'][number]['status'];

interface OfficialPools {
  employment: Official[];
  employmentWorkAbility: Official[];
  employmentSupervisor: Official[];
  social: Official[];
  health: Official[];
  kelaService: Official[];
  kelaWorkAbility: Official[];
}

class Context {
  readonly today: number;
  /** Generated events happen by yesterday at the latest, so none lies later than the seed moment. */
  readonly last: number;
  readonly todayYear: number;
  readonly maxBirthYear: number;
  /** Customerships that ended on or before this day are due for deletion (rule 11). */
  readonly retentionLimit: number;
  readonly pools: Record<AreaId, OfficialPools>;
  readonly municipality: (rng: Random) => MunicipalityInfo;
  readonly otherMunicipalities: Map<string, readonly string[]>;

  constructor(today: number) {
    this.today = today;
    this.last = today - 1;
    this.todayYear = yearOf(today);
    this.maxBirthYear = Math.min(2006, this.todayYear - 18);
    if (this.maxBirthYear < 1960) throw new Error(`today ${isoDate(today)} is too early for birth years 1960–2006`);
    this.retentionLimit = addMonths(today, -48);
    const T = N.TITLES;
    const pool = (area: AreaId, org: Authority, titles: string[]) =>
      N.OFFICIALS.filter((o) => o.area === area && o.org === org && titles.includes(o.title));
    this.pools = {} as Record<AreaId, OfficialPools>;
    for (const area of N.AREA_IDS) {
      this.pools[area] = {
        employment: pool(area, 'employment', [T.employmentSpecialist]),
        employmentWorkAbility: pool(area, 'employment', [T.workAbilityCoordinator, T.psychologist]),
        employmentSupervisor: pool(area, 'employment', [T.supervisor]),
        social: pool(area, 'wellbeing', [T.socialWorker, T.socialInstructor]),
        health: pool(area, 'wellbeing', [T.publicHealthNurse, T.workAbilityCoordinator]),
        kelaService: pool(area, 'kela', [T.serviceSpecialist]),
        kelaWorkAbility: pool(area, 'kela', [T.workAbilitySpecialist]),
      };
    }
    const byArea = (area: AreaId) =>
      weighted(N.MUNICIPALITIES.filter((m) => m.area === area).map((m) => [m, m.weight] as const));
    const ita = byArea('ita-uusimaa');
    const keski = byArea('keski-uusimaa');
    // Itä-Uusimaa is over-represented on purpose (it has about 40% of Keski-Uusimaa's population), so
    // that area-level views and statistics have plenty of clients in both.
    this.municipality = (rng) => (rng.chance(0.55) ? ita(rng) : keski(rng));
    this.otherMunicipalities = new Map(
      N.MUNICIPALITIES.map((m) => [
        m.name,
        N.MUNICIPALITIES.filter((x) => x.area === m.area && x !== m).map((x) => x.name),
      ]),
    );
  }
}

const jointState = weighted<JointState>([
  ['ACTIVE', 70],
  ['ENDED', 20],
  ['NONE', 10],
]);
const endReason = weighted<EndReason>([
  ['EMPLOYED', 35],
  ['BASIC_SERVICES_SUFFICE', 30],
  ['LONG_TERM_SOLUTION', 20],
  ['JOB_SEARCH_ENDED', 15],
]);
// An active TYM client is a registered job seeker.
const activeJobSeeker = weighted<JobSeekerStatus>([
  ['UNEMPLOYED', 58],
  ['IN_SERVICE', 26],
  ['PART_TIME', 12],
  ['LAID_OFF', 4],
]);
const otherJobSeeker = weighted<JobSeekerStatus>([
  ['UNEMPLOYED', 50],
  ['PART_TIME', 15],
  ['LAID_OFF', 10],
  ['EMPLOYED', 15],
  ['IN_SERVICE', 10],
]);
const highestEducation = weighted<EducationLevel>([
  ['basic', 22],
  ['upper', 8],
  ['vocational', 45],
  ['uas', 17],
  ['university', 8],
]);
const skillLevel = weighted<'BASIC' | 'GOOD' | 'EXCELLENT'>([
  ['BASIC', 35],
  ['GOOD', 50],
  ['EXCELLENT', 15],
]);
const diagnosis = weighted(N.ICD10.map((d) => [d, d.weight] as const));
const diagnosisCount = weighted([
  [0, 45],
  [1, 35],
  [2, 15],
  [3, 5],
]);
const CONSENT_EXTRA_CATEGORIES: DataCategory[] = ['CUSTOMERSHIP', 'COMPETENCE', 'SERVICE_NEED', 'PLAN'];
const MUNICIPAL_ADULT_SERVICES = N.PLAN_SERVICES.municipality.filter((s) => s !== 'Outreach youth work');
const KELA_SERVICES = [...N.PLAN_SERVICES.kela, N.PLAN_SERVICES.kelaYouth];
const PRIOR_END_REASONS = ['EMPLOYED', 'BASIC_SERVICES_SUFFICE', 'JOB_SEARCH_ENDED'] as const;
const OTHER_REHABILITATION = [
  'VOCATIONAL_REHABILITATION',
  'REHABILITATION_COURSE',
  'REHABILITATIVE_PSYCHOTHERAPY',
] as const;
const BASIC_SERVICES_STATUSES = ['UNEMPLOYED', 'PART_TIME', 'IN_SERVICE'] as const;
const AGREED_WITH_KELA: Authority[] = ['employment', 'wellbeing', 'kela'];
const AGREED: Authority[] = ['employment', 'wellbeing'];
/** A plan younger than this has services still waiting to start. */
const FRESH_PLAN_DAYS = 30;

// Appointment participant lists are shared between persons: a large world has millions of them.
const PARTICIPANTS: Org[][] = [
  ['citizen', 'employment'],
  ['citizen', 'employment', 'wellbeing'],
  ['citizen', 'employment', 'kela'],
  ['citizen', 'employment', 'wellbeing', 'kela'],
].map((p) => Object.freeze(p) as Org[]);

const DEGREES_BY_LEVEL = {} as Record<EducationLevel, N.Degree[]>;
for (const d of N.DEGREES) (DEGREES_BY_LEVEL[d.level] ??= []).push(d);
const LEVEL_RANK: Record<EducationLevel, number> = { basic: 0, upper: 1, vocational: 2, uas: 3, university: 4 };

const ASCII: Record<string, string> = { ä: 'a', å: 'a', ö: 'o', é: 'e', ü: 'u' };
const emailParts = new Map<string, string>();
function emailPart(name: string): string {
  let part = emailParts.get(name);
  if (part === undefined) {
    part = name
      .toLowerCase()
      .replace(/[äåöéü]/g, (c) => ASCII[c]!)
      .replace(/[^a-z]/g, '');
    emailParts.set(name, part);
  }
  return part;
}

// Summaries are combinations of a few fixed sentences; each combination is built once.
const summaries = new Map<number, string>();
function summary(
  rng: Random,
  group: number,
  a: readonly string[],
  b: readonly string[],
  c?: readonly string[],
): string {
  const i = rng.int(0, a.length - 1);
  const j = rng.int(0, b.length - 1);
  const k = c ? rng.int(0, c.length - 1) : 0;
  const key = ((group * 100 + i) * 100 + j) * 100 + k;
  let text = summaries.get(key);
  if (text === undefined) {
    text = c ? `${a[i]} ${b[j]} ${c[k]}` : `${a[i]} ${b[j]}`;
    summaries.set(key, text);
  }
  return text;
}
const serviceNeedSummary = (rng: Random) =>
  summary(rng, 1, N.SERVICE_NEED_TEXTS.situation, N.SERVICE_NEED_TEXTS.barrier, N.SERVICE_NEED_TEXTS.direction);
const socialSummary = (rng: Random) =>
  summary(rng, 2, N.SOCIAL_SITUATION_TEXTS.finding, N.SOCIAL_SITUATION_TEXTS.conclusion);
const capacitySummary = (rng: Random) =>
  summary(rng, 3, N.WORK_CAPACITY_TEXTS.finding, N.WORK_CAPACITY_TEXTS.conclusion);

/** Office hours, 08:00–16:00 Helsinki time, in five-minute steps. */
const timestamp = (rng: Random, day: number): string => helsinkiTimestamp(day, rng.int(96, 192) * 5);

const amounts = new Map<number, string>();
function euros(cents: number): string {
  let text = amounts.get(cents);
  if (text === undefined) {
    text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    amounts.set(cents, text);
  }
  return text;
}

const byText =
  <T extends Record<K, string>, K extends keyof T>(key: K) =>
  (a: T, b: T) =>
    a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
const byRecordedAt = byText<{ recordedAt: string }, 'recordedAt'>('recordedAt');
const byStartedOn = byText<{ startedOn: string }, 'startedOn'>('startedOn');
const byGivenOn = byText<{ givenOn: string }, 'givenOn'>('givenOn');
const byDiagnosedOn = byText<{ diagnosedOn: string }, 'diagnosedOn'>('diagnosedOn');
const bySince = byText<{ since: string }, 'since'>('since');
const byPaidOn = byText<{ paidOn: string }, 'paidOn'>('paidOn');

/** One person being generated, with the day numbers of their latest customership. */
interface Draft {
  rng: Random;
  ctx: Context;
  area: AreaId;
  municipality: string;
  sv: boolean;
  birth: number;
  /** The 17th birthday: no register history starts before it. */
  adult: number;
  /** The 30th birthday: the youth services are for those under 30. */
  thirty: number;
  pools: OfficialPools;
  state: JointState;
  start?: number;
  end?: number;
  endReason?: EndReason;
  planDay?: number;
  kelaService?: { description: string; status: PlanServiceStatus };
}

function generatePerson(rng: Random, ctx: Context, used: Set<string>): WorldPerson {
  const muni = ctx.municipality(rng);
  const area = muni.area;
  const sv = rng.chance(muni.swedishShare);
  const male = rng.chance(0.5);

  // The individual number's parity follows sex, as in real codes: odd for men, even for women.
  let birth = randomBirthDay(rng, ctx);
  let hetu = '';
  for (let attempt = 1; ; attempt++) {
    hetu = makeHetu(isoDate(birth), 900 + 2 * rng.int(0, 49) + (male ? 1 : 0));
    if (!used.has(hetu)) break;
    if (attempt % 25 === 0) birth = randomBirthDay(rng, ctx);
  }
  used.add(hetu);

  const firstName = sv
    ? rng.pick(male ? N.SWEDISH_MALE_NAMES : N.SWEDISH_FEMALE_NAMES)
    : rng.pick(male ? N.FINNISH_MALE_NAMES : N.FINNISH_FEMALE_NAMES);
  const lastName = rng.chance(sv ? 0.8 : 0.05) ? rng.pick(N.SWEDISH_SURNAMES) : rng.pick(N.FINNISH_SURNAMES);
  const phone = `+358${rng.pick(N.MOBILE_PREFIXES)}${rng.int(1_000_000, 9_999_999)}`;
  const number = rng.chance(0.4) ? rng.int(1, 99) : '';
  const email = `${emailPart(firstName)}.${emailPart(lastName)}${number}@${N.EMAIL_DOMAIN}`;

  const d: Draft = {
    rng,
    ctx,
    area,
    municipality: muni.name,
    sv,
    birth,
    adult: addMonths(birth, 12 * 17),
    thirty: addMonths(birth, 12 * 30),
    pools: ctx.pools[area],
    state: jointState(rng),
  };
  const person: WorldPerson = {
    hetu,
    firstName,
    lastName,
    language: sv ? 'sv' : 'fi',
    municipality: muni.name,
    phone,
    email,
  };
  if (d.state !== 'NONE') person.joint = makeJoint(d);
  const employment = makeEmployment(d);
  if (employment) person.employment = employment;
  const kela =
    d.kelaService !== undefined || rng.chance(d.state === 'ACTIVE' ? 0.65 : 0.4) ? makeKela(d, employment) : undefined;
  if (kela) person.kela = kela;
  // Everyone generated is in at least one register.
  const mustHaveWellbeing = !person.joint && !employment && !kela;
  if (mustHaveWellbeing || rng.chance(d.state === 'ACTIVE' ? 0.85 : d.state === 'ENDED' ? 0.7 : 0.45))
    person.wellbeing = makeWellbeing(d);
  return person;
}

function randomBirthDay(rng: Random, ctx: Context): number {
  const year = rng.int(1960, ctx.maxBirthYear);
  return rng.dayBetween(dayOf(year, 1, 1), dayOf(year, 12, 31));
}

// ---- joint record ---------------------------------------------------------------------------------

function makeJoint(d: Draft): JointSeed {
  const { rng, ctx } = d;
  const customerships: CustomershipSeed[] = [];
  if (d.state === 'ACTIVE') {
    // Recent starts are commoner: long customerships have had more time to end.
    let start = ctx.last - Math.floor(1095 * rng.next() ** 1.25);
    if (start < d.adult) start = rng.dayBetween(d.adult, ctx.last);
    if (rng.chance(0.04)) {
      const prevEnd = start - rng.int(60, 500);
      const prevStart = prevEnd - rng.int(120, 600);
      if (prevStart >= d.adult)
        customerships.push(makeCustomership(d, prevStart, prevEnd, rng.pick(PRIOR_END_REASONS)));
    }
    customerships.push(makeCustomership(d, start));
  } else {
    // About one in eight ended more than four years ago: due for deletion under rule 11.
    let end = rng.chance(0.12) ? ctx.today - rng.int(4 * 365 + 2, 6 * 365) : ctx.today - rng.int(1, 4 * 365 - 2);
    let start = end - rng.int(90, 900);
    if (start < d.adult) {
      start = rng.dayBetween(d.adult, ctx.last - 120);
      end = rng.dayBetween(start + 90, ctx.last);
    }
    customerships.push(makeCustomership(d, start, end, endReason(rng)));
  }
  const consents: ConsentSeed[] = [];
  if (rng.chance(d.state === 'ACTIVE' ? 0.12 : 0.05)) {
    const consent = makeConsent(d, customerships[customerships.length - 1]!);
    if (consent) consents.push(consent);
  }
  return { customerships, consents };
}

/** Records the customership's day numbers in the draft: the registers are made consistent with the latest. */
function makeCustomership(d: Draft, start: number, end?: number, reason?: EndReason): CustomershipSeed {
  const { rng, pools } = d;
  const horizon = end ?? d.ctx.last;
  const youth = start < d.thirty;
  const employmentOfficial = rng.pick(pools.employment);
  const wellbeingOfficial = rng.pick(pools.social);
  const startedBy = rng.chance(0.75) ? employmentOfficial : wellbeingOfficial;
  const withKela = rng.chance(0.25);

  const officials: Official[] = [employmentOfficial, wellbeingOfficial];
  if (rng.chance(0.2)) officials.push(rng.pick(pools.employmentWorkAbility));

  const assessments: AssessmentSeed[] = [
    {
      kind: 'SERVICE_NEED',
      summary: serviceNeedSummary(rng),
      recordedAt: timestamp(rng, Math.min(start + rng.int(0, 14), horizon)),
      recordedBy: startedBy,
    },
  ];
  const socialDay = start + rng.int(7, 60);
  if (rng.chance(0.7) && socialDay <= horizon) {
    assessments.push({
      kind: 'SOCIAL_SITUATION',
      summary: socialSummary(rng),
      recordedAt: timestamp(rng, socialDay),
      recordedBy: wellbeingOfficial,
    });
  }
  const capacityDay = start + rng.int(14, 80);
  if (rng.chance(0.5) && capacityDay <= horizon) {
    const by =
      withKela && rng.chance(0.3)
        ? rng.pick(pools.kelaWorkAbility)
        : rng.chance(0.6)
          ? rng.pick(pools.health)
          : rng.pick(pools.employmentWorkAbility);
    assessments.push({
      kind: 'WORK_CAPACITY',
      summary: capacitySummary(rng),
      recordedAt: timestamp(rng, capacityDay),
      recordedBy: by,
    });
  }
  assessments.sort(byRecordedAt);

  // The deadline is three months from the start (rule 3): most plans are on time, some late, a few
  // active customerships never get one.
  let plan: PlanSeed | undefined;
  let planDay: number | undefined;
  const planOffset = rng.chance(0.8) ? rng.int(21, 88) : rng.int(93, 170);
  const neverPlanned = end === undefined && rng.chance(0.04);
  if (!neverPlanned && start + planOffset <= horizon) {
    planDay = start + planOffset;
    plan = makePlan(d, planDay, horizon, end !== undefined, youth, withKela, employmentOfficial, wellbeingOfficial);
  }
  const kelaService = plan?.services.find((s) => s.provider === 'kela');
  if (kelaService) officials.push(rng.pick(pools.kelaService));

  const c: CustomershipSeed = {
    area: d.area,
    status: end === undefined ? 'ACTIVE' : 'ENDED',
    startedOn: isoDate(start),
    startedBy,
    officials,
    assessments,
    appointments: makeAppointments(
      d,
      start,
      horizon,
      end !== undefined,
      kelaService !== undefined,
      employmentOfficial,
      wellbeingOfficial,
    ),
  };
  if (end !== undefined) {
    c.endedOn = isoDate(end);
    c.endReason = reason!;
    // Ending is the joint assessment of the authorities taking part (rule 5).
    c.agreedBy = kelaService ? AGREED_WITH_KELA : AGREED;
  }
  if (rng.chance(0.6)) c.referralNote = rng.pick(N.REFERRAL_NOTES);
  if (plan) c.plan = plan;
  if (end !== undefined && end <= d.ctx.retentionLimit && rng.chance(0.1)) {
    c.legalHold = {
      reason: rng.pick(N.LEGAL_HOLD_REASONS),
      setBy: rng.pick(pools.employmentSupervisor),
      setOn: isoDate(rng.dayBetween(addMonths(end, 42), Math.min(addMonths(end, 48) - 1, d.ctx.last))),
    };
  }

  d.start = start;
  d.end = end;
  d.endReason = reason;
  d.planDay = planDay;
  d.kelaService = kelaService;
  return c;
}

function planServiceStatus(rng: Random, ended: boolean, planAge: number): PlanServiceStatus {
  if (ended) return rng.chance(0.8) ? 'COMPLETED' : 'CANCELLED';
  if (planAge < FRESH_PLAN_DAYS) return rng.chance(0.6) ? 'PLANNED' : 'ONGOING';
  const x = rng.next();
  return x < 0.55 ? 'ONGOING' : x < 0.85 ? 'COMPLETED' : x < 0.95 ? 'PLANNED' : 'CANCELLED';
}

function makePlan(
  d: Draft,
  planDay: number,
  horizon: number,
  ended: boolean,
  youth: boolean,
  withKela: boolean,
  employmentOfficial: Official,
  wellbeingOfficial: Official,
): PlanSeed {
  const { rng } = d;
  const planAge = horizon - planDay;
  const services: PlanSeed['services'] = [];
  for (const description of rng.sample(N.PLAN_SERVICES.employment, rng.int(1, 2))) {
    services.push({ provider: 'employment', description, status: planServiceStatus(rng, ended, planAge) });
  }
  if (rng.chance(0.8)) {
    for (const description of rng.sample(N.PLAN_SERVICES.wellbeing, rng.int(1, 2))) {
      services.push({ provider: 'wellbeing', description, status: planServiceStatus(rng, ended, planAge) });
    }
  }
  if (withKela) {
    const k = youth && rng.chance(0.5) ? N.PLAN_SERVICES.kelaYouth : rng.pick(N.PLAN_SERVICES.kela);
    services.push({ provider: 'kela', description: k.description, status: planServiceStatus(rng, ended, planAge) });
  }
  if (rng.chance(0.1)) {
    const description = rng.pick(youth ? N.PLAN_SERVICES.municipality : MUNICIPAL_ADULT_SERVICES);
    services.push({ provider: 'municipality', description, status: planServiceStatus(rng, ended, planAge) });
  }

  // Reviews at least every three months (rule 4); some slip, and some active plans stall.
  const reviews: PlanSeed['reviews'] = [];
  const stallAfter = !ended && rng.chance(0.12) ? rng.int(0, 3) : Infinity;
  let previous = planDay;
  while (reviews.length < stallAfter) {
    const day = previous + (rng.chance(0.8) ? rng.int(45, 88) : rng.int(93, 150));
    if (day > horizon) break;
    const byClient = rng.chance(0.06);
    const review: PlanSeed['reviews'][number] = {
      reviewedAt: timestamp(rng, day),
      note: rng.pick(byClient ? N.CLIENT_REQUESTED_REVIEW_NOTES : N.REVIEW_NOTES),
      reviewedBy: rng.chance(0.8) ? employmentOfficial : wellbeingOfficial,
    };
    if (byClient) review.requestedByClient = true;
    reviews.push(review);
    previous = day;
  }
  return { createdAt: timestamp(rng, planDay), createdBy: employmentOfficial, services, reviews };
}

function makeAppointments(
  d: Draft,
  start: number,
  horizon: number,
  ended: boolean,
  withKela: boolean,
  employmentOfficial: Official,
  wellbeingOfficial: Official,
): AppointmentSeed[] {
  const { rng } = d;
  const count = Math.min(8, Math.max(1, Math.round((horizon - start) / 75) + rng.int(-1, 1)));
  const days = [start];
  for (let i = 1; i < count; i++) days.push(rng.dayBetween(start + 1, horizon));
  if (ended) days.push(rng.dayBetween(Math.max(start, horizon - 14), horizon));
  days.sort((a, b) => a - b);
  const notes = N.APPOINTMENT_NOTES;
  const appointments: AppointmentSeed[] = [];
  for (let i = 0; i < days.length; i++) {
    const wellbeing = i === 0 || rng.chance(0.6);
    const kela = withKela && rng.chance(0.4);
    const a: AppointmentSeed = {
      at: timestamp(rng, days[i]!),
      mode: rng.chance(0.35) ? 'REMOTE' : 'IN_PERSON',
      participants: PARTICIPANTS[(wellbeing ? 1 : 0) + (kela ? 2 : 0)]!,
      recordedBy: wellbeing && rng.chance(0.3) ? wellbeingOfficial : employmentOfficial,
    };
    if (i === 0) a.note = notes[0];
    else if (ended && i === days.length - 1) a.note = notes[notes.length - 1];
    else if (rng.chance(0.7)) a.note = notes[rng.int(1, notes.length - 2)];
    appointments.push(a);
  }
  return appointments;
}

function makeConsent(d: Draft, c: CustomershipSeed): ConsentSeed | undefined {
  const { rng, ctx } = d;
  const start = d.start!;
  const horizon = d.end ?? ctx.last;
  if (start + 7 > horizon) return undefined;
  const validFrom = rng.dayBetween(start + 7, horizon);
  const validUntil = addMonths(validFrom, rng.chance(0.5) ? 6 : 12);
  const consent: ConsentSeed = {
    recipientOrg: 'municipality',
    recipientMunicipality: rng.chance(0.85) ? d.municipality : rng.pick(ctx.otherMunicipalities.get(d.municipality)!),
    categories: ['IDENTITY', ...rng.sample(CONSENT_EXTRA_CATEGORIES, rng.int(1, 3))],
    validFrom: isoDate(validFrom),
    validUntil: isoDate(validUntil),
    formReference: `TYM-SL-${yearOf(validFrom)}-${rng.int(10_000, 99_999)}`,
    recordedBy: c.officials[0]!,
  };
  const revokeBy = Math.min(validUntil - 1, ctx.last);
  if (rng.chance(0.1) && revokeBy > validFrom)
    consent.revokedAt = timestamp(rng, rng.dayBetween(validFrom + 1, revokeBy));
  return consent;
}

// ---- employment authority's register --------------------------------------------------------------

function endedJobSeekerStatus(rng: Random, reason: EndReason): JobSeekerStatus | undefined {
  switch (reason) {
    case 'EMPLOYED':
      return rng.chance(0.6) ? 'EMPLOYED' : undefined;
    case 'BASIC_SERVICES_SUFFICE':
      return rng.pick(BASIC_SERVICES_STATUSES);
    case 'LONG_TERM_SOLUTION':
      return rng.chance(0.5) ? 'OUTSIDE_LABOUR_FORCE' : undefined;
    case 'JOB_SEARCH_ENDED':
      return rng.chance(0.4) ? 'OUTSIDE_LABOUR_FORCE' : undefined;
  }
}

function makeEmployment(d: Draft): EmploymentSeed | undefined {
  const { rng, ctx, start, end } = d;

  let status: JobSeekerStatus | undefined;
  if (d.state === 'ACTIVE') status = activeJobSeeker(rng);
  else if (d.state === 'ENDED') {
    if (!rng.chance(0.9)) return undefined;
    status = endedJobSeekerStatus(rng, d.endReason!);
  } else if (rng.chance(0.6)) status = otherJobSeeker(rng);
  else if (!rng.chance(0.3)) return undefined;

  // Registration precedes the customership: TYM clients are mostly long-term unemployed.
  let jobSeeker: EmploymentSeed['jobSeeker'];
  let registered: number | undefined;
  let unemployedSince: number | undefined;
  if (status) {
    registered = Math.min(
      ctx.last,
      Math.max(d.adult, start !== undefined ? start - rng.int(30, 1500) : ctx.last - rng.int(10, 1500)),
    );
    jobSeeker = { status, registeredOn: isoDate(registered) };
    if (status === 'UNEMPLOYED' || status === 'LAID_OFF' || status === 'PART_TIME') {
      unemployedSince = Math.min(registered + rng.int(0, 30), start ?? ctx.last, ctx.last);
      jobSeeker.unemployedSince = isoDate(unemployedSince);
    }
  }
  const office = N.AREAS[d.area].employmentOffice;
  const controller = controllerIn('employment', d.area)!;
  const parts = { workHistory: [], skills: [], services: [], benefitStatements: [] };
  const e: EmploymentSeed = jobSeeker
    ? { controller, office, jobSeeker, education: makeEducation(d), ...parts }
    : { controller, office, education: makeEducation(d), ...parts };

  e.workHistory = makeWorkHistory(d, unemployedSince ?? registered ?? start ?? ctx.last - rng.int(30, 900));
  if (status === 'EMPLOYED' || status === 'PART_TIME' || d.endReason === 'EMPLOYED') {
    const from = Math.min(ctx.last, Math.max(d.adult, end !== undefined ? end - 20 : (unemployedSince ?? registered!)));
    const jobStart = rng.dayBetween(from, Math.min(end ?? ctx.last, ctx.last));
    e.workHistory.push({
      title: rng.pick(N.JOB_TITLES),
      employer: rng.pick(N.EMPLOYERS),
      startedOn: isoDate(jobStart),
    });
  }

  for (const name of rng.sample(N.SKILLS, rng.int(1, 4))) e.skills.push({ name, level: skillLevel(rng) });

  // Only a job seeker in service has a service under way; the others' services are over, and someone
  // no longer registered had theirs during the customership.
  const inService = status === 'IN_SERVICE';
  const servicesFrom = Math.min(ctx.last, Math.max(d.adult, registered ?? start ?? ctx.last));
  const servicesUntil = status ? ctx.last : end;
  const serviceCount = servicesUntil === undefined ? 0 : rng.int(0, 2);
  for (let i = 0; i < serviceCount; i++) {
    const length = rng.int(30, 180);
    const latestStart = inService ? servicesUntil! : servicesUntil! - length;
    if (latestStart < servicesFrom) continue;
    const s = rng.dayBetween(servicesFrom, latestStart);
    const stop = s + length;
    const service: EmploymentSeed['services'][number] = {
      type: rng.pick(N.EMPLOYMENT_SERVICE_TYPES),
      provider: rng.chance(0.5) ? office : rng.pick(N.TRAINING_PROVIDERS[d.area]),
      startedOn: isoDate(s),
      status: 'ONGOING',
    };
    if (stop <= ctx.last) {
      service.endedOn = isoDate(stop);
      service.status = rng.chance(0.85) ? 'COMPLETED' : 'INTERRUPTED';
    }
    e.services.push(service);
  }
  if (inService && !e.services.some((s) => s.status === 'ONGOING')) {
    e.services.push({
      type: rng.pick(N.EMPLOYMENT_SERVICE_TYPES),
      provider: rng.pick(N.TRAINING_PROVIDERS[d.area]),
      startedOn: isoDate(Math.max(servicesFrom, ctx.last - rng.int(10, 120))),
      status: 'ONGOING',
    });
  }
  e.services.sort(byStartedOn);

  if (registered !== undefined) {
    const count = rng.int(0, 2);
    for (let i = 0; i < count; i++) {
      const s = rng.pick(N.BENEFIT_STATEMENTS);
      e.benefitStatements.push({
        givenOn: isoDate(rng.dayBetween(registered, ctx.last)),
        statementType: s.statementType,
        outcome: s.outcome,
        reasoning: s.reasoning,
      });
    }
    e.benefitStatements.sort(byGivenOn);
  }
  return e;
}

function makeEducation(d: Draft): EmploymentSeed['education'] {
  const { rng, ctx } = d;
  const birthYear = yearOf(d.birth);
  const rank = LEVEL_RANK[highestEducation(rng)];
  const out: EmploymentSeed['education'] = [];
  const add = (level: EducationLevel, year: number) => {
    if (year > ctx.todayYear) return;
    const degree = rng.pick(DEGREES_BY_LEVEL[level]);
    out.push({ degree: degree.degree, field: rng.pick(degree.fields), institution: institution(d, level), year });
  };
  if (rank === 0 || rng.chance(0.3)) add('basic', birthYear + 16);
  if (rank === 1 || (rank >= 3 && rng.chance(0.5))) add('upper', birthYear + 19);
  if (rank === 2) add('vocational', rng.chance(0.15) ? birthYear + rng.int(28, 45) : birthYear + rng.int(19, 22));
  if (rank === 3) add('uas', birthYear + rng.int(23, 28));
  if (rank === 4) add('university', birthYear + rng.int(24, 30));
  // Too young for the degree drawn: what they have is basic education.
  if (out.length === 0) add('basic', birthYear + 16);
  return out;
}

const basicSchools = new Map<string, string>();
function institution(d: Draft, level: EducationLevel): string {
  if (level === 'basic') {
    let school = basicSchools.get(d.municipality);
    if (school === undefined) basicSchools.set(d.municipality, (school = `Comprehensive school, ${d.municipality}`));
    return school;
  }
  const byArea = N.INSTITUTIONS[level];
  const lang = d.sv ? 'sv' : 'fi';
  const local = d.rng.chance(0.8) ? byArea[d.area][lang] : [];
  return d.rng.pick(local.length > 0 ? local : byArea.any[lang]);
}

function makeWorkHistory(d: Draft, until: number): EmploymentSeed['workHistory'] {
  const { rng } = d;
  const careerStart = d.adult + rng.int(0, 4 * 365);
  const jobs: EmploymentSeed['workHistory'] = [];
  const max = rng.int(0, 4);
  let cursor = Math.min(until, d.ctx.last);
  for (let i = 0; i < max; i++) {
    const ended = cursor - (i === 0 ? rng.int(0, 20) : rng.int(0, 240));
    // Mostly short fixed-term jobs, now and then a long one.
    const started = ended - (rng.chance(0.75) ? rng.int(60, 540) : rng.int(541, 3000));
    if (started < careerStart) break;
    jobs.push({
      title: rng.pick(N.JOB_TITLES),
      employer: rng.pick(N.EMPLOYERS),
      startedOn: isoDate(started),
      endedOn: isoDate(ended),
    });
    cursor = started - 1;
  }
  return jobs.reverse();
}

// ---- wellbeing services county's register ---------------------------------------------------------

const units = new Map<string, string>();
function wellbeingUnit(d: Draft): string {
  const key = `${d.area}/${d.municipality}`;
  let unit = units.get(key);
  if (unit === undefined)
    units.set(key, (unit = `${N.AREAS[d.area].wellbeingShort} social services, ${d.municipality}`));
  return unit;
}

function makeWellbeing(d: Draft): WellbeingSeed {
  const { rng, ctx, pools, start, end } = d;
  const from = Math.min(ctx.last, Math.max(d.adult, start !== undefined ? start - 365 : ctx.last - 1000));
  const until = end !== undefined ? Math.min(end + 180, ctx.last) : ctx.last;
  const controller = controllerIn('wellbeing', d.area)!;
  const w: WellbeingSeed = {
    controller,
    unit: wellbeingUnit(d),
    socialAssessments: [],
    workAbilityAssessments: [],
    rehabilitativeWork: [],
    diagnoses: [],
  };

  const socialCount = d.state === 'NONE' ? 1 : rng.chance(0.2) ? 0 : rng.chance(0.25) ? 2 : 1;
  for (let i = 0; i < socialCount; i++) {
    w.socialAssessments.push({
      summary: socialSummary(rng),
      recordedAt: timestamp(rng, rng.dayBetween(from, until)),
      recordedBy: rng.pick(pools.social),
    });
  }
  w.socialAssessments.sort(byRecordedAt);
  if (rng.chance(d.state === 'NONE' ? 0.15 : 0.35)) {
    w.workAbilityAssessments.push({
      summary: capacitySummary(rng),
      recordedAt: timestamp(rng, rng.dayBetween(from, until)),
      recordedBy: rng.pick(pools.health),
    });
  }
  if (rng.chance(d.state === 'ACTIVE' ? 0.2 : 0.1)) {
    const s = rng.dayBetween(from, until);
    const stop = s + rng.int(60, 400);
    const work: WellbeingSeed['rehabilitativeWork'][number] = {
      provider: `Rehabilitative work activity, ${d.municipality}`,
      startedOn: isoDate(s),
      daysPerWeek: rng.int(1, 4),
      status: 'ONGOING',
    };
    if (stop <= ctx.last) {
      work.endedOn = isoDate(stop);
      work.status = rng.chance(0.8) ? 'COMPLETED' : 'INTERRUPTED';
    }
    w.rehabilitativeWork.push(work);
  }
  // A work-ability assessment usually rests on a diagnosis.
  const count = Math.max(diagnosisCount(rng), w.workAbilityAssessments.length);
  const diagnosedFrom = Math.min(ctx.last, Math.max(d.adult, ctx.last - 8 * 365));
  for (let i = 0; i < count; i++) {
    const dx = diagnosis(rng);
    if (w.diagnoses.some((x) => x.code === dx.code)) continue;
    w.diagnoses.push({
      code: dx.code,
      description: dx.description,
      diagnosedOn: isoDate(rng.dayBetween(diagnosedFrom, ctx.last)),
    });
  }
  w.diagnoses.sort(byDiagnosedOn);
  movedFrom(d, w, from);
  return w;
}

/**
 * Some persons lived in the other cooperation area before: that county, a controller of its own, still
 * keeps what it stored about them then (docs/LAW.md rule 10). Drawn last, so the rest of the person stays
 * as it was generated before.
 */
function movedFrom(d: Draft, w: WellbeingSeed, before: number): void {
  const { rng, ctx } = d;
  if (!rng.chance(0.08)) return;
  const latest = before - 60;
  if (latest - 400 < d.adult) return;
  const other = N.AREA_IDS.find((a) => a !== d.area)!;
  const controller = controllerIn('wellbeing', other)!;
  const at = rng.dayBetween(latest - 400, latest);
  const recordedBy = rng.pick(ctx.pools[other].social);
  w.socialAssessments.unshift({ summary: socialSummary(rng), recordedAt: timestamp(rng, at), recordedBy, controller });
  if (rng.chance(0.5)) {
    const dx = diagnosis(rng);
    if (!w.diagnoses.some((x) => x.code === dx.code)) {
      w.diagnoses.unshift({ code: dx.code, description: dx.description, diagnosedOn: isoDate(at), controller });
    }
  }
}

// ---- Kela's register ------------------------------------------------------------------------------

function grantBenefit(d: Draft, k: KelaSeed, type: KelaBenefitType, since: number): void {
  const decidedOn = Math.min(since + d.rng.int(0, 30), d.ctx.last);
  k.benefits.push({ type, status: 'GRANTED', since: isoDate(since), decidedOn: isoDate(decidedOn) });
}

function endedBenefit(d: Draft, k: KelaSeed, type: KelaBenefitType, since: number, until: number): void {
  const decidedOn = Math.min(since + d.rng.int(0, 30), until);
  k.benefits.push({
    type,
    status: 'ENDED',
    since: isoDate(since),
    until: isoDate(until),
    decidedOn: isoDate(decidedOn),
  });
}

function makeKela(d: Draft, e: EmploymentSeed | undefined): KelaSeed | undefined {
  const { rng, ctx, start, end } = d;
  const k: KelaSeed = { benefits: [], rehabilitation: [], payments: [] };
  const jobSeeker = e?.jobSeeker;
  const status = jobSeeker?.status;
  const unemployedFrom = jobSeeker ? toDay(jobSeeker.unemployedSince ?? jobSeeker.registeredOn) : undefined;

  const unemployed =
    status === 'UNEMPLOYED' || status === 'LAID_OFF' || status === 'IN_SERVICE' || status === 'PART_TIME';
  const mainType: KelaBenefitType = rng.chance(0.85) ? 'LABOUR_MARKET_SUBSIDY' : 'BASIC_UNEMPLOYMENT_ALLOWANCE';
  if (unemployed && unemployedFrom !== undefined)
    grantBenefit(d, k, mainType, Math.min(unemployedFrom + rng.int(5, 40), ctx.last));
  else if (end !== undefined)
    endedBenefit(d, k, mainType, unemployedFrom !== undefined && unemployedFrom < end ? unemployedFrom : start!, end);

  if (rng.chance(0.45))
    grantBenefit(d, k, 'GENERAL_HOUSING_ALLOWANCE', rng.dayBetween(Math.max(d.adult, ctx.last - 3 * 365), ctx.last));
  if (rng.chance(0.2)) {
    const since = rng.dayBetween(Math.max(d.adult, ctx.last - 365), ctx.last);
    if (rng.chance(0.15))
      k.benefits.push({
        type: 'BASIC_SOCIAL_ASSISTANCE',
        status: 'REJECTED',
        since: isoDate(since),
        decidedOn: isoDate(Math.min(since + rng.int(0, 7), ctx.last)),
      });
    else grantBenefit(d, k, 'BASIC_SOCIAL_ASSISTANCE', since);
  }
  if (rng.chance(0.1)) {
    const since = rng.dayBetween(Math.max(d.adult, ctx.last - 4 * 365), ctx.last - 30);
    endedBenefit(d, k, 'SICKNESS_ALLOWANCE', since, Math.min(since + rng.int(14, 300), ctx.last));
  }

  const planned = d.kelaService;
  if (planned && d.planDay !== undefined) {
    const horizon = end ?? ctx.last;
    const type = KELA_SERVICES.find((x) => x.description === planned.description)!.rehab;
    const decided = d.planDay + rng.int(10, 60);
    if (decided > horizon) {
      k.rehabilitation.push({ type, status: 'APPLIED', decidedOn: isoDate(d.planDay) });
    } else {
      const s = planned.status;
      const st =
        end !== undefined || s === 'COMPLETED'
          ? 'COMPLETED'
          : s === 'ONGOING'
            ? 'ONGOING'
            : s === 'CANCELLED'
              ? 'REJECTED'
              : 'GRANTED';
      const r: KelaSeed['rehabilitation'][number] = { type, status: st, decidedOn: isoDate(decided) };
      if (st !== 'REJECTED') r.provider = rng.pick(N.KELA_REHABILITATION_PROVIDERS);
      k.rehabilitation.push(r);
      if (st === 'ONGOING' && type !== 'REHABILITATIVE_PSYCHOTHERAPY')
        grantBenefit(d, k, 'REHABILITATION_ALLOWANCE', decided);
    }
  } else if (rng.chance(0.05)) {
    k.rehabilitation.push({
      type: rng.pick(OTHER_REHABILITATION),
      status: 'COMPLETED',
      decidedOn: isoDate(rng.dayBetween(Math.max(d.adult, ctx.last - 6 * 365), ctx.last - 60)),
      provider: rng.pick(N.KELA_REHABILITATION_PROVIDERS),
    });
  }

  // The last three monthly payments of each benefit in payment: daily benefits by the days paid,
  // housing allowance fixed, social assistance varying with the month's expenses.
  const payDay = rng.int(0, 27);
  for (const b of k.benefits) {
    if (b.status !== 'GRANTED') continue;
    const since = toDay(b.since);
    const rate = N.BENEFIT_AMOUNTS[b.type];
    const monthly = rate.monthlyCents ? rng.int(rate.monthlyCents[0], rate.monthlyCents[1]) : 0;
    const varies = b.type === 'BASIC_SOCIAL_ASSISTANCE';
    const partTime =
      status === 'PART_TIME' && (b.type === 'LABOUR_MARKET_SUBSIDY' || b.type === 'BASIC_UNEMPLOYMENT_ALLOWANCE');
    for (let m = 0; m < 3; m++) {
      const paid = ctx.last - payDay - 30 * m;
      if (paid < since + 14) break;
      let cents = rate.dailyCents
        ? rate.dailyCents * rng.int(18, 22)
        : varies
          ? Math.round(monthly * (0.8 + 0.4 * rng.next()))
          : monthly;
      // Part-time earnings reduce the unemployment benefit.
      if (partTime) cents = Math.round(cents * (0.3 + 0.5 * rng.next()));
      k.payments.push({ paidOn: isoDate(paid), amount: euros(cents), benefitType: b.type });
    }
  }
  if (k.benefits.length === 0 && k.rehabilitation.length === 0) return undefined;
  k.benefits.sort(bySince);
  k.payments.sort(byPaidOn);
  return k;
}
