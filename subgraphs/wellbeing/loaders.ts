import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { listLoader, oneLoader } from '../../shared/loaders.ts';
import { diagnoses, rehabilitativeWork, socialAssessments, workAbilityAssessments, type WellbeingSchema } from './db/schema.ts';

type AssessmentTable = typeof socialAssessments | typeof workAbilityAssessments;

/** The newest assessment per person, one `distinct on` query per batch. */
function latestAssessments(db: Db<WellbeingSchema>, table: AssessmentTable) {
  return async (hetus: string[]) => {
    const rows = await db
      .selectDistinctOn([table.hetu])
      .from(table)
      .where(inArray(table.hetu, hetus))
      // id breaks ties between entries with the same timestamp, so the pick does not vary between runs.
      .orderBy(asc(table.hetu), desc(table.recordedAt), asc(table.id));
    return rows.map((r) => ({
      hetu: r.hetu,
      summary: r.summary,
      recordedAt: r.recordedAt,
      recordedBy: { org: r.recordedByOrg, area: r.recordedByArea },
    }));
  };
}

export function createWellbeingLoaders(db: Db<WellbeingSchema>) {
  return {
    socialSituation: oneLoader(latestAssessments(db, socialAssessments)),
    workAbility: oneLoader(latestAssessments(db, workAbilityAssessments)),
    rehabilitativeWork: listLoader((h) =>
      db.select().from(rehabilitativeWork).where(inArray(rehabilitativeWork.hetu, h)).orderBy(desc(rehabilitativeWork.startedOn)),
    ),
    diagnoses: listLoader((h) => db.select().from(diagnoses).where(inArray(diagnoses.hetu, h)).orderBy(desc(diagnoses.diagnosedOn))),
  };
}
export type WellbeingLoaders = ReturnType<typeof createWellbeingLoaders>;
