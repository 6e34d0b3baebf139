import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { listLoader } from '../../shared/loaders.ts';
import { benefits, payments, rehabilitation, type KelaSchema } from './db/schema.ts';

export function createKelaLoaders(db: Db<KelaSchema>) {
  return {
    benefits: listLoader((h) =>
      db.select().from(benefits).where(inArray(benefits.hetu, h)).orderBy(desc(benefits.since), asc(benefits.type)),
    ),
    rehabilitation: listLoader((h) =>
      db
        .select()
        .from(rehabilitation)
        .where(inArray(rehabilitation.hetu, h))
        .orderBy(desc(rehabilitation.decidedOn), asc(rehabilitation.type)),
    ),
    payments: listLoader((h) =>
      db
        .select()
        .from(payments)
        .where(inArray(payments.hetu, h))
        .orderBy(desc(payments.paidOn), asc(payments.benefitType)),
    ),
  };
}
export type KelaLoaders = ReturnType<typeof createKelaLoaders>;
