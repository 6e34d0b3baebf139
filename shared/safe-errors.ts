// Errors nobody meant for the caller (a database that failed, a bug) reach neither the caller nor
// the log in their own words: a driver's message carries the statement and its parameters, which
// name persons and stored values (LAW.md rule 20). The caller gets a code; the log the error's kind.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** An error's kind and codes down its chain of causes, e.g. `DrizzleQueryError <- PostgresError 57P01`. */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let cause = e, depth = 0; cause && depth < 5; depth++) {
    const { name, code, cause: next } = cause as { name?: string; code?: unknown; cause?: unknown };
    parts.push([typeof name === 'string' ? name : typeof cause, typeof code === 'string' ? code : ''].join(' ').trim());
    cause = next;
  }
  return parts.join(' <- ');
}

/**
 * Apollo's formatError: what a resolver threw on purpose (a GraphQLError with its code) goes out
 * as it is; anything else goes out as INTERNAL_SERVER_ERROR without its message.
 */
export function maskUnexpectedError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError) return formatted;
  console.error(`unexpected error at ${formatted.path?.join('.') ?? 'the request'}: ${describeError(original)}`);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
