// The plain federation peer the project measures itself against (bench/compare.ts): four plain
// @apollo/subgraph servers, each with postgres.js and one `= any($1)` DataLoader query per field, and a
// plain @apollo/gateway, in one process like `npm start`. It reads the project's own databases and has
// the project's type and field names, but no policy, no tickets and no log: it is what the guarantees
// are measured against. Both stacks fetch subgraphs with Node's own fetch, so the HTTP client is not
// part of the difference.
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import postgres from 'postgres';
import { withDatabase } from '../../shared/db.ts';
import { joint } from './joint.ts';
import { employment, kela, wellbeing } from './registers.ts';
import type { PeerSubgraph, Sql } from './subgraph.ts';

/** The peer's subgraphs by name, each made over its database's pool. */
export const PEER_SUBGRAPHS: Record<string, (sql: Sql) => PeerSubgraph> = { joint, employment, wellbeing, kela };

export interface Peer {
  url: string;
  close(): Promise<void>;
}

/** Starts the peer over the databases `${dbPrefix}_<subgraph>` of the PostgreSQL server at `pgUrl`. */
export async function startPeer(pgUrl: string, dbPrefix: string, host = '127.0.0.1'): Promise<Peer> {
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const services = [];
    for (const [name, make] of Object.entries(PEER_SUBGRAPHS)) {
      // The project's default pool size (TYM_DB_POOL_SIZE 10), so both stacks get as many connections.
      const sql = postgres(withDatabase(pgUrl, `${dbPrefix}_${name}`), { max: 10, onnotice: () => {} });
      stops.push(() => sql.end({ timeout: 5 }));
      const subgraph = make(sql);
      const typeDefs = parse(subgraph.typeDefs);
      const server = new ApolloServer({
        schema: buildSubgraphSchema({ typeDefs, resolvers: subgraph.resolvers }),
        plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled()],
      });
      const { url } = await startStandaloneServer(server, {
        listen: { host, port: 0 },
        context: async () => ({ loaders: subgraph.loaders() }),
      });
      stops.push(() => server.stop());
      services.push({ name, url, typeDefs });
    }
    const composed = composeServices(services);
    if (composed.errors?.length) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    const gateway = new ApolloGateway({
      supergraphSdl: composed.supergraphSdl,
      buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher: fetch as never }),
    });
    const server = new ApolloServer({
      gateway,
      plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginUsageReportingDisabled()],
    });
    const { url } = await startStandaloneServer(server, { listen: { host, port: 0 } });
    stops.push(() => server.stop());
    return { url, close: () => stopAll(stops) };
  } catch (e) {
    await stopAll(stops);
    throw e;
  }
}

async function stopAll(stops: (() => Promise<unknown>)[]) {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}
