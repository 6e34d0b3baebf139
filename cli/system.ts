// The embedded default: the four subgraphs and the gateway in one process, each subgraph on its
// own database (docs/CONTRACT.md section 1). Tests start it on ephemeral ports.
import 'reflect-metadata';
import { count, sql } from 'drizzle-orm';
import { locate, type Database } from '../shared/db.ts';
import { defaultPort, SUBGRAPHS, type DatabaseSettings, type SubgraphName } from '../shared/config.ts';
import { devKeyPair, generateEd25519, keyPairOf, verifyKeyOf, type KeyPair } from '../shared/keys.ts';
import { loadPolicy, type Policy } from '../shared/policy-config.ts';
import { buildWorld } from '../seed/world.ts';
import type { WorldPerson } from '../seed/types.ts';
import { finnishDate } from '../shared/policy.ts';
import type { OpenSubgraph } from '../shared/service.ts';
import { customerships } from '../subgraphs/joint/db/schema.ts';
import {
  Authenticator,
  DEV_ISSUER,
  issueDevToken,
  type IssuerConfig,
  type TokenPolicy,
  type TokenRequest,
} from '../gateway/auth.ts';
import type { QueryLimits } from '../gateway/limits.ts';
import type { WebOidc } from '../gateway/web.ts';
import type { GatewayService } from '../gateway/index.ts';
import type { AlertPolicy } from '../gateway/audit/writer.ts';
import { startService, type StartedSubgraph, type SubgraphConfig } from './services.ts';
import { loggerFor } from '../shared/logger.ts';
import { describeError } from '../shared/safe-errors.ts';

const startLog = loggerFor('start');

export interface SystemOptions {
  /** PGlite data directory; null keeps every database in memory */
  dataDir: string | null;
  /** a PostgreSQL server: the databases `${dbPrefix}_<service>` on it replace PGlite */
  pgUrl?: string;
  dbPrefix?: string;
  host?: string;
  /** 0: every service on an ephemeral port */
  gatewayPort?: number;
  production?: boolean;
  /** 'if-empty': seed the default world on first start */
  seed?: { clients: number; seed: number; today?: string } | 'if-empty' | false;
  /** the world 'if-empty' seeds (default DEFAULT_WORLD; TYM_SEED_CLIENTS) */
  firstStartWorld?: { clients: number; seed: number };
  policy?: Policy;
  /** thresholds for unusual-search alerts */
  alerts?: AlertPolicy;
  /** query limits and token lifetimes (shared/config.ts readConfig); defaults when not given */
  limits?: QueryLimits;
  tokens?: TokenPolicy;
  /** origins allowed to use the API from a browser (TYM_CORS_ORIGINS) */
  corsOrigins?: readonly string[];
  /** roles that may send any document in production (TYM_ANY_DOCUMENT_ROLES) */
  anyDocumentRoles?: readonly string[];
  /** the web app's OpenID Connect sign-in (TYM_OIDC_*) */
  oidc?: WebOidc;
  /** token issuers besides the dev issuer (TYM_ISSUERS; gateway/issuers.ts) */
  issuers?: IssuerConfig[];
  /** the process's TYM_DB_* settings (shared/config.ts); defaults when not given */
  database?: DatabaseSettings;
  /** the subgraphs' cap on a ticket's lifetime (TYM_TICKET_MAX_LIFETIME_SECONDS); default 30 s */
  ticketMaxLifetimeSeconds?: number;
  /** filled with the milliseconds each start-up phase took (bench/cold-start.ts prints them) */
  phases?: Record<string, number>;
}

export interface System {
  url: string;
  gateway: GatewayService;
  subgraphs: Record<SubgraphName, StartedSubgraph>;
  services: Record<SubgraphName, OpenSubgraph>;
  databases: Record<SubgraphName, Database<Record<string, unknown>>>;
  keys: { ticket: KeyPair; issuer: KeyPair };
  seeded: boolean;
  /** settles when the databases seeded at this start are compacted (after the start) */
  compacted: Promise<void>;
  token(req: TokenRequest): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_WORLD = { clients: 500, seed: 1 };

/** One value per subgraph, in the contract's order. */
function mapSubgraphs<T>(value: (name: SubgraphName) => T): Record<SubgraphName, T> {
  return { joint: value('joint'), employment: value('employment'), wellbeing: value('wellbeing'), kela: value('kela') };
}

async function ephemeralKeyPair(name: string): Promise<KeyPair> {
  return keyPairOf((await generateEd25519(`dev-${name}-ephemeral`, true)).privateJwk);
}

/** Seeds the services given (all four, or those one process owns), each compacted afterwards. */
export async function seedDatabases(
  services: Services,
  world: WorldPerson[],
  phases: Record<string, number> = {},
): Promise<void> {
  await loadDatabases(services, world, phases);
  await compactDatabases(services, phases);
}

type Services = Partial<Record<SubgraphName, OpenSubgraph>>;

/** `work` on each service given, one after the other, each timed into `phases` as `<label> <service>`. */
async function inTurn(
  services: Services,
  phases: Record<string, number>,
  label: string,
  work: (service: OpenSubgraph) => Promise<unknown>,
): Promise<void> {
  for (const name of SUBGRAPHS) {
    const service = services[name];
    if (!service) continue;
    const started = performance.now();
    await work(service);
    phases[`${label} ${name}`] = performance.now() - started;
  }
}

const loadDatabases = (services: Services, world: WorldPerson[], phases: Record<string, number>) =>
  inTurn(services, phases, 'seed', (service) => service.seed(world));

/**
 * PGlite has no autovacuum: statistics for the planner and a visibility map for index-only scans, and
 * the space of the rows a reseed deleted made reusable. Not FULL: rewriting every table and index cost
 * a first start seconds and gained nothing on freshly loaded tables.
 */
const compactDatabases = (services: Services, phases: Record<string, number>) =>
  inTurn(services, phases, 'compact', (service) =>
    service.database.maintenance((db) => db.execute(sql`vacuum (analyze)`)),
  );

/** Starts the four subgraphs side by side; if one fails, those started are stopped again. */
async function startSubgraphs(
  configOf: (name: SubgraphName) => SubgraphConfig,
): Promise<Record<SubgraphName, StartedSubgraph>> {
  const starting = mapSubgraphs((name) => startService(name, configOf(name)));
  const results = await Promise.allSettled(Object.values(starting));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    for (const r of results) if (r.status === 'fulfilled') await r.value.close();
    throw failed.reason;
  }
  const [joint, employment, wellbeing, kela] = await Promise.all([
    starting.joint,
    starting.employment,
    starting.wellbeing,
    starting.kela,
  ]);
  return { joint, employment, wellbeing, kela };
}

