import { asc, desc } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { anyOf, byKeys, listLoader } from '../../shared/loaders.ts';
import {
  diagnoses,
  rehabilitativeWork,
  socialAssessments,
  workAbilityAssessments,
  type WellbeingSchema,
} from './db/schema.ts';

type AssessmentTable = typeof socialAssessments | typeof workAbilityAssessments;

/**
 * Each controller's newest assessment per person, newest first, one `distinct on` query per batch: the
 * caller gets the newest one it may see (docs/LAW.md rule 10; shared/subgraph.ts enforceCategories).
 */
function latestAssessments(db: Db<WellbeingSchema>, name: string, table: AssessmentTable) {
  const query = byKeys(db, name, (h) =>
    db
      .selectDistinctOn([table.hetu, table.controller])
      .from(table)
      .where(anyOf(table.hetu, h))
      // id breaks ties between entries with the same timestamp, so the pick does not vary between runs.
      .orderBy(asc(table.hetu), asc(table.controller), desc(table.recordedAt), asc(table.id)),
  );
  return async (hetus: string[]) => {
    const rows = await query(hetus);
    return rows
      .sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime() || a.controller.localeCompare(b.controller))
      .map((r) => ({
        hetu: r.hetu,
        controller: r.controller,
        summary: r.summary,
        recordedAt: r.recordedAt,
        recordedBy: { org: r.recordedByOrg, area: r.recordedByArea },
      }));
  };
}

export function createWellbeingLoaders(db: Db<WellbeingSchema>) {
  return {
    socialSituation: listLoader(latestAssessments(db, 'socialSituation', socialAssessments)),
    workAbility: listLoader(latestAssessments(db, 'workAbility', workAbilityAssessments)),
    rehabilitativeWork: listLoader(
      byKeys(db, 'rehabilitativeWork', (h) =>
        db
          .select()
          .from(rehabilitativeWork)
          .where(anyOf(rehabilitativeWork.hetu, h))
          .orderBy(desc(rehabilitativeWork.startedOn)),
      ),
    ),
    diagnoses: listLoader(
      byKeys(db, 'diagnoses', (h) =>
        db.select().from(diagnoses).where(anyOf(diagnoses.hetu, h)).orderBy(desc(diagnoses.diagnosedOn)),
      ),
    ),
  };
}
export type WellbeingLoaders = ReturnType<typeof createWellbeingLoaders>;
