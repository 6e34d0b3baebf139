// Section 15 end to end: the legal basis of every field, decided per person, field and purpose,
// through the gateway and real subgraphs (docs/CONTRACT.md section 3, docs/LAW.md rules 12–17, 20–21).
// The expectations are written by hand from the contract's matrix and reasons; they are never
// computed with the policy code they check.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../shared/db.ts';
import { addDays } from '../shared/dates.ts';
import { finnishDate } from '../shared/policy.ts';
import { buildWorld, fixturePersons } from '../seed/world.ts';
import { ALL_ROLES, REFUSAL_REASONS, type Purpose, type RefusalReason } from '../shared/vocabulary.ts';
import type { TokenRequest } from '../gateway/auth.ts';
import type { System } from '../cli/system.ts';
import { consents, customerships, type JointSchema } from '../subgraphs/joint/db/schema.ts';
import { entries } from '../gateway/audit/db/schema.ts';
import { releases } from '../shared/releases.ts';
import {
  BACKENDS,
  errorAt,
  gql,
  startTestSystem,
  statementsRun,
  TEST_WORLD,
  type GqlResult,
  withoutRequestIds,
} from './support/system.ts';
import {
  FIELD_PATHS,
  leakingErrors,
  personQuery,
  personSelection,
  REFUSAL_EXTENSION_KEYS,
  valueAt,
  type FieldPath,
  type Root,
} from './support/section15.ts';

const IU = 'ita-uusimaa';
const KU = 'keski-uusimaa';
const muni = (municipality: string, areas: string[] = []): TokenRequest => ({
  org: 'municipality',
  role: 'municipal-employment-worker',
  municipality,
  areas,
});
const citizen = (hetu: string): TokenRequest => ({ org: 'citizen', role: 'citizen', sub: hetu });

const CALLERS = {
  'employment-specialist@iu': { org: 'employment', role: 'employment-specialist', areas: [IU] },
  'employment-specialist@ku': { org: 'employment', role: 'employment-specialist', areas: [KU] },
  'employment-specialist@no-area': { org: 'employment', role: 'employment-specialist', areas: [] },
  'employment-work-ability-coordinator@iu': { org: 'employment', role: 'work-ability-coordinator', areas: [IU] },
  'psychologist@iu': { org: 'employment', role: 'psychologist', areas: [IU] },
  'employment-supervisor@iu': { org: 'employment', role: 'supervisor', areas: [IU] },
  'network-lead@iu': { org: 'employment', role: 'network-lead', areas: [IU] },
  'employment-analyst@iu': { org: 'employment', role: 'analyst', areas: [IU] },
  'social-instructor@iu': { org: 'wellbeing', role: 'social-instructor', areas: [IU] },
  'social-worker@iu': { org: 'wellbeing', role: 'social-worker', areas: [IU] },
  'social-worker@ku': { org: 'wellbeing', role: 'social-worker', areas: [KU] },
  'public-health-nurse@iu': { org: 'wellbeing', role: 'public-health-nurse', areas: [IU] },
  'wellbeing-work-ability-coordinator@iu': { org: 'wellbeing', role: 'work-ability-coordinator', areas: [IU] },
  'wellbeing-supervisor@iu': { org: 'wellbeing', role: 'supervisor', areas: [IU] },
  'wellbeing-analyst@iu': { org: 'wellbeing', role: 'analyst', areas: [IU] },
  'decision-specialist@iu': { org: 'kela', role: 'decision-specialist', areas: [IU] },
  'decision-specialist@ku': { org: 'kela', role: 'decision-specialist', areas: [KU] },
  'service-specialist@iu': { org: 'kela', role: 'service-specialist', areas: [IU] },
  'service-specialist@ku': { org: 'kela', role: 'service-specialist', areas: [KU] },
  'kela-work-ability-specialist@both': { org: 'kela', role: 'work-ability-specialist', areas: [IU, KU] },
  'kela-analyst@both': { org: 'kela', role: 'analyst', areas: [IU, KU] },
  'municipal@Loviisa': muni('Loviisa'),
  'municipal@Loviisa+iu': muni('Loviisa', [IU]),
  'municipal@Porvoo': muni('Porvoo'),
  'municipal@Askola': muni('Askola'),
  'municipal@Lapinjärvi': muni('Lapinjärvi'),
  'municipal@Pukkila': muni('Pukkila'),
  'municipal@Myrskylä': muni('Myrskylä'),
  'citizen:150385-9013': citizen('150385-9013'),
  'citizen:020270-9022': citizen('020270-9022'),
  'citizen:111190-903A': citizen('111190-903A'),
  'citizen:150385Y9013': citizen('150385Y9013'),
} satisfies Record<string, TokenRequest>;
type CallerName = keyof typeof CALLERS;

type Expect = 'visible' | 'empty' | RefusalReason;
interface Case {
  caller: CallerName;
  purpose: Purpose;
  hetu: string;
  field: FieldPath;
  expect: Expect;
  /** `me` instead of `client(hetu:)`; hetu is then the citizen's own */
  via?: Root;
}