export async function startSystem(opts: SystemOptions): Promise<System> {
  const host = opts.host ?? '127.0.0.1';
  const gatewayPort = opts.gatewayPort ?? 4000;
  const production = opts.production ?? false;
  const policy = opts.policy ?? loadPolicy();
  const keys = opts.dataDir
    ? { ticket: await devKeyPair(opts.dataDir, 'ticket'), issuer: await devKeyPair(opts.dataDir, 'issuer') }
    : { ticket: await ephemeralKeyPair('ticket'), issuer: await ephemeralKeyPair('issuer') };
  if (production && (keys.ticket.dev || keys.issuer.dev))
    throw new Error('refusing to start: NODE_ENV=production with development keys');

  const phases = opts.phases ?? {};
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + (now - mark);
    mark = now;
  };
  phase('keys');
  const prefix = opts.dbPrefix ?? 'tym';
  const locationOf = (name: SubgraphName | 'audit') =>
    locate(`${prefix}_${name}`, { pgUrl: opts.pgUrl, dataDir: opts.dataDir });
  const subgraphs = await startSubgraphs((name) => ({
    host,
    port: defaultPort(name, gatewayPort),
    policy,
    location: locationOf(name),
    settings: opts.database,
    ticketKeys: [verifyKeyOf(keys.ticket)],
    ticketMaxLifetimeSeconds: opts.ticketMaxLifetimeSeconds,
  }));
  const services = mapSubgraphs((name) => subgraphs[name].service);
  const databases = mapSubgraphs((name) => services[name].database);
  phase('subgraphs (PGlite start + migrations, schemas, servers)');
  let seeded = false;
  if (opts.seed) {
    const empty =
      opts.seed === 'if-empty'
        ? ((await databases.joint.db.select({ n: count() }).from(customerships))[0]?.n ?? 0) === 0
        : true;
    if (empty) {
      const world = buildWorld(
        opts.seed === 'if-empty'
          ? { ...(opts.firstStartWorld ?? DEFAULT_WORLD), today: finnishDate() }
          : { ...opts.seed, today: opts.seed.today ?? finnishDate() },
      );
      phase('build the demo world');
      await loadDatabases(services, world, phases);
      mark = performance.now();
      seeded = true;
    }
  }

  const authenticator = new Authenticator(opts.tokens);
  authenticator.addIssuer(DEV_ISSUER, keys.issuer.publicKey);
  for (const issuer of opts.issuers ?? []) authenticator.addConfiguredIssuer(issuer);
  const gateway = await startService('gateway', {
    location: locationOf('audit'),
    settings: opts.database,
    alerts: opts.alerts,
    limits: opts.limits,
    corsOrigins: opts.corsOrigins,
    anyDocumentRoles: opts.anyDocumentRoles,
    oidc: opts.oidc,
    subgraphUrls: mapSubgraphs((name) => subgraphs[name].url),
    subgraphsInProcess: mapSubgraphs((name) => subgraphs[name].inProcess),
    policy,
    ticketSigner: { key: keys.ticket.privateKey, kid: keys.ticket.kid },
    authenticator,
    host,
    port: gatewayPort,
    production,
    devIssuer: production ? undefined : { key: keys.issuer.privateKey, kid: keys.issuer.kid },
  });

  phase('log database + gateway (composition, planner)');
  // A first start compacts what it seeded after it is up: the data answers correctly before, only the
  // planner's statistics are missing for a moment, and the start is ready half a second earlier.
  const compacted = seeded
    ? compactDatabases(services, phases).catch((e) => startLog.warn({ err: describeError(e) }, 'compacting failed'))
    : Promise.resolve();
  return {
    url: gateway.url,
    gateway,
    subgraphs,
    services,
    databases,
    keys,
    seeded,
    compacted,
    token: (req) => issueDevToken(keys.issuer.privateKey, keys.issuer.kid, req),
    async close() {
      await compacted;
      await gateway.close();
      for (const s of Object.values(subgraphs)) await s.close();
    },
  };
}
