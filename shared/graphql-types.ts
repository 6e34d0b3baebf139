// GraphQL types used by more than one subgraph. Federation needs them identical and @shareable.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { DATA_CATEGORIES, ORGS } from './vocabulary.ts';

/** A GraphQL enum whose values are the given names. */
export const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const OrgEnum = enumOf(ORGS);
registerEnumType(OrgEnum, {
  name: 'Org',
  description: 'employment authority, wellbeing services county, Kela, municipality, or the citizen',
});

export const DataCategoryEnum = enumOf(DATA_CATEGORIES);
registerEnumType(DataCategoryEnum, {
  name: 'DataCategory',
  description: 'The section 11(2) data categories of act 381/2023, and ORG_INTERNAL',
});

@Directive('@shareable')
@ObjectType({ description: 'Who stored an entry: each authority answers for the data it stored (act 381/2023 §13).' })
export class RecordedBy {
  @Field(() => OrgEnum) org!: string;
  @Field(() => ID, { nullable: true, description: 'The cooperation area, when the entry was made for one' }) area!:
    | string
    | null;
}

@Directive('@shareable')
@ObjectType({ description: 'An assessment as recorded by an authority.' })
export class Assessment {
  @Field(() => ID, { nullable: true, description: 'The entry, for corrections by the organisation that stored it' })
  id?: string | null;
  @Field(() => String) summary!: string;
  @Field(() => GraphQLDateTime) recordedAt!: Date;
  @Field(() => RecordedBy) recordedBy!: RecordedBy;
  @Field(() => Int, { nullable: true, description: 'Optimistic version: pass it back when correcting' }) version?:
    | number
    | null;
}
