import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import type { KelaSeed } from '../../seed/types.ts';

type BenefitSeed = KelaSeed['benefits'][number];
type RehabilitationSeed = KelaSeed['rehabilitation'][number];

// Mapped types make each enum list exactly the seed's values: a value missing or extra fails to compile.
export const KelaBenefitType: { [K in BenefitSeed['type']]: K } = {
  LABOUR_MARKET_SUBSIDY: 'LABOUR_MARKET_SUBSIDY',
  BASIC_UNEMPLOYMENT_ALLOWANCE: 'BASIC_UNEMPLOYMENT_ALLOWANCE',
  BASIC_SOCIAL_ASSISTANCE: 'BASIC_SOCIAL_ASSISTANCE',
  REHABILITATION_ALLOWANCE: 'REHABILITATION_ALLOWANCE',
  GENERAL_HOUSING_ALLOWANCE: 'GENERAL_HOUSING_ALLOWANCE',
  SICKNESS_ALLOWANCE: 'SICKNESS_ALLOWANCE',
};
registerEnumType(KelaBenefitType, { name: 'KelaBenefitType', description: 'A benefit Kela decides and pays' });

export const KelaBenefitStatus: { [K in BenefitSeed['status']]: K } = {
  APPLIED: 'APPLIED',
  GRANTED: 'GRANTED',
  REJECTED: 'REJECTED',
  ENDED: 'ENDED',
};
registerEnumType(KelaBenefitStatus, { name: 'KelaBenefitStatus' });

export const KelaRehabilitationType: { [K in RehabilitationSeed['type']]: K } = {
  VOCATIONAL_REHABILITATION: 'VOCATIONAL_REHABILITATION',
  REHABILITATION_COURSE: 'REHABILITATION_COURSE',
  REHABILITATIVE_PSYCHOTHERAPY: 'REHABILITATIVE_PSYCHOTHERAPY',
  YOUTH_COACHING: 'YOUTH_COACHING',
};
registerEnumType(KelaRehabilitationType, {
  name: 'KelaRehabilitationType',
  description: 'Rehabilitation Kela arranges or funds',
});

export const KelaRehabilitationStatus: { [K in RehabilitationSeed['status']]: K } = {
  APPLIED: 'APPLIED',
  GRANTED: 'GRANTED',
  REJECTED: 'REJECTED',
  ONGOING: 'ONGOING',
  COMPLETED: 'COMPLETED',
};
registerEnumType(KelaRehabilitationStatus, { name: 'KelaRehabilitationStatus' });

@ObjectType({ description: "A benefit application or decision in Kela's register." })
export class Benefit {
  @Field(() => KelaBenefitType) type!: BenefitSeed['type'];
  @Field(() => KelaBenefitStatus) status!: BenefitSeed['status'];
  @Field(() => GraphQLDate, { description: 'The first day the benefit is applied for or paid' }) since!: string;
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'The last day, when the benefit is fixed-term or has ended',
  })
  until!: string | null;
  @Field(() => GraphQLDate) decidedOn!: string;
}

@ObjectType({ description: "A rehabilitation decision in Kela's register." })
export class Rehabilitation {
  @Field(() => KelaRehabilitationType) type!: RehabilitationSeed['type'];
  @Field(() => KelaRehabilitationStatus) status!: RehabilitationSeed['status'];
  @Field(() => GraphQLDate) decidedOn!: string;
  @Field(() => String, { nullable: true, description: 'Who provides the rehabilitation, once one is chosen' })
  provider!: string | null;
}

@ObjectType({ description: 'A benefit payment made by Kela.' })
export class Payment {
  @Field(() => GraphQLDate) paidOn!: string;
  @Field(() => String, {
    description: 'Euros as a decimal with two places, e.g. "734.50": a string, so that cents stay exact',
  })
  amount!: string;
  @Field(() => KelaBenefitType) benefitType!: BenefitSeed['type'];
}

@ObjectType({ description: "Kela's register." })
export class KelaRecord {
  hetu!: string;

  @Directive('@tymData(category: SOCIAL_SITUATION)')
  @Field(() => [Benefit], { nullable: true })
  benefits?: Benefit[] | null;

  @Directive('@tymData(category: HEALTH_WORK_CAPACITY)')
  @Field(() => [Rehabilitation], { nullable: true })
  rehabilitation?: Rehabilitation[] | null;

  @Directive('@tymData(category: ORG_INTERNAL)')
  @Field(() => [Payment], { nullable: true })
  payments?: Payment[] | null;
}

@Directive('@key(fields: "hetu")')
@ObjectType()
export class Person {
  @Field(() => ID) hetu!: string;
  @Field(() => KelaRecord, { nullable: true }) kela?: KelaRecord | null;
}
