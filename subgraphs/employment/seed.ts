import type { Db } from '../../shared/db.ts';
import { insertChunked } from '../../shared/loaders.ts';
import type { StoredBy, WorldPerson } from '../../seed/types.ts';
import { schema, type EmploymentSchema } from './db/schema.ts';

export async function seedEmployment(db: Db<EmploymentSchema>, persons: WorldPerson[]): Promise<void> {
  const rows = {
    jobSeekers: [] as (typeof schema.jobSeekers.$inferInsert)[],
    educations: [] as (typeof schema.educations.$inferInsert)[],
    jobs: [] as (typeof schema.jobs.$inferInsert)[],
    skills: [] as (typeof schema.skills.$inferInsert)[],
    services: [] as (typeof schema.services.$inferInsert)[],
    benefitStatements: [] as (typeof schema.benefitStatements.$inferInsert)[],
  };
  for (const { hetu, employment: e } of persons) {
    if (!e) continue;
    // Every row records the controller that stored it (docs/LAW.md rule 10): the part's, unless the row names another.
    const row = <T extends StoredBy>(x: T) => ({ hetu, ...x, controller: x.controller ?? e.controller });
    if (e.jobSeeker) {
      const unemployedSince = e.jobSeeker.unemployedSince ?? null;
      rows.jobSeekers.push({ hetu, controller: e.controller, office: e.office, ...e.jobSeeker, unemployedSince });
    }
    rows.educations.push(...e.education.map(row));
    rows.jobs.push(...e.workHistory.map((x) => ({ ...row(x), endedOn: x.endedOn ?? null })));
    rows.skills.push(...e.skills.map(row));
    rows.services.push(...e.services.map((x) => ({ ...row(x), endedOn: x.endedOn ?? null })));
    rows.benefitStatements.push(...e.benefitStatements.map(row));
  }
  await db.transaction(async (tx) => {
    for (const table of Object.keys(rows) as (keyof typeof rows)[]) {
      await tx.delete(schema[table]);
      await insertChunked<unknown>(rows[table], (chunk) => tx.insert(schema[table]).values(chunk as never));
    }
  });
}
