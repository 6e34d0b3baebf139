/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AppointmentInput = {
  at: string;
  mode: AppointmentMode;
  participants: Array<Org>;
  note?: string | null | undefined;
};

export type AppointmentMode =
  | 'IN_PERSON'
  | 'REMOTE';

export type AssessmentKind =
  | 'SERVICE_NEED'
  | 'SOCIAL_SITUATION'
  | 'WORK_CAPACITY';

/** OWN register, SECTION_15 of act 381/2023, the client's CONSENT, or DATA_SUBJECT (the client's own access) */
export type Basis =
  | 'OWN'
  | 'SECTION_15'
  | 'CONSENT'
  | 'DATA_SUBJECT';

/** PLAN_OVERDUE: no plan and the three-month deadline passed; PLAN_DUE_SOON: no plan, deadline within 14 days; REVIEW_OVERDUE / REVIEW_DUE_SOON: the next review */
export type CaseloadDue =
  | 'PLAN_OVERDUE'
  | 'PLAN_DUE_SOON'
  | 'REVIEW_OVERDUE'
  | 'REVIEW_DUE_SOON';

export type ConsentInput = {
  recipientOrg: Org;
  recipientMunicipality?: string | null | undefined;
  categories: Array<DataCategory>;
  /** Inclusive; today or later */
  validUntil: string;
  formReference: string;
};

/** A year's cost figures in euros */
export type CostFiguresInput = {
  /** The leading person's pay: a common cost */
  leadPay: number;
  /** Running costs: a common cost */
  runningCosts: number;
  /** The cost of the development days */
  developmentDays: number;
  /** Each party's registrants to the development days */
  registrants: Array<PartyCount>;
  /** Each party's own staff costs, which it pays itself */
  staffCosts?: Array<PartyAmount> | null | undefined;
};

/** How a cost is divided: HEADCOUNT, by the parties' staff (act 381/2023 §10); AGREED, by the percentages of the cooperation agreement; REGISTRANTS, by each party's registrants */
export type CostSharingBasis =
  | 'HEADCOUNT'
  | 'AGREED'
  | 'REGISTRANTS';

export type CustomershipStatus =
  | 'ACTIVE'
  | 'ENDED';

/** The section 11(2) data categories of act 381/2023, and ORG_INTERNAL */
export type DataCategory =
  | 'IDENTITY'
  | 'CUSTOMERSHIP'
  | 'COMPETENCE'
  | 'SOCIAL_SITUATION'
  | 'HEALTH_WORK_CAPACITY'
  | 'SERVICE_NEED'
  | 'PLAN'
  | 'ORG_INTERNAL';

/** Why the authorities jointly ended the customership (§8) */
export type EndReason =
  | 'EMPLOYED'
  | 'BASIC_SERVICES_SUFFICE'
  | 'LONG_TERM_SOLUTION'
  | 'JOB_SEARCH_ENDED';

/** Identity as recorded at the start of the customership (IDENTITY). */
export type IdentityInput = {
  firstName: string;
  lastName: string;
  municipality: string;
  language?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
};

export type KelaBenefitStatus =
  | 'APPLIED'
  | 'GRANTED'
  | 'REJECTED'
  | 'ENDED';

/** A benefit Kela decides and pays */
export type KelaBenefitType =
  | 'LABOUR_MARKET_SUBSIDY'
  | 'BASIC_UNEMPLOYMENT_ALLOWANCE'
  | 'BASIC_SOCIAL_ASSISTANCE'
  | 'REHABILITATION_ALLOWANCE'
  | 'GENERAL_HOUSING_ALLOWANCE'
  | 'SICKNESS_ALLOWANCE';

export type KelaRehabilitationStatus =
  | 'APPLIED'
  | 'GRANTED'
  | 'REJECTED'
  | 'ONGOING'
  | 'COMPLETED';

/** Rehabilitation Kela arranges or funds */
export type KelaRehabilitationType =
  | 'VOCATIONAL_REHABILITATION'
  | 'REHABILITATION_COURSE'
  | 'REHABILITATIVE_PSYCHOTHERAPY'
  | 'YOUTH_COACHING';

/** employment authority, wellbeing services county, Kela, municipality, or the citizen */
export type Org =
  | 'employment'
  | 'wellbeing'
  | 'kela'
  | 'municipality'
  | 'citizen';

