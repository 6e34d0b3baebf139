import { afterEach, describe, expect, it, vi } from 'vitest';
import { controllerIn, controllersOfRegister } from '../shared/areas.ts';
import { ageOn, parseHetu } from '../shared/hetu.ts';
import { AUTHORITIES, END_REASONS, ORGS, SECTION_11_CATEGORIES } from '../shared/vocabulary.ts';
import { addMonths, isoDate, toDay } from './dates.ts';
import { MUNICIPALITIES, OFFICIALS } from './names.ts';
import { mixSeed, Random } from './random.ts';
import type { CustomershipSeed, WorldPerson } from './types.ts';
import { buildWorld, fixturePersons, resolveRelativeDates } from './world.ts';

const TODAY = '2026-03-10';
const FIXTURE_HETUS = [
  '150385-9013',
  '020270-9022',
  '111190-903A',
  '240679-904V',
  '050402A9055',
  '300888-906R',
  '121260-9075',
];
const AREA_OF = new Map(MUNICIPALITIES.map((m) => [m.name, m.area]));

const world = buildWorld({ clients: 5000, seed: 7, today: TODAY });
const byHetu = new Map(world.map((p) => [p.hetu, p]));
const generated = world.slice(FIXTURE_HETUS.length);
const fixture = (hetu: string): WorldPerson => {
  const p = byHetu.get(hetu);
  if (!p) throw new Error(`fixture ${hetu} missing`);
  return p;
};
const only = (p: WorldPerson): CustomershipSeed => {
  expect(p.joint?.customerships).toHaveLength(1);
  return p.joint!.customerships[0]!;
};
const birthDate = (hetu: string): string => {
  const parsed = parseHetu(hetu);
  if (!parsed.ok) throw new Error(`invalid hetu ${hetu}`);
  return parsed.value.birthDate;
};
const daysBefore = (date: string, n: number) => isoDate(toDay(date) - n);

afterEach(() => vi.restoreAllMocks());

describe('buildWorld: determinism', () => {
  it('gives a deep-equal world for the same clients, seed and day', () => {
    expect(buildWorld({ clients: 1500, seed: 7, today: TODAY })).toEqual(
      buildWorld({ clients: 1500, seed: 7, today: TODAY }),
    );
  });

  it('gives a different world for a different seed', () => {
    const a = buildWorld({ clients: 200, seed: 1, today: TODAY }).slice(FIXTURE_HETUS.length);
    const b = buildWorld({ clients: 200, seed: 2, today: TODAY }).slice(FIXTURE_HETUS.length);
    expect(a.map((p) => p.hetu)).not.toEqual(b.map((p) => p.hetu));
  });

  it('generates person i the same whatever the size of the world', () => {
    const small = buildWorld({ clients: 300, seed: 7, today: TODAY });
    expect(small).toEqual(world.slice(0, small.length));
  });

  it('uses neither Math.random nor the clock', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    expect(() => buildWorld({ clients: 300, seed: 3, today: TODAY })).not.toThrow();
  });

  it('refuses bad options', () => {
    expect(() => buildWorld({ clients: -1, seed: 1, today: TODAY })).toThrow();
    expect(() => buildWorld({ clients: 1.5, seed: 1, today: TODAY })).toThrow();
    expect(() => buildWorld({ clients: 1, seed: 1, today: '2026-02-30' })).toThrow();
  });

  it('returns fresh objects for the fixtures on every call', () => {
    const a = fixturePersons(TODAY);
    a[0]!.firstName = 'changed';
    expect(fixturePersons(TODAY)[0]!.firstName).not.toBe('changed');
  });
});

