// `tym serve NAME`: one service alone, as an organisation deploys it; configuration from env.
import 'reflect-metadata';
import type { KeyObject } from 'node:crypto';
import { defaultPort, readConfig, SUBGRAPHS, type Config, type ServiceName } from '../shared/config.ts';
import { necessityMatrixFile } from '../shared/config-files.ts';
import { locate, type Location } from '../shared/db.ts';
import { devKeyPair, gatewayTicketKeys, subgraphTicketKeys } from '../shared/keys.ts';
import { loadPolicy } from '../shared/policy-config.ts';
import { Authenticator, DEV_ISSUER } from '../gateway/auth.ts';
import { loadIssuers } from '../gateway/issuers.ts';
import type { HttpService } from '../shared/http.ts';
import type { OwnedDatabases } from './operator.ts';
import { startService } from './services.ts';

/** One running service and the databases it owns (the operator commands reach them through it). */
export type ServedOne = HttpService & { databases: OwnedDatabases };

export async function serveOne(name: ServiceName, config: Config = readConfig()): Promise<ServedOne> {
  const port = config.servicePort ?? defaultPort(name, config.gatewayPort);
  const policy = loadPolicy(necessityMatrixFile(config));
  // This service's own database: DATABASE_URL(_FILE) when given, else its database of TYM_PG_URL or PGlite.
  const location: Location = config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : locate(`${config.dbPrefix}_${name === 'gateway' ? 'audit' : name}`, {
        pgUrl: config.pgUrl,
        dataDir: config.dataDir,
      });
  const common = { host: config.host, port, policy, location, settings: config.database };

  if (name !== 'gateway') {
    const ticketKeys = await subgraphTicketKeys(config.ticketKeys, config);
    const running = await startService(name, {
      ...common,
      ticketKeys,
      ticketMaxLifetimeSeconds: config.ticketMaxLifetimeSeconds,
    });
    // The command's banner, as `tym start` prints one (standard output, whatever the log level).
    // Key ids are not secret: they tell an operator which keys a rotation has reached.
    console.log(
      `${name} subgraph on ${running.url} (${running.service.database.kind}); ` +
        `ticket keys: ${ticketKeys.map((k) => k.kid).join(', ')}`,
    );
    return { ...running, databases: { [name]: running.service } };
  }

  const ticket = await gatewayTicketKeys(config.ticketKeys, config);
  const authenticator = new Authenticator(config.tokens);
  for (const issuer of config.issuersFile ? loadIssuers(config.issuersFile) : [])
    authenticator.addConfiguredIssuer(issuer);
  let devIssuer: { key: KeyObject; kid: string } | undefined;
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
  const gateway = await startService('gateway', {
    ...common,
    alerts: config.alerts,
    limits: config.limits,
    corsOrigins: config.corsOrigins,
    anyDocumentRoles: config.anyDocumentRoles,
    oidc: config.oidc,
    subgraphUrls,
    ticketSigner: { key: ticket.signer.privateKey, kid: ticket.signer.kid },
    authenticator,
    production: config.production,
    devIssuer,
  });
  console.log(
    `gateway on ${gateway.url}; issuers: ${authenticator.issuerNames.join(', ')}; ` +
      `signing tickets with key ${ticket.signer.kid}; subgraphs: ${JSON.stringify(subgraphUrls)}`,
  );
  void authenticator.discoverIssuers();
  return { ...gateway, databases: { audit: gateway.audit.db } };
}