export type PartyAmount = {
  org: Org;
  amount: number;
};

export type PartyCount = {
  org: Org;
  count: number;
};

export type PlanInput = {
  services: Array<PlanServiceInput>;
};

export type PlanServiceInput = {
  provider: Org;
  description: string;
  status?: PlanServiceStatus | null | undefined;
};

export type PlanServiceStatus =
  | 'PLANNED'
  | 'ONGOING'
  | 'COMPLETED'
  | 'CANCELLED';

export type Purpose =
  | 'ASSESSMENT'
  | 'PLANNING'
  | 'PLAN_REVIEW'
  | 'COORDINATION'
  | 'OWN_SERVICE'
  | 'STATISTICS'
  | 'DATA_SUBJECT_ACCESS';

export type StartCustomershipInput = {
  hetu: string | number;
  area: string | number;
  referralNote?: string | null | undefined;
  identity?: IdentityInput | null | undefined;
};

/** MUNICIPALITY: where the client lives; AGE_GROUP: under-30, 30-49 or 50+ at the start of the customership; START_MONTH: YYYY-MM; STATUS: ACTIVE or ENDED at the end of the period; END_REASON: the end reason, or NONE while the customership goes on */
export type StatDimension =
  | 'MUNICIPALITY'
  | 'AGE_GROUP'
  | 'START_MONTH'
  | 'STATUS'
  | 'END_REASON';

export type CaseloadQueryVariables = Exact<{
  area?: string | number | null | undefined;
  due?: CaseloadDue | null | undefined;
  youth?: boolean | null | undefined;
  after?: string | null | undefined;
}>;


export type CaseloadQuery = { caseload: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ hetu: string, joint: { identity: { firstName: string, lastName: string } | null, customership: { status: CustomershipStatus, planDeadline: string, youth: boolean } | null, plan: { nextReviewDue: string } | null } | null }> } };

export type ClientQueryVariables = Exact<{
  hetu: string | number;
}>;


export type ClientQuery = { client: { hetu: string, joint: { identity: { firstName: string, lastName: string, municipality: string, language: string, phone: string | null, email: string | null } | null, customership: { id: string, status: CustomershipStatus, area: string, startedAt: string, endedAt: string | null, endReason: EndReason | null, agreedBy: Array<Org> | null, planDeadline: string, youth: boolean, version: number } | null, serviceNeed: { summary: string, recordedAt: string, recordedBy: { org: Org, area: string | null } } | null, socialSituation: { summary: string, recordedAt: string, recordedBy: { org: Org, area: string | null } } | null, workCapacity: { summary: string, recordedAt: string, recordedBy: { org: Org, area: string | null } } | null, plan: { id: string, deadline: string, nextReviewDue: string, version: number, reviewers: Array<Org>, services: Array<{ provider: Org, description: string, status: PlanServiceStatus }>, reviews: Array<{ reviewedAt: string, note: string }>, recordedBy: { org: Org, area: string | null } } | null, appointments: Array<{ id: string, at: string, mode: AppointmentMode, participants: Array<Org>, note: string | null, recordedBy: { org: Org, area: string | null } }> | null, consents: Array<{ id: string, recipientOrg: Org, recipientMunicipality: string | null, categories: Array<DataCategory>, validFrom: string, validUntil: string, formReference: string, inForce: boolean }> | null } | null, employment: { jobSeeker: { controller: string, status: string, unemployedSince: string | null, office: string } | null, education: Array<{ controller: string, degree: string, field: string, year: number }> | null, services: Array<{ controller: string, type: string, provider: string, status: string }> | null, benefitStatements: Array<{ controller: string, givenOn: string, statementType: string }> | null } | null, wellbeing: { socialSituation: { summary: string, recordedAt: string } | null, workAbility: { summary: string, recordedAt: string } | null, rehabilitativeWork: Array<{ controller: string, provider: string, status: string }> | null, diagnoses: Array<{ controller: string, code: string, description: string }> | null } | null, kela: { benefits: Array<{ type: KelaBenefitType, status: KelaBenefitStatus, since: string }> | null, rehabilitation: Array<{ type: KelaRehabilitationType, status: KelaRehabilitationStatus, decidedOn: string }> | null, payments: Array<{ paidOn: string, amount: string }> | null } | null } | null };