describe('buildWorld: hetus', () => {
  it('are all valid and unique', () => {
    for (const p of world) expect(parseHetu(p.hetu).ok, p.hetu).toBe(true);
    expect(new Set(world.map((p) => p.hetu)).size).toBe(world.length);
  });

  it('puts the fixtures first and never generates a fixture hetu', () => {
    expect(world.slice(0, FIXTURE_HETUS.length).map((p) => p.hetu)).toEqual(FIXTURE_HETUS);
    for (const p of generated) expect(FIXTURE_HETUS).not.toContain(p.hetu);
  });

  it('use individual numbers 900–999 only, with birth years 1960–2006', () => {
    for (const p of generated) {
      const parsed = parseHetu(p.hetu);
      if (!parsed.ok) throw new Error(p.hetu);
      expect(parsed.value.individualNumber).toBeGreaterThanOrEqual(900);
      expect(parsed.value.individualNumber).toBeLessThanOrEqual(999);
      const year = Number(parsed.value.birthDate.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(1960);
      expect(year).toBeLessThanOrEqual(2006);
    }
  });

  it('stay unique when birth dates crowd', () => {
    const big = buildWorld({ clients: 30_000, seed: 11, today: TODAY });
    expect(new Set(big.map((p) => p.hetu)).size).toBe(big.length);
  });
});

describe('fixtures', () => {
  it('150385-9013: active in ita-uusimaa with every part filled', () => {
    const p = fixture('150385-9013');
    const c = only(p);
    expect(c).toMatchObject({ status: 'ACTIVE', area: 'ita-uusimaa' });
    expect(p.municipality).toBe('Porvoo');
    expect(new Set(c.assessments.map((a) => a.kind))).toEqual(
      new Set(['SERVICE_NEED', 'SOCIAL_SITUATION', 'WORK_CAPACITY']),
    );
    expect(new Set(c.plan!.services.map((s) => s.provider))).toEqual(new Set(['employment', 'wellbeing', 'kela']));
    expect(c.plan!.reviews.length).toBeGreaterThan(0);
    expect(c.appointments.length).toBeGreaterThan(0);
    expect(c.referralNote).toBeTruthy();
    expect(p.employment!.jobSeeker?.unemployedSince).toBeTruthy();
    for (const list of ['education', 'workHistory', 'skills', 'services', 'benefitStatements'] as const)
      expect(p.employment![list].length, list).toBeGreaterThan(0);
    for (const list of ['socialAssessments', 'workAbilityAssessments', 'rehabilitativeWork', 'diagnoses'] as const)
      expect(p.wellbeing![list].length, list).toBeGreaterThan(0);
    for (const list of ['benefits', 'rehabilitation', 'payments'] as const)
      expect(p.kela![list].length, list).toBeGreaterThan(0);
  });

  it('020270-9022: customership in ita-uusimaa ended about a year ago, employed', () => {
    const c = only(fixture('020270-9022'));
    expect(c).toMatchObject({ status: 'ENDED', area: 'ita-uusimaa', endReason: 'EMPLOYED' });
    expect(c.agreedBy).toEqual(expect.arrayContaining(['employment', 'wellbeing']));
    expect(c.endedOn! >= daysBefore(TODAY, 400) && c.endedOn! <= daysBefore(TODAY, 330)).toBe(true);
    expect(c.plan).toBeDefined();
  });

  it('111190-903A: not a client, job seeker and wellbeing client in Porvoo', () => {
    const p = fixture('111190-903A');
    expect(p.joint).toBeUndefined();
    expect(p.municipality).toBe('Porvoo');
    expect(p.employment!.jobSeeker).toBeDefined();
    expect(p.employment!.education.length).toBeGreaterThan(0);
    expect(p.employment!.workHistory.length).toBeGreaterThan(0);
    expect(p.wellbeing!.socialAssessments.length).toBeGreaterThan(0);
  });

  it('240679-904V: active in keski-uusimaa with a work-ability assessment in the wellbeing register', () => {
    const p = fixture('240679-904V');
    expect(only(p)).toMatchObject({ status: 'ACTIVE', area: 'keski-uusimaa' });
    expect(AREA_OF.get(p.municipality)).toBe('keski-uusimaa');
    expect(p.wellbeing!.workAbilityAssessments.length).toBeGreaterThan(0);
  });

  it("240679-904V moved from Itä-Uusimaa: both areas' controllers hold rows about them (docs/LAW.md rule 10)", () => {
    const p = fixture('240679-904V');
    expect(p.employment!.controller).toBe('keski-uusimaa-employment-area');
    expect(p.wellbeing!.controller).toBe('keski-uusimaa-wellbeing-county');
    const stored = (rows: { controller?: string }[], controller: string) =>
      rows.filter((r) => r.controller === controller).length;
    expect(stored(p.employment!.education, 'porvoo-employment-area')).toBeGreaterThan(0);
    expect(stored(p.wellbeing!.diagnoses, 'ita-uusimaa-wellbeing-county')).toBeGreaterThan(0);
    // The older social-situation assessment is Itä-Uusimaa's, the newer Keski-Uusimaa's own.
    const social = p.wellbeing!.socialAssessments;
    expect(social.map((a) => a.controller ?? p.wellbeing!.controller)).toEqual([
      'ita-uusimaa-wellbeing-county',
      'keski-uusimaa-wellbeing-county',
    ]);
    expect(social[0]!.recordedAt < social[1]!.recordedAt).toBe(true);
  });

  it('050402A9055: active youth client with a valid consent for Loviisa', () => {
    const p = fixture('050402A9055');
    const c = only(p);
    expect(c).toMatchObject({ status: 'ACTIVE', area: 'ita-uusimaa' });
    expect(ageOn('2002-04-05', TODAY)).toBeLessThan(30);
    expect(c.assessments.some((a) => a.kind === 'SERVICE_NEED')).toBe(true);
    expect(p.employment!.jobSeeker).toBeDefined();
    expect(p.employment!.education.length).toBeGreaterThan(0);
    expect(p.employment!.workHistory.length).toBeGreaterThan(0);
    const valid = p.joint!.consents.filter((k) => !k.revokedAt && k.validFrom <= TODAY && k.validUntil >= TODAY);
    expect(valid).toHaveLength(1);
    expect(valid[0]).toMatchObject({ recipientOrg: 'municipality', recipientMunicipality: 'Loviisa' });
    expect(new Set(valid[0]!.categories)).toEqual(new Set(['IDENTITY', 'COMPETENCE', 'SERVICE_NEED']));
    expect(valid[0]!.validFrom < TODAY && valid[0]!.validUntil > TODAY).toBe(true);
    expect(valid[0]!.validFrom >= c.startedOn).toBe(true);
  });

  it('300888-906R: active for more than three months with no plan', () => {
    const c = only(fixture('300888-906R'));
    expect(c).toMatchObject({ status: 'ACTIVE', area: 'ita-uusimaa' });
    expect(c.plan).toBeUndefined();
    expect(isoDate(addMonths(toDay(c.startedOn), 3)) < TODAY).toBe(true);
  });

  it('121260-9075: ended more than four years ago, no legal hold', () => {
    const c = only(fixture('121260-9075'));
    expect(c).toMatchObject({ status: 'ENDED', area: 'ita-uusimaa' });
    expect(c.endedOn! <= isoDate(addMonths(toDay(TODAY), -48))).toBe(true);
    expect(c.legalHold).toBeUndefined();
  });

  it('name only officials of the demo organisations', () => {
    const known = new Set(OFFICIALS.map((o) => JSON.stringify(o)));
    const seen: string[] = [];
    JSON.stringify(fixturePersons(TODAY), (_key, v) => {
      if (v && typeof v === 'object' && 'title' in v && 'org' in v) seen.push(JSON.stringify(v));
      return v;
    });
    expect(seen.length).toBeGreaterThan(0);
    for (const o of seen) expect(known.has(o), o).toBe(true);
  });

  it('keep their states on another seed day', () => {
    const today = '2031-07-15';
    const later = new Map(fixturePersons(today).map((p) => [p.hetu, p]));
    const consent = later.get('050402A9055')!.joint!.consents[0]!;
    expect(consent.validFrom < today && consent.validUntil > today).toBe(true);
    expect(later.get('300888-906R')!.joint!.customerships[0]!.plan).toBeUndefined();
    for (const p of later.values()) checkPerson(p, today);
  });
});

// Every field whose name marks a date or a moment; validUntil is the only one allowed in the future.
const DATE_KEY = /(On|At|^at|^since|^until|^validFrom)$/;
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/;
const PROVIDERS: string[] = [...AUTHORITIES, 'municipality'];

/** The rules every person of the world keeps, as a list of what is wrong (empty when all is well). */
function problemsOf(p: WorldPerson, today: string): string[] {
  const problems: string[] = [];
  const fail = (what: string) => problems.push(`${p.hetu}: ${what}`);
  const check = (ok: boolean, what: string) => ok || fail(what);
  const range = (from: string, to: string | undefined, what: string) =>
    check(to === undefined || from <= to, `${what}: ${from} > ${to}`);

  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' && (DATE_KEY.test(key) || key === 'validUntil')) {
        check(DATE_VALUE.test(v), `${path}.${key} = ${v} is not a date`);
        if (key !== 'validUntil') check(v.slice(0, 10) <= today, `${path}.${key} = ${v} is in the future`);
      } else walk(v, `${path}.${key}`);
    }
  };
  walk(p, '');

  check(!!(p.firstName && p.lastName && p.phone.startsWith('+358') && p.email.includes('@')), 'identity incomplete');
  check(p.language === 'fi' || p.language === 'sv', `language ${p.language}`);
  const area = AREA_OF.get(p.municipality);
  check(area !== undefined, `unknown municipality ${p.municipality}`);

  const customerships = p.joint?.customerships ?? [];
  check(customerships.filter((c) => c.status === 'ACTIVE').length <= 1, 'several active customerships');
  for (let i = 1; i < customerships.length; i++)
    check(customerships[i - 1]!.endedOn! < customerships[i]!.startedOn, 'customerships overlap');
  for (const c of customerships) {
    check(c.area === area, `customership in ${c.area}, municipality ${p.municipality}`);
    const end = c.endedOn ?? today;
    const within = (ts: string, what: string) =>
      check(ts.slice(0, 10) >= c.startedOn && ts.slice(0, 10) <= end, `${what} ${ts} outside the customership`);
    const officials = [
      c.startedBy,
      ...c.officials,
      ...c.assessments.map((a) => a.recordedBy),
      ...c.appointments.map((a) => a.recordedBy),
    ];
    if (c.plan) officials.push(c.plan.createdBy, ...c.plan.reviews.map((r) => r.reviewedBy));
    for (const o of officials)
      check(
        (AUTHORITIES as readonly string[]).includes(o.org) && o.area === c.area,
        `official ${o.name} of ${o.org}/${o.area}`,
      );
    if (c.status === 'ACTIVE') {
      check(
        c.endedOn === undefined && c.endReason === undefined && c.agreedBy === undefined,
        'active customership with an end',
      );
    } else {
      check(c.status === 'ENDED', `status ${c.status}`);
      range(c.startedOn, c.endedOn, 'customership');
      check((END_REASONS as readonly string[]).includes(c.endReason!), `end reason ${c.endReason}`);
      check(
        !!c.agreedBy?.includes('employment') && c.agreedBy.includes('wellbeing'),
        'ended without employment and wellbeing',
      );
      if (c.plan?.services.some((s) => s.provider === 'kela'))
        check(!!c.agreedBy?.includes('kela'), 'Kela in the plan but not in the ending');
    }
    check(
      c.assessments.some((a) => a.kind === 'SERVICE_NEED'),
      'no service-need assessment',
    );
    for (const a of c.assessments) within(a.recordedAt, 'assessment');
    for (const a of c.appointments) {
      within(a.at, 'appointment');
      for (const org of a.participants) check((ORGS as readonly string[]).includes(org), `participant ${org}`);
    }
    if (c.plan) {
      within(c.plan.createdAt, 'plan');
      for (const r of c.plan.reviews) {
        within(r.reviewedAt, 'review');
        check(r.reviewedAt > c.plan.createdAt, 'review before the plan');
      }
      for (const s of c.plan.services) check(PROVIDERS.includes(s.provider), `provider ${s.provider}`);
    }
    if (c.legalHold) check(c.status === 'ENDED', 'legal hold on an active customership');
  }
  for (const k of p.joint?.consents ?? []) {
    range(k.validFrom, k.validUntil, 'consent');
    check(customerships.length > 0 && k.validFrom >= customerships[0]!.startedOn, 'consent before the customership');
    if (k.recipientOrg === 'municipality')
      check(AREA_OF.has(k.recipientMunicipality!), `consent for ${k.recipientMunicipality}`);
    for (const cat of k.categories) check((SECTION_11_CATEGORIES as string[]).includes(cat), `consent category ${cat}`);
    if (k.revokedAt) check(k.revokedAt.slice(0, 10) >= k.validFrom, 'consent revoked before it was given');
  }

  if (p.employment) {
    const e = p.employment;
    if (customerships.at(-1)?.status === 'ACTIVE') check(e.jobSeeker !== undefined, 'active client is no job seeker');
    if (e.jobSeeker?.unemployedSince)
      check(e.jobSeeker.unemployedSince >= e.jobSeeker.registeredOn, 'unemployed before registering');
    for (const j of e.workHistory) range(j.startedOn, j.endedOn, 'job');
    for (const s of e.services) {
      range(s.startedOn, s.endedOn, 'service');
      check(
        (s.endedOn === undefined) === (s.status === 'ONGOING' || s.status === 'PLANNED'),
        `service ${s.status} with endedOn ${s.endedOn}`,
      );
    }
    for (const ed of e.education) check(ed.year <= Number(today.slice(0, 4)), `education in ${ed.year}`);
  }
  // docs/LAW.md rule 10: each register part is stored by the controller of the person's area; a row another
  // controller of the same register stored names it, and is older than any the current one stored.
  type Part = { controller: string };
  const controllers = (register: 'employment' | 'wellbeing', part: Part, rows: { controller?: string }[]) => {
    check(part.controller === controllerIn(register, area ?? ''), `${register} part of ${part.controller} in ${area}`);
    const known = controllersOfRegister(register);
    for (const r of rows) check(known.includes(r.controller ?? part.controller), `${register} row of ${r.controller}`);
  };
  if (p.employment) {
    const e = p.employment;
    controllers('employment', e, [e.education, e.workHistory, e.skills, e.services, e.benefitStatements].flat());
  }
  if (p.wellbeing) {
    const w = p.wellbeing;
    const rows = [w.socialAssessments, w.workAbilityAssessments, w.rehabilitativeWork, w.diagnoses];
    controllers('wellbeing', w, rows.flat());
    for (const a of [...w.socialAssessments, ...w.workAbilityAssessments]) {
      const by = a.controller ?? w.controller;
      const official = a.recordedBy;
      const ok = official.org === 'wellbeing' && controllerIn('wellbeing', official.area) === by;
      check(ok, `assessment by ${official.area} stored by ${by}`);
    }
    const isOwn = (a: { controller?: string }) => a.controller === undefined || a.controller === w.controller;
    const own = w.socialAssessments.filter(isOwn).map((a) => a.recordedAt);
    for (const a of w.socialAssessments.filter((x) => !isOwn(x))) {
      check(
        own.every((t) => a.recordedAt < t),
        `another county's assessment ${a.recordedAt} is newer than its own`,
      );
    }
  }
  if (p.wellbeing) {
    for (const r of p.wellbeing.rehabilitativeWork) {
      range(r.startedOn, r.endedOn, 'rehabilitative work');
      check(r.daysPerWeek >= 1 && r.daysPerWeek <= 4, `${r.daysPerWeek} days a week`);
    }
    for (const dx of p.wellbeing.diagnoses) check(/^[A-Z]\d{2}(\.\d)?$/.test(dx.code), `ICD-10 code ${dx.code}`);
  }
  if (p.kela) {
    for (const b of p.kela.benefits) range(b.since, b.until, 'benefit');
    for (const pay of p.kela.payments) check(/^\d+\.\d{2}$/.test(pay.amount), `amount ${pay.amount}`);
  }
  return problems;
}

