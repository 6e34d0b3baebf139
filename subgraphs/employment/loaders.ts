import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { listLoader } from '../../shared/loaders.ts';
import {
  benefitStatements,
  educations,
  jobSeekers,
  jobs,
  services,
  skills,
  type EmploymentSchema,
} from './db/schema.ts';

export function createEmploymentLoaders(db: Db<EmploymentSchema>) {
  return {
    // One row per employment area the person is registered with, newest first: the caller gets the
    // newest one it may see (shared/subgraph.ts enforceCategories).
    jobSeeker: listLoader((h) =>
      db
        .select()
        .from(jobSeekers)
        .where(inArray(jobSeekers.hetu, h))
        .orderBy(desc(jobSeekers.registeredOn), asc(jobSeekers.controller)),
    ),
    education: listLoader((h) =>
      db.select().from(educations).where(inArray(educations.hetu, h)).orderBy(desc(educations.year)),
    ),
    workHistory: listLoader((h) => db.select().from(jobs).where(inArray(jobs.hetu, h)).orderBy(desc(jobs.startedOn))),
    skills: listLoader((h) => db.select().from(skills).where(inArray(skills.hetu, h)).orderBy(asc(skills.name))),
    services: listLoader((h) =>
      db.select().from(services).where(inArray(services.hetu, h)).orderBy(desc(services.startedOn)),
    ),
    benefitStatements: listLoader((h) =>
      db
        .select()
        .from(benefitStatements)
        .where(inArray(benefitStatements.hetu, h))
        .orderBy(desc(benefitStatements.givenOn)),
    ),
  };
}
export type EmploymentLoaders = ReturnType<typeof createEmploymentLoaders>;
