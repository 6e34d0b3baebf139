import { KELA_CONTROLLER } from '../../shared/areas.ts';
import type { Db } from '../../shared/db.ts';
import { insertChunked } from '../../shared/loaders.ts';
import type { WorldPerson } from '../../seed/types.ts';
import { schema, type KelaSchema } from './db/schema.ts';

export async function seedKela(db: Db<KelaSchema>, persons: WorldPerson[]): Promise<void> {
  const rows = {
    benefits: [] as (typeof schema.benefits.$inferInsert)[],
    rehabilitation: [] as (typeof schema.rehabilitation.$inferInsert)[],
    payments: [] as (typeof schema.payments.$inferInsert)[],
  };
  for (const { hetu, kela: k } of persons) {
    if (!k) continue;
    // Every row records the controller that stored it: Kela, one national controller (docs/LAW.md rule 10).
    const controller = KELA_CONTROLLER;
    rows.benefits.push(...k.benefits.map((x) => ({ hetu, controller, ...x, until: x.until ?? null })));
    rows.rehabilitation.push(
      ...k.rehabilitation.map((x) => ({
        hetu,
        controller,
        ...x,
        provider: x.provider ?? null,
      })),
    );
    rows.payments.push(...k.payments.map((x) => ({ hetu, controller, ...x })));
  }
  await db.transaction(async (tx) => {
    for (const table of Object.keys(rows) as (keyof typeof rows)[]) {
      await tx.delete(schema[table]);
      await insertChunked<object>(rows[table], (chunk) => tx.insert(schema[table]).values(chunk as never));
    }
  });
}
