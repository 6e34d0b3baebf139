// What every subgraph module provides, so that the start-up, seeding and tests treat the four alike.
import type { Db } from './db.ts';
import type { SubgraphName } from './config.ts';
import type { WorldPerson } from '../seed/types.ts';
import type { CryptoKey } from 'jose';
import type { Route } from './http.ts';
import type { SubgraphDefinition } from './subgraph.ts';
import type { releases } from './releases.ts';
import type { ticketUses } from './ticket-uses.ts';

type SharedTables = { releases: typeof releases; ticketUses: typeof ticketUses };

export interface SubgraphService<S extends SharedTables = SharedTables, L = unknown> {
  name: SubgraphName;
  schema: S;
  /** drizzle-kit migrations, applied on open */
  migrationsFolder: string;
  definition(db: Db<S>): SubgraphDefinition<L>;
  /** Replaces the register's content with this world's part of it. */
  seed(db: Db<S>, persons: WorldPerson[]): Promise<void>;
  /** Plain JSON routes beside /graphql (the joint subgraph's facts endpoint), its tickets capped as the graph's. */
  routes?(db: Db<S>, ticketKeys: CryptoKey[], ticketMaxLifetimeSeconds?: number): Record<string, Route>;
}
