import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';

const STORED_BY =
  'The controller that stored this entry, an employment area of config/areas.yaml (docs/LAW.md rule 10)';

@ObjectType({ description: 'Job-seeker status in the employment register.' })
export class JobSeeker {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => String, { description: 'UNEMPLOYED, LAID_OFF, PART_TIME, IN_SERVICE, EMPLOYED or OUTSIDE_LABOUR_FORCE' })
  status!: string;
  @Field(() => GraphQLDate, { nullable: true })
  unemployedSince!: string | null;
  @Field(() => GraphQLDate)
  registeredOn!: string;
  @Field(() => String, { description: 'The employment area that serves the job seeker' })
  office!: string;
}

@ObjectType()
export class Education {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => String) degree!: string;
  @Field(() => String) field!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) institution!: string;
}

@ObjectType()
export class Job {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => String) title!: string;
  @Field(() => String) employer!: string;
  @Field(() => GraphQLDate) startedOn!: string;
  @Field(() => GraphQLDate, { nullable: true }) endedOn!: string | null;
}

@ObjectType()
export class Skill {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'BASIC, GOOD or EXCELLENT' }) level!: string;
}

@ObjectType({
  description: 'An employment service (training, work trial, pay subsidy, coaching) the authority provides.',
})
export class EmploymentService {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => String) type!: string;
  @Field(() => String) provider!: string;
  @Field(() => GraphQLDate) startedOn!: string;
  @Field(() => GraphQLDate, { nullable: true }) endedOn!: string | null;
  @Field(() => String) status!: string;
}

@ObjectType({ description: 'A labour-policy statement to Kela or an unemployment fund.' })
export class BenefitStatement {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => GraphQLDate) givenOn!: string;
  @Field(() => String) statementType!: string;
  @Field(() => String) outcome!: string;
  @Field(() => String) reasoning!: string;
}

@ObjectType({ description: "The employment authority's register (työvoimaviranomainen)." })
export class EmploymentRecord {
  hetu!: string;

  @Directive('@tymData(category: SERVICE_NEED)')
  @Field(() => JobSeeker, { nullable: true })
  jobSeeker?: JobSeeker | null;

  @Directive('@tymData(category: COMPETENCE)')
  @Field(() => [Education], { nullable: true })
  education?: Education[] | null;

  @Directive('@tymData(category: COMPETENCE)')
  @Field(() => [Job], { nullable: true })
  workHistory?: Job[] | null;

  @Directive('@tymData(category: COMPETENCE)')
  @Field(() => [Skill], { nullable: true })
  skills?: Skill[] | null;

  @Directive('@tymData(category: PLAN)')
  @Field(() => [EmploymentService], { nullable: true, description: 'Services that carry out the employment plan' })
  services?: EmploymentService[] | null;

  @Directive('@tymData(category: ORG_INTERNAL)')
  @Field(() => [BenefitStatement], { nullable: true })
  benefitStatements?: BenefitStatement[] | null;
}

@Directive('@key(fields: "hetu")')
@ObjectType()
export class Person {
  @Field(() => ID) hetu!: string;
  @Field(() => EmploymentRecord, { nullable: true }) employment?: EmploymentRecord | null;
}
