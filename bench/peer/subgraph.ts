// What a peer subgraph is: federation type definitions, resolvers, and the per-request loaders over its
// own pool. Nothing else: no policy, no tickets, no log.
import type postgres from 'postgres';

export type Sql = postgres.Sql;

export interface PeerSubgraph {
  typeDefs: string;
  resolvers: Record<string, any>;
  /** fresh DataLoaders for one request */
  loaders(): Record<string, unknown>;
}

export const FEDERATION = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
  scalar Date
  scalar DateTime
`;
