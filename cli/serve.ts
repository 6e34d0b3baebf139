// `tym serve NAME`: one service alone, as an organisation deploys it; configuration from env.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import type { CryptoKey } from 'jose';
import { defaultPort, readConfig, SUBGRAPHS, type ServiceName } from '../shared/config.ts';
import { locate, type Location } from '../shared/db.ts';
import { devKeyPair, importKey, loadKeyPair, readJwk, DEV_MARK } from '../shared/keys.ts';
import { loadPolicy, DEFAULT_MATRIX_PATH } from '../shared/policy-config.ts';
import { Authenticator, DEV_ISSUER, type IssuerConfig } from '../gateway/auth.ts';
import type { HttpService } from '../shared/http.ts';
import type { OwnedDatabases } from './operator.ts';
import { startService } from './services.ts';

const refuseDevKey = (production: boolean, dev: boolean, what: string) => {
  if (production && dev) throw new Error(`refusing to start: NODE_ENV=production with a development key (${what})`);
};

/** One running service and the databases it owns (the operator commands reach them through it). */
export type ServedOne = HttpService & { databases: OwnedDatabases };

export async function serveOne(name: ServiceName, env: NodeJS.ProcessEnv = process.env): Promise<ServedOne> {
  const config = readConfig(env);
  const port = env.PORT ? Number(env.PORT) : defaultPort(name, config.gatewayPort);
  const policy = loadPolicy(env.TYM_NECESSITY_MATRIX ?? DEFAULT_MATRIX_PATH);
  if (config.production && !env.TYM_TICKET_PUBLIC_KEY)
    throw new Error('TYM_TICKET_PUBLIC_KEY is required in production');
  // This service's own database: DATABASE_URL when given, else its database of TYM_PG_URL or PGlite.
  const location: Location = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : locate(`${config.dbPrefix}_${name === 'gateway' ? 'audit' : name}`, {
        pgUrl: config.pgUrl,
        dataDir: config.dataDir,
      });

  if (name !== 'gateway') {
    let ticketKey: CryptoKey;
    if (env.TYM_TICKET_PUBLIC_KEY) {
      const jwk = readJwk(env.TYM_TICKET_PUBLIC_KEY);
      refuseDevKey(config.production, Boolean(jwk[DEV_MARK]), 'TYM_TICKET_PUBLIC_KEY');
      ticketKey = await importKey(jwk);
    } else {
      ticketKey = (await devKeyPair(config.dataDir, 'ticket')).publicKey;
    }
    const running = await startService(name, { host: config.host, port, policy, location, ticketKeys: [ticketKey] });
    console.log(`${name} subgraph on ${running.url} (${running.service.database.kind})`);
    return { ...running, databases: { [name]: running.service } };
  }

  const ticket =
    env.TYM_TICKET_PRIVATE_KEY && env.TYM_TICKET_PUBLIC_KEY
      ? await loadKeyPair(env.TYM_TICKET_PRIVATE_KEY, env.TYM_TICKET_PUBLIC_KEY)
      : await devKeyPair(config.dataDir, 'ticket');
  refuseDevKey(config.production, ticket.dev, 'ticket signing key');
  const authenticator = new Authenticator(config.tokens);
  if (env.TYM_ISSUERS) {
    for (const issuer of JSON.parse(readFileSync(env.TYM_ISSUERS, 'utf8')) as IssuerConfig[])
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
      env[`TYM_${n.toUpperCase()}_URL`] ?? `http://127.0.0.1:${defaultPort(n, config.gatewayPort)}/graphql`,
    ]),
  );
  const gateway = await startService('gateway', {
    location,
    alerts: config.alerts,
    limits: config.limits,
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
  return { ...gateway, databases: { audit: gateway.audit.db } };
}
