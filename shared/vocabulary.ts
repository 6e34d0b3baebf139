// The closed vocabularies of the external contract (docs/CONTRACT.md section 2 and 3).
// Everything that checks a caller, a purpose or a field refers to these lists, so a
// value outside them is refused in one place.

/** The seven section 11(2) categories of act 381/2023 (docs/LAW.md rule 8), plus ORG_INTERNAL. */
export const DATA_CATEGORIES = [
  'IDENTITY',
  'CUSTOMERSHIP',
  'COMPETENCE',
  'SOCIAL_SITUATION',
  'HEALTH_WORK_CAPACITY',
  'SERVICE_NEED',
  'PLAN',
  'ORG_INTERNAL',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
/** The categories the joint record and section 15 may carry (never ORG_INTERNAL). */
export const SECTION_11_CATEGORIES = DATA_CATEGORIES.filter((c) => c !== 'ORG_INTERNAL') as Exclude<
  DataCategory,
  'ORG_INTERNAL'
>[];

export const ORGS = ['employment', 'wellbeing', 'kela', 'municipality', 'citizen'] as const;
export type Org = (typeof ORGS)[number];

/** The three authorities of section 15 (docs/LAW.md rule 14): only they exchange data without consent. */
export const AUTHORITIES = ['employment', 'wellbeing', 'kela'] as const;
export type Authority = (typeof AUTHORITIES)[number];
export const isAuthority = (org: string): org is Authority => (AUTHORITIES as readonly string[]).includes(org);

/** Where a field's data lives: the joint TYM record or one authority's own register. */
export const REGISTERS = ['joint', 'employment', 'wellbeing', 'kela'] as const;
export type Register = (typeof REGISTERS)[number];

export const ROLES_BY_ORG: Record<Org, readonly string[]> = {
  employment: [
    'employment-specialist',
    'work-ability-coordinator',
    'psychologist',
    'supervisor',
    'network-lead',
    'analyst',
  ],
  wellbeing: [
    'social-instructor',
    'social-worker',
    'public-health-nurse',
    'work-ability-coordinator',
    'supervisor',
    'analyst',
  ],
  kela: ['decision-specialist', 'service-specialist', 'work-ability-specialist', 'analyst'],
  municipality: ['municipal-employment-worker'],
  citizen: ['citizen'],
};
export const ALL_ROLES = [...new Set(Object.values(ROLES_BY_ORG).flat())];

export const TYM_PURPOSES = ['ASSESSMENT', 'PLANNING', 'PLAN_REVIEW', 'COORDINATION'] as const;
export const PURPOSES = [...TYM_PURPOSES, 'OWN_SERVICE', 'STATISTICS', 'DATA_SUBJECT_ACCESS'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const isTymPurpose = (p: string): boolean => (TYM_PURPOSES as readonly string[]).includes(p);
export const isPurpose = (p: string): p is Purpose => (PURPOSES as readonly string[]).includes(p);

/** Legal bases of a disclosure. DATA_SUBJECT extends the contract's three: the client reading their own record. */
export const BASES = ['OWN', 'SECTION_15', 'CONSENT', 'DATA_SUBJECT'] as const;
export type Basis = (typeof BASES)[number];

/** Refusal reasons in the order they are decided: the ones that do not depend on the person first. */
export const REFUSAL_REASONS = [
  'PURPOSE_NOT_ALLOWED',
  'ORG_INTERNAL',
  'NOT_NECESSARY_FOR_ROLE',
  'NO_LEGAL_BASIS',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const END_REASONS = ['EMPLOYED', 'BASIC_SERVICES_SUFFICE', 'LONG_TERM_SOLUTION', 'JOB_SEARCH_ENDED'] as const;
export type EndReason = (typeof END_REASONS)[number];

export interface Caller {
  sub: string;
  org: Org;
  role: string;
  areas: string[];
  municipality?: string;
}
