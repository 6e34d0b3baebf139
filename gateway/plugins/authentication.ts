// Authentication and purpose: who asks (a verified bearer token, docs/CONTRACT.md section 2) and why
// (X-TYM-Purpose, docs/LAW.md rule 9), decided before any operation runs.
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { badInput, purposeRequired } from '../../shared/errors.ts';
import type { Policy } from '../../shared/policy-config.ts';
import { finnishDate } from '../../shared/policy.ts';
import { isPurpose, PURPOSES } from '../../shared/vocabulary.ts';
import type { Authenticator } from '../auth.ts';
import type { GatewayContext } from '../context.ts';
import { isIntrospectionOnly } from '../limits.ts';
import { factsLoaderFor } from './grants.ts';
import { identifyErrors } from './error-masking.ts';
import { executedRootFields } from './lookups.ts';
import type { RequestScope } from '../../shared/request-scope.ts';
import { inSpan } from '../../shared/telemetry.ts';

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const MAX_IDEMPOTENCY_KEY = 200;

/** Builds each request's context: the caller, the purpose and case, ids, and the request's facts loader. */
export function gatewayContext(opts: {
  authenticator: Authenticator;
  policy: Policy;
  jointUrl: string;
  ticketSigner: Parameters<typeof factsLoaderFor>[1];
}) {
  const context = async (req: IncomingMessage, scope: RequestScope): Promise<GatewayContext> => {
    const caller = await inSpan('authenticate', {}, () =>
      opts.authenticator.authenticate(header(req, 'authorization'), scope),
    );
    const purposeHeader = header(req, 'x-tym-purpose')?.trim();
    if (purposeHeader && !isPurpose(purposeHeader)) {
      const err = badInput('UNKNOWN_PURPOSE', `X-TYM-Purpose must be one of ${PURPOSES.join(', ')}`);
      (err.extensions as Record<string, unknown>).http = { status: 400 };
      throw err;
    }
    const purpose = purposeHeader && isPurpose(purposeHeader) ? purposeHeader : null;
    const caseReference = header(req, 'x-tym-case')?.slice(0, 200) ?? null;
    // Whole or refused: a truncated key would let two requests share a prefix and a stored result.
    const idempotencyKey = header(req, 'idempotency-key')?.trim() || null;
    if (idempotencyKey && idempotencyKey.length > MAX_IDEMPOTENCY_KEY) {
      const err = badInput(
        'INVALID_IDEMPOTENCY_KEY',
        `Idempotency-Key is longer than ${MAX_IDEMPOTENCY_KEY} characters`,
      );
      (err.extensions as Record<string, unknown>).http = { status: 400 };
      throw err;
    }
    // The id the response's X-Request-Id header already names (shared/http.ts).
    const { requestId } = scope;
    return {
      scope,
      caller,
      purpose,
      access: purpose ? { policy: opts.policy, caller, purpose, today: finnishDate() } : null,
      caseReference,
      idempotencyKey,
      requestId,
      facts: factsLoaderFor(opts.jointUrl, opts.ticketSigner, { caller, purpose, caseReference, requestId }, scope),
    };
  };
  return (req: IncomingMessage, _body: unknown, scope: RequestScope): Promise<GatewayContext> =>
    context(req, scope).catch((e: unknown) => {
      // A refused token or header: its error names this request, as its X-Request-Id does.
      identifyErrors([e], scope);
      throw e;
    });
}

/** No operation on personal data runs without a purpose; introspection alone needs none. */
export const purposeRequirement = (): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation(request) {
        if (request.contextValue.purpose || !request.operation) return; // no operation: singleOperation answers
        const roots = executedRootFields(request);
        if (!roots || !isIntrospectionOnly(roots.map((r) => r.name))) throw purposeRequired();
      },
    };
  },
});
