// The contract's error codes (docs/CONTRACT.md section 3). Messages never name the person, nor say
// whether they exist or are a client (docs/LAW.md rule 20).
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

/**
 * A hetu argument must be a valid identity code (docs/LAW.md rule 21); the message names the problem, not the person.
 */
export function assertHetu(input: string): string {
  const parsed = parseHetu(input);
  if (!parsed.ok)
    throw badInput(
      'INVALID_HETU',
      `Not a valid Finnish personal identity code (${parsed.problem.toLowerCase().replace('_', ' ')})`,
    );
  return input;
}

/**
 * The gateway's one answer to a missing or refused bearer token (RFC 6750 section 3): the same body
 * whatever the reason, with the challenge; `error="invalid_token"` only when a token was given.
 */
const bearer = (tokenGiven: boolean) => `Bearer realm="tym-gateway"${tokenGiven ? ', error="invalid_token"' : ''}`;

export const bearerChallenge = (tokenGiven: boolean) =>
  new GraphQLError('Authentication is required: present a valid bearer token', {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: {
        status: 401,
        headers: new Map([['www-authenticate', bearer(tokenGiven)]]),
      },
    },
  });

/** A subgraph the answer depends on did not answer: named, so that operators see the real cause. */
export const subgraphUnavailable = (serviceName: string) =>
  new GraphQLError(`The ${serviceName} register could not answer; try again later`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName },
  });
