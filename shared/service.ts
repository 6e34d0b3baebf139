// What every subgraph module provides, so that composition, the start-up, seeding and tests treat the
// four alike. A service is its static definition (what composition reads, no database needed) and
// `open(location)`, which opens its database and returns what a running copy of it needs.
import type { VerifyKey } from './keys.ts';
import type { DatabaseSettings, SubgraphName } from './config.ts';
import { openDatabase, type Database, type Db, type Location } from './db.ts';
import type { PersonFacts } from './policy.ts';
import type { Route } from './http.ts';
import { recordReleases, ReleaseRecorder, type releases } from './releases.ts';
import type { WorldPerson } from '../seed/types.ts';
import type { RequestScope, SubgraphContext, SubgraphDefinition } from './subgraph.ts';
import { DbTicketUses, type ticketUses } from './ticket-uses.ts';
import type { TicketUses } from './tickets.ts';

type SharedTables = { releases: typeof releases; ticketUses: typeof ticketUses };

export interface SubgraphService<L = unknown> {
  name: SubgraphName;
  definition: SubgraphDefinition;
  /** drizzle-kit migrations, applied on open */
  migrationsFolder: string;
  open(location: Location, settings?: Partial<DatabaseSettings>): Promise<OpenSubgraph<L>>;
}

/** A service's database opened, with everything bound to it; what serving it and the operator commands use. */
export interface OpenSubgraph<L = unknown> {
  database: Database<Record<string, unknown>>;
  /** Fresh DataLoaders for one request (and, in the joint subgraph, its own facts). */
  requestScope(): RequestScope<L>;
  /** Plain JSON routes beside /graphql (the joint subgraph's facts endpoint), its tickets capped as the graph's. */
  routes(ticketKeys: readonly VerifyKey[], ticketMaxLifetimeSeconds?: number): Record<string, Route>;
  /** Accepted tickets, in the database: single use across every process of this subgraph. */
  ticketUses: TicketUses;
  /** The register's own record of what a request released (docs/DESIGN.md decision 12). */
  onRelease(ctx: SubgraphContext<L>): Promise<void>;
  /** A read's ticket claimed with its release record, group-committed (shared/releases.ts `ReleaseRecorder`). */
  claimWithRelease(ctx: SubgraphContext<L>): (id: string, until: number) => Promise<boolean>;
  /** Replaces the register's content with this world's part of it (no statement timeout). */
  seed(persons: WorldPerson[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a subgraph's database and binds its parts to it. Generic over the service's own tables, so
 * that each part keeps its precise database type and the result does not carry it.
 */
export async function openSubgraph<S extends SharedTables, L>(opts: {
  location: Location;
  settings?: Partial<DatabaseSettings>;
  schema: S;
  migrationsFolder: string;
  createLoaders(db: Db<S>): L;
  personFacts?: (loaders: L, hetu: string) => Promise<PersonFacts>;
  seed(db: Db<S>, persons: WorldPerson[]): Promise<void>;
  routes?(db: Db<S>, ticketKeys: readonly VerifyKey[], ticketMaxLifetimeSeconds?: number): Record<string, Route>;
}): Promise<OpenSubgraph<L>> {
  const database = await openDatabase({
    location: opts.location,
    schema: opts.schema,
    migrationsFolder: opts.migrationsFolder,
    settings: opts.settings,
  });
  const { db } = database;
  const { personFacts } = opts;
  const ticketUses = new DbTicketUses(db);
  const releaseRecorder = new ReleaseRecorder(db, ticketUses, database.label);
  return {
    database,
    requestScope() {
      const loaders = opts.createLoaders(db);
      return personFacts ? { loaders, personFacts: (hetu) => personFacts(loaders, hetu) } : { loaders };
    },
    routes: (ticketKeys, ticketMaxLifetimeSeconds) => opts.routes?.(db, ticketKeys, ticketMaxLifetimeSeconds) ?? {},
    ticketUses,
    onRelease: (ctx) => recordReleases(db, ctx),
    claimWithRelease: (ctx) => releaseRecorder.claimWith(ctx),
    seed: (persons) => database.maintenance((alone) => opts.seed(alone, persons)),
    async close() {
      await releaseRecorder.close();
      await database.close();
    },
  };
}