// The persons (docs/CONTRACT.md section 4):
//   150385-9013 active in ita-uusimaa, everything filled   050402A9055 active in ita-uusimaa, Loviisa consent
//   020270-9022 ended a year ago                           111190-903A not a client, in two registers
//   240679-904V active in keski-uusimaa                     300888-906R active in ita-uusimaa, no plan
//   121260-9075 ended over four years ago                   150385Y9013 the century-sign twin of 150385-9013
//   050402B9055 the twin of 050402A9055                     070777-9998 a valid hetu nobody holds
// Consents inserted below: 300888-906R to Askola (expired yesterday), Porvoo (revoked), Lapinjärvi
// (valid from tomorrow), Pukkila (IDENTITY only), Myrskylä (SERVICE_NEED, last valid day today);
// 111190-903A to Kela (COMPETENCE, SOCIAL_SITUATION, HEALTH_WORK_CAPACITY); 150385-9013 to Kela
// (ORG_INTERNAL, SOCIAL_SITUATION).
const CASES: Case[] = [
  // Caseworkers: all seven categories, everywhere in their area; other organisations' ORG_INTERNAL never.
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.customership',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.workCapacity',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.appointments',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.consents',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.workAbility',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'kela.rehabilitation',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'employment-work-ability-coordinator@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'joint.workCapacity',
    expect: 'visible',
  },
  {
    caller: 'employment-work-ability-coordinator@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'psychologist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.workAbility',
    expect: 'visible',
  },
  {
    caller: 'psychologist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'social-instructor@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.workHistory',
    expect: 'visible',
  },
  {
    caller: 'social-instructor@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'joint.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'visible',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'public-health-nurse@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'kela.rehabilitation',
    expect: 'visible',
  },
  {
    caller: 'public-health-nurse@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'wellbeing-work-ability-coordinator@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'kela.benefits',
    expect: 'visible',
  },
  {
    caller: 'wellbeing-work-ability-coordinator@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.rehabilitativeWork',
    expect: 'visible',
  },
  {
    caller: 'wellbeing-work-ability-coordinator@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.workCapacity',
    expect: 'visible',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'wellbeing.workAbility',
    expect: 'visible',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'visible',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '240679-904V',
    field: 'joint.workCapacity',
    expect: 'visible',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '240679-904V',
    field: 'wellbeing.workAbility',
    expect: 'visible',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '240679-904V',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },

  // Kela service specialist: no health or work-capacity detail from others; its own register is not the matrix's.
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.services',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.workCapacity',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'wellbeing.workAbility',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'kela.rehabilitation',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },

  // Kela decision specialist: no competence, no health.
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'joint.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'joint.serviceNeed',
    expect: 'visible',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'employment.jobSeeker',
    expect: 'visible',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'employment.workHistory',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'joint.workCapacity',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'visible',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'PLANNING',
    hetu: '240679-904V',
    field: 'kela.benefits',
    expect: 'visible',
  },
  {
    caller: 'decision-specialist@ku',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'decision-specialist@ku',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'joint.serviceNeed',
    expect: 'NO_LEGAL_BASIS',
  },

  // Supervisors: identity, customership, service need and plan of others; their own register whole.
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'visible',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'joint.customership',
    expect: 'visible',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'joint.serviceNeed',
    expect: 'visible',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'joint.socialSituation',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'wellbeing.socialSituation',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'kela.benefits',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'visible',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '240679-904V',
    field: 'joint.socialSituation',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-supervisor@iu',
    purpose: 'PLAN_REVIEW',
    hetu: '240679-904V',
    field: 'joint.plan',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'wellbeing-supervisor@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'visible',
  },
  {
    caller: 'wellbeing-supervisor@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.jobSeeker',
    expect: 'visible',
  },
  {
    caller: 'wellbeing-supervisor@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.workCapacity',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'wellbeing-supervisor@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.workHistory',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },

  // Network leads and analysts: no person, not even in their own register.
  {
    caller: 'network-lead@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'network-lead@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'kela.benefits',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'network-lead@iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.jobSeeker',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'network-lead@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-analyst@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-analyst@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-analyst@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'employment-analyst@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-analyst@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'employment-analyst@iu',
    purpose: 'STATISTICS',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-analyst@iu',
    purpose: 'ASSESSMENT',
    hetu: '070777-9998',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'wellbeing-analyst@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'wellbeing.socialSituation',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'wellbeing-analyst@iu',
    purpose: 'PLANNING',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'kela-analyst@both',
    purpose: 'COORDINATION',
    hetu: '240679-904V',
    field: 'kela.benefits',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'kela-analyst@both',
    purpose: 'COORDINATION',
    hetu: '240679-904V',
    field: 'joint.serviceNeed',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },

  // Purposes: STATISTICS reads nothing personal, OWN_SERVICE only the own register, DATA_SUBJECT_ACCESS is the
  // citizen's.
  {
    caller: 'employment-specialist@iu',
    purpose: 'STATISTICS',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'STATISTICS',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'STATISTICS',
    hetu: '150385-9013',
    field: 'kela.payments',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'wellbeing.socialSituation',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'OWN_SERVICE',
    hetu: '111190-903A',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'OWN_SERVICE',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'kela.benefits',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'PURPOSE_NOT_ALLOWED',
  },

  // The own register holds non-clients and other areas' clients too (basis OWN).
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'employment.workHistory',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'employment.jobSeeker',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'wellbeing.socialSituation',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'NO_LEGAL_BASIS',
  },
  // 240679-904V moved from Porvoo: the Itä-Uusimaa county's own older diagnosis; Keski-Uusimaa's stays out (below).
  {
    caller: 'social-worker@iu',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'wellbeing.diagnoses',
    expect: 'visible',
  },
  {
    caller: 'social-worker@iu',
    purpose: 'ASSESSMENT',
    hetu: '121260-9075',
    field: 'wellbeing.diagnoses',
    expect: 'visible',
  },

  // Registers are controllers (docs/LAW.md rule 10): another county's or employment area's rows are another
  // organisation's data. Outside section 15 and consent they are left out, the field answering as if empty.
  {
    caller: 'social-worker@ku',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'wellbeing.socialSituation',
    expect: 'empty',
  },
  {
    caller: 'social-worker@ku',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.socialSituation',
    expect: 'empty',
  },
  {
    caller: 'social-worker@ku',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'empty',
  },
  {
    caller: 'social-worker@ku',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'wellbeing.workAbility',
    expect: 'empty',
  },
  {
    caller: 'social-worker@ku',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'social-worker@ku',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'wellbeing.diagnoses',
    expect: 'visible',
  },
  {
    caller: 'social-worker@ku',
    purpose: 'OWN_SERVICE',
    hetu: '111190-903A',
    field: 'wellbeing.socialSituation',
    expect: 'empty',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'empty',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'empty',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'employment.jobSeeker',
    expect: 'empty',
  },

  // Ended customerships: section 15 ends with them.
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '020270-9022',
    field: 'joint.customership',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '020270-9022',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '020270-9022',
    field: 'joint.plan',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '020270-9022',
    field: 'kela.benefits',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '020270-9022',
    field: 'employment.workHistory',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '121260-9075',
    field: 'joint.customership',
    expect: 'NO_LEGAL_BASIS',
  },

  // Areas: section 15 reaches only the caller's cooperation areas.
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'wellbeing.workAbility',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'kela.benefits',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'joint.workCapacity',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'wellbeing.workAbility',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'kela.benefits',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '240679-904V',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@ku',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'kela.benefits',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@no-area',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  // Working for no employment area, the caller works for no controller: no row is its own (docs/LAW.md rule 10).
  {
    caller: 'employment-specialist@no-area',
    purpose: 'ASSESSMENT',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'empty',
  },

  // Century-sign twins and an unknown person are other people (docs/LAW.md rule 21).
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385Y9013',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385Y9013',
    field: 'joint.customership',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385Y9013',
    field: 'wellbeing.socialSituation',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385Y9013',
    field: 'kela.benefits',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '150385Y9013',
    field: 'employment.education',
    expect: 'empty',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '070777-9998',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '070777-9998',
    field: 'kela.benefits',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'ASSESSMENT',
    hetu: '070777-9998',
    field: 'employment.jobSeeker',
    expect: 'empty',
  },

  // An allowed field with nothing in it is empty, not refused.
  {
    caller: 'employment-specialist@iu',
    purpose: 'PLANNING',
    hetu: '300888-906R',
    field: 'joint.plan',
    expect: 'empty',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'PLANNING',
    hetu: '300888-906R',
    field: 'joint.serviceNeed',
    expect: 'visible',
  },
  {
    caller: 'employment-specialist@iu',
    purpose: 'PLANNING',
    hetu: '300888-906R',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },

  // The Loviisa consent of 050402A9055: IDENTITY, COMPETENCE, SERVICE_NEED for a Loviisa worker, nothing else.
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'joint.serviceNeed',
    expect: 'visible',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'employment.workHistory',
    expect: 'visible',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'employment.skills',
    expect: 'visible',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'employment.jobSeeker',
    expect: 'visible',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'joint.plan',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'joint.customership',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'joint.appointments',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'employment.services',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'kela.benefits',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'employment.benefitStatements',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'kela.payments',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'ASSESSMENT',
    hetu: '050402A9055',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'OWN_SERVICE',
    hetu: '050402A9055',
    field: 'joint.identity',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'OWN_SERVICE',
    hetu: '050402A9055',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'STATISTICS',
    hetu: '050402A9055',
    field: 'joint.identity',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '050402A9055',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'municipal@Porvoo',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Porvoo',
    purpose: 'COORDINATION',
    hetu: '050402A9055',
    field: 'employment.education',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa',
    purpose: 'COORDINATION',
    hetu: '050402B9055',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  // A municipality worker has no section 15 access, whatever areas its token names.
  {
    caller: 'municipal@Loviisa+iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Loviisa+iu',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'kela.benefits',
    expect: 'NO_LEGAL_BASIS',
  },
  // 150385-9013's own consent to Porvoo was revoked and has expired.
  {
    caller: 'municipal@Porvoo',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },

  // Consents inserted for this test: validity, revocation and the categories named.
  {
    caller: 'municipal@Askola',
    purpose: 'COORDINATION',
    hetu: '300888-906R',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Porvoo',
    purpose: 'COORDINATION',
    hetu: '300888-906R',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Lapinjärvi',
    purpose: 'COORDINATION',
    hetu: '300888-906R',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Pukkila',
    purpose: 'COORDINATION',
    hetu: '300888-906R',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'municipal@Pukkila',
    purpose: 'COORDINATION',
    hetu: '300888-906R',
    field: 'joint.serviceNeed',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'municipal@Myrskylä',
    purpose: 'COORDINATION',
    hetu: '300888-906R',
    field: 'joint.serviceNeed',
    expect: 'visible',
  },
  {
    caller: 'municipal@Myrskylä',
    purpose: 'COORDINATION',
    hetu: '300888-906R',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'employment.workHistory',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'wellbeing.workAbility',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'employment.jobSeeker',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'service-specialist@iu',
    purpose: 'OWN_SERVICE',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'NOT_NECESSARY_FOR_ROLE',
  },
  {
    caller: 'decision-specialist@iu',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'kela-work-ability-specialist@both',
    purpose: 'COORDINATION',
    hetu: '111190-903A',
    field: 'wellbeing.workAbility',
    expect: 'empty',
  },
  {
    caller: 'service-specialist@ku',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@ku',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'wellbeing.socialSituation',
    expect: 'visible',
  },
  {
    caller: 'service-specialist@ku',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'service-specialist@ku',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.benefitStatements',
    expect: 'ORG_INTERNAL',
  },
  {
    caller: 'service-specialist@ku',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'service-specialist@ku',
    purpose: 'COORDINATION',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'NO_LEGAL_BASIS',
  },

  // Citizens: their own joint record under DATA_SUBJECT_ACCESS, nothing else.
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'joint.workCapacity',
    expect: 'visible',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'visible',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'joint.appointments',
    expect: 'visible',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'joint.consents',
    expect: 'visible',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'kela.benefits',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385-9013',
    field: 'wellbeing.diagnoses',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'ASSESSMENT',
    via: 'me',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'STATISTICS',
    via: 'me',
    hetu: '150385-9013',
    field: 'joint.plan',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '150385-9013',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '050402A9055',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '050402A9055',
    field: 'joint.customership',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '050402A9055',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    hetu: '150385Y9013',
    field: 'joint.identity',
    expect: 'NO_LEGAL_BASIS',
  },
  {
    caller: 'citizen:150385-9013',
    purpose: 'ASSESSMENT',
    hetu: '050402A9055',
    field: 'joint.identity',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:020270-9022',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '020270-9022',
    field: 'joint.customership',
    expect: 'visible',
  },
  {
    caller: 'citizen:020270-9022',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '020270-9022',
    field: 'joint.identity',
    expect: 'visible',
  },
  {
    caller: 'citizen:020270-9022',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '020270-9022',
    field: 'joint.serviceNeed',
    expect: 'visible',
  },
  {
    caller: 'citizen:020270-9022',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '020270-9022',
    field: 'joint.plan',
    expect: 'visible',
  },
  {
    caller: 'citizen:020270-9022',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '020270-9022',
    field: 'joint.consents',
    expect: 'empty',
  },
  {
    caller: 'citizen:111190-903A',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '111190-903A',
    field: 'joint.identity',
    expect: 'empty',
  },
  {
    caller: 'citizen:111190-903A',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '111190-903A',
    field: 'employment.education',
    expect: 'PURPOSE_NOT_ALLOWED',
  },
  {
    caller: 'citizen:150385Y9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385Y9013',
    field: 'joint.identity',
    expect: 'empty',
  },
  {
    caller: 'citizen:150385Y9013',
    purpose: 'DATA_SUBJECT_ACCESS',
    via: 'me',
    hetu: '150385Y9013',
    field: 'joint.customership',
    expect: 'empty',
  },
];

