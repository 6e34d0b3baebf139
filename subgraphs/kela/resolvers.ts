import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/subgraph.ts';
import type { KelaLoaders } from './loaders.ts';
import { Benefit, KelaRecord, Payment, Person, Rehabilitation } from './types.ts';

type Context = SubgraphContext<KelaLoaders>;

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => KelaRecord, { nullable: true })
  kela(@Root() person: Person): KelaRecord {
    return { hetu: person.hetu };
  }
}

@Resolver(() => KelaRecord)
export class KelaRecordResolver {
  @FieldResolver(() => [Benefit], { nullable: true })
  benefits(@Root() r: KelaRecord, @Ctx() ctx: Context) {
    return ctx.loaders.benefits.load(r.hetu);
  }
  @FieldResolver(() => [Rehabilitation], { nullable: true })
  rehabilitation(@Root() r: KelaRecord, @Ctx() ctx: Context) {
    return ctx.loaders.rehabilitation.load(r.hetu);
  }
  @FieldResolver(() => [Payment], { nullable: true })
  payments(@Root() r: KelaRecord, @Ctx() ctx: Context) {
    return ctx.loaders.payments.load(r.hetu);
  }
}
