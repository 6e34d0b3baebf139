// The shape of the demo world: one entry per person, with each register's part. The generator
// (world.ts) and the fixture file (fixtures.json) produce it; each subgraph's seeder stores its part.
// Dates are YYYY-MM-DD, timestamps ISO 8601.
import type { Authority, DataCategory, EndReason, Org } from '../shared/vocabulary.ts';

export interface Official {
  org: Authority;
  area: string;
  name: string;
  title: string;
}

export interface WorldPerson {
  hetu: string;
  firstName: string;
  lastName: string;
  language: 'fi' | 'sv';
  municipality: string;
  phone: string;
  email: string;
  joint?: JointSeed;
  employment?: EmploymentSeed;
  wellbeing?: WellbeingSeed;
  kela?: KelaSeed;
}

// ---- joint TYM record -------------------------------------------------------------------------
export interface JointSeed {
  customerships: CustomershipSeed[];
  consents: ConsentSeed[];
}
export interface CustomershipSeed {
  area: string;
  status: 'ACTIVE' | 'ENDED';
  startedOn: string; // the start of the multi-sectoral assessment (§4.1)
  endedOn?: string;
  endReason?: EndReason;
  agreedBy?: Authority[];
  referralNote?: string;
  startedBy: Official;
  officials: Official[]; // responsible officials
  assessments: AssessmentSeed[];
  plan?: PlanSeed;
  appointments: AppointmentSeed[];
  legalHold?: { reason: string; setBy: Official; setOn: string };
}
export interface AssessmentSeed {
  kind: 'SERVICE_NEED' | 'SOCIAL_SITUATION' | 'WORK_CAPACITY';
  summary: string;
  recordedAt: string;
  recordedBy: Official;
}
export interface PlanSeed {
  createdAt: string;
  createdBy: Official;
  services: {
    provider: Authority | 'municipality';
    description: string;
    status: 'PLANNED' | 'ONGOING' | 'COMPLETED' | 'CANCELLED';
  }[];
  reviews: { reviewedAt: string; note: string; reviewedBy: Official; requestedByClient?: boolean }[];
}
export interface AppointmentSeed {
  at: string;
  mode: 'IN_PERSON' | 'REMOTE';
  participants: Org[];
  note?: string;
  recordedBy: Official;
}
export interface ConsentSeed {
  recipientOrg: Org;
  recipientMunicipality?: string;
  categories: DataCategory[];
  validFrom: string;
  validUntil: string;
  formReference: string;
  revokedAt?: string;
  recordedBy: Official;
}

// ---- the registers' controllers -------------------------------------------------------------------
/**
 * Every register row records the controller that stored it (docs/LAW.md rule 10; config/areas.yaml). A
 * register part names the controller of the person's own area; a row another controller stored (the
 * person lived in another area then) names its own.
 */
export interface StoredBy {
  controller?: string;
}

// ---- employment authority's register ----------------------------------------------------------
export interface EmploymentSeed {
  controller: string; // the employment area serving the person now, e.g. "porvoo-employment-area"
  office: string; // employment area, e.g. "Porvoo"
  jobSeeker?: {
    status: 'UNEMPLOYED' | 'LAID_OFF' | 'PART_TIME' | 'IN_SERVICE' | 'EMPLOYED' | 'OUTSIDE_LABOUR_FORCE';
    registeredOn: string;
    unemployedSince?: string;
  };
  education: ({ degree: string; field: string; institution: string; year: number } & StoredBy)[];
  workHistory: ({ title: string; employer: string; startedOn: string; endedOn?: string } & StoredBy)[];
  skills: ({ name: string; level: 'BASIC' | 'GOOD' | 'EXCELLENT' } & StoredBy)[];
  services: ({
    type: string;
    provider: string;
    startedOn: string;
    endedOn?: string;
    status: 'PLANNED' | 'ONGOING' | 'COMPLETED' | 'INTERRUPTED';
  } & StoredBy)[];
  benefitStatements: ({ givenOn: string; statementType: string; outcome: string; reasoning: string } & StoredBy)[];
}

// ---- wellbeing services county's register ----------------------------------------------------
export interface WellbeingSeed {
  controller: string; // the county serving the person now, e.g. "ita-uusimaa-wellbeing-county"
  unit: string; // e.g. "Itä-Uusimaa social services, Porvoo"
  socialAssessments: ({ summary: string; recordedAt: string; recordedBy: Official } & StoredBy)[];
  workAbilityAssessments: ({ summary: string; recordedAt: string; recordedBy: Official } & StoredBy)[];
  rehabilitativeWork: ({
    provider: string;
    startedOn: string;
    endedOn?: string;
    daysPerWeek: number;
    status: 'PLANNED' | 'ONGOING' | 'COMPLETED' | 'INTERRUPTED';
  } & StoredBy)[];
  diagnoses: ({ code: string; description: string; diagnosedOn: string } & StoredBy)[]; // ICD-10
}

// ---- Kela's register --------------------------------------------------------------------------
export type KelaBenefitType =
  | 'LABOUR_MARKET_SUBSIDY'
  | 'BASIC_UNEMPLOYMENT_ALLOWANCE'
  | 'BASIC_SOCIAL_ASSISTANCE'
  | 'REHABILITATION_ALLOWANCE'
  | 'GENERAL_HOUSING_ALLOWANCE'
  | 'SICKNESS_ALLOWANCE';
export interface KelaSeed {
  benefits: {
    type: KelaBenefitType;
    status: 'APPLIED' | 'GRANTED' | 'REJECTED' | 'ENDED';
    since: string;
    until?: string;
    decidedOn: string;
  }[];
  rehabilitation: {
    type: 'VOCATIONAL_REHABILITATION' | 'REHABILITATION_COURSE' | 'REHABILITATIVE_PSYCHOTHERAPY' | 'YOUTH_COACHING';
    status: 'APPLIED' | 'GRANTED' | 'REJECTED' | 'ONGOING' | 'COMPLETED';
    decidedOn: string;
    provider?: string;
  }[];
  payments: { paidOn: string; amount: string; benefitType: KelaBenefitType }[]; // amount in euros, "734.50"
}
