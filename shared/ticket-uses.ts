// The tickets a subgraph accepted, kept in its own database so that every process of the subgraph
// sees every acceptance: a ticket captured on the way to one process cannot be replayed to another.
// Same table in every register (like `releases`), one migration per subgraph.
import DataLoader from 'dataloader';
import { lt, type SQL, sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { executeRows, type AnyDb } from './db.ts';
import { jsonInsert } from './json-insert.ts';
import type { TicketUses } from './tickets.ts';
import { loggerFor } from './logger.ts';
import { describeError } from './safe-errors.ts';

const log = loggerFor('ticket-uses');

export const ticketUses = pgTable('ticket_uses', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** How often a process deletes the rows of expired tickets (any process may; deleting twice is harmless). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The claims of `tickets` in one insert: the primary key decides, atomically across processes, which
 * acceptance was first; the statement returns the ids claimed now (a ticket used before is not among them).
 */
export const claimsOf = (tickets: readonly { jti: string; expiresAt: Date }[]): SQL =>
  sql`${jsonInsert(ticketUses, ['jti', 'expiresAt'], tickets)} on conflict do nothing returning ${ticketUses.jti}`;

export class DbTicketUses implements TicketUses {
  private nextSweep = 0;
  /**
   * The claims of one turn of the event loop in one insert: the primary key decides, atomically across
   * processes, which acceptance was first. Not cached: every claim asks the database.
   */
  private readonly claims = new DataLoader<{ id: string; until: number }, boolean, string>(
    async (claims) => {
      const rows = claims.map((c) => ({ jti: c.id, expiresAt: new Date(c.until * 1000) }));
      const returned = await executeRows<{ jti: string }>(this.db, claimsOf(rows));
      const inserted = new Set(returned.map((r) => r.jti));
      // The same id twice in one batch: the first claim wins, as it would one statement apart.
      return claims.map((c) => inserted.delete(c.id));
    },
    { cache: false },
  );
  constructor(private readonly db: AnyDb) {}

  claim(id: string, until: number): Promise<boolean> {
    this.sweepWhenDue();
    return this.claims.load({ id, until });
  }

  /** Expired rows are useless (an expired ticket is refused before this store is asked), so the table stays small. */
  async sweep(): Promise<void> {
    await this.db.delete(ticketUses).where(lt(ticketUses.expiresAt, sql`now()`));
  }

  /** Starts a sweep when none ran for SWEEP_INTERVAL_MS: every path that claims calls it. */
  sweepWhenDue(): void {
    const now = Date.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_INTERVAL_MS;
    this.sweep().catch((e: unknown) => log.error({ error: describeError(e) }, 'ticket_uses sweep failed'));
  }
}
