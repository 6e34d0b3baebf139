// The gateway: authentication → purpose → query limits → plan → ticketed fetches → disclosure log
// (docs/DESIGN.md). This file is the list of plugins and the server around them; each concern is a module
// of gateway/plugins/.
import type { GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { KeyObject } from 'node:crypto';
import { sendJson, serveGraphQL, type HttpService, type InProcessGraphQL, type Route } from '../shared/http.ts';
import type { Policy } from '../shared/policy-config.ts';
import { issueDevToken, type Authenticator, type TokenRequest } from './auth.ts';
import type { AuditWriter } from './audit/writer.ts';
import { readCategoryMap, type CategoryMap } from './categories.ts';
import type { GatewayContext } from './context.ts';
import type { TicketSigner } from './datasource.ts';
import { DEFAULT_LIMITS, type QueryLimits } from './limits.ts';
import { gatewayContext, purposeRequirement } from './plugins/authentication.ts';
import { disclosureLog } from './plugins/disclosure-log.ts';
import { errorIdentification, maskError } from './plugins/error-masking.ts';
import { ticketedGateway } from './plugins/grants.ts';
import { lookupRecording } from './plugins/lookups.ts';
import { queryLimits, singleOperation } from './plugins/query-limits.ts';
import { basisExtension } from './plugins/basis.ts';
import { trustedDocumentsOnly } from './plugins/trusted-documents.ts';
import { corsFor } from './cors.ts';
import { devRoutes, staticFiles, webConfigRoute, type WebOidc } from './web.ts';
import { requestTelemetry } from '../shared/request-telemetry.ts';
import { apolloLogger } from '../shared/logger.ts';

// No phone-home (docs/DESIGN.md decision 8): read by @apollo/gateway when it loads.
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
  devIssuer?: { key: KeyObject; kid: string };
  /** what one document may ask; DEFAULT_LIMITS when not given */
  limits?: QueryLimits;
  /** the disclosure log; every response with personal data waits for its entries' commit */
  audit: AuditWriter;
  /** subgraphs executed inside the gateway process, by name (the disclosure log's views) */
  localSubgraphs?: Record<string, GraphQLDataSource<GatewayContext>>;
  /**
   * the /graphql of subgraphs served by this same process (`tym start`), by name: called without the
   * loopback HTTP, with the same ticket, which they verify and claim as over HTTP
   */
  subgraphsInProcess?: Record<string, InProcessGraphQL>;
  /** /health/live and /health/ready (shared/health.ts): the log database and the subgraphs */
  healthRoutes?: Record<string, Route>;
  /** origins allowed to use the API from a browser (TYM_CORS_ORIGINS); none by default */
  corsOrigins?: readonly string[];
  /** roles that may send documents other than the app's trusted ones in production (TYM_ANY_DOCUMENT_ROLES) */
  anyDocumentRoles?: readonly string[];
  /** the OpenID Connect provider the web app signs users in with (TYM_OIDC_ISSUER, TYM_OIDC_CLIENT_ID) */
  oidc?: WebOidc;
}

export interface RunningGateway extends HttpService {
  categories: CategoryMap;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const categories = readCategoryMap(opts.supergraphSdl);
  const jointUrl = opts.subgraphUrls.joint;
  if (!jointUrl) throw new Error('the joint subgraph URL is required');

  // One plugin per concern, each keeping its own per-request state (gateway/plugins/).
  const apollo = new ApolloServer<GatewayContext>({
    // The process stops on signals by itself (cli/tym.ts): Apollo's own handler would stop this server
    // and send the signal again, which the command reads as a second signal.
    stopOnTerminationSignals: false,
    logger: apolloLogger('gateway'),
    gateway: ticketedGateway(opts, categories),
    introspection: !opts.production,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …" names schema elements: never, in any mode (docs/DESIGN.md).
    hideSchemaDetailsFromClientErrors: true,
    ...queryLimits(opts.limits ?? DEFAULT_LIMITS),
    formatError: maskError,
    plugins: [
      // Never cacheable (shared/http.ts answers no-store): no cache policy to work out.
      ApolloServerPluginCacheControlDisabled(),
      errorIdentification(),
      singleOperation(),
      trustedDocumentsOnly({ enforce: opts.production, anyDocumentRoles: opts.anyDocumentRoles ?? [] }),
      purposeRequirement(),
      lookupRecording(),
      disclosureLog(opts.audit),
      basisExtension(categories),
      requestTelemetry(),
    ],
  });
  await apollo.start();

  const routes: Record<string, Route> = {
    ...opts.healthRoutes,
    // Kept as it was for existing probes; /health/ready also checks the log database.
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
      sendJson(res, ok ? 200 : 503, {
        status: ok ? 'ok' : 'degraded',
        gateway: 'ok',
        subgraphs: Object.fromEntries(checks),
      });
    },
  };
  const dev = !!opts.devIssuer && !opts.production;
  Object.assign(routes, webConfigRoute(dev, opts.oidc));
  if (opts.devIssuer && !opts.production) {
    Object.assign(routes, devRoutes());
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
    service: 'gateway',
    host: opts.host,
    port: opts.port,
    routes,
    intercept: corsFor(opts.corsOrigins ?? []),
    fallback: staticFiles(undefined, opts.oidc),
    context: gatewayContext({ ...opts, jointUrl }),
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