function checkPerson(p: WorldPerson, today: string): void {
  expect(problemsOf(p, today)).toEqual([]);
}

describe('buildWorld: consistency', () => {
  it('holds for the fixtures and every generated person', () => {
    expect(world.flatMap((p) => problemsOf(p, TODAY))).toEqual([]);
  });

  it('is checked for real: a broken person is caught', () => {
    const broken = structuredClone(fixture('020270-9022'));
    const c = broken.joint!.customerships[0]!;
    c.endedOn = daysBefore(c.startedOn, 1);
    c.agreedBy = ['employment'];
    broken.employment!.workHistory[0]!.startedOn = '2099-01-01';
    expect(problemsOf(broken, TODAY).length).toBeGreaterThanOrEqual(3);
  });

  it("gives some persons who moved rows of the other area's wellbeing county (docs/LAW.md rule 10)", () => {
    const moved = generated.filter((p) =>
      p.wellbeing?.socialAssessments.some((a) => a.controller && a.controller !== p.wellbeing!.controller),
    );
    expect(moved.length / generated.length).toBeGreaterThan(0.02);
    expect(moved.length / generated.length).toBeLessThan(0.1);
  });

  it('puts every generated person in at least one register', () => {
    for (const p of generated) expect(p.joint ?? p.employment ?? p.wellbeing ?? p.kela, p.hetu).toBeDefined();
  });
});