const groupKey = (c: Case) => `${c.caller} ${c.purpose} ${c.via ?? 'client'} ${c.hetu}`;
const GROUP_FIELDS = new Map<string, FieldPath[]>();
for (const c of CASES) {
  const fields = GROUP_FIELDS.get(groupKey(c)) ?? [];
  if (!fields.includes(c.field)) fields.push(c.field);
  GROUP_FIELDS.set(groupKey(c), fields);
}

const jointDb = (system: System) => system.databases.joint.db as unknown as Db<JointSchema>;

function expectOutcome(r: GqlResult<any>, root: string, hetu: string, field: FieldPath, expected: Expect): void {
  const label = `${root}.${field}`;
  expect(r.status, label).toBe(200);
  expect(r.data?.[root]?.hetu, label).toBe(hetu);
  const value = valueAt(r.data?.[root], field.split('.'));
  const error = errorAt(r, label);
  if (expected === 'visible' || expected === 'empty') {
    expect(error, label).toBeUndefined();
    if (expected === 'visible') {
      expect(value, label).not.toBeNull();
      expect(value, label).not.toBeUndefined();
      if (Array.isArray(value)) expect(value.length, label).toBeGreaterThan(0);
    } else {
      expect(value === null || (Array.isArray(value) && value.length === 0), `${label}: ${JSON.stringify(value)}`).toBe(
        true,
      );
    }
    return;
  }
  expect(value, label).toBeNull();
  expect(error?.extensions, label).toMatchObject({ code: 'FORBIDDEN', reason: expected });
  expect(
    Object.keys(error?.extensions ?? {}).filter((k) => !REFUSAL_EXTENSION_KEYS.includes(k)),
    label,
  ).toEqual([]);
}

