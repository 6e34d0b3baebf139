// Each organisation's own record of what its subgraph released (issue: both ends log), so an
// organisation can answer for its register without the gateway's log. Same table in every register.
import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { AnyDb } from './db.ts';
import { groupedJsonInsert } from './json-insert.ts';
import type { Basis, DataCategory } from './vocabulary.ts';
import type { SubgraphContext } from './subgraph.ts';
import type { DbTicketUses } from './ticket-uses.ts';

export const releases = pgTable(
  'releases',
  {
    // A number the database counts, not a random uuid: drawing one per row was half the cost of the insert.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: text('ticket_id').notNull(),
    requestId: text('request_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    hetu: text('hetu').notNull(),
    categories: text('categories').array().notNull(),
    bases: text('bases').array().notNull(),
    recipientOrg: text('recipient_org').notNull(),
    recipientRole: text('recipient_role').notNull(),
    recipientSub: text('recipient_sub').notNull(),
    purpose: text('purpose').notNull(),
    caseReference: text('case_reference'),
  },
  (t) => [index('releases_hetu').on(t.hetu)],
);

/** One person's categories and bases as the parallel arrays of a release report: `categories[i]` left on `bases[i]`. */
export function categoriesAndBases(cats: Map<DataCategory, Set<Basis>>): {
  categories: DataCategory[];
  bases: Basis[];
} {
  const categories: DataCategory[] = [];
  const bases: Basis[] = [];
  for (const [category, set] of cats) {
    for (const basis of set) {
      categories.push(category);
      bases.push(basis);
    }
  }
  return { categories, bases };
}

/** The columns of a release record: those of its ticket, sent once (shared/json-insert.ts), and each person's own. */
const RELEASE_KEYS = {
  shared: ['ticketId', 'requestId', 'recipientOrg', 'recipientRole', 'recipientSub', 'purpose', 'caseReference'],
  own: ['hetu', 'categories', 'bases'],
} as const satisfies Record<'shared' | 'own', readonly (keyof typeof releases.$inferInsert)[]>;

/** One statement for all the persons of the request, whatever their number (shared/json-insert.ts). */
export async function recordReleases(db: AnyDb, ctx: SubgraphContext): Promise<void> {
  if (ctx.released.size === 0) return; // writes are the register's own entries, not releases
  await db.execute(groupedJsonInsert(releases, RELEASE_KEYS, releaseRows(ctx)));
}

/**
 * The ticket of a read claimed and its releases recorded in one statement: the releases only if the claim
 * succeeds. True when this was the ticket's first use (shared/ticket-uses.ts `claimAlong`).
 */
export function claimAndRecordReleases(
  uses: DbTicketUses,
  ctx: SubgraphContext,
): (id: string, until: number) => Promise<boolean> {
  return (id, until) =>
    uses.claimAlong(
      id,
      until,
      ctx.released.size === 0
        ? undefined
        : (claimed) => groupedJsonInsert(releases, RELEASE_KEYS, releaseRows(ctx), claimed),
    );
}

function releaseRows(ctx: SubgraphContext) {
  const { ticket } = ctx;
  return [...ctx.released].map(([hetu, cats]) => ({
    ticketId: ticket.id,
    requestId: ticket.requestId,
    hetu,
    // categories[i] left on bases[i]: a category twice when own rows and another controller's left together.
    ...categoriesAndBases(cats),
    recipientOrg: ticket.caller.org,
    recipientRole: ticket.caller.role,
    recipientSub: ticket.caller.sub,
    purpose: ticket.purpose,
    caseReference: ticket.caseReference,
  }));
}
