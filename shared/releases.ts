// Each organisation's own record of what its subgraph released (issue: both ends log), so an
// organisation can answer for its register without the gateway's log. Same table in every register.
import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { executeRows, sqlStateOf, type AnyDb } from './db.ts';
import { countReleaseCommit, countReleaseFailure } from './metrics.ts';
import { GroupCommit } from './group-commit.ts';
import { groupedJsonInsert } from './json-insert.ts';
import type { Basis, DataCategory } from './vocabulary.ts';
import type { SubgraphContext } from './subgraph.ts';
import { claimsOf, ticketUses, type DbTicketUses } from './ticket-uses.ts';

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
 * Whether a commit failed for what it carried (SQLSTATE classes 22 data exception, 23 integrity, 54 program
 * limit), which its claims alone may not share; any other failure (the database gone or shutting down, a
 * timeout) would meet every claim again, and retrying them one by one would only make each wait longer.
 */
const refusedForItsRows = (e: unknown): boolean => /^(22|23|54)/.test(sqlStateOf(e) ?? '');

interface PendingClaim {
  id: string;
  until: number;
  rows: ReturnType<typeof releaseRows>;
  resolve(claimed: boolean): void;
  reject(e: unknown): void;
}

const JTI = sql.identifier(ticketUses.jti.name);
/** The condition, in the release insert of a commit, that a row's ticket was claimed by the same statement. */
const TICKET_CLAIMED = sql`${sql.identifier('ticketId')} in (select ${JTI} from claimed)`;

/**
 * Reads' tickets claimed with their release records, group-committed (as the disclosure log is:
 * docs/DESIGN.md decision 5): when no commit is in flight, one starts at once with the claims of this
 * turn of the event loop; claims arriving meanwhile share the next, which starts as soon as it ends. Each
 * commit is one statement: the tickets' claims, and the release rows of exactly the tickets it claimed, so
 * a replayed ticket records nothing. A request's answer waits for its commit (the register records what
 * it released before it answers); if the commit fails, every claim in it fails (fail closed), except when
 * the database refused the rows it carried (`refusedForItsRows`): then each claim is retried alone, so that
 * one request's rows cannot take the others' answers with them.
 */
export class ReleaseRecorder {
  private readonly commits = new GroupCommit<PendingClaim>({ commit: (batch) => this.flush(batch) });
  /** commits and claims so far: for the tests and the load figures */
  readonly stats = { commits: 0, claims: 0 };

  constructor(
    private readonly db: AnyDb,
    private readonly uses: DbTicketUses,
    /** the database's label in the metrics (`Database.label`) */
    private readonly label: string,
  ) {}

  /** The claim of a read's ticket with what it released: true when this was the ticket's first use. */
  claimWith(ctx: SubgraphContext): (id: string, until: number) => Promise<boolean> {
    return (id, until) => {
      this.uses.sweepWhenDue();
      const rows = ctx.released.size === 0 ? [] : releaseRows(ctx);
      return new Promise((resolve, reject) => this.commits.add({ id, until, rows, resolve, reject }));
    };
  }

  /** Waits for the commits in flight (before the database closes). */
  close(): Promise<void> {
    return this.commits.close();
  }

  private async flush(batch: PendingClaim[]): Promise<void> {
    // The same ticket twice in one commit: the first claim wins, as it would one commit apart.
    const first = new Map<string, PendingClaim>();
    for (const p of batch) {
      if (first.has(p.id)) p.resolve(false);
      else first.set(p.id, p);
    }
    const claims = [...first.values()];
    try {
      await this.commit(claims);
    } catch (e) {
      countReleaseFailure(this.label);
      if (claims.length === 1 || !refusedForItsRows(e)) {
        for (const p of claims) p.reject(e);
        return;
      }
      // The database refused what the statement carried, and nothing of it stands: each claim again, alone.
      for (const p of claims) await this.commit([p]).catch(p.reject);
    }
  }

  private async commit(claims: PendingClaim[]): Promise<void> {
    const started = performance.now();
    const tickets = claims.map((p) => ({ jti: p.id, expiresAt: new Date(p.until * 1000) }));
    const rows = claims.flatMap((p) => p.rows);
    const recorded = rows.length
      ? sql`, recorded as (${groupedJsonInsert(releases, RELEASE_KEYS, rows, TICKET_CLAIMED)})`
      : sql``;
    const returned = await executeRows<{ jti: string }>(
      this.db,
      sql`with claimed as (${claimsOf(tickets)})${recorded} select ${JTI} from claimed`,
    );
    const claimed = new Set(returned.map((r) => r.jti));
    this.stats.commits++;
    this.stats.claims += claims.length;
    countReleaseCommit(this.label, (performance.now() - started) / 1000, claims.length);
    for (const p of claims) p.resolve(claimed.has(p.id));
  }
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
