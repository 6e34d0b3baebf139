// The gateway: authentication → purpose → query limits → plan → ticketed fetches (DESIGN.md).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { CryptoKey } from 'jose';
import { badInput, purposeRequired } from '../shared/errors.ts';
import { sendJson, serveGraphQL, type HttpService, type Route } from '../shared/http.ts';
import type { Policy } from '../shared/policy-config.ts';
import { finnishDate } from '../shared/policy.ts';
import { isPurpose, PURPOSES } from '../shared/vocabulary.ts';
import { Authenticator, issueDevToken, type TokenRequest } from './auth.ts';
import { readCategoryMap, type CategoryMap } from './categories.ts';
import type { GatewayContext } from './context.ts';
import { TicketedDataSource, type TicketSigner } from './datasource.ts';
import { factsLoader } from './facts.ts';
import { auditUnavailable, logMaterial, lookedUp } from './audit/log.ts';
import type { AuditWriter } from './audit/writer.ts';
import { documentHash } from '../shared/tickets.ts';
import { describeError } from '../shared/safe-errors.ts';
import { DEFAULT_LIMITS, enforceLimits, isIntrospectionOnly, operationShape, type QueryLimits } from './limits.ts';

// No phone-home (DESIGN.md decision 8): read by @apollo/gateway when it loads.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface GatewayOptions {
  supergraphSdl: string;
  /** subgraph name → its /graphql URL */
  subgraphUrls: Record<string, string>;
  policy: Policy;
  ticketSigner: TicketSigner;
  authenticator: Authenticator;
  host: string;
  port: number;
  production: boolean;
  /** the dev issuer's signing key: enables /dev/token (never in production) */
  devIssuer?: { key: CryptoKey; kid: string };
  limits?: QueryLimits;
  /** the disclosure log; every response with personal data waits for its entries' commit */
  audit: AuditWriter;
}

export interface RunningGateway extends HttpService {
  categories: CategoryMap;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const categories = readCategoryMap(opts.supergraphSdl);
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const jointUrl = opts.subgraphUrls.joint;
  if (!jointUrl) throw new Error('the joint subgraph URL is required');

  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name, url }) =>
      new TicketedDataSource(name, opts.subgraphUrls[name] ?? url ?? '', opts.ticketSigner, categories.bySubgraph.get(name) ?? new Set()),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !opts.production,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // Never cacheable (shared/http.ts answers no-store): no cache policy to work out.
      ApolloServerPluginCacheControlDisabled(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, document, contextValue, request }) {
              if (!operation) return;
              const fragments: Record<string, FragmentDefinitionNode> = {};
              for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
              const shape = operationShape(operation, fragments);
              enforceLimits(shape, limits);
              if (!contextValue.purpose && !isIntrospectionOnly(shape)) throw purposeRequired();
              contextValue.lookups = lookedUp(operation, request.variables);
            },
            // The log is written before the response leaves; if it cannot be, no personal data leaves (fail closed).
            async willSendResponse({ response, contextValue, operationName, source }) {
              if (response.body.kind !== 'single' || !contextValue?.purpose) return;
              const result = response.body.singleResult;
              try {
                const material = await logMaterial(contextValue, {
                  operationName: operationName ?? null,
                  documentHash: documentHash(source ?? ''),
                  lookups: contextValue.lookups,
                  errors: result.errors ?? [],
                });
                await opts.audit.append(material);
              } catch (e) {
                console.error('disclosure log write failed; response withheld:', describeError(e));
                result.data = null;
                const refusal = auditUnavailable();
                result.errors = [{ message: refusal.message, extensions: refusal.extensions }];
                if (response.http) response.http.status = 503;
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const routes: Record<string, Route> = {
    '/health': async (_req, res) => {
      const checks = await Promise.all(
        Object.entries(opts.subgraphUrls).map(async ([name, url]) => {
          try {
            const r = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
            return [name, r.ok ? 'ok' : `HTTP ${r.status}`] as const;
          } catch (e) {
            return [name, `unreachable: ${(e as Error).message}`] as const;
          }
        }),
      );
      const ok = checks.every(([, s]) => s === 'ok');
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', gateway: 'ok', subgraphs: Object.fromEntries(checks) });
    },
  };
  if (opts.devIssuer && !opts.production) {
    const { key, kid } = opts.devIssuer;
    routes['/dev/token'] = async (req, res) => {
      const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const request: TokenRequest = {
        org: q.get('org') ?? '',
        role: q.get('role') ?? '',
        areas: q.getAll('area'),
        municipality: q.get('municipality') ?? undefined,
        sub: q.get('sub') ?? undefined,
        ttlSeconds: q.has('ttl') ? Number(q.get('ttl')) : undefined,
      };
      try {
        sendJson(res, 200, { token: await issueDevToken(key, kid, request) });
      } catch (e) {
        sendJson(res, 400, { error: (e as Error).message });
      }
    };
  }

  const http = await serveGraphQL<GatewayContext>({
    apollo,
    host: opts.host,
    port: opts.port,
    routes,
    context: async (req) => {
      const caller = await opts.authenticator.authenticate(header(req, 'authorization'));
      const purposeHeader = header(req, 'x-tym-purpose')?.trim();
      if (purposeHeader && !isPurpose(purposeHeader)) {
        const err = badInput('UNKNOWN_PURPOSE', `X-TYM-Purpose must be one of ${PURPOSES.join(', ')}`);
        (err.extensions as Record<string, unknown>).http = { status: 400 };
        throw err;
      }
      const purpose = purposeHeader && isPurpose(purposeHeader) ? purposeHeader : null;
      const caseReference = header(req, 'x-tym-case')?.slice(0, 200) ?? null;
      const idempotencyKey = header(req, 'idempotency-key')?.trim().slice(0, 200) || null;
      const requestId = randomUUID();
      return {
        caller,
        purpose,
        access: purpose ? { policy: opts.policy, caller, purpose, today: finnishDate() } : null,
        caseReference,
        idempotencyKey,
        requestId,
        released: [],
        lookups: [],
        facts: factsLoader(jointUrl, opts.ticketSigner, { caller, purpose: purpose ?? 'COORDINATION', caseReference, requestId }),
      };
    },
  });
  return {
    ...http,
    categories,
    close: async () => {
      await http.close();
      await apollo.stop();
    },
  };
}