describe('buildWorld: distribution', () => {
  const share = (pred: (p: WorldPerson) => boolean) => generated.filter(pred).length / generated.length;
  const latest = (p: WorldPerson) => p.joint?.customerships.at(-1);
  const today = toDay(TODAY);

  it('has about 70% active, 20% ended and 10% non-clients', () => {
    expect(share((p) => latest(p)?.status === 'ACTIVE')).toBeCloseTo(0.7, 1);
    expect(share((p) => latest(p)?.status === 'ENDED')).toBeCloseTo(0.2, 1);
    expect(share((p) => !p.joint)).toBeCloseTo(0.1, 1);
  });

  it('spreads persons over both areas, with some Swedish speakers and some under 30', () => {
    const ita = share((p) => AREA_OF.get(p.municipality) === 'ita-uusimaa');
    expect(ita > 0.45 && ita < 0.65).toBe(true);
    const sv = share((p) => p.language === 'sv');
    expect(sv > 0.1 && sv < 0.22).toBe(true);
    expect(share((p) => ageOn(birthDate(p.hetu), TODAY) < 30)).toBeGreaterThan(0.1);
  });

  it('includes the situations the checks need: late and missing plans, overdue reviews, retention, consents', () => {
    const active = generated.map(latest).filter((c): c is CustomershipSeed => c?.status === 'ACTIVE');
    const deadline = (c: CustomershipSeed) => isoDate(addMonths(toDay(c.startedOn), 3));
    expect(active.filter((c) => !c.plan && deadline(c) < TODAY).length).toBeGreaterThan(0);
    expect(active.filter((c) => c.plan && c.plan.createdAt.slice(0, 10) > deadline(c)).length).toBeGreaterThan(0);
    expect(
      active.filter((c) => {
        const lastReview = c.plan?.reviews.at(-1)?.reviewedAt ?? c.plan?.createdAt;
        return lastReview !== undefined && isoDate(addMonths(toDay(lastReview.slice(0, 10)), 3)) < TODAY;
      }).length,
    ).toBeGreaterThan(0);
    const ended = generated.flatMap((p) => p.joint?.customerships ?? []).filter((c) => c.status === 'ENDED');
    const old = ended.filter((c) => toDay(c.endedOn!) <= addMonths(today, -48));
    expect(old.length).toBeGreaterThan(0);
    expect(old.length / ended.length).toBeLessThan(0.25);
    expect(new Set(ended.map((c) => c.endReason)).size).toBe(END_REASONS.length);
    const consents = generated.flatMap((p) => p.joint?.consents ?? []);
    expect(consents.some((k) => k.revokedAt)).toBe(true);
    expect(consents.some((k) => k.validUntil < TODAY)).toBe(true);
    expect(consents.some((k) => !k.revokedAt && k.validUntil >= TODAY)).toBe(true);
  });

  it('gives most persons employment and wellbeing data and about 60% Kela data', () => {
    expect(share((p) => !!p.employment)).toBeGreaterThan(0.8);
    expect(share((p) => !!p.wellbeing)).toBeGreaterThan(0.6);
    const kela = share((p) => !!p.kela);
    expect(kela > 0.45 && kela < 0.75).toBe(true);
  });
});

