import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { Assessment } from '../../shared/graphql-types.ts';

const STORED_BY =
  'The controller that stored this entry, a wellbeing county of config/areas.yaml (docs/LAW.md rule 10)';

@ObjectType({ description: 'Rehabilitative work activity (kuntouttava työtoiminta) the county arranges.' })
export class RehabilitativeWorkActivity {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => String) provider!: string;
  @Field(() => GraphQLDate) startedOn!: string;
  @Field(() => GraphQLDate, { nullable: true }) endedOn!: string | null;
  @Field(() => Int) daysPerWeek!: number;
  @Field(() => String, { description: 'PLANNED, ONGOING, COMPLETED or INTERRUPTED' }) status!: string;
}

@ObjectType({ description: 'A diagnosis in the county health care record.' })
export class Diagnosis {
  @Field(() => String, { description: STORED_BY }) controller!: string;
  @Field(() => String, { description: 'ICD-10 code' }) code!: string;
  @Field(() => String) description!: string;
  @Field(() => GraphQLDate) diagnosedOn!: string;
}

@ObjectType({ description: "The wellbeing services county's register (hyvinvointialue)." })
export class WellbeingRecord {
  hetu!: string;

  @Directive('@tymData(category: SOCIAL_SITUATION)')
  @Field(() => Assessment, { nullable: true, description: 'The latest social-situation assessment' })
  socialSituation?: Assessment | null;

  @Directive('@tymData(category: HEALTH_WORK_CAPACITY)')
  @Field(() => Assessment, { nullable: true, description: 'The latest work-ability assessment' })
  workAbility?: Assessment | null;

  @Directive('@tymData(category: SOCIAL_SITUATION)')
  @Field(() => [RehabilitativeWorkActivity], { nullable: true })
  rehabilitativeWork?: RehabilitativeWorkActivity[] | null;

  @Directive('@tymData(category: ORG_INTERNAL)')
  @Field(() => [Diagnosis], { nullable: true })
  diagnoses?: Diagnosis[] | null;
}

@Directive('@key(fields: "hetu")')
@ObjectType()
export class Person {
  @Field(() => ID) hetu!: string;
  @Field(() => WellbeingRecord, { nullable: true }) wellbeing?: WellbeingRecord | null;
}
