// One way to start a service, whether `tym start` runs all five in one process (cli/system.ts) or
// `tym serve` runs one alone (cli/serve.ts): open its database, then serve it. The callers differ only
// in where the configuration comes from.
import 'reflect-metadata';
import type { DatabaseSettings, SubgraphName } from '../shared/config.ts';
import type { Location } from '../shared/db.ts';
import type { VerifyKey } from '../shared/keys.ts';
import { databaseCheck, healthRoutes } from '../shared/health.ts';
import type { Policy } from '../shared/policy-config.ts';
import type { OpenSubgraph } from '../shared/service.ts';
import { serveSubgraph, type RunningSubgraph } from '../shared/subgraph.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import type { AlertPolicy } from '../gateway/audit/writer.ts';
import { startGatewayService, type GatewayService } from '../gateway/index.ts';
import type { GatewayOptions } from '../gateway/server.ts';
import { readSupergraph } from '../gateway/supergraph.ts';

interface CommonConfig {
  host: string;
  port: number;
  policy: Policy;
  /** this service's own database; the gateway's holds the disclosure log */
  location: Location;
  settings?: Partial<DatabaseSettings>;
}

export interface SubgraphConfig extends CommonConfig {
  /** the gateway's ticket verification keys */
  ticketKeys: readonly VerifyKey[];
  /** the cap on a ticket's lifetime (TYM_TICKET_MAX_LIFETIME_SECONDS); default 30 s */
  ticketMaxLifetimeSeconds?: number;
}

export type GatewayConfig = CommonConfig &
  Pick<
    GatewayOptions,
    | 'subgraphUrls'
    | 'subgraphsInProcess'
    | 'ticketSigner'
    | 'authenticator'
    | 'production'
    | 'devIssuer'
    | 'limits'
    | 'corsOrigins'
    | 'anyDocumentRoles'
    | 'oidc'
  > & {
    alerts?: AlertPolicy;
  };

/** A subgraph served, with its open database and what is bound to it (seeding, operator commands). */
export interface StartedSubgraph extends RunningSubgraph {
  service: OpenSubgraph;
}

export function startService(name: 'gateway', config: GatewayConfig): Promise<GatewayService>;
export function startService(name: SubgraphName, config: SubgraphConfig): Promise<StartedSubgraph>;
export async function startService(
  name: SubgraphName | 'gateway',
  config: SubgraphConfig | GatewayConfig,
): Promise<GatewayService | StartedSubgraph> {
  if (name === 'gateway') {
    if (!('ticketSigner' in config)) throw new Error('the gateway needs its ticket signer and issuers');
    const { location, settings, ...gateway } = config;
    return startGatewayService({
      ...gateway,
      auditLocation: location,
      auditSettings: settings,
      supergraphSdl: readSupergraph(),
    });
  }
  if (!('ticketKeys' in config)) throw new Error(`the ${name} subgraph needs the ticket verification keys`);
  return startSubgraph(name, config);
}

async function startSubgraph(name: SubgraphName, config: SubgraphConfig): Promise<StartedSubgraph> {
  const { definition, open } = SUBGRAPH_SERVICES[name];
  const service = await open(config.location, config.settings);
  try {
    const running = await serveSubgraph(definition, {
      host: config.host,
      port: config.port,
      policy: config.policy,
      ticketKeys: config.ticketKeys,
      ticketMaxLifetimeSeconds: config.ticketMaxLifetimeSeconds,
      requestScope: () => service.requestScope(),
      ticketUses: service.ticketUses,
      onRelease: (ctx) => service.onRelease(ctx),
      claimWithRelease: (ctx) => service.claimWithRelease(ctx),
      routes: {
        ...healthRoutes(name, { database: databaseCheck(service.database) }),
        ...service.routes(config.ticketKeys, config.ticketMaxLifetimeSeconds),
      },
    });
    return {
      ...running,
      service,
      close: async () => {
        await running.close();
        await service.close();
      },
    };
  } catch (e) {
    await service.close();
    throw e;
  }
}