export type AssessmentFieldsFragment = { summary: string, recordedAt: string, recordedBy: { org: Org, area: string | null } };

export type CostSharesQueryVariables = Exact<{
  area: string | number;
  year: number;
  figures: CostFiguresInput;
}>;


export type CostSharesQuery = { costShares: { area: string, year: number, commonBasis: CostSharingBasis, developmentDaysBasis: CostSharingBasis, total: number, parties: Array<{ org: Org, staff: number, commonShare: number, common: number, developmentDayShare: number, developmentDays: number, total: number }> } };

export type CreatePlanMutationVariables = Exact<{
  hetu: string | number;
  input: PlanInput;
}>;


export type CreatePlanMutation = { createPlan: { id: string, version: number, nextReviewDue: string } };

export type EndCustomershipMutationVariables = Exact<{
  hetu: string | number;
  reason: EndReason;
  agreedBy: Array<Org> | Org;
  expectedVersion?: number | null | undefined;
}>;


export type EndCustomershipMutation = { endCustomership: { id: string, status: CustomershipStatus, version: number } };

export type GrantConsentMutationVariables = Exact<{
  hetu: string | number;
  input: ConsentInput;
}>;


export type GrantConsentMutation = { grantConsent: { id: string, inForce: boolean } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { hetu: string, joint: { identity: { firstName: string, lastName: string, municipality: string } | null, customership: { status: CustomershipStatus, area: string, startedAt: string, planDeadline: string } | null, plan: { deadline: string, nextReviewDue: string, services: Array<{ provider: Org, description: string, status: PlanServiceStatus }> } | null, consents: Array<{ id: string, recipientOrg: Org, recipientMunicipality: string | null, categories: Array<DataCategory>, validFrom: string, validUntil: string, inForce: boolean }> | null } | null } | null, myDisclosures: Array<{ at: string, recipientOrg: Org, recipientRole: string, recipientArea: string | null, purpose: Purpose, basis: Basis, categories: Array<DataCategory>, register: string, kind: string }> };

export type RecordAppointmentMutationVariables = Exact<{
  hetu: string | number;
  input: AppointmentInput;
}>;


export type RecordAppointmentMutation = { recordAppointment: { id: string, at: string } };

export type RecordAssessmentMutationVariables = Exact<{
  hetu: string | number;
  kind: AssessmentKind;
  summary: string;
}>;


export type RecordAssessmentMutation = { recordAssessment: { id: string | null, recordedAt: string } };

