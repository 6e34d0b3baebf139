// A mutation sent again with the same Idempotency-Key is applied once and answers the same result.
// The key is claimed in the mutation's own transaction: a concurrent duplicate waits for the first
// to commit and then reads its result; a failed first attempt leaves no claim behind.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../shared/db.ts';
import { idempotencyKeys, type JointSchema } from '../db/schema.ts';
import type { JointContext } from '../resolvers.ts';
import { conflict } from './guard.ts';

type Tx = Parameters<Parameters<Db<JointSchema>['transaction']>[0]>[0];

export async function mutate<T>(ctx: JointContext, mutation: string, args: unknown, work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = ctx.loaders.db;
  const key = ctx.ticket.idempotencyKey;
  if (!key) return db.transaction(work);
  const caller = ctx.access.caller.sub;
  const argumentsHash = createHash('sha256').update(JSON.stringify(args)).digest('base64url');
  const where = and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key), eq(idempotencyKeys.mutation, mutation));
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(idempotencyKeys).values({ caller, key, mutation, argumentsHash }).onConflictDoNothing().returning();
    if (claimed.length === 0) {
      const [earlier] = await tx.select().from(idempotencyKeys).where(where);
      if (!earlier || earlier.argumentsHash !== argumentsHash) {
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
      }
      return JSON.parse(earlier.result ?? 'null') as T;
    }
    const result = await work(tx);
    await tx.update(idempotencyKeys).set({ result: JSON.stringify(result) }).where(where);
    return result;
  });
}
