import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadPolicy } from './policy-config.ts';
import {
  consentCovers,
  decide,
  decideWithoutPerson,
  grantsFor,
  readGrant,
  type Access,
  type ConsentFact,
  type Decision,
  type FieldRef,
  type PersonFacts,
} from './policy.ts';
import {
  DATA_CATEGORIES,
  ORGS,
  PURPOSES,
  REGISTERS,
  ROLES_BY_ORG,
  SECTION_11_CATEGORIES,
  TYM_PURPOSES,
  type Caller,
  type DataCategory,
  type Org,
  type Purpose,
  type Register,
} from './vocabulary.ts';

const policy = loadPolicy();
const TODAY = '2025-06-15';
const YESTERDAY = '2025-06-14';
const TOMORROW = '2025-06-16';

const access = (caller: Caller, purpose: Purpose, today = TODAY): Access => ({ policy, caller, purpose, today });
const official = (org: Org, role: string, areas: string[] = ['ita-uusimaa'], extra: Partial<Caller> = {}): Caller => ({
  sub: `${org}-${role}`,
  org,
  role,
  areas,
  ...extra,
});

const caseworker = official('employment', 'employment-specialist');
const caseworkerKeski = official('employment', 'employment-specialist', ['keski-uusimaa']);
const socialWorker = official('wellbeing', 'social-worker');
const empSupervisor = official('employment', 'supervisor');
const wbSupervisor = official('wellbeing', 'supervisor');
const empAnalyst = official('employment', 'analyst');
const networkLead = official('employment', 'network-lead');
const wbAnalyst = official('wellbeing', 'analyst');
const kelaAnalyst = official('kela', 'analyst', ['ita-uusimaa', 'keski-uusimaa']);
const kelaService = official('kela', 'service-specialist', ['ita-uusimaa', 'keski-uusimaa']);
const kelaDecision = official('kela', 'decision-specialist', ['ita-uusimaa', 'keski-uusimaa']);
const loviisaWorker = official('municipality', 'municipal-employment-worker', ['ita-uusimaa'], {
  municipality: 'Loviisa',
});
const citizen: Caller = { sub: '150385-9013', org: 'citizen', role: 'citizen', areas: [] };

const consent = (over: Partial<ConsentFact> = {}): ConsentFact => ({
  id: 'c1',
  recipientOrg: 'municipality',
  recipientMunicipality: 'Loviisa',
  categories: ['IDENTITY', 'COMPETENCE', 'SERVICE_NEED'],
  validFrom: '2025-01-01',
  validUntil: '2025-12-31',
  revokedAt: null,
  ...over,
});
const person = (hetu: string, area: string | null, consents: ConsentFact[] = []): PersonFacts => ({
  hetu,
  activeCustomership: area ? { area } : null,
  consents,
});

const itaClient = person('150385-9013', 'ita-uusimaa');
const keskiClient = person('240679-904V', 'keski-uusimaa');
const nonClient = person('111190-903A', null);
const unknown = person('010190-9991', null);
const loviisaConsentClient = person('050402A9055', 'ita-uusimaa', [consent()]);

/** A field of data another controller stored (or of the jointly controlled joint record). */
const f = (register: Register, category: DataCategory): FieldRef => ({ register, category });
/** A field of a row the caller's own controller stored (docs/LAW.md rule 10). */
const own = (register: Register, category: DataCategory): FieldRef => ({ register, category, storedByCaller: true });
const refused = (reason: string) => ({ allowed: false, reason });
const granted = (basis: string) => ({ allowed: true, basis });
/** The decision without its human-readable rule, so that assertions are exact on what matters. */
const outcome = (d: Decision | null) => (d === null ? null : d.allowed ? granted(d.basis) : refused(d.reason));

