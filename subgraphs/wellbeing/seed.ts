import type { Db } from '../../shared/db.ts';
import { insertChunked } from '../../shared/loaders.ts';
import type { Official, StoredBy, WorldPerson } from '../../seed/types.ts';
import { schema, type WellbeingSchema } from './db/schema.ts';

type AssessmentSeed = { summary: string; recordedAt: string; recordedBy: Official } & StoredBy;

function assessmentRow(hetu: string, controller: string, a: AssessmentSeed) {
  return {
    hetu,
    controller: a.controller ?? controller,
    summary: a.summary,
    recordedAt: new Date(a.recordedAt),
    recordedByOrg: a.recordedBy.org,
    recordedByArea: a.recordedBy.area,
    recordedByOfficial: a.recordedBy.name,
  };
}

export async function seedWellbeing(db: Db<WellbeingSchema>, persons: WorldPerson[]): Promise<void> {
  const rows = {
    clients: [] as (typeof schema.clients.$inferInsert)[],
    socialAssessments: [] as (typeof schema.socialAssessments.$inferInsert)[],
    workAbilityAssessments: [] as (typeof schema.workAbilityAssessments.$inferInsert)[],
    rehabilitativeWork: [] as (typeof schema.rehabilitativeWork.$inferInsert)[],
    diagnoses: [] as (typeof schema.diagnoses.$inferInsert)[],
  };
  for (const { hetu, wellbeing: w } of persons) {
    if (!w) continue;
    // Every row records the controller that stored it (docs/LAW.md rule 10): the part's, unless the row names another.
    const row = <T extends StoredBy>(x: T) => ({ hetu, ...x, controller: x.controller ?? w.controller });
    rows.clients.push({ hetu, controller: w.controller, unit: w.unit });
    rows.socialAssessments.push(...w.socialAssessments.map((x) => assessmentRow(hetu, w.controller, x)));
    rows.workAbilityAssessments.push(...w.workAbilityAssessments.map((x) => assessmentRow(hetu, w.controller, x)));
    rows.rehabilitativeWork.push(...w.rehabilitativeWork.map((x) => ({ ...row(x), endedOn: x.endedOn ?? null })));
    rows.diagnoses.push(...w.diagnoses.map(row));
  }
  await db.transaction(async (tx) => {
    for (const table of Object.keys(rows) as (keyof typeof rows)[]) {
      await tx.delete(schema[table]);
      await insertChunked<unknown>(rows[table], (chunk) => tx.insert(schema[table]).values(chunk as never));
    }
  });
}
