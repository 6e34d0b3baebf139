import { asc, desc } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { anyOf, byKeys, listLoader } from '../../shared/loaders.ts';
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
    jobSeeker: listLoader(
      byKeys(db, 'jobSeeker', (h) =>
        db
          .select()
          .from(jobSeekers)
          .where(anyOf(jobSeekers.hetu, h))
          .orderBy(desc(jobSeekers.registeredOn), asc(jobSeekers.controller)),
      ),
    ),
    education: listLoader(
      byKeys(db, 'education', (h) =>
        db.select().from(educations).where(anyOf(educations.hetu, h)).orderBy(desc(educations.year)),
      ),
    ),
    workHistory: listLoader(
      byKeys(db, 'workHistory', (h) => db.select().from(jobs).where(anyOf(jobs.hetu, h)).orderBy(desc(jobs.startedOn))),
    ),
    skills: listLoader(
      byKeys(db, 'skills', (h) => db.select().from(skills).where(anyOf(skills.hetu, h)).orderBy(asc(skills.name))),
    ),
    services: listLoader(
      byKeys(db, 'services', (h) =>
        db.select().from(services).where(anyOf(services.hetu, h)).orderBy(desc(services.startedOn)),
      ),
    ),
    benefitStatements: listLoader(
      byKeys(db, 'benefitStatements', (h) =>
        db
          .select()
          .from(benefitStatements)
          .where(anyOf(benefitStatements.hetu, h))
          .orderBy(desc(benefitStatements.givenOn)),
      ),
    ),
  };
}
export type EmploymentLoaders = ReturnType<typeof createEmploymentLoaders>;