describe('reasons come in the contract order', () => {
  it(
    'PURPOSE_NOT_ALLOWED before ORG_INTERNAL and NOT_NECESSARY_FOR_ROLE: an analyst under OWN_SERVICE reading ' +
      'another register',
    () => {
      expect(outcome(decide(access(empAnalyst, 'OWN_SERVICE'), itaClient, f('wellbeing', 'ORG_INTERNAL')))).toEqual(
        refused('PURPOSE_NOT_ALLOWED'),
      );
      expect(outcome(decideWithoutPerson(access(empAnalyst, 'OWN_SERVICE'), f('wellbeing', 'ORG_INTERNAL')))).toEqual(
        refused('PURPOSE_NOT_ALLOWED'),
      );
    },
  );

  it(
    'ORG_INTERNAL for a caseworker reading another register under a TYM purpose, even with a consent naming ' +
      'ORG_INTERNAL',
    () => {
      const withConsent = person('150385-9013', 'ita-uusimaa', [
        consent({ recipientOrg: 'employment', recipientMunicipality: null, categories: ['ORG_INTERNAL'] }),
      ]);
      for (const register of ['wellbeing', 'kela', 'joint'] as const) {
        expect(outcome(decide(access(caseworker, 'ASSESSMENT'), itaClient, f(register, 'ORG_INTERNAL')))).toEqual(
          refused('ORG_INTERNAL'),
        );
        expect(outcome(decide(access(caseworker, 'ASSESSMENT'), withConsent, f(register, 'ORG_INTERNAL')))).toEqual(
          refused('ORG_INTERNAL'),
        );
      }
      expect(consentCovers(access(caseworker, 'ASSESSMENT'), withConsent, 'ORG_INTERNAL')).toBe(true);
    },
  );

  it('ORG_INTERNAL for a municipality worker with a consent naming ORG_INTERNAL', () => {
    const p = person('050402A9055', 'ita-uusimaa', [consent({ categories: ['ORG_INTERNAL', 'IDENTITY'] })]);
    expect(outcome(decide(access(loviisaWorker, 'COORDINATION'), p, f('employment', 'ORG_INTERNAL')))).toEqual(
      refused('ORG_INTERNAL'),
    );
  });

  it('NOT_NECESSARY_FOR_ROLE for a supervisor reading COMPETENCE of an active client of their area', () => {
    for (const register of ['joint', 'employment', 'kela'] as const) {
      expect(outcome(decide(access(wbSupervisor, 'PLAN_REVIEW'), itaClient, f(register, 'COMPETENCE')))).toEqual(
        refused('NOT_NECESSARY_FOR_ROLE'),
      );
    }
    expect(outcome(decideWithoutPerson(access(wbSupervisor, 'PLAN_REVIEW'), f('joint', 'COMPETENCE')))).toEqual(
      refused('NOT_NECESSARY_FOR_ROLE'),
    );
    expect(outcome(decide(access(wbSupervisor, 'PLAN_REVIEW'), itaClient, f('joint', 'PLAN')))).toEqual(
      granted('SECTION_15'),
    );
  });

  it('NOT_NECESSARY_FOR_ROLE before NO_LEGAL_BASIS, whoever the person is', () => {
    for (const p of [itaClient, keskiClient, nonClient, unknown]) {
      expect(outcome(decide(access(wbSupervisor, 'PLANNING'), p, f('joint', 'HEALTH_WORK_CAPACITY')))).toEqual(
        refused('NOT_NECESSARY_FOR_ROLE'),
      );
    }
  });

  it('NO_LEGAL_BASIS for a caseworker of another area; the person decides, not the caller', () => {
    expect(outcome(decideWithoutPerson(access(caseworkerKeski, 'ASSESSMENT'), f('joint', 'IDENTITY')))).toBeNull();
    expect(outcome(decide(access(caseworkerKeski, 'ASSESSMENT'), itaClient, f('joint', 'IDENTITY')))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
    expect(
      outcome(decide(access(caseworkerKeski, 'ASSESSMENT'), itaClient, f('wellbeing', 'SOCIAL_SITUATION'))),
    ).toEqual(refused('NO_LEGAL_BASIS'));
    expect(outcome(decide(access(caseworkerKeski, 'ASSESSMENT'), keskiClient, f('joint', 'IDENTITY')))).toEqual(
      granted('SECTION_15'),
    );
  });
});

describe('section 15', () => {
  it('gives an area caseworker every category of the joint record and other registers, for every TYM purpose', () => {
    for (const purpose of TYM_PURPOSES) {
      for (const register of ['joint', 'wellbeing', 'kela'] as const) {
        for (const category of SECTION_11_CATEGORIES) {
          expect(outcome(decide(access(caseworker, purpose), itaClient, f(register, category)))).toEqual(
            granted('SECTION_15'),
          );
        }
      }
    }
  });

  it('gives nothing for a client whose customership is not active, or an unknown person', () => {
    for (const p of [nonClient, unknown]) {
      expect(outcome(decide(access(socialWorker, 'ASSESSMENT'), p, f('employment', 'COMPETENCE')))).toEqual(
        refused('NO_LEGAL_BASIS'),
      );
    }
  });

  it('a Kela caller with two areas reads clients of both, within its row of the matrix', () => {
    for (const p of [itaClient, keskiClient]) {
      expect(outcome(decide(access(kelaService, 'COORDINATION'), p, f('joint', 'SOCIAL_SITUATION')))).toEqual(
        granted('SECTION_15'),
      );
      expect(outcome(decide(access(kelaService, 'COORDINATION'), p, f('employment', 'COMPETENCE')))).toEqual(
        granted('SECTION_15'),
      );
      expect(outcome(decide(access(kelaService, 'COORDINATION'), p, f('wellbeing', 'HEALTH_WORK_CAPACITY')))).toEqual(
        refused('NOT_NECESSARY_FOR_ROLE'),
      );
      expect(outcome(decide(access(kelaDecision, 'COORDINATION'), p, f('employment', 'COMPETENCE')))).toEqual(
        refused('NOT_NECESSARY_FOR_ROLE'),
      );
      expect(outcome(decide(access(kelaDecision, 'COORDINATION'), p, f('joint', 'PLAN')))).toEqual(
        granted('SECTION_15'),
      );
    }
    expect(outcome(decide(access(kelaService, 'COORDINATION'), nonClient, f('joint', 'IDENTITY')))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
  });

  it('a municipality worker never gets SECTION_15, even for an active client of its area', () => {
    for (const purpose of TYM_PURPOSES) {
      for (const register of ['joint', 'employment', 'wellbeing', 'kela'] as const) {
        for (const category of SECTION_11_CATEGORIES) {
          expect(outcome(decide(access(loviisaWorker, purpose), itaClient, f(register, category)))).toEqual(
            refused('NO_LEGAL_BASIS'),
          );
        }
      }
    }
  });
});

describe('own register (basis OWN)', () => {
  const ownCases: [Caller, Register][] = [
    [caseworker, 'employment'],
    [empSupervisor, 'employment'],
    [official('employment', 'psychologist'), 'employment'],
    [socialWorker, 'wellbeing'],
    [wbSupervisor, 'wellbeing'],
    [official('wellbeing', 'public-health-nurse'), 'wellbeing'],
    [kelaService, 'kela'],
    [kelaDecision, 'kela'],
  ];
  it.each(ownCases.map(([c, r]) => [`${c.org} ${c.role}`, c, r] as const))(
    '%s reads all of its register, ORG_INTERNAL included',
    (_n, c, register) => {
      for (const purpose of ['OWN_SERVICE', ...TYM_PURPOSES] as Purpose[]) {
        for (const category of DATA_CATEGORIES) {
          for (const p of [itaClient, keskiClient, nonClient, unknown]) {
            expect(outcome(decide(access(c, purpose), p, own(register, category)))).toEqual(granted('OWN'));
          }
        }
      }
    },
  );

  it.each(
    (
      [
        [empAnalyst, 'employment'],
        [networkLead, 'employment'],
        [wbAnalyst, 'wellbeing'],
        [kelaAnalyst, 'kela'],
      ] as const
    ).map(([c, r]) => [`${c.org} ${c.role}`, c, r] as const),
  )('%s is refused its own register: NOT_NECESSARY_FOR_ROLE', (_n, c, register) => {
    for (const purpose of ['OWN_SERVICE', 'ASSESSMENT'] as Purpose[]) {
      for (const category of DATA_CATEGORIES) {
        const d = decide(access(c, purpose), itaClient, own(register, category));
        expect(outcome(d)).toEqual(refused('NOT_NECESSARY_FOR_ROLE'));
      }
    }
  });

  it('analysts and network-leads get nothing of the joint record either', () => {
    for (const c of [empAnalyst, networkLead, wbAnalyst, kelaAnalyst]) {
      for (const category of SECTION_11_CATEGORIES) {
        expect(outcome(decide(access(c, 'PLANNING'), itaClient, f('joint', category)))).toEqual(
          refused('NOT_NECESSARY_FOR_ROLE'),
        );
      }
    }
  });

  it('OWN_SERVICE reads only the own register: the joint record and other registers answer PURPOSE_NOT_ALLOWED', () => {
    for (const register of ['joint', 'wellbeing', 'kela'] as const) {
      for (const category of DATA_CATEGORIES) {
        expect(outcome(decide(access(caseworker, 'OWN_SERVICE'), itaClient, f(register, category)))).toEqual(
          refused('PURPOSE_NOT_ALLOWED'),
        );
      }
    }
    expect(outcome(decide(access(loviisaWorker, 'OWN_SERVICE'), loviisaConsentClient, f('joint', 'IDENTITY')))).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
  });
});

describe('registers are controllers (docs/LAW.md rule 10)', () => {
  const socialWorkerKeski = official('wellbeing', 'social-worker', ['keski-uusimaa']);
  const supervisorKeski = official('wellbeing', 'supervisor', ['keski-uusimaa']);
  const by = (c: Caller, purpose: Purpose, p: PersonFacts, field: FieldRef) =>
    outcome(decide(access(c, purpose), p, field));

  it("a row another county stored is not OWN: section 15 for an active client of the caller's area only", () => {
    for (const purpose of TYM_PURPOSES) {
      for (const category of SECTION_11_CATEGORIES) {
        expect(by(socialWorkerKeski, purpose, keskiClient, f('wellbeing', category))).toEqual(granted('SECTION_15'));
        for (const p of [itaClient, nonClient, unknown]) {
          expect(by(socialWorkerKeski, purpose, p, f('wellbeing', category))).toEqual(refused('NO_LEGAL_BASIS'));
        }
      }
    }
  });

  it('its ORG_INTERNAL rows never reach another county, not even with a consent, not under OWN_SERVICE', () => {
    const categories: DataCategory[] = ['ORG_INTERNAL', 'SOCIAL_SITUATION'];
    const named = consent({ recipientOrg: 'wellbeing', recipientMunicipality: null, categories });
    const consenting = person('111190-903A', null, [named]);
    for (const p of [keskiClient, itaClient, consenting]) {
      expect(by(socialWorkerKeski, 'ASSESSMENT', p, f('wellbeing', 'ORG_INTERNAL'))).toEqual(refused('ORG_INTERNAL'));
    }
    const early = decideWithoutPerson(access(socialWorkerKeski, 'ASSESSMENT'), f('wellbeing', 'ORG_INTERNAL'));
    expect(outcome(early)).toEqual(refused('ORG_INTERNAL'));
    const social = f('wellbeing', 'SOCIAL_SITUATION');
    expect(by(socialWorkerKeski, 'OWN_SERVICE', keskiClient, social)).toEqual(refused('PURPOSE_NOT_ALLOWED'));
    // A consent naming the wellbeing county as recipient covers the other county's seven-category data.
    expect(by(socialWorkerKeski, 'ASSESSMENT', consenting, social)).toEqual(granted('CONSENT'));
  });

  it("the matrix decides another county's rows, the own rule the own rows", () => {
    const other = f('wellbeing', 'SOCIAL_SITUATION');
    expect(by(supervisorKeski, 'PLAN_REVIEW', keskiClient, other)).toEqual(refused('NOT_NECESSARY_FOR_ROLE'));
    expect(by(supervisorKeski, 'PLAN_REVIEW', keskiClient, { ...other, storedByCaller: true })).toEqual(granted('OWN'));
  });

  it("the own controller's rows stay OWN whoever the person is", () => {
    for (const p of [itaClient, keskiClient, nonClient, unknown]) {
      expect(by(socialWorker, 'ASSESSMENT', p, own('wellbeing', 'ORG_INTERNAL'))).toEqual(granted('OWN'));
      expect(by(socialWorkerKeski, 'ASSESSMENT', p, own('wellbeing', 'SOCIAL_SITUATION'))).toEqual(granted('OWN'));
    }
  });

  it('being stored by the caller means nothing in another kind of register or the joint record', () => {
    const sw = (purpose: Purpose, p: PersonFacts, field: FieldRef) => by(socialWorker, purpose, p, field);
    expect(sw('ASSESSMENT', itaClient, own('employment', 'ORG_INTERNAL'))).toEqual(refused('ORG_INTERNAL'));
    expect(sw('ASSESSMENT', nonClient, own('employment', 'COMPETENCE'))).toEqual(refused('NO_LEGAL_BASIS'));
    expect(sw('OWN_SERVICE', itaClient, own('joint', 'IDENTITY'))).toEqual(refused('PURPOSE_NOT_ALLOWED'));
  });

  it("grantsFor gives the own rows' grants only in the caller's own kind of register", () => {
    const a = access(socialWorkerKeski, 'ASSESSMENT');
    expect(grantsFor(a, itaClient, 'wellbeing', ['SOCIAL_SITUATION', 'ORG_INTERNAL'])).toEqual({
      SOCIAL_SITUATION: '!NO_LEGAL_BASIS',
      ORG_INTERNAL: '!ORG_INTERNAL',
      own: { SOCIAL_SITUATION: 'OWN', ORG_INTERNAL: 'OWN' },
    });
    expect(grantsFor(a, keskiClient, 'employment', ['COMPETENCE'])).toEqual({ COMPETENCE: 'SECTION_15' });
    expect(grantsFor(a, keskiClient, 'joint', ['COMPETENCE'])).toEqual({ COMPETENCE: 'SECTION_15' });
  });
});

describe('STATISTICS never reads a personal field', () => {
  const callers = [
    caseworker,
    empSupervisor,
    empAnalyst,
    networkLead,
    wbAnalyst,
    kelaAnalyst,
    kelaService,
    loviisaWorker,
    citizen,
  ];
  it.each(callers.map((c) => [`${c.org} ${c.role}`, c] as const))('%s', (_n, c) => {
    for (const register of REGISTERS) {
      for (const category of DATA_CATEGORIES) {
        expect(outcome(decideWithoutPerson(access(c, 'STATISTICS'), f(register, category)))).toEqual(
          refused('PURPOSE_NOT_ALLOWED'),
        );
        expect(outcome(decide(access(c, 'STATISTICS'), itaClient, f(register, category)))).toEqual(
          refused('PURPOSE_NOT_ALLOWED'),
        );
      }
    }
  });
});

describe('the data subject', () => {
  it('reads their own joint record under DATA_SUBJECT_ACCESS', () => {
    for (const category of SECTION_11_CATEGORIES) {
      expect(outcome(decide(access(citizen, 'DATA_SUBJECT_ACCESS'), itaClient, f('joint', category)))).toEqual(
        granted('DATA_SUBJECT'),
      );
    }
  });

  it('does not read the registers: PURPOSE_NOT_ALLOWED', () => {
    for (const register of ['employment', 'wellbeing', 'kela'] as const) {
      for (const category of DATA_CATEGORIES) {
        expect(outcome(decide(access(citizen, 'DATA_SUBJECT_ACCESS'), itaClient, f(register, category)))).toEqual(
          refused('PURPOSE_NOT_ALLOWED'),
        );
      }
    }
  });

  it('does not read another person: NO_LEGAL_BASIS, client or not', () => {
    for (const p of [keskiClient, nonClient, unknown, person('150385Y9013', 'ita-uusimaa')]) {
      expect(outcome(decide(access(citizen, 'DATA_SUBJECT_ACCESS'), p, f('joint', 'IDENTITY')))).toEqual(
        refused('NO_LEGAL_BASIS'),
      );
    }
  });

  it('uses no other purpose, and no official uses theirs', () => {
    for (const purpose of ['ASSESSMENT', 'OWN_SERVICE'] as const) {
      expect(outcome(decide(access(citizen, purpose), itaClient, f('joint', 'IDENTITY')))).toEqual(
        refused('PURPOSE_NOT_ALLOWED'),
      );
    }
    for (const c of [caseworker, kelaService, loviisaWorker]) {
      expect(outcome(decide(access(c, 'DATA_SUBJECT_ACCESS'), itaClient, f('joint', 'IDENTITY')))).toEqual(
        refused('PURPOSE_NOT_ALLOWED'),
      );
    }
  });
});

describe('consent', () => {
  const read = (
    p: PersonFacts,
    category: DataCategory = 'COMPETENCE',
    c: Caller = loviisaWorker,
    register: Register = 'employment',
  ) => outcome(decide(access(c, 'COORDINATION'), p, f(register, category)));
  const withConsent = (over: Partial<ConsentFact>) => person('050402A9055', 'ita-uusimaa', [consent(over)]);

  it('a valid consent gives the municipality worker exactly the named categories', () => {
    for (const category of DATA_CATEGORIES) {
      const expected = ['IDENTITY', 'COMPETENCE', 'SERVICE_NEED'].includes(category)
        ? granted('CONSENT')
        : category === 'ORG_INTERNAL'
          ? refused('ORG_INTERNAL')
          : refused('NO_LEGAL_BASIS');
      expect(read(loviisaConsentClient, category)).toEqual(expected);
      expect(read(loviisaConsentClient, category, loviisaWorker, 'joint')).toEqual(
        category === 'ORG_INTERNAL' ? refused('ORG_INTERNAL') : expected,
      );
    }
  });

  it('is valid on its first and last day', () => {
    expect(read(withConsent({ validFrom: TODAY, validUntil: TODAY }))).toEqual(granted('CONSENT'));
  });

  it('expired yesterday', () => {
    expect(read(withConsent({ validUntil: YESTERDAY }))).toEqual(refused('NO_LEGAL_BASIS'));
  });

  it('not yet valid', () => {
    expect(read(withConsent({ validFrom: TOMORROW }))).toEqual(refused('NO_LEGAL_BASIS'));
  });

  it('revoked', () => {
    expect(read(withConsent({ revokedAt: '2025-06-10T09:00:00.000Z' }))).toEqual(refused('NO_LEGAL_BASIS'));
  });

  it('for another municipality', () => {
    expect(read(withConsent({ recipientMunicipality: 'Porvoo' }))).toEqual(refused('NO_LEGAL_BASIS'));
    expect(read(withConsent({ recipientMunicipality: null }))).toEqual(refused('NO_LEGAL_BASIS'));
    expect(read(loviisaConsentClient, 'COMPETENCE', { ...loviisaWorker, municipality: 'Porvoo' })).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
    expect(read(loviisaConsentClient, 'COMPETENCE', { ...loviisaWorker, municipality: undefined })).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
  });

  it('the same municipality in another case', () => {
    expect(read(withConsent({ recipientMunicipality: 'LOVIISA' }))).toEqual(granted('CONSENT'));
    expect(read(withConsent({ recipientMunicipality: 'loviisa' }))).toEqual(granted('CONSENT'));
    const hyvinkaa = { ...loviisaWorker, municipality: 'HYVINKÄÄ' };
    expect(read(withConsent({ recipientMunicipality: 'Hyvinkää' }), 'COMPETENCE', hyvinkaa)).toEqual(
      granted('CONSENT'),
    );
  });

  it('a category the consent does not name', () => {
    expect(read(loviisaConsentClient, 'HEALTH_WORK_CAPACITY')).toEqual(refused('NO_LEGAL_BASIS'));
    expect(read(withConsent({ categories: [] }), 'IDENTITY')).toEqual(refused('NO_LEGAL_BASIS'));
  });

  it('an organisation the consent does not name', () => {
    expect(read(withConsent({ recipientOrg: 'kela', recipientMunicipality: null }))).toEqual(refused('NO_LEGAL_BASIS'));
    expect(read(withConsent({ recipientOrg: 'wellbeing', recipientMunicipality: 'Loviisa' }))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
  });

  it('one valid consent among invalid ones is enough', () => {
    const p = person('050402A9055', null, [
      consent({ id: 'old', validUntil: YESTERDAY }),
      consent({ id: 'revoked', revokedAt: '2025-06-01T00:00:00Z' }),
      consent({ id: 'ok', categories: ['COMPETENCE'] }),
    ]);
    expect(read(p)).toEqual(granted('CONSENT'));
  });

  it('gives an official of another area what it names, within the matrix', () => {
    const p = person('111190-903A', null, [
      consent({
        recipientOrg: 'kela',
        recipientMunicipality: null,
        categories: ['COMPETENCE', 'HEALTH_WORK_CAPACITY'],
      }),
    ]);
    expect(read(p, 'COMPETENCE', kelaService)).toEqual(granted('CONSENT'));
    expect(read(p, 'COMPETENCE', kelaService, 'joint')).toEqual(granted('CONSENT'));
    expect(read(p, 'HEALTH_WORK_CAPACITY', kelaService, 'wellbeing')).toEqual(refused('NOT_NECESSARY_FOR_ROLE'));
    expect(read(p, 'COMPETENCE', kelaDecision)).toEqual(refused('NOT_NECESSARY_FOR_ROLE'));
    expect(read(p, 'COMPETENCE', socialWorker)).toEqual(refused('NO_LEGAL_BASIS'));
  });

  it('consentCovers judges the date given in the access', () => {
    const p = withConsent({ validFrom: '2025-06-01', validUntil: '2025-06-30' });
    expect(consentCovers(access(loviisaWorker, 'COORDINATION', '2025-05-31'), p, 'IDENTITY')).toBe(false);
    expect(consentCovers(access(loviisaWorker, 'COORDINATION', '2025-06-01'), p, 'IDENTITY')).toBe(true);
    expect(consentCovers(access(loviisaWorker, 'COORDINATION', '2025-06-30'), p, 'IDENTITY')).toBe(true);
    expect(consentCovers(access(loviisaWorker, 'COORDINATION', '2025-07-01'), p, 'IDENTITY')).toBe(false);
    expect(consentCovers(access(loviisaWorker, 'COORDINATION'), p, 'PLAN')).toBe(false);
  });
});

describe('grantsFor and readGrant', () => {
  it('gives one entry per category, refusals prefixed with !', () => {
    expect(grantsFor(access(wbSupervisor, 'PLAN_REVIEW'), itaClient, 'employment', DATA_CATEGORIES)).toEqual({
      IDENTITY: 'SECTION_15',
      CUSTOMERSHIP: 'SECTION_15',
      COMPETENCE: '!NOT_NECESSARY_FOR_ROLE',
      SOCIAL_SITUATION: '!NOT_NECESSARY_FOR_ROLE',
      HEALTH_WORK_CAPACITY: '!NOT_NECESSARY_FOR_ROLE',
      SERVICE_NEED: 'SECTION_15',
      PLAN: 'SECTION_15',
      ORG_INTERNAL: '!ORG_INTERNAL',
    });
    expect(
      grantsFor(access(loviisaWorker, 'ASSESSMENT'), loviisaConsentClient, 'employment', ['COMPETENCE', 'PLAN']),
    ).toEqual({
      COMPETENCE: 'CONSENT',
      PLAN: '!NO_LEGAL_BASIS',
    });
    expect(grantsFor(access(caseworker, 'ASSESSMENT'), itaClient, 'employment', [])).toEqual({ own: {} });
    expect(grantsFor(access(caseworker, 'ASSESSMENT'), itaClient, 'wellbeing', [])).toEqual({});
  });

  it('readGrant denies by default and reads back what grantsFor wrote', () => {
    expect(outcome(readGrant(undefined))).toEqual(refused('NO_LEGAL_BASIS'));
    expect(outcome(readGrant('!ORG_INTERNAL'))).toEqual(refused('ORG_INTERNAL'));
    expect(outcome(readGrant('SECTION_15'))).toEqual(granted('SECTION_15'));
  });

  it("readGrant's decisions, shared by every field that reads the same entry, cannot be altered", () => {
    const first = readGrant('!ORG_INTERNAL');
    expect(() => Object.assign(first, { allowed: true, basis: 'SECTION_15' })).toThrow(TypeError);
    expect(() => Object.assign(readGrant(undefined), { allowed: true })).toThrow(TypeError);
    expect(outcome(readGrant('!ORG_INTERNAL'))).toEqual(refused('ORG_INTERNAL'));
    // Entries past the shared ones are still read right.
    for (let i = 0; i < 300; i++) expect(readGrant(`!REASON_${i}` as never).allowed).toBe(false);
    expect(outcome(readGrant('CONSENT'))).toEqual(granted('CONSENT'));
  });
});

const AREAS = ['ita-uusimaa', 'keski-uusimaa'] as const;
const ELSEWHERE = 'lansi-uusimaa';
const HETUS = ['150385-9013', '150385Y9013', '050402A9055'] as const;
const MUNICIPALITIES = ['Loviisa', 'loviisa', 'Porvoo', 'Hyvinkää', 'HYVINKÄÄ'] as const;

const callerArb: fc.Arbitrary<Caller> = fc.constantFrom(...ORGS).chain((org) =>
  fc.record({
    sub: org === 'citizen' ? fc.constantFrom(...HETUS) : fc.constant(`${org}-official`),
    org: fc.constant(org),
    role: fc.constantFrom(...ROLES_BY_ORG[org]),
    areas: fc.subarray([...AREAS]),
    municipality:
      org === 'municipality'
        ? fc.option(fc.constantFrom(...MUNICIPALITIES), { nil: undefined })
        : fc.constant(undefined),
  }),
);
const consentArb: fc.Arbitrary<ConsentFact> = fc.record({
  id: fc.constant('c'),
  recipientOrg: fc.constantFrom(...ORGS),
  recipientMunicipality: fc.option(fc.constantFrom(...MUNICIPALITIES), { nil: null }),
  categories: fc.subarray([...DATA_CATEGORIES]),
  validFrom: fc.constantFrom('2024-01-01', YESTERDAY, TODAY, TOMORROW),
  validUntil: fc.constantFrom(YESTERDAY, TODAY, TOMORROW, '2026-01-01'),
  revokedAt: fc.option(fc.constant('2025-06-01T08:00:00.000Z'), { nil: null }),
});
const personArb: fc.Arbitrary<PersonFacts> = fc.record({
  hetu: fc.constantFrom(...HETUS),
  activeCustomership: fc.option(fc.record({ area: fc.constantFrom(...AREAS, ELSEWHERE) }), { nil: null }),
  consents: fc.array(consentArb, { maxLength: 3 }),
});
const fieldArb: fc.Arbitrary<FieldRef> = fc.record(
  {
    register: fc.constantFrom(...REGISTERS),
    category: fc.constantFrom(...DATA_CATEGORIES),
    storedByCaller: fc.boolean(),
  },
  { requiredKeys: ['register', 'category'] },
);
const purposeArb = fc.constantFrom(...PURPOSES);
const RUNS = { numRuns: 3000 };

const isAuthorityOrg = (org: Org) => org === 'employment' || org === 'wellbeing' || org === 'kela';

/** docs/CONTRACT.md section 3 written out check by check, in its order. */
function contractDecision(a: Access, p: PersonFacts, field: FieldRef): ReturnType<typeof outcome> {
  const { caller, purpose } = a;
  // Only what the caller's own controller stored is its own register (docs/LAW.md rule 10).
  const own = field.register === caller.org && field.storedByCaller === true;
  const failing: string[] = [];
  const purposeFails =
    purpose === 'STATISTICS' ||
    (caller.org === 'citizen'
      ? purpose !== 'DATA_SUBJECT_ACCESS' || field.register !== 'joint'
      : purpose === 'DATA_SUBJECT_ACCESS' || (purpose === 'OWN_SERVICE' && !own));
  if (purposeFails) failing.push('PURPOSE_NOT_ALLOWED');
  if (field.category === 'ORG_INTERNAL' && !own) failing.push('ORG_INTERNAL');
  if (isAuthorityOrg(caller.org)) {
    const permitted = own
      ? Boolean(policy.ownRegister.get(caller.org as 'employment')?.has(caller.role))
      : Boolean(policy.section15.get(caller.role)?.has(field.category));
    if (!permitted) failing.push('NOT_NECESSARY_FOR_ROLE');
  }
  if (failing.length) return refused(failing[0]!);

  if (caller.org === 'citizen') return p.hetu === caller.sub ? granted('DATA_SUBJECT') : refused('NO_LEGAL_BASIS');
  if (own) return granted('OWN');
  if (
    isAuthorityOrg(caller.org) &&
    (TYM_PURPOSES as readonly string[]).includes(purpose) &&
    p.activeCustomership !== null &&
    caller.areas.includes(p.activeCustomership.area)
  ) {
    return granted('SECTION_15');
  }
  const consented = p.consents.some(
    (c) =>
      c.revokedAt === null &&
      c.validFrom <= a.today &&
      a.today <= c.validUntil &&
      c.recipientOrg === caller.org &&
      (c.recipientOrg !== 'municipality' ||
        (c.recipientMunicipality !== null &&
          c.recipientMunicipality.toLowerCase() === caller.municipality?.toLowerCase())) &&
      c.categories.includes(field.category),
  );
  return consented ? granted('CONSENT') : refused('NO_LEGAL_BASIS');
}

describe('properties', () => {
  it('decide is the contract, check by check: the refusal is the first failing check', () => {
    fc.assert(
      fc.property(callerArb, purposeArb, personArb, fieldArb, (caller, purpose, p, field) => {
        expect(outcome(decide(access(caller, purpose), p, field))).toEqual(
          contractDecision(access(caller, purpose), p, field),
        );
      }),
      RUNS,
    );
  });

  it('(a) a refusal decided without the person stands for everyone; only NO_LEGAL_BASIS depends on the person', () => {
    fc.assert(
      fc.property(
        callerArb,
        purposeArb,
        fieldArb,
        fc.array(personArb, { minLength: 1, maxLength: 4 }),
        (caller, purpose, field, persons) => {
          const a = access(caller, purpose);
          const early = decideWithoutPerson(a, field);
          for (const p of persons) {
            const d = decide(a, p, field);
            if (early) {
              expect(early.allowed).toBe(false);
              expect(d).toEqual(early);
            } else if (!d.allowed) {
              expect(d.reason).toBe('NO_LEGAL_BASIS');
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('(b) unknown person, non-client and client of another area get the same decision (docs/LAW.md rule 20)', () => {
    fc.assert(
      fc.property(callerArb, purposeArb, fieldArb, fc.constantFrom(...HETUS), (caller, purpose, field, hetu) => {
        const a = access(caller, purpose);
        const otherArea = [...AREAS, ELSEWHERE].find((x) => !caller.areas.includes(x))!;
        const unknownPerson = person(hetu, null);
        const nonClientPerson: PersonFacts = { hetu, activeCustomership: null, consents: [] };
        const elsewhere = person(hetu, otherArea);
        const d = outcome(decide(a, unknownPerson, field));
        expect(outcome(decide(a, nonClientPerson, field))).toEqual(d);
        expect(outcome(decide(a, elsewhere, field))).toEqual(d);
        expect(grantsFor(a, elsewhere, field.register, DATA_CATEGORIES)).toEqual(
          grantsFor(a, unknownPerson, field.register, DATA_CATEGORIES),
        );
      }),
      RUNS,
    );
  });

  it(
    "(c) ORG_INTERNAL of another register, or another controller's in the own kind of register, is never " + 'allowed',
    () => {
      const registerArb = fc.constantFrom(...REGISTERS);
      fc.assert(
        fc.property(
          callerArb,
          purposeArb,
          personArb,
          registerArb,
          fc.boolean(),
          (caller, purpose, p, register, mine) => {
            const storedByCaller = mine;
            fc.pre(register !== caller.org || !storedByCaller);
            const d = decide(access(caller, purpose), p, { register, category: 'ORG_INTERNAL', storedByCaller });
            expect(d.allowed).toBe(false);
          },
        ),
        RUNS,
      );
    },
  );

  it(
    "(d) SECTION_15 only for the three authorities, a TYM purpose and an active customership in the caller's " + 'area',
    () => {
      fc.assert(
        fc.property(callerArb, purposeArb, personArb, fieldArb, (caller, purpose, p, field) => {
          const d = decide(access(caller, purpose), p, field);
          if (d.allowed && d.basis === 'SECTION_15') {
            expect(['employment', 'wellbeing', 'kela']).toContain(caller.org);
            expect(TYM_PURPOSES).toContain(purpose);
            expect(p.activeCustomership).not.toBeNull();
            expect(caller.areas).toContain(p.activeCustomership!.area);
            expect(field.register === caller.org && field.storedByCaller === true).toBe(false);
            expect(field.category).not.toBe('ORG_INTERNAL');
            expect(policy.section15.get(caller.role)?.has(field.category)).toBe(true);
          }
        }),
        RUNS,
      );
    },
  );

  it('every basis has its precondition', () => {
    fc.assert(
      fc.property(callerArb, purposeArb, personArb, fieldArb, (caller, purpose, p, field) => {
        const a = access(caller, purpose);
        const d = decide(a, p, field);
        if (!d.allowed) return;
        if (d.basis === 'OWN') {
          expect(field.register).toBe(caller.org);
          expect(field.storedByCaller).toBe(true);
          expect(policy.ownRegister.get(caller.org as 'kela')?.has(caller.role)).toBe(true);
          expect(['OWN_SERVICE', ...TYM_PURPOSES]).toContain(purpose);
        }
        if (d.basis === 'CONSENT') {
          expect(['employment', 'wellbeing', 'kela', 'municipality']).toContain(caller.org);
          expect(consentCovers(a, p, field.category)).toBe(true);
          expect(TYM_PURPOSES).toContain(purpose);
        }
        if (d.basis === 'DATA_SUBJECT') {
          expect(caller.org).toBe('citizen');
          expect(caller.sub).toBe(p.hetu);
          expect(field.register).toBe('joint');
          expect(purpose).toBe('DATA_SUBJECT_ACCESS');
        }
        if (purpose === 'STATISTICS') throw new Error('STATISTICS read a personal field');
        if (caller.org === 'municipality') expect(d.basis).toBe('CONSENT');
      }),
      RUNS,
    );
  });

  it('(e) grantsFor agrees with decide for every category', () => {
    fc.assert(
      fc.property(callerArb, purposeArb, personArb, fc.constantFrom(...REGISTERS), (caller, purpose, p, register) => {
        const a = access(caller, purpose);
        const { own: ownGrants, ...grants } = grantsFor(a, p, register, DATA_CATEGORIES);
        expect(Object.keys(grants).sort()).toEqual([...DATA_CATEGORIES].sort());
        expect(ownGrants === undefined).toBe(register !== caller.org);
        for (const category of DATA_CATEGORIES) {
          const d = decide(a, p, f(register, category));
          expect(grants[category]).toBe(d.allowed ? d.basis : `!${d.reason}`);
          expect(outcome(readGrant(grants[category]))).toEqual(outcome(d));
          if (ownGrants) {
            const o = decide(a, p, own(register, category));
            expect(ownGrants[category]).toBe(o.allowed ? o.basis : `!${o.reason}`);
          }
        }
      }),
      RUNS,
    );
  });
});
