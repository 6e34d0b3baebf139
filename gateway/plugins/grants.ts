// Grants and tickets: every subgraph fetch carries a ticket signed for that subgraph with the grants
// for exactly the persons in the fetch (docs/DESIGN.md decision 4), decided from facts batch-loaded from
// the joint subgraph once per request.
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { InProcessGraphQL } from '../../shared/http.ts';
import type { Purpose } from '../../shared/vocabulary.ts';
import type { Caller } from '../../shared/vocabulary.ts';
import type { CategoryMap } from '../categories.ts';
import type { GatewayContext } from '../context.ts';
import { TicketedDataSource, type TicketSigner } from '../datasource.ts';
import { factsLoader } from '../facts.ts';
import { apolloLogger } from '../../shared/logger.ts';
import type { RequestScope } from '../../shared/request-scope.ts';

/**
 * The federated executor: @apollo/gateway over the static supergraph, every fetch to a subgraph
 * ticketed; a subgraph the gateway runs itself (the log views) is executed in process instead, and a
 * subgraph served by this same process (`tym start`) is called in process, ticket and all.
 */
export function ticketedGateway(
  opts: {
    supergraphSdl: string;
    subgraphUrls: Record<string, string>;
    ticketSigner: TicketSigner;
    localSubgraphs?: Record<string, GraphQLDataSource<GatewayContext>>;
    subgraphsInProcess?: Record<string, InProcessGraphQL>;
  },
  categories: CategoryMap,
) {
  return new ApolloGateway({
    logger: apolloLogger('gateway'),
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name, url }) => {
      const local = opts.localSubgraphs?.[name];
      if (local) return local;
      const subgraphCategories = categories.bySubgraph.get(name) ?? new Set();
      return new TicketedDataSource(
        name,
        opts.subgraphUrls[name] ?? url ?? '',
        opts.ticketSigner,
        subgraphCategories,
        opts.subgraphsInProcess?.[name],
      );
    },
  });
}

/** One request's loader of person facts; its cache makes each person's facts one fetch per request. */
export function factsLoaderFor(
  jointUrl: string,
  signer: TicketSigner,
  request: { caller: Caller; purpose: Purpose | null; caseReference: string | null; requestId: string },
  scope?: RequestScope,
) {
  return factsLoader(jointUrl, signer, { ...request, purpose: request.purpose ?? 'COORDINATION' }, scope);
}
