// The contract's error codes (CONTRACT.md section 3). Messages never name the person, nor say
// whether they exist or are a client (LAW.md rule 20).
import { GraphQLError } from 'graphql';
import { parseHetu } from './hetu.ts';
import type { RefusalReason } from './vocabulary.ts';

export const forbidden = (reason: RefusalReason | 'NOT_YOUR_AREA' | 'ROLE_NOT_ALLOWED', message?: string) =>
  new GraphQLError(message ?? `Forbidden: ${reason}`, { extensions: { code: 'FORBIDDEN', reason } });

export const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export const purposeRequired = () =>
  new GraphQLError('The X-TYM-Purpose header is required for personal data', {
    extensions: { code: 'PURPOSE_REQUIRED', http: { status: 400 } },
  });

export const badInput = (reason: string, message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason } });

export const queryTooComplex = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });

/** A hetu argument must be a valid identity code (LAW.md rule 21); the message names the problem, not the person. */
export function assertHetu(input: string): string {
  const parsed = parseHetu(input);
  if (!parsed.ok) throw badInput('INVALID_HETU', `Not a valid Finnish personal identity code (${parsed.problem.toLowerCase().replace('_', ' ')})`);
  return input;
}