/**
 * Every error of a person request is a field refusal at a requested field, and none tells anything about the person.
 */
function expectOnlyFieldRefusals(r: GqlResult, roots: string | string[], fields: readonly FieldPath[]): void {
  expect(leakingErrors(r)).toEqual([]);
  for (const e of r.errors ?? []) {
    expect(e.extensions?.code, JSON.stringify(e)).toBe('FORBIDDEN');
    expect(
      [roots].flat().flatMap((root) => fields.map((f) => `${root}.${f}`)),
      JSON.stringify(e),
    ).toContain(e.path?.join('.'));
  }
}

for (const backend of BACKENDS) {
  describe(`section 15 on ${backend.name}`, () => {
    let system: System;
    const today = finnishDate();
    const tokens = new Map<CallerName, Promise<string>>();
    const responses = new Map<string, Promise<GqlResult<any>>>();

    const tokenFor = (name: CallerName): Promise<string> => {
      let t = tokens.get(name);
      if (!t) tokens.set(name, (t = system.token(CALLERS[name])));
      return t;
    };
    const ask = async (
      caller: CallerName,
      purpose: Purpose | null,
      root: Root,
      hetu: string,
      fields: readonly FieldPath[],
    ) =>
      gql<any>(system.url, personQuery(root, fields), {
        token: await tokenFor(caller),
        purpose,
        variables: root === 'client' ? { hetu } : undefined,
      });
    const responseFor = (c: Case): Promise<GqlResult<any>> => {
      const key = groupKey(c);
      let r = responses.get(key);
      if (!r) responses.set(key, (r = ask(c.caller, c.purpose, c.via ?? 'client', c.hetu, GROUP_FIELDS.get(key)!)));
      return r;
    };

    beforeAll(async () => {
      system = await startTestSystem(backend);
      const by = {
        recordedByOrg: 'employment',
        recordedByArea: IU,
        recordedByOfficial: 'Test official, Employment specialist',
      };
      const base = { validFrom: addDays(today, -30), validUntil: addDays(today, 60), ...by };
      await jointDb(system)
        .insert(consents)
        .values([
          {
            ...base,
            hetu: '300888-906R',
            recipientOrg: 'municipality',
            recipientMunicipality: 'Askola',
            categories: ['IDENTITY'],
            validFrom: addDays(today, -60),
            validUntil: addDays(today, -1),
            formReference: 'T-EXPIRED',
          },
          {
            ...base,
            hetu: '300888-906R',
            recipientOrg: 'municipality',
            recipientMunicipality: 'Porvoo',
            categories: ['IDENTITY'],
            formReference: 'T-REVOKED',
            revokedAt: new Date(Date.now() - 86_400_000),
            revokedBy: 'the client',
          },
          {
            ...base,
            hetu: '300888-906R',
            recipientOrg: 'municipality',
            recipientMunicipality: 'Lapinjärvi',
            categories: ['IDENTITY'],
            validFrom: addDays(today, 1),
            formReference: 'T-NOT-YET',
          },
          {
            ...base,
            hetu: '300888-906R',
            recipientOrg: 'municipality',
            recipientMunicipality: 'Pukkila',
            categories: ['IDENTITY'],
            formReference: 'T-IDENTITY-ONLY',
          },
          {
            ...base,
            hetu: '300888-906R',
            recipientOrg: 'municipality',
            recipientMunicipality: 'Myrskylä',
            categories: ['SERVICE_NEED'],
            validUntil: today,
            formReference: 'T-LAST-DAY',
          },
          {
            ...base,
            hetu: '111190-903A',
            recipientOrg: 'kela',
            recipientMunicipality: null,
            categories: ['COMPETENCE', 'SOCIAL_SITUATION', 'HEALTH_WORK_CAPACITY'],
            formReference: 'T-KELA-NON-CLIENT',
          },
          {
            ...base,
            hetu: '150385-9013',
            recipientOrg: 'kela',
            recipientMunicipality: null,
            categories: ['ORG_INTERNAL', 'SOCIAL_SITUATION'],
            formReference: 'T-KELA-ORG-INTERNAL',
          },
        ]);
    });
    afterAll(async () => system?.close());

    it('the table covers every role, every reason and both outcomes', () => {
      const roles = new Set(CASES.map((c) => CALLERS[c.caller].role));
      expect(ALL_ROLES.filter((r) => !roles.has(r))).toEqual([]);
      const outcomes = new Set(CASES.map((c) => c.expect));
      expect([...REFUSAL_REASONS, 'visible', 'empty'].filter((o) => !outcomes.has(o as Expect))).toEqual([]);
      expect(CASES.length).toBeGreaterThanOrEqual(70);
      expect(new Set(CASES.map((c) => `${groupKey(c)} ${c.field}`)).size).toBe(CASES.length);
    });

    for (const c of CASES) {
      const root = c.via ?? 'client';
      it(`${c.caller} ${c.purpose} ${root === 'me' ? `me (${c.hetu})` : c.hetu} ${c.field} → ${c.expect}`, async () => {
        const r = await responseFor(c);
        expectOnlyFieldRefusals(r, root, GROUP_FIELDS.get(groupKey(c))!);
        expectOutcome(r, root, c.hetu, c.field, c.expect);
      });
    }

    describe('facts are read fresh on every request', () => {
      it('a consent revoked in the joint record stops the very next request', async () => {
        const fields: FieldPath[] = ['joint.identity', 'employment.education'];
        const read = () => ask('municipal@Loviisa', 'COORDINATION', 'client', '050402A9055', fields);
        const before = await read();
        for (const f of fields) expectOutcome(before, 'client', '050402A9055', f, 'visible');

        const db = jointDb(system);
        const revoked = await db
          .update(consents)
          .set({ revokedAt: new Date(), revokedBy: 'the client' })
          .where(
            and(
              eq(consents.hetu, '050402A9055'),
              eq(consents.recipientMunicipality, 'Loviisa'),
              isNull(consents.revokedAt),
            ),
          )
          .returning({ id: consents.id });
        expect(revoked).toHaveLength(1);
        try {
          const after = await read();
          expectOnlyFieldRefusals(after, 'client', fields);
          for (const f of fields) expectOutcome(after, 'client', '050402A9055', f, 'NO_LEGAL_BASIS');
        } finally {
          await db
            .update(consents)
            .set({ revokedAt: null, revokedBy: null })
            .where(
              inArray(
                consents.id,
                revoked.map((x) => x.id),
              ),
            );
        }
        const restored = await read();
        for (const f of fields) expectOutcome(restored, 'client', '050402A9055', f, 'visible');
      });

      it('a customership ended in the joint record takes section 15 away from the very next request', async () => {
        const fixtures = new Set(fixturePersons(today).map((p) => p.hetu));
        const person = buildWorld({ ...TEST_WORLD, today }).find(
          (p) =>
            !fixtures.has(p.hetu) &&
            p.joint?.customerships.some((c) => c.status === 'ACTIVE' && c.area === IU) &&
            (p.kela?.benefits.length ?? 0) > 0 &&
            (p.employment?.education.length ?? 0) > 0,
        );
        expect(person, 'a generated active client of ita-uusimaa with Kela benefits').toBeDefined();
        const hetu = person!.hetu;
        const fields: FieldPath[] = ['joint.identity', 'joint.customership', 'kela.benefits', 'employment.education'];
        const read = () => ask('employment-specialist@iu', 'ASSESSMENT', 'client', hetu, fields);
        const before = await read();
        for (const f of fields) expectOutcome(before, 'client', hetu, f, 'visible');

        const db = jointDb(system);
        const ended = await db
          .update(customerships)
          .set({ status: 'ENDED', endedAt: new Date(), endReason: 'EMPLOYED' })
          .where(and(eq(customerships.hetu, hetu), eq(customerships.status, 'ACTIVE')))
          .returning({ id: customerships.id });
        expect(ended).toHaveLength(1);
        try {
          const after = await read();
          expectOnlyFieldRefusals(after, 'client', fields);
          expectOutcome(after, 'client', hetu, 'joint.identity', 'NO_LEGAL_BASIS');
          expectOutcome(after, 'client', hetu, 'joint.customership', 'NO_LEGAL_BASIS');
          expectOutcome(after, 'client', hetu, 'kela.benefits', 'NO_LEGAL_BASIS');
          expectOutcome(after, 'client', hetu, 'employment.education', 'visible');
        } finally {
          await db
            .update(customerships)
            .set({ status: 'ACTIVE', endedAt: null, endReason: null })
            .where(
              inArray(
                customerships.id,
                ended.map((x) => x.id),
              ),
            );
        }
        const restored = await read();
        for (const f of fields) expectOutcome(restored, 'client', hetu, f, 'visible');
      });

      it('looks the facts up once per subgraph fetch, not once per person', async () => {
        const token = await tokenFor('employment-specialist@iu');
        const clients = await gql<any>(system.url, '{ caseload(first: 5) { nodes { hetu } } }', {
          token,
          purpose: 'COORDINATION',
        });
        const hetus: string[] = clients.data.caseload.nodes.map((n: any) => n.hetu);
        expect(hetus).toHaveLength(5);
        // Persons looked up one by one, and no joint field: the joint subgraph decides nothing for them, so
        // the registers' grants need the facts looked up (a caseload page and a joint field bring them: below).
        const persons = (n: number) =>
          `{ ${hetus
            .slice(0, n)
            .map(
              (hetu, i) =>
                `p${i}: client(hetu: "${hetu}") { hetu employment { education { degree } } ` +
                'wellbeing { socialSituation { summary } } kela { benefits { type } } }',
            )
            .join(' ')} }`;
        const fetchSpy = vi.spyOn(globalThis, 'fetch');
        try {
          const measure = async (n: number) => {
            const { joint } = await statementsRun(system, async () => {
              fetchSpy.mockClear();
              const r = await gql<any>(system.url, persons(n), { token, purpose: 'COORDINATION' });
              expect(r.errors).toBeUndefined();
              expect(Object.keys(r.data)).toHaveLength(n);
            });
            const factsBodies = fetchSpy.mock.calls
              .filter(([input]) => new URL(input instanceof Request ? input.url : String(input)).pathname === '/facts')
              .map(([, init]) => JSON.parse(String(init?.body)) as { hetus: string[] });
            return {
              jointQueries: joint,
              lookups: factsBodies.length,
              hetus: factsBodies.flatMap((b) => b.hetus),
            };
          };
          const small = await measure(2);
          const large = await measure(5);
          // Three registers are fetched: at most one lookup each, and each lookup carries every person.
          expect(large.lookups).toBeGreaterThanOrEqual(1);
          expect(large.lookups).toBeLessThanOrEqual(3);
          expect(new Set(large.hetus).size).toBe(5);
          expect(large.hetus.length).toBeLessThanOrEqual(3 * 5);
          expect(large.jointQueries).toBe(small.jointQueries);
        } finally {
          fetchSpy.mockRestore();
        }
      });

      it("reads a caseload page's facts with the page: no look-up, and the same answers as one by one", async () => {
        const token = await tokenFor('employment-specialist@iu');
        const fields =
          'hetu employment { education { degree } } wellbeing { socialSituation { summary } } ' +
          'kela { benefits { type } }';
        const fetchSpy = vi.spyOn(globalThis, 'fetch');
        try {
          let page: any[] = [];
          const { joint } = await statementsRun(system, async () => {
            fetchSpy.mockClear();
            const r = await gql<any>(system.url, `{ caseload(first: 20) { nodes { ${fields} } } }`, {
              token,
              purpose: 'COORDINATION',
            });
            expect(r.errors).toBeUndefined();
            page = r.data.caseload.nodes;
          });
          const lookups = fetchSpy.mock.calls.filter(
            ([input]) => new URL(input instanceof Request ? input.url : String(input)).pathname === '/facts',
          );
          expect(lookups).toHaveLength(0);
          // The page with its persons' facts, and the claim of the ticket with the release record.
          expect(joint).toBe(2);
          expect(page).toHaveLength(20);
          expect(page.some((n) => n.wellbeing.socialSituation) && page.some((n) => n.kela.benefits.length > 0)).toBe(
            true,
          );
          // Each person as the registers answer when the facts are looked up.
          for (const node of page) {
            const one = await gql<any>(system.url, `query ($hetu: ID!) { client(hetu: $hetu) { ${fields} } }`, {
              token,
              purpose: 'COORDINATION',
              variables: { hetu: node.hetu },
            });
            expect(one.errors).toBeUndefined();
            expect(one.data.client).toEqual(node);
          }
        } finally {
          fetchSpy.mockRestore();
        }
      });

      it('takes the joint facts from its own answer: no look-up, and they never leave', async () => {
        const token = await tokenFor('employment-specialist@iu');
        const query =
          `{ caseload(first: 20) { nodes { hetu joint { identity { lastName } }
          employment { education { degree } } wellbeing { socialSituation { summary } } kela { ` +
          `benefits { type } } } } }`;
        const fetchSpy = vi.spyOn(globalThis, 'fetch');
        try {
          const res = await fetch(system.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'x-tym-purpose': 'COORDINATION',
            },
            body: JSON.stringify({ query }),
          });
          const text = await res.text();
          const r = JSON.parse(text);
          expect(r.data.caseload.nodes).toHaveLength(20);
          expect(r.data.caseload.nodes.some((n: any) => n.wellbeing.socialSituation)).toBe(true);
          const lookups = fetchSpy.mock.calls.filter(
            ([input]) => new URL(input instanceof Request ? input.url : String(input)).pathname === '/facts',
          );
          expect(lookups).toHaveLength(0);
          expect(text).not.toContain('tymFacts');
          expect(text).not.toContain('activeCustomership');
        } finally {
          fetchSpy.mockRestore();
        }
      });
    });

    it("in one request each person gets their own basis: a client, its twin, another area's client", async () => {
      const fields: FieldPath[] = [
        'joint.identity',
        'wellbeing.socialSituation',
        'kela.benefits',
        'employment.education',
      ];
      const selection = personSelection(fields);
      const r = await gql<any>(
        system.url,
        `{ a: client(hetu: "150385-9013") { hetu ${selection} } b: client(hetu: "150385Y9013") { ` +
          `hetu ${selection} } c: client(hetu: "240679-904V") { hetu ${selection} } }`,
        { token: await tokenFor('employment-specialist@iu'), purpose: 'ASSESSMENT' },
      );
      expectOnlyFieldRefusals(r, ['a', 'b', 'c'], fields);
      for (const f of fields) expectOutcome(r, 'a', '150385-9013', f, 'visible');
      for (const f of fields.slice(0, 3)) expectOutcome(r, 'b', '150385Y9013', f, 'NO_LEGAL_BASIS');
      expectOutcome(r, 'b', '150385Y9013', 'employment.education', 'empty');
      for (const f of fields.slice(0, 3)) expectOutcome(r, 'c', '240679-904V', f, 'NO_LEGAL_BASIS');
      expectOutcome(r, 'c', '240679-904V', 'employment.education', 'visible');
    });

    describe('registers are controllers (docs/LAW.md rule 10)', () => {
      // 240679-904V lives in Hyvinkää now and lived in Porvoo before: the Itä-Uusimaa county keeps an older
      // social-situation assessment and a diagnosis (F32.1), the Porvoo employment area an education (Inveon);
      // Keski-Uusimaa's own are the newer assessment, the work-ability assessment and M75.1.
      const WELLBEING =
        'wellbeing { socialSituation { summary recordedBy { area } } workAbility { summary } diagnoses { code } }';
      const read = async (caller: CallerName, hetu: string, selection: string, caseReference?: string) =>
        gql<any>(system.url, `query ($hetu: ID!) { client(hetu: $hetu) { hetu ${selection} } }`, {
          token: await tokenFor(caller),
          purpose: 'ASSESSMENT',
          variables: { hetu },
          ...(caseReference ? { caseReference } : {}),
        });

      it("a Keski-Uusimaa social worker: its own county's rows, not the Itä-Uusimaa county's diagnoses", async () => {
        const r = await read('social-worker@ku', '240679-904V', WELLBEING);
        expect(r.errors).toBeUndefined();
        const w = r.data.client.wellbeing;
        expect(w.socialSituation.recordedBy.area).toBe(KU);
        expect(w.workAbility).not.toBeNull();
        expect(w.diagnoses.map((d: any) => d.code)).toEqual(['M75.1']);
      });

      it(
        'an Itä-Uusimaa social worker reads what its own county stored as its own, and nothing Keski-Uusimaa ' +
          'stored',
        async () => {
          const r = await read('social-worker@iu', '240679-904V', WELLBEING);
          expect(r.errors).toBeUndefined();
          const w = r.data.client.wellbeing;
          expect(w.socialSituation.recordedBy.area).toBe(IU);
          expect(w.workAbility).toBeNull();
          expect(w.diagnoses.map((d: any) => d.code)).toEqual(['F32.1']);
        },
      );

      it('rows left out leave no trace: a person only another county knows looks like one nobody holds', async () => {
        const shapes: string[] = [];
        for (const hetu of ['111190-903A', '070777-9998']) {
          const r = await read('social-worker@ku', hetu, `${WELLBEING} employment { education { degree } }`);
          const errors = withoutRequestIds(r.errors);
          shapes.push(JSON.stringify({ status: r.status, data: r.data, errors }).replaceAll(hetu, '<hetu>'));
        }
        expect(shapes[1]).toBe(shapes[0]);
      });

      it('one field released on two bases is logged on both, by the gateway and by the register', async () => {
        const caseReference = `CTRL-${Date.now()}`;
        const r = await read(
          'employment-specialist@ku',
          '240679-904V',
          'employment { education { institution controller } }',
          caseReference,
        );
        expect(r.errors).toBeUndefined();
        // Keski-Uusimaa's own row, and the Porvoo employment area's through section 15 (an active client of the area),
        // each naming the controller that stored it.
        expect(r.data.client.employment.education.map((e: any) => `${e.institution}:${e.controller}`).sort()).toEqual([
          'Inveon:porvoo-employment-area',
          'Keuda:keski-uusimaa-employment-area',
        ]);

        const logged = (
          (await (system.gateway.audit.db.db as any).select().from(entries)) as (typeof entries.$inferSelect)[]
        ).filter((e) => e.caseReference === caseReference);
        expect(logged.map((e) => `${e.register}:${e.basis}:${e.categories.join('+')}`).sort()).toEqual([
          'employment:OWN:COMPETENCE',
          'employment:SECTION_15:COMPETENCE',
        ]);
        expect(logged.find((e) => e.basis === 'SECTION_15')?.personArea).toBe(KU);

        const own = (
          (await (system.databases.employment.db as any).select().from(releases)) as (typeof releases.$inferSelect)[]
        ).filter((e) => e.caseReference === caseReference);
        expect(own).toHaveLength(1);
        expect(own[0]!.categories.map((c, i) => `${c}:${own[0]!.bases[i]}`).sort()).toEqual([
          'COMPETENCE:OWN',
          'COMPETENCE:SECTION_15',
        ]);
      });

      it('rows withheld are not logged as released', async () => {
        const caseReference = `CTRL-W-${Date.now()}`;
        const r = await read('social-worker@ku', '150385-9013', WELLBEING, caseReference);
        expect(r.errors).toBeUndefined();
        expect(r.data.client.wellbeing).toEqual({ socialSituation: null, workAbility: null, diagnoses: [] });
        const logged = (
          (await (system.gateway.audit.db.db as any).select().from(entries)) as (typeof entries.$inferSelect)[]
        ).filter((e) => e.caseReference === caseReference);
        expect(logged).toEqual([]);
      });
    });

    describe('refusals are identical whoever the person is (docs/LAW.md rule 20)', () => {
      const refused = ['070777-9998', '111190-903A', '020270-9022', '240679-904V'];
      const cases: [CallerName, FieldPath[]][] = [
        ['municipal@Loviisa', FIELD_PATHS],
        // The caller's own register legitimately differs from person to person: it is left out.
        ['employment-specialist@iu', FIELD_PATHS.filter((f) => !f.startsWith('employment.'))],
        ['social-worker@iu', FIELD_PATHS.filter((f) => !f.startsWith('wellbeing.'))],
      ];
      for (const [caller, fields] of cases) {
        it(`${caller}: unknown person, non-client, ended client and another area's client look the same`, async () => {
          const shapes: string[] = [];
          for (const hetu of refused) {
            const r = await ask(caller, 'COORDINATION', 'client', hetu, fields);
            expectOnlyFieldRefusals(r, 'client', fields);
            expect(
              r.errors?.some((e) => e.extensions?.reason === 'NO_LEGAL_BASIS'),
              hetu,
            ).toBe(true);
            const errors = (r.errors ?? [])
              .map((e) => ({
                path: e.path,
                message: e.message,
                extensions: { ...e.extensions, requestId: undefined },
              }))
              .sort((a, b) => a.path!.join('.').localeCompare(b.path!.join('.')));
            shapes.push(JSON.stringify({ status: r.status, data: r.data, errors }).replaceAll(hetu, '<hetu>'));
          }
          expect(shapes[1]).toBe(shapes[0]);
          expect(shapes[2]).toBe(shapes[0]);
          expect(shapes[3]).toBe(shapes[0]);
        });
      }
    });
  });
}