export type ReviewPlanMutationVariables = Exact<{
  hetu: string | number;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type ReviewPlanMutation = { reviewPlan: { id: string, version: number, nextReviewDue: string } };

export type RevokeConsentMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeConsentMutation = { revokeConsent: { id: string, inForce: boolean } };

export type StaffingQueryVariables = Exact<{
  area: string | number;
}>;


export type StaffingQuery = { staffing: { area: string, activeClients: number, totalFte: number, clientsPerFte: number, clientEstimate: number | null, estimatedClientsPerFte: number | null, fte: Array<{ org: Org, title: string, fte: number }> } };

export type StartCustomershipMutationVariables = Exact<{
  input: StartCustomershipInput;
}>;


export type StartCustomershipMutation = { startCustomership: { id: string, status: CustomershipStatus, version: number } };

export type StatisticsQueryVariables = Exact<{
  area: string | number;
  from?: string | null | undefined;
  groupBy?: Array<StatDimension> | StatDimension | null | undefined;
}>;


export type StatisticsQuery = { statistics: { rows: Array<{ clients: number | null, started: number | null, ended: number | null, planOnTimeShare: number | null, reviewsOnTimeShare: number | null, medianDaysToPlan: number | null, suppressed: boolean, key: Array<{ dimension: StatDimension, value: string }> }>, total: { clients: number | null, started: number | null, ended: number | null, planOnTimeShare: number | null, reviewsOnTimeShare: number | null, medianDaysToPlan: number | null, suppressed: boolean } } };

export type FiguresFragment = { clients: number | null, started: number | null, ended: number | null, planOnTimeShare: number | null, reviewsOnTimeShare: number | null, medianDaysToPlan: number | null, suppressed: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AssessmentFieldsFragmentDoc = new TypedDocumentString(`
    fragment AssessmentFields on Assessment {
  summary
  recordedAt
  recordedBy {
    org
    area
  }
}
    `, {"fragmentName":"AssessmentFields"}) as unknown as TypedDocumentString<AssessmentFieldsFragment, unknown>;
export const FiguresFragmentDoc = new TypedDocumentString(`
    fragment Figures on StatRow {
  clients
  started
  ended
  planOnTimeShare
  reviewsOnTimeShare
  medianDaysToPlan
  suppressed
}
    `, {"fragmentName":"Figures"}) as unknown as TypedDocumentString<FiguresFragment, unknown>;
export const CaseloadDocument = {"__meta__":{"hash":"sha256:f8eec474b276f6f1c9aaa85b711bbc2b5c512e0fc6c7f21bf07599e917a70768"}} as unknown as TypedDocumentString<CaseloadQuery, CaseloadQueryVariables>;
export const ClientDocument = {"__meta__":{"hash":"sha256:4dd2918c7d2268b016dc9c27cb7f779c6e731832b81e2fe690669bbe94119e50"}} as unknown as TypedDocumentString<ClientQuery, ClientQueryVariables>;
export const CostSharesDocument = {"__meta__":{"hash":"sha256:1934ab4f2b7072b27be4f0d4f40960dfa857bef6ac55cc8a807b87a0b62163da"}} as unknown as TypedDocumentString<CostSharesQuery, CostSharesQueryVariables>;
export const CreatePlanDocument = {"__meta__":{"hash":"sha256:457bb6a381ddd67ba4e832820be015f9acf7a734682f5467f62df1dad7280630"}} as unknown as TypedDocumentString<CreatePlanMutation, CreatePlanMutationVariables>;
export const EndCustomershipDocument = {"__meta__":{"hash":"sha256:655d2d5f5292ecbd317defeeea72cfdacd40ad1ebbea58e16d17708a364dd0e1"}} as unknown as TypedDocumentString<EndCustomershipMutation, EndCustomershipMutationVariables>;
export const GrantConsentDocument = {"__meta__":{"hash":"sha256:4d7ef303e8bba534ad3c280c1abf52709e6e3d1da4198d29737b49f60055238f"}} as unknown as TypedDocumentString<GrantConsentMutation, GrantConsentMutationVariables>;
export const MeDocument = {"__meta__":{"hash":"sha256:2a88b1ece7d07495ba71e9af3623b991c2f64c2f7f509f10c39653383fb06e5e"}} as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const RecordAppointmentDocument = {"__meta__":{"hash":"sha256:fd30f32b1070e7cd1852903ee18ff0df255dbb298e574c42e9f46775a81b23eb"}} as unknown as TypedDocumentString<RecordAppointmentMutation, RecordAppointmentMutationVariables>;
export const RecordAssessmentDocument = {"__meta__":{"hash":"sha256:38c4c2261aa78928e11502ef170c836d23bd78cfe90e8ac382d57a057f57dbf6"}} as unknown as TypedDocumentString<RecordAssessmentMutation, RecordAssessmentMutationVariables>;
export const ReviewPlanDocument = {"__meta__":{"hash":"sha256:c9c8b7f9f02b2ef4b7675e3d1e15b55b71f71ed13b14051afe3d7c7f1e797b14"}} as unknown as TypedDocumentString<ReviewPlanMutation, ReviewPlanMutationVariables>;
export const RevokeConsentDocument = {"__meta__":{"hash":"sha256:b42603c840abeff85b1a5e82765e9beb8eb9a991838f0c83e67ebc831b0b3b2b"}} as unknown as TypedDocumentString<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const StaffingDocument = {"__meta__":{"hash":"sha256:a754de8367f8a0256b71275cae80407c32796d751ba9338ae7bd45520a67b874"}} as unknown as TypedDocumentString<StaffingQuery, StaffingQueryVariables>;
export const StartCustomershipDocument = {"__meta__":{"hash":"sha256:98a76f8c5915f78dc9acab0ae86fdb4b8ba3def59c94f57b86c303489a5c2e73"}} as unknown as TypedDocumentString<StartCustomershipMutation, StartCustomershipMutationVariables>;
export const StatisticsDocument = {"__meta__":{"hash":"sha256:31aeca6c5afe32e18abdbe71154f41ea5a79027f19adba7c8c03f16b5b6b3f2b"}} as unknown as TypedDocumentString<StatisticsQuery, StatisticsQueryVariables>;
