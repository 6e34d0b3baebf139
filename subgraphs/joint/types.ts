import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';
import { Assessment, DataCategoryEnum, enumOf, OrgEnum, RecordedBy } from '../../shared/graphql-types.ts';
import { END_REASONS } from '../../shared/vocabulary.ts';

export const EndReasonEnum = enumOf(END_REASONS);
registerEnumType(EndReasonEnum, {
  name: 'EndReason',
  description: 'Why the authorities jointly ended the customership (§8)',
});
export const CustomershipStatusEnum = enumOf(['ACTIVE', 'ENDED'] as const);
registerEnumType(CustomershipStatusEnum, { name: 'CustomershipStatus' });
export const AppointmentModeEnum = enumOf(['IN_PERSON', 'REMOTE'] as const);
registerEnumType(AppointmentModeEnum, { name: 'AppointmentMode' });
export const CaseloadDueEnum = enumOf(['PLAN_OVERDUE', 'PLAN_DUE_SOON', 'REVIEW_OVERDUE', 'REVIEW_DUE_SOON'] as const);
registerEnumType(CaseloadDueEnum, {
  name: 'CaseloadDue',
  description:
    'PLAN_OVERDUE: no plan and the three-month deadline passed; PLAN_DUE_SOON: no plan, deadline within 14 ' +
    'days; REVIEW_OVERDUE / REVIEW_DUE_SOON: the next review',
});
export const PlanServiceStatusEnum = enumOf(['PLANNED', 'ONGOING', 'COMPLETED', 'CANCELLED'] as const);
registerEnumType(PlanServiceStatusEnum, { name: 'PlanServiceStatus' });

@ObjectType({ description: 'An official responsible for the client in one organisation.' })
export class ResponsibleOfficial {
  @Field(() => OrgEnum) org!: string;
  @Field(() => ID) area!: string;
  @Field(() => String) name!: string;
  @Field(() => String) title!: string;
}

@ObjectType({ description: 'The TYM customership: from the start of the joint assessment to its joint end (§4, §8).' })
export class Customership {
  @Field(() => ID) id!: string;
  @Field(() => CustomershipStatusEnum) status!: string;
  @Field(() => ID) area!: string;
  @Field(() => GraphQLDateTime) startedAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) endedAt!: Date | null;
  @Field(() => EndReasonEnum, { nullable: true }) endReason!: string | null;
  @Field(() => [OrgEnum], { nullable: true, description: 'The authorities whose joint assessment ended it' }) agreedBy!:
    | string[]
    | null;
  @Field(() => Boolean, { description: 'Under 30 at the start: may be served in the youth one-stop service' })
  youth!: boolean;
  @Field(() => GraphQLDate, { description: 'Three months after the start of the assessment (§4.3)' })
  planDeadline!: string;
  @Field(() => String, { nullable: true }) referralNote!: string | null;
  @Field(() => Boolean) legalHold!: boolean;
  @Field(() => [ResponsibleOfficial]) officials!: ResponsibleOfficial[];
  @Field(() => Int) version!: number;
}

@ObjectType()
export class Identity {
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String) municipality!: string;
  @Field(() => String, { description: 'fi or sv' }) language!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@ObjectType()
export class PlanService {
  @Field(() => OrgEnum) provider!: string;
  @Field(() => String) description!: string;
  @Field(() => PlanServiceStatusEnum) status!: string;
}

@ObjectType()
export class PlanReview {
  @Field(() => GraphQLDateTime) reviewedAt!: Date;
  @Field(() => String) note!: string;
  @Field(() => Boolean) requestedByClient!: boolean;
  @Field(() => RecordedBy) recordedBy!: RecordedBy;
}

@ObjectType({ description: 'The multi-sectoral employment plan (§4-6).' })
export class Plan {
  @Field(() => ID) id!: string;
  planId!: string;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDate, { description: "The customership's plan deadline" }) deadline!: string;
  @Field(() => GraphQLDate, { description: 'Three months after the plan or its latest review (§6)' })
  nextReviewDue!: string;
  @Field(() => [PlanService]) services!: PlanService[];
  @Field(() => [PlanReview]) reviews!: PlanReview[];
  @Field(() => [OrgEnum], {
    description:
      'Who reviews it: the employment authority and the wellbeing area, and Kela when the plan holds Kela services',
  })
  reviewers!: string[];
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the client asked for a review (§6)' })
  reviewRequestedAt!: Date | null;
  @Field(() => RecordedBy) recordedBy!: RecordedBy;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class Appointment {
  @Field(() => ID) id!: string;
  @Field(() => GraphQLDateTime) at!: Date;
  @Field(() => AppointmentModeEnum) mode!: string;
  @Field(() => [OrgEnum]) participants!: string[];
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => RecordedBy) recordedBy!: RecordedBy;
}

@ObjectType({ description: "The client's specific consent to a disclosure outside section 15 (docs/LAW.md rule 17)." })
export class Consent {
  @Field(() => ID) id!: string;
  @Field(() => OrgEnum) recipientOrg!: string;
  @Field(() => String, { nullable: true }) recipientMunicipality!: string | null;
  @Field(() => [DataCategoryEnum]) categories!: string[];
  @Field(() => GraphQLDate) validFrom!: string;
  @Field(() => GraphQLDate) validUntil!: string;
  @Field(() => String, { description: "Reference to the client's signed consent form" }) formReference!: string;
  @Field(() => GraphQLDateTime, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Boolean, { description: 'In force today: not revoked, not expired' }) inForce!: boolean;
}

@ObjectType({ description: 'The joint TYM record (act 381/2023 §11).' })
export class JointRecord {
  hetu!: string;

  @Directive('@tymData(category: CUSTOMERSHIP)')
  @Field(() => Customership, { nullable: true, description: 'The active customership, or else the latest' })
  customership?: Customership | null;

  @Directive('@tymData(category: IDENTITY)')
  @Field(() => Identity, { nullable: true })
  identity?: Identity | null;

  @Directive('@tymData(category: SERVICE_NEED)')
  @Field(() => Assessment, { nullable: true })
  serviceNeed?: Assessment | null;

  @Directive('@tymData(category: SOCIAL_SITUATION)')
  @Field(() => Assessment, { nullable: true })
  socialSituation?: Assessment | null;

  @Directive('@tymData(category: HEALTH_WORK_CAPACITY)')
  @Field(() => Assessment, { nullable: true })
  workCapacity?: Assessment | null;

  @Directive('@tymData(category: PLAN)')
  @Field(() => Plan, { nullable: true })
  plan?: Plan | null;

  @Directive('@tymData(category: CUSTOMERSHIP)')
  @Field(() => [Appointment], { nullable: true })
  appointments?: Appointment[] | null;

  @Directive('@tymData(category: CUSTOMERSHIP)')
  @Field(() => [Consent], { nullable: true })
  consents?: Consent[] | null;
}

@Directive('@key(fields: "hetu")')
@ObjectType()
export class Person {
  @Field(() => ID) hetu!: string;
  @Field(() => JointRecord, { nullable: true }) joint?: JointRecord | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@ObjectType()
export class PersonPage {
  @Field(() => [Person]) nodes!: Person[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
