// A mutation sent again with the same Idempotency-Key is applied once and answers the same result.
// The key is claimed in the mutation's own transaction: a concurrent duplicate waits for the first
// to commit and then reads its result; a failed first attempt leaves no claim behind.
//
// A stored result is personal data: it is returned only to the same caller identity (organisation,
// role, areas, sub, municipality, purpose), and only after the authorisation the first call passed
// holds again now (docs/LAW.md rules 2, 13 and 16): the caller's role may write, and every person the first
// call wrote for still has a customership in the caller's areas. The key is stored as a hash of the
// whole header, so two keys never collide by a shared prefix.
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../shared/db.ts';
import { decideWrite, type WriteAction } from '../../../shared/policy.ts';
import { canonicalJson } from '../../../shared/tickets.ts';
import type { Basis, DataCategory } from '../../../shared/vocabulary.ts';
import { customerships, idempotencyKeys, type JointSchema } from '../db/schema.ts';
import type { JointContext } from '../resolvers.ts';
import { conflict, requireWriter, writeRefused } from './guard.ts';

type Tx = Parameters<Parameters<Db<JointSchema>['transaction']>[0]>[0];
/** What the first call wrote, per person and category, as writableCustomership noted it. */
type Use = [hetu: string, category: DataCategory, basis: Basis];
interface Stored<T> {
  result: T;
  used: Use[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Everything a mutation's authorisation depends on besides the person: who asks, in which role and areas, why. */
export function callerIdentity(ctx: JointContext): string {
  const { caller, purpose } = ctx.access;
  return sha256(
    canonicalJson({
      org: caller.org,
      role: caller.role,
      areas: [...caller.areas].sort(),
      sub: caller.sub,
      municipality: caller.municipality ?? null,
      purpose,
    }),
  );
}

/**
 * The write a mutation is, for the policy: legal holds and revocations may concern an ended
 * customership (docs/LAW.md rules 11, 17); everything else records to the active one.
 */
const ACTION_OF: Record<string, WriteAction> = {
  setLegalHold: 'LEGAL_HOLD',
  liftLegalHold: 'LEGAL_HOLD',
  revokeConsent: 'REVOKE_CONSENT',
};

/** The first call's authorisation, decided again now by the same policy (shared/policy/writes.ts). */
async function reauthorise(ctx: JointContext, tx: Tx, mutation: string, used: Use[]): Promise<void> {
  const action = ACTION_OF[mutation] ?? 'RECORD';
  const decided: Use[] = [];
  for (const [hetu, category] of used) {
    requireWriter(ctx, action, category);
    const rows = await tx
      .select({ area: customerships.area, status: customerships.status })
      .from(customerships)
      .where(eq(customerships.hetu, hetu))
      .orderBy(desc(customerships.startedAt));
    const facts = { customerships: rows.map((r) => ({ area: r.area, active: r.status === 'ACTIVE' })) };
    const decision = decideWrite(ctx.access, facts, { action, category });
    if (!decision.allowed) throw writeRefused(decision);
    decided.push([hetu, category, decision.basis]);
  }
  for (const [hetu, category, basis] of decided) ctx.note('used', hetu, category, basis);
}

/** Runs `work` while recording what it notes as used (GraphQL runs a request's mutations one after another). */
async function recordingUses<T>(ctx: JointContext, work: () => Promise<T>): Promise<{ result: T; used: Use[] }> {
  const used: Use[] = [];
  const note = ctx.note;
  ctx.note = (kind, hetu, category, basis) => {
    if (kind === 'used') used.push([hetu, category, basis]);
    note.call(ctx, kind, hetu, category, basis);
  };
  try {
    return { result: await work(), used };
  } finally {
    ctx.note = note;
  }
}

export async function mutate<T>(
  ctx: JointContext,
  mutation: string,
  args: unknown,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const db = ctx.loaders.db;
  const header = ctx.ticket.idempotencyKey;
  if (!header) return db.transaction(work);
  const caller = callerIdentity(ctx);
  const key = sha256(header);
  const argumentsHash = sha256(canonicalJson(args));
  const where = and(
    eq(idempotencyKeys.caller, caller),
    eq(idempotencyKeys.key, key),
    eq(idempotencyKeys.mutation, mutation),
  );
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ caller, key, mutation, argumentsHash })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) {
      const [earlier] = await tx.select().from(idempotencyKeys).where(where);
      if (!earlier || earlier.argumentsHash !== argumentsHash || earlier.result === null) {
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
      }
      const stored = JSON.parse(earlier.result) as Stored<T>;
      await reauthorise(ctx, tx, mutation, stored.used ?? []);
      return stored.result;
    }
    const { result, used } = await recordingUses(ctx, () => work(tx));
    await tx
      .update(idempotencyKeys)
      .set({ result: JSON.stringify({ result, used } satisfies Stored<T>) })
      .where(where);
    return result;
  });
}
