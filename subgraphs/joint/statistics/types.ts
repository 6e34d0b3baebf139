// Statistics, staffing and cost shares for the steering groups and analysts. Aggregates only: no
// field here holds personal data, so none carries a data category.
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrgEnum } from '../../../shared/graphql-types.ts';
import { DIMENSIONS } from './dimensions.ts';

export const StatDimensionEnum = Object.fromEntries(DIMENSIONS.map((d) => [d, d])) as Record<
  (typeof DIMENSIONS)[number],
  string
>;
registerEnumType(StatDimensionEnum, {
  name: 'StatDimension',
  description:
    'MUNICIPALITY: where the client lives; AGE_GROUP: under-30, 30-49 or 50+ at the start of the ' +
    'customership; START_MONTH: YYYY-MM; ' +
    'STATUS: ACTIVE or ENDED at the end of the period; END_REASON: the end reason, or NONE while the ' +
    'customership goes on',
});

export const CostSharingBasisEnum = { HEADCOUNT: 'HEADCOUNT', AGREED: 'AGREED', REGISTRANTS: 'REGISTRANTS' };
registerEnumType(CostSharingBasisEnum, {
  name: 'CostSharingBasis',
  description:
    "How a cost is divided: HEADCOUNT, by the parties' staff (act 381/2023 §10); AGREED, by the " +
    "percentages of the cooperation agreement; REGISTRANTS, by each party's registrants",
});

@ObjectType()
export class StatKey {
  @Field(() => StatDimensionEnum) dimension!: string;
  @Field(() => String) value!: string;
}

@ObjectType({
  description:
    'One group of customerships. A suppressed row has every measure null: it describes too few clients, or ' +
    'could be worked out from the rows that do.',
})
export class StatRow {
  @Field(() => [StatKey], { description: 'The group, in the order of groupBy; empty for the total' }) key!: StatKey[];
  @Field(() => Int, { nullable: true, description: 'Customerships overlapping the period' }) clients!: number | null;
  @Field(() => Int, { nullable: true, description: 'Customerships started in the period' }) started!: number | null;
  @Field(() => Int, { nullable: true, description: 'Customerships ended in the period' }) ended!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Plans made by the three-month deadline (§4.3), among the customerships whose plan exists by the end ' +
      'of the period or whose deadline passed before it while they went on',
  })
  planOnTimeShare!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Reviews made by their due date (three months after the plan or the previous review, §6), among the ' +
      'reviews that fell due in the period',
  })
  reviewsOnTimeShare!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Median days from the start to the plan, among the customerships with a plan by the end of the period',
  })
  medianDaysToPlan!: number | null;
  @Field(() => Boolean) suppressed!: boolean;
}

@ObjectType({
  description:
    'Aggregates over one cooperation area and period; shares and medians resting on too few customerships are null.',
})
export class StatTable {
  @Field(() => [StatRow]) rows!: StatRow[];
  @Field(() => StatRow) total!: StatRow;
}

@ObjectType()
export class StaffLine {
  @Field(() => OrgEnum) org!: string;
  @Field(() => String) title!: string;
  @Field(() => Float) fte!: number;
}

@ObjectType({
  description: "A cooperation area's staffing against its agreement, for the yearly adequacy review (decree 388/2024).",
})
export class Staffing {
  @Field(() => ID) area!: string;
  @Field(() => Int, { description: 'Active customerships today' }) activeClients!: number;
  @Field(() => [StaffLine], { description: 'Staff assigned by the agreement' }) fte!: StaffLine[];
  @Field(() => Float) totalFte!: number;
  @Field(() => Float) clientsPerFte!: number;
  @Field(() => Int, { nullable: true, description: 'The clients the agreement sized its staffing for, when it says' })
  clientEstimate!: number | null;
  @Field(() => Float, { nullable: true }) estimatedClientsPerFte!: number | null;
}

@InputType()
export class PartyCount {
  @Field(() => OrgEnum) org!: string;
  @Field(() => Int) count!: number;
}

@InputType()
export class PartyAmount {
  @Field(() => OrgEnum) org!: string;
  @Field(() => Float) amount!: number;
}

@InputType({ description: "A year's cost figures in euros" })
export class CostFiguresInput {
  @Field(() => Float, { description: "The leading person's pay: a common cost" }) leadPay!: number;
  @Field(() => Float, { description: 'Running costs: a common cost' }) runningCosts!: number;
  @Field(() => Float, { description: 'The cost of the development days' }) developmentDays!: number;
  @Field(() => [PartyCount], { description: "Each party's registrants to the development days" })
  registrants!: PartyCount[];
  @Field(() => [PartyAmount], { nullable: true, description: "Each party's own staff costs, which it pays itself" })
  staffCosts?: PartyAmount[] | null;
}

@ObjectType()
export class PartyCostShare {
  @Field(() => OrgEnum) org!: string;
  @Field(() => Float, { description: 'Its own staff' }) staff!: number;
  @Field(() => Float, { description: 'Its fraction of the common costs' }) commonShare!: number;
  @Field(() => Float) common!: number;
  @Field(() => Float, { description: 'Its fraction of the development days' }) developmentDayShare!: number;
  @Field(() => Float) developmentDays!: number;
  @Field(() => Float) total!: number;
}

@ObjectType({
  description: "Each party's share of a year's costs under the area's cooperation agreement (act 381/2023 §10).",
})
export class CostShares {
  @Field(() => ID) area!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) commonRule!: string;
  @Field(() => String) developmentDaysRule!: string;
  @Field(() => CostSharingBasisEnum, { description: 'commonRule as a code' }) commonBasis!: string;
  @Field(() => CostSharingBasisEnum, { description: 'developmentDaysRule as a code' }) developmentDaysBasis!: string;
  @Field(() => [PartyCostShare]) parties!: PartyCostShare[];
  @Field(() => Float) total!: number;
}
