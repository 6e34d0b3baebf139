import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/subgraph.ts';
import type { EmploymentLoaders } from './loaders.ts';
import {
  BenefitStatement,
  Education,
  EmploymentRecord,
  EmploymentService,
  Job,
  JobSeeker,
  Person,
  Skill,
} from './types.ts';

type Context = SubgraphContext<EmploymentLoaders>;

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => EmploymentRecord, { nullable: true })
  employment(@Root() person: Person): EmploymentRecord {
    return { hetu: person.hetu };
  }
}

@Resolver(() => EmploymentRecord)
export class EmploymentRecordResolver {
  @FieldResolver(() => JobSeeker, { nullable: true })
  jobSeeker(@Root() r: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.jobSeeker.load(r.hetu);
  }
  @FieldResolver(() => [Education], { nullable: true })
  education(@Root() r: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.education.load(r.hetu);
  }
  @FieldResolver(() => [Job], { nullable: true })
  workHistory(@Root() r: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.workHistory.load(r.hetu);
  }
  @FieldResolver(() => [Skill], { nullable: true })
  skills(@Root() r: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.skills.load(r.hetu);
  }
  @FieldResolver(() => [EmploymentService], { nullable: true })
  services(@Root() r: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.services.load(r.hetu);
  }
  @FieldResolver(() => [BenefitStatement], { nullable: true })
  benefitStatements(@Root() r: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.benefitStatements.load(r.hetu);
  }
}
