// The embedded default: the four subgraphs and the gateway in one process, each subgraph on its
// own database (docs/CONTRACT.md section 1). Tests start it on ephemeral ports.
import 'reflect-metadata';
import { join } from 'node:path';
import { openDatabase, locate, withOneInitdb, type Database } from '../shared/db.ts';
import { defaultPort, SUBGRAPHS, type DatabaseSettings, type SubgraphName } from '../shared/config.ts';
import { devKeyPair, generateEd25519, importKey, type KeyPair } from '../shared/keys.ts';
import { loadPolicy, type Policy } from '../shared/policy-config.ts';
import { serveSubgraph, type RunningSubgraph } from '../shared/subgraph.ts';
import { databaseCheck, healthRoutes } from '../shared/health.ts';
import { recordReleases } from '../shared/releases.ts';
import { DbTicketUses } from '../shared/ticket-uses.ts';
import { buildWorld } from '../seed/world.ts';
import type { WorldPerson } from '../seed/types.ts';
import { finnishDate } from '../shared/policy.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { Authenticator, DEV_ISSUER, issueDevToken, type TokenPolicy, type TokenRequest } from '../gateway/auth.ts';
import type { QueryLimits } from '../gateway/limits.ts';
import { readSupergraph } from '../gateway/compose.ts';
import { startGatewayService, type GatewayService } from '../gateway/index.ts';
import { AUDIT_PORT_OFFSET } from '../shared/config.ts';
import type { AlertPolicy } from '../gateway/audit/writer.ts';
import { customerships } from '../subgraphs/joint/db/schema.ts';
import { count, sql } from 'drizzle-orm';

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
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  databases: Record<SubgraphName, Database<Record<string, unknown>>>;
  keys: { ticket: KeyPair; issuer: KeyPair };
  seeded: boolean;
  token(req: TokenRequest): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_WORLD = { clients: 500, seed: 1 };

async function ephemeralKeyPair(name: string): Promise<KeyPair> {
  const { privateJwk, publicJwk } = await generateEd25519(`dev-${name}-ephemeral`, true);
  return {
    privateKey: await importKey(privateJwk),
    publicKey: await importKey(publicJwk),
    publicJwk,
    kid: String(publicJwk.kid),
    dev: true,
  };
}

export async function openSubgraphDatabases(
  opts: Pick<SystemOptions, 'dataDir' | 'pgUrl' | 'dbPrefix'> & { settings?: Partial<DatabaseSettings> },
) {
  const prefix = opts.dbPrefix ?? 'tym';
  const entries = await Promise.all(
    SUBGRAPHS.map(async (name) => {
      const service = SUBGRAPH_SERVICES[name];
      const location = locate(`${prefix}_${name}`, { pgUrl: opts.pgUrl, dataDir: opts.dataDir });
      return [
        name,
        await openDatabase({
          location,
          schema: service.schema,
          migrationsFolder: service.migrationsFolder,
          settings: opts.settings,
        }),
      ] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as Record<SubgraphName, Database<Record<string, unknown>>>;
}

/** Seeds the databases given (all four, or those one process owns). */
export async function seedDatabases(
  databases: Partial<Record<SubgraphName, Database<Record<string, unknown>>>>,
  world: WorldPerson[],
  phases: Record<string, number> = {},
): Promise<void> {
  for (const name of SUBGRAPHS) {
    const database = databases[name];
    if (!database) continue;
    let started = performance.now();
    await database.maintenance(async (db) => {
      await SUBGRAPH_SERVICES[name].seed(db as never, world);
      phases[`seed ${name}`] = performance.now() - started;
      started = performance.now();
      // A bulk load leaves the old versions of rows it wrote twice, and PGlite has no autovacuum:
      // compacted, with statistics for the planner and a visibility map for index-only scans.
      await db.execute(sql`vacuum (full, analyze)`);
      phases[`compact ${name}`] = performance.now() - started;
    });
  }
}

export async function startSystem(opts: SystemOptions): Promise<System> {
  // On a first start, the five fresh PGlite directories share one initdb (shared/db.ts).
  return opts.dataDir && !opts.pgUrl ? withOneInitdb(join(opts.dataDir, 'db'), () => start(opts)) : start(opts);
}

async function start(opts: SystemOptions): Promise<System> {
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
  const databases = await openSubgraphDatabases({ ...opts, settings: opts.database });
  phase('open subgraph databases (PGlite start + migrations)');
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
      await seedDatabases(databases, world, phases);
      mark = performance.now();
      seeded = true;
    }
  }

  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  for (const name of SUBGRAPHS) {
    const service = SUBGRAPH_SERVICES[name];
    const { db } = databases[name];
    subgraphs[name] = await serveSubgraph(service.definition(db as never), {
      host,
      port: defaultPort(name, gatewayPort),
      policy,
      ticketKeys: [keys.ticket.publicKey],
      ticketMaxLifetimeSeconds: opts.ticketMaxLifetimeSeconds,
      routes: {
        ...healthRoutes(name, { database: databaseCheck(databases[name]) }),
        ...service.routes?.(db as never, [keys.ticket.publicKey], opts.ticketMaxLifetimeSeconds),
      },
      ticketUses: new DbTicketUses(db as never),
      onRelease: (ctx) => recordReleases(db as never, ctx),
    });
  }

  phase('subgraph schemas + servers');
  const authenticator = new Authenticator(opts.tokens);
  authenticator.addIssuer(DEV_ISSUER, keys.issuer.publicKey);
  const gateway = await startGatewayService({
    auditLocation: locate(`${opts.dbPrefix ?? 'tym'}_audit`, { pgUrl: opts.pgUrl, dataDir: opts.dataDir }),
    auditPort: gatewayPort === 0 ? 0 : gatewayPort + AUDIT_PORT_OFFSET,
    database: opts.database,
    ticketPublicKeys: [keys.ticket.publicKey],
    alerts: opts.alerts,
    limits: opts.limits,
    supergraphSdl: readSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url])),
    policy,
    ticketSigner: { key: keys.ticket.privateKey, kid: keys.ticket.kid },
    authenticator,
    host,
    port: gatewayPort,
    production,
    devIssuer: production ? undefined : { key: keys.issuer.privateKey, kid: keys.issuer.kid },
  });

  phase('log database + gateway (composition, planner)');
  return {
    url: gateway.url,
    gateway,
    subgraphs,
    databases,
    keys,
    seeded,
    token: (req) => issueDevToken(keys.issuer.privateKey, keys.issuer.kid, req),
    async close() {
      await gateway.close();
      for (const s of Object.values(subgraphs)) await s.close();
      for (const d of Object.values(databases)) await d.close();
    },
  };
}
