// `tym serve NAME`: one service alone, as an organisation deploys it; configuration from env (shared/config.ts).
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import type { CryptoKey } from 'jose';
import {
  AUDIT_PORT_OFFSET,
  defaultPort,
  readConfig,
  SUBGRAPHS,
  type Config,
  type ServiceName,
  type SubgraphName,
} from '../shared/config.ts';
import { openDatabase, locate, type Location } from '../shared/db.ts';
import { devKeyPair, importKey, loadKeyPair, readJwk, DEV_MARK } from '../shared/keys.ts';
import { necessityMatrixFile } from '../shared/config-files.ts';
import { loadPolicy } from '../shared/policy-config.ts';
import { recordReleases } from '../shared/releases.ts';
import { DbTicketUses } from '../shared/ticket-uses.ts';
import { serveSubgraph } from '../shared/subgraph.ts';
import { databaseCheck, healthRoutes } from '../shared/health.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { Authenticator, DEV_ISSUER, type IssuerConfig } from '../gateway/auth.ts';
import { readSupergraph } from '../gateway/compose.ts';
import { startGatewayService } from '../gateway/index.ts';
import type { HttpService } from '../shared/http.ts';
import type { OwnedDatabases } from './operator.ts';

const refuseDevKey = (production: boolean, dev: boolean, what: string) => {
  if (production && dev) throw new Error(`refusing to start: NODE_ENV=production with a development key (${what})`);
};

/** One running service and the databases it owns (the operator commands reach them through it). */
export type ServedOne = HttpService & { databases: OwnedDatabases };

export async function serveOne(name: ServiceName, config: Config = readConfig()): Promise<ServedOne> {
  const port = config.servicePort ?? defaultPort(name, config.gatewayPort);
  const policy = loadPolicy(necessityMatrixFile(config));
  const keyFiles = config.ticketKeyFiles;
  if (config.production && !keyFiles.publicKey) throw new Error('TYM_TICKET_PUBLIC_KEY is required in production');

  if (name !== 'gateway') {
    const service = SUBGRAPH_SERVICES[name as SubgraphName];
    const location: Location = config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : locate(`${config.dbPrefix}_${name}`, { pgUrl: config.pgUrl, dataDir: config.dataDir });
    const database = await openDatabase({
      location,
      schema: service.schema,
      migrationsFolder: service.migrationsFolder,
      settings: config.database,
    });
    let ticketKey: CryptoKey;
    if (keyFiles.publicKey) {
      const jwk = readJwk(keyFiles.publicKey);
      refuseDevKey(config.production, Boolean(jwk[DEV_MARK]), 'TYM_TICKET_PUBLIC_KEY');
      ticketKey = await importKey(jwk);
    } else {
      ticketKey = (await devKeyPair(config.dataDir, 'ticket')).publicKey;
    }
    const running = await serveSubgraph(service.definition(database.db as never), {
      host: config.host,
      port,
      policy,
      ticketKeys: [ticketKey],
      ticketMaxLifetimeSeconds: config.ticketMaxLifetimeSeconds,
      routes: {
        ...healthRoutes(name, { database: databaseCheck(database) }),
        ...service.routes?.(database.db as never, [ticketKey], config.ticketMaxLifetimeSeconds),
      },
      ticketUses: new DbTicketUses(database.db as never),
      onRelease: (ctx) => recordReleases(database.db as never, ctx),
    });
    console.log(`${name} subgraph on ${running.url} (${database.kind})`);
    return {
      ...running,
      databases: { [name]: database },
      close: async () => {
        await running.close();
        await database.close();
      },
    };
  }

  const ticket =
    keyFiles.privateKey && keyFiles.publicKey
      ? await loadKeyPair(keyFiles.privateKey, keyFiles.publicKey)
      : await devKeyPair(config.dataDir, 'ticket');
  refuseDevKey(config.production, ticket.dev, 'ticket signing key');
  const authenticator = new Authenticator(config.tokens);
  if (config.issuersFile) {
    for (const issuer of JSON.parse(readFileSync(config.issuersFile, 'utf8')) as IssuerConfig[])
      authenticator.addConfiguredIssuer(issuer);
  }
  let devIssuer: { key: CryptoKey; kid: string } | undefined;
  if (!config.production) {
    const issuer = await devKeyPair(config.dataDir, 'issuer');
    authenticator.addIssuer(DEV_ISSUER, issuer.publicKey);
    devIssuer = { key: issuer.privateKey, kid: issuer.kid };
  }
  if (authenticator.issuerNames.length === 0) throw new Error('no token issuer configured (TYM_ISSUERS)');
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((n) => [
      n,
      config.subgraphUrls[n] ?? `http://127.0.0.1:${defaultPort(n, config.gatewayPort)}/graphql`,
    ]),
  );
  const gateway = await startGatewayService({
    // The disclosure log: DATABASE_URL when given, else the tym_audit database of TYM_PG_URL or PGlite.
    auditLocation: config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : locate(`${config.dbPrefix}_audit`, { pgUrl: config.pgUrl, dataDir: config.dataDir }),
    auditPort: config.auditPort ?? (port === 0 ? 0 : port + AUDIT_PORT_OFFSET),
    database: config.database,
    ticketPublicKeys: [ticket.publicKey],
    alerts: config.alerts,
    limits: config.limits,
    supergraphSdl: readSupergraph(),
    subgraphUrls,
    policy,
    ticketSigner: { key: ticket.privateKey, kid: ticket.kid },
    authenticator,
    host: config.host,
    port,
    production: config.production,
    devIssuer,
  });
  console.log(
    `gateway on ${gateway.url}; issuers: ${authenticator.issuerNames.join(', ')}; ` +
      `subgraphs: ${JSON.stringify(subgraphUrls)}`,
  );
  return { ...gateway, databases: { audit: gateway.audit.db as never } };
}
