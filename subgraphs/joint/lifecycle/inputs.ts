import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';
import { DataCategoryEnum, OrgEnum } from '../../../shared/graphql-types.ts';
import { AppointmentModeEnum, PlanServiceStatusEnum } from '../types.ts';

export const AssessmentKindEnum = {
  SERVICE_NEED: 'SERVICE_NEED',
  SOCIAL_SITUATION: 'SOCIAL_SITUATION',
  WORK_CAPACITY: 'WORK_CAPACITY',
} as const;
registerEnumType(AssessmentKindEnum, { name: 'AssessmentKind' });

@InputType({ description: 'Identity as recorded at the start of the customership (IDENTITY).' })
export class IdentityInput {
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String) municipality!: string;
  @Field(() => String, { nullable: true, defaultValue: 'fi' }) language?: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@InputType()
export class StartCustomershipInput {
  @Field(() => ID) hetu!: string;
  @Field(() => ID) area!: string;
  @Field(() => String, { nullable: true }) referralNote?: string | null;
  @Field(() => IdentityInput, { nullable: true }) identity?: IdentityInput | null;
}

@InputType()
export class PlanServiceInput {
  @Field(() => OrgEnum) provider!: string;
  @Field(() => String) description!: string;
  @Field(() => PlanServiceStatusEnum, { nullable: true, defaultValue: 'PLANNED' }) status?: string;
}

@InputType()
export class PlanInput {
  @Field(() => [PlanServiceInput]) services!: PlanServiceInput[];
}

@InputType()
export class AppointmentInput {
  @Field(() => GraphQLDateTime) at!: Date;
  @Field(() => AppointmentModeEnum) mode!: string;
  @Field(() => [OrgEnum]) participants!: string[];
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class ConsentInput {
  @Field(() => OrgEnum) recipientOrg!: string;
  @Field(() => String, { nullable: true }) recipientMunicipality?: string | null;
  @Field(() => [DataCategoryEnum]) categories!: string[];
  @Field(() => GraphQLDate, { description: 'Inclusive; today or later' }) validUntil!: Date | string;
  @Field(() => String) formReference!: string;
}
