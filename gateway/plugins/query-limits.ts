// Query limits: every document's cost is bounded before it is planned or run (gateway/limits.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { QUERY_TOO_COMPLEX, queryLimitsRule, TOO_MANY_TOKENS, type QueryLimits } from '../limits.ts';

/** The ApolloServer options that enforce the limits: a parser bound and one validation rule. */
export const queryLimits = (limits: QueryLimits) => ({
  parseOptions: { maxTokens: limits.maxTokens },
  validationRules: [queryLimitsRule(limits)],
});

/**
 * Apollo Server answers a refused document as a validation or parse failure; the contract's code for a
 * document over a limit is QUERY_TOO_COMPLEX, with a message that names the limit.
 */
export function tooComplex(error: GraphQLError): string | undefined {
  const original = error.originalError as GraphQLError | undefined;
  if (original?.extensions?.code === QUERY_TOO_COMPLEX) return original.message;
  const tokens = TOO_MANY_TOKENS.exec(original?.message ?? error.message);
  return tokens ? `The query has over ${tokens[1]} tokens (maxTokens)` : undefined;
}

/**
 * A document must name the one operation to run: several operations without an `operationName` (or a
 * name the document lacks) are the caller's mistake, answered 400 before the planner sees them.
 */
export const singleOperation = (): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation) return;
        throw new GraphQLError('The document has several operations: name the one to run in operationName', {
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
        });
      },
    };
  },
});
