// The gateway's one masking point (docs/LAW.md rule 20; docs/CONTRACT.md section 3): an error leaves only with a
// code the contract names and the extension keys that code carries. Anything else, whatever a
// subgraph or a library said, becomes an opaque INTERNAL_SERVER_ERROR; the original goes to the
// server log under the request id that every error carries, so that an operator can find it.
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { tooComplex } from './query-limits.ts';
import { describeError } from '../../shared/safe-errors.ts';
import { loggerFor } from '../../shared/logger.ts';
import { REQUEST_ID_UNKNOWN } from '../../shared/http.ts';
import { requestOfError, tieErrors } from '../../shared/error-masking.ts';
import { requestFields, type RequestScope } from '../../shared/request-scope.ts';

const log = loggerFor('error-masking');

/** The codes that may leave, each with the extension keys it may carry besides `code` and `requestId`. */
const ALLOWED = new Map<string, readonly string[]>([
  ['FORBIDDEN', ['reason', 'serviceName']],
  ['UNAUTHENTICATED', []],
  ['PURPOSE_REQUIRED', []],
  ['BAD_USER_INPUT', ['reason', 'field', 'serviceName']],
  ['CUSTOMERSHIP_NOT_ACTIVE', ['serviceName']],
  ['JOINT_ASSESSMENT_REQUIRED', ['missing', 'serviceName']],
  ['CONFLICT', ['reason', 'serviceName']],
  ['QUERY_TOO_COMPLEX', ['serviceName']],
  ['AUDIT_UNAVAILABLE', []],
  ['SUBGRAPH_UNAVAILABLE', ['serviceName']],
  ['SERVICE_UNAVAILABLE', ['serviceName']],
  ['DOCUMENT_NOT_TRUSTED', []],
  // Apollo Server's own, about the request as sent
  ['GRAPHQL_PARSE_FAILED', []],
  ['GRAPHQL_VALIDATION_FAILED', []],
  ['BAD_REQUEST', []],
  ['OPERATION_RESOLUTION_FAILURE', []],
  ['PERSISTED_QUERY_NOT_FOUND', []],
  ['PERSISTED_QUERY_NOT_SUPPORTED', []],
]);

/** "Did you mean …" names schema elements the caller did not know (docs/DESIGN.md): never sent. */
const SUGGESTION = / ?Did you mean .*\?$/s;

export const INTERNAL_ERROR_MESSAGE = 'Internal error';

function masked(
  error: GraphQLFormattedError,
  original: unknown,
  requestId: string,
  scope: RequestScope | undefined,
): GraphQLFormattedError {
  const code = error.extensions?.code;
  // Kind, codes and frames only: a driver's message carries the statement and its parameters.
  log.error(
    { ...requestFields(scope ?? { requestId }), code: String(code), error: describeError(original) },
    'internal error masked',
  );
  return {
    message: INTERNAL_ERROR_MESSAGE,
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  };
}

/** The `formatError` of the gateway: every error of every response passes here. */
export const maskError: NonNullable<ApolloServerOptions<GatewayContext>['formatError']> = (formatted, original) => {
  // The request's errors were given its id (`identifyErrors`): when met, or by the context that refused the
  // request. Apollo's own refusals of a malformed request come before any context: the HTTP front puts the
  // request's id in place of REQUEST_ID_UNKNOWN (shared/http.ts).
  const scope = requestOfError(original);
  const requestId =
    typeof formatted.extensions?.requestId === 'string'
      ? formatted.extensions.requestId
      : (scope?.requestId ?? REQUEST_ID_UNKNOWN);
  const code = formatted.extensions?.code;
  // Apollo Server reports a document over a limit as a parse or validation failure.
  const refusedDocument = code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED';
  const limit = refusedDocument && original instanceof GraphQLError ? tooComplex(original) : undefined;
  if (limit) return { message: limit, extensions: { code: 'QUERY_TOO_COMPLEX', requestId } };
  const keys = typeof code === 'string' ? ALLOWED.get(code) : undefined;
  if (!keys) return masked(formatted, original, requestId, scope);
  const extensions: Record<string, unknown> = { code };
  for (const key of keys) if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  extensions.requestId = requestId;
  return {
    message: formatted.message.replace(SUGGESTION, ''),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
};

/** Gives errors their request's id (in the answer) and ties them to it (for the log line of a masked one). */
export function identifyErrors(errors: readonly unknown[], scope: RequestScope): void {
  tieErrors(errors, scope);
  for (const e of errors)
    if (e instanceof GraphQLError) (e.extensions as Record<string, unknown>).requestId = scope.requestId;
}

/** Gives each error of a request the request's id before formatting, and logs what failed outside a request. */
export const errorIdentification = (): ApolloServerPlugin<GatewayContext> => ({
  async contextCreationDidFail({ error }) {
    if (!(error instanceof GraphQLError))
      log.error({ ...requestFields(requestOfError(error)), error: describeError(error) }, 'context creation failed');
  },
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        identifyErrors(errors, contextValue.scope);
      },
    };
  },
});
