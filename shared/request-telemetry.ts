// What every GraphQL server of the system (gateway and subgraphs) tells about its requests: the
// operation as a bounded label and the outcome, kept in the request's scope for the access log line,
// the metrics and the server span (shared/http.ts records them when the answer has left).
import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import {
  defaultFieldResolver,
  Kind,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { countRefusal } from './metrics.ts';
import { scopeOf, type Outcome } from './request-scope.ts';
import { inSpan } from './telemetry.ts';

const MAX_ROOT_FIELDS = 4;

/**
 * The operation's type and root fields, e.g. `query client` or `mutation reviewPlan`: names the schema
 * defines, never the caller's operation name or arguments, so that a label can never carry data.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return 'none';
  const names = new Set<string>();
  for (const s of operation.selectionSet.selections) names.add(s.kind === Kind.FIELD ? s.name.value : '…');
  const sorted = [...names].sort();
  const shown = sorted.length > MAX_ROOT_FIELDS ? [...sorted.slice(0, MAX_ROOT_FIELDS), '…'] : sorted;
  return `${operation.operation} ${shown.join(',')}`;
}

/** Errors that are the system's fault, not the caller's. */
const SERVER_CODES = new Set([
  'INTERNAL_SERVER_ERROR',
  'SUBGRAPH_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'AUDIT_UNAVAILABLE',
]);

export function outcomeOf(response: GraphQLResponse): Outcome {
  if (response.body.kind !== 'single') return 'ok';
  const { data, errors } = response.body.singleResult;
  if (!errors || errors.length === 0) return 'ok';
  if (data && Object.values(data).some((v) => v !== null && v !== undefined)) return 'partial';
  return errors.some((e) => SERVER_CODES.has(String(e.extensions?.code))) ? 'server_error' : 'client_error';
}

export const requestTelemetry = <C extends BaseContext>(): ApolloServerPlugin<C> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        const scope = scopeOf(contextValue);
        if (!scope) return;
        scope.operation = operationLabel(operation);
        scope.span?.setAttribute('tym.operation', scope.operation);
      },
      async willSendResponse({ response, contextValue }) {
        // Read when the answer has left: other plugins' willSendResponse run alongside this one and
        // may still replace the answer (the disclosure log withholds it when the log cannot be written).
        const scope = scopeOf(contextValue);
        if (scope) scope.outcome = () => outcomeOf(response);
      },
    };
  },
});

// The data category of a refusal, known where a field is enforced (shared/subgraph.ts), kept off the
// error itself: the answer never says it, the metrics count by it.
const categoryOfRefusal = new WeakMap<object, string>();

/** Tags a FORBIDDEN error with the category of the field it refuses. */
export function refusedCategory<E extends object>(error: E, category: string): E {
  categoryOfRefusal.set(error, category);
  return error;
}

/** Counts the policy's refusals among a request's errors, by reason and category. */
export function countRefusals(service: string, errors: readonly GraphQLError[]): void {
  for (const e of errors) {
    if (e.extensions?.code !== 'FORBIDDEN') continue;
    const reason = typeof e.extensions.reason === 'string' ? e.extensions.reason : 'UNKNOWN';
    const category = categoryOfRefusal.get(e.originalError ?? e) ?? categoryOfRefusal.get(e) ?? 'none';
    countRefusal(service, reason, category);
  }
}

/** With tracing on, each root field's resolver (an entity fetch, a look-up, a write) runs in a span. */
export function traceRootResolvers(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const inner = field.resolve ?? defaultFieldResolver;
      const name = `${type.name}.${field.name}`;
      field.resolve = (parent, args, ctx, info) =>
        inSpan(`resolve ${name}`, { 'tym.field': name }, () => inner(parent, args, ctx, info));
    }
  }
}
