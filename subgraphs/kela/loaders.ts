import { asc, desc } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { anyOf, byKeys, listLoader } from '../../shared/loaders.ts';
import { benefits, payments, rehabilitation, type KelaSchema } from './db/schema.ts';

export function createKelaLoaders(db: Db<KelaSchema>) {
  return {
    benefits: listLoader(
      byKeys(db, 'benefits', (h) =>
        db.select().from(benefits).where(anyOf(benefits.hetu, h)).orderBy(desc(benefits.since), asc(benefits.type)),
      ),
    ),
    rehabilitation: listLoader(
      byKeys(db, 'rehabilitation', (h) =>
        db
          .select()
          .from(rehabilitation)
          .where(anyOf(rehabilitation.hetu, h))
          .orderBy(desc(rehabilitation.decidedOn), asc(rehabilitation.type)),
      ),
    ),
    payments: listLoader(
      byKeys(db, 'payments', (h) =>
        db
          .select()
          .from(payments)
          .where(anyOf(payments.hetu, h))
          .orderBy(desc(payments.paidOn), asc(payments.benefitType)),
      ),
    ),
  };
}
export type KelaLoaders = ReturnType<typeof createKelaLoaders>;