describe('resolveRelativeDates', () => {
  it('resolves days, months and years, clamping to the end of a month', () => {
    expect(
      resolveRelativeDates(
        ['today', 'today-400d', 'today+14d', 'today-2m', 'today-5y', 'today-1y-2m+3d'],
        '2026-03-10',
      ),
    ).toEqual(['2026-03-10', '2025-02-03', '2026-03-24', '2026-01-10', '2021-03-10', '2025-01-13']);
    expect(resolveRelativeDates('today-1m', '2026-03-31')).toBe('2026-02-28');
    expect(resolveRelativeDates('today-4y', '2024-02-29')).toBe('2020-02-29');
    expect(resolveRelativeDates('today-1y', '2024-02-29')).toBe('2023-02-28');
  });

  it('gives timestamps at 10:00 Helsinki time, or the time given', () => {
    expect(resolveRelativeDates('now-30d', '2026-03-10')).toBe('2026-02-08T08:00:00.000Z');
    expect(resolveRelativeDates('now', '2026-07-01')).toBe('2026-07-01T07:00:00.000Z');
    // the day summer time starts
    expect(resolveRelativeDates('now-2d@13:15', '2026-03-31')).toBe('2026-03-29T10:15:00.000Z');
    expect(resolveRelativeDates('now', '2026-10-25')).toBe('2026-10-25T08:00:00.000Z'); // the day it ends
  });

  it('leaves other values alone and does not change its input', () => {
    const input = { a: 'today is fine', b: 2004, c: [null, true, 'nowhere'], d: 'today' };
    const copy = structuredClone(input);
    expect(resolveRelativeDates(input, TODAY)).toEqual({ ...copy, d: TODAY });
    expect(input).toEqual(copy);
  });
});

describe('Random', () => {
  it('is reproducible and stays in range', () => {
    const a = new Random(mixSeed(1, 2));
    const b = new Random(mixSeed(1, 2));
    for (let i = 0; i < 1000; i++) {
      const x = a.int(3, 9);
      expect(x).toBe(b.int(3, 9));
      expect(x >= 3 && x <= 9).toBe(true);
    }
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(1)).not.toBe(mixSeed(1 + 2 ** 32));
  });
});
