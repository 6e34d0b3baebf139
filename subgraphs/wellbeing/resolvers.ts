import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Assessment } from '../../shared/graphql-types.ts';
import type { SubgraphContext } from '../../shared/subgraph.ts';
import type { WellbeingLoaders } from './loaders.ts';
import { Diagnosis, Person, RehabilitativeWorkActivity, WellbeingRecord } from './types.ts';

type Context = SubgraphContext<WellbeingLoaders>;

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => WellbeingRecord, { nullable: true })
  wellbeing(@Root() person: Person): WellbeingRecord {
    return { hetu: person.hetu };
  }
}

@Resolver(() => WellbeingRecord)
export class WellbeingRecordResolver {
  @FieldResolver(() => Assessment, { nullable: true })
  socialSituation(@Root() r: WellbeingRecord, @Ctx() ctx: Context) {
    return ctx.loaders.socialSituation.load(r.hetu);
  }
  @FieldResolver(() => Assessment, { nullable: true })
  workAbility(@Root() r: WellbeingRecord, @Ctx() ctx: Context) {
    return ctx.loaders.workAbility.load(r.hetu);
  }
  @FieldResolver(() => [RehabilitativeWorkActivity], { nullable: true })
  rehabilitativeWork(@Root() r: WellbeingRecord, @Ctx() ctx: Context) {
    return ctx.loaders.rehabilitativeWork.load(r.hetu);
  }
  @FieldResolver(() => [Diagnosis], { nullable: true })
  diagnoses(@Root() r: WellbeingRecord, @Ctx() ctx: Context) {
    return ctx.loaders.diagnoses.load(r.hetu);
  }
}
