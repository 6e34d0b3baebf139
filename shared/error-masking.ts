// One masking point per subgraph: what an answer may say about an error. The contract's codes pass
// with their reason; anything else (a driver error, a bug) becomes INTERNAL_SERVER_ERROR with a request
// id and nothing else (docs/LAW.md rule 20: errors never carry SQL, statements, bound parameters or stored
// values). The server log gets the error's kind, codes and where it was thrown under that id, never
// its message: a driver's message carries the statement and its parameters.
import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { describeError } from './safe-errors.ts';
import { loggerFor } from './logger.ts';
import { requestFields, type RequestScope } from './request-scope.ts';

const log = loggerFor('error-masking');

/** The request each error belongs to: tied when the error is met, read when it is masked (and logged). */
const errorRequests = new WeakMap<object, RequestScope>();

/** Ties errors to the request they were met in (gateway and subgraphs alike). */
export function tieErrors(errors: readonly unknown[], scope: RequestScope): void {
  for (const e of errors) if (typeof e === 'object' && e !== null) errorRequests.set(e, scope);
}

/** The request an error was tied to, if any. */
export const requestOfError = (error: unknown): RequestScope | undefined =>
  typeof error === 'object' && error !== null ? errorRequests.get(error) : undefined;

/** Codes a caller may see as they are: each is raised by our own code, or by GraphQL about the caller's request. */
const CONTRACT_CODES = new Set([
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'CUSTOMERSHIP_NOT_ACTIVE',
  'JOINT_ASSESSMENT_REQUIRED',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
  'PURPOSE_REQUIRED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);
/** The extensions those codes carry; anything else a library put there stays out. */
const KEPT_EXTENSIONS = ['code', 'reason', 'field', 'missing'] as const;

export const INTERNAL_MESSAGE = 'Internal error; quote the requestId when reporting it';

/**
 * Masks one formatted error. `request` names the request in the log line and in the answer (the
 * ticket's request id when there is one, so that the gateway's log and this one meet).
 */
export function maskError(
  service: string,
  formatted: GraphQLFormattedError,
  original: unknown,
  request?: Pick<RequestScope, 'requestId' | 'traceId'>,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const where = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (typeof code === 'string' && CONTRACT_CODES.has(code)) {
    const extensions: Record<string, unknown> = {};
    for (const k of KEPT_EXTENSIONS)
      if (formatted.extensions?.[k] !== undefined) extensions[k] = formatted.extensions[k];
    return { message: formatted.message, ...where, extensions };
  }
  const id = request?.requestId || randomUUID();
  const cause = (original as { originalError?: unknown })?.originalError ?? original;
  log.error(
    {
      ...requestFields({ requestId: id, traceId: request?.traceId }),
      service,
      path: formatted.path?.join('.'),
      error: describeError(cause),
    },
    'internal error masked',
  );
  return { message: INTERNAL_MESSAGE, ...where, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id } };
}
