// The disclosure log is a hash chain: each entry carries its predecessor's hash and the hash of its
// own canonical content, so a changed, deleted or reordered entry breaks verification.
import { createHash, hash } from 'node:crypto';
import { asc, desc, eq, gt, gte, lt, lte } from 'drizzle-orm';
import type { Db } from '../../shared/db.ts';
import { chainAnchor, chainHead, entries, type AuditSchema } from './db/schema.ts';

/** Logs are kept 12 years (act 703/2023 annex; docs/LAW.md rule 19). */
export const LOG_RETENTION_YEARS = 12;

export const GENESIS_HASH = createHash('sha256').update('tym-gateway disclosure log').digest('hex');

export type EntryContent = Omit<typeof entries.$inferSelect, 'seq' | 'prevHash' | 'hash'>;

/** The instant last normalised, and its form: a commit's entries share theirs, and parsing a date costs. */
let lastAt: { at: string; iso: string } | undefined;
const isoInstant = (at: string): string => {
  if (lastAt?.at !== at) lastAt = { at, iso: new Date(at).toISOString() };
  return lastAt.iso;
};

/** Fixed field order and normalised values: what the hash covers. */
export function canonical(e: EntryContent): string {
  return JSON.stringify([
    isoInstant(e.at),
    e.requestId,
    e.kind,
    e.hetu,
    e.register,
    e.categories,
    e.basis,
    e.recipientSub,
    e.recipientOrg,
    e.recipientRole,
    e.recipientAreas,
    e.recipientMunicipality ?? null,
    e.personArea ?? null,
    e.purpose,
    e.caseReference ?? null,
    e.operationName ?? null,
    e.documentHash,
  ]);
}

// One-shot hashing: a hash object made for each entry cost as much again as the canonical text.
export const chainHash = (prevHash: string, e: EntryContent): string =>
  hash('sha256', `${prevHash}\n${canonical(e)}`, 'hex');

export type Verification =
  | { ok: true; count: number; headSeq: number | null; headHash: string }
  | { ok: false; seq: number; problem: string; checked: number };

const PAGE = 5000;

export async function verifyChain(db: Db<AuditSchema>): Promise<Verification> {
  const [anchor] = await db.select().from(chainAnchor).where(eq(chainAnchor.id, 1));
  let expectedPrev = anchor?.hash ?? GENESIS_HASH;
  let lastSeq = anchor?.seq ?? 0;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(entries).where(gt(entries.seq, lastSeq)).orderBy(asc(entries.seq)).limit(PAGE);
    for (const e of page) {
      if (e.prevHash !== expectedPrev) {
        return {
          ok: false,
          seq: e.seq,
          checked,
          problem:
            `entry ${e.seq} does not follow entry ${lastSeq}: an entry between them was deleted, or entries ` +
            `were reordered`,
        };
      }
      if (e.hash !== chainHash(e.prevHash, e)) {
        return { ok: false, seq: e.seq, checked, problem: `entry ${e.seq} was changed after it was written` };
      }
      expectedPrev = e.hash;
      lastSeq = e.seq;
      checked++;
    }
    if (page.length < PAGE) break;
  }
  const [head] = await db.select().from(chainHead).where(eq(chainHead.id, 1));
  if (head && (head.seq !== lastSeq || head.hash !== expectedPrev)) {
    return {
      ok: false,
      seq: head.seq,
      checked,
      problem: `the log ends at entry ${lastSeq} but its head says ${head.seq}: entries at the end were deleted`,
    };
  }
  return { ok: true, count: checked, headSeq: head?.seq ?? null, headHash: expectedPrev };
}

/**
 * Prunes entries older than the retention period (12 years: act 703/2023 annex), keeping the rest
 * verifiable: the last pruned entry's hash becomes the anchor the chain is checked from.
 */
export async function pruneChain(db: Db<AuditSchema>, before: string): Promise<number> {
  return db.transaction(async (tx) => {
    // The cut is the entry before the oldest one kept: found from the old end of the chain, so the search
    // reads about as many entries as are pruned, not the whole retention period. An entry older than
    // `before` that was chained after a younger one is kept until the next pruning, never the reverse.
    const [firstKept] = await tx
      .select({ seq: entries.seq })
      .from(entries)
      .where(gte(entries.at, new Date(before).toISOString()))
      .orderBy(asc(entries.seq))
      .limit(1);
    const [cut] = await tx
      .select({ seq: entries.seq, hash: entries.hash })
      .from(entries)
      .where(firstKept ? lt(entries.seq, firstKept.seq) : undefined)
      .orderBy(desc(entries.seq))
      .limit(1);
    if (!cut) return 0;
    const deleted = await tx.delete(entries).where(lte(entries.seq, cut.seq)).returning({ seq: entries.seq });
    const anchor = { seq: cut.seq, hash: cut.hash, prunedAt: new Date().toISOString() };
    await tx
      .insert(chainAnchor)
      .values({ id: 1, ...anchor })
      .onConflictDoUpdate({ target: chainAnchor.id, set: anchor });
    return deleted.length;
  });
}
