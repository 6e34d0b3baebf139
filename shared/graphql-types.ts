// GraphQL types used by more than one subgraph. Federation needs them identical and @shareable.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ORGS } from './vocabulary.ts';

export const OrgEnum = Object.fromEntries(ORGS.map((o) => [o, o])) as Record<(typeof ORGS)[number], string>;
registerEnumType(OrgEnum, { name: 'Org', description: 'employment authority, wellbeing services county, Kela, municipality, or the citizen' });

@Directive('@shareable')
@ObjectType({ description: 'Who stored an entry: each authority answers for the data it stored (act 381/2023 §13).' })
export class RecordedBy {
  @Field(() => OrgEnum) org!: string;
  @Field(() => ID, { nullable: true, description: 'The cooperation area, when the entry was made for one' }) area!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'An assessment as recorded by an authority.' })
export class Assessment {
  @Field(() => ID, { nullable: true, description: 'The entry, for corrections by the organisation that stored it' }) id?: string | null;
  @Field(() => String) summary!: string;
  @Field(() => GraphQLDateTime) recordedAt!: Date;
  @Field(() => RecordedBy) recordedBy!: RecordedBy;
  @Field(() => Int, { nullable: true, description: 'Optimistic version: pass it back when correcting' }) version?: number | null;
}
