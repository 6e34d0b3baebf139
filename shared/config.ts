// Configuration from the environment (docs/CONTRACT.md section 1). One place reads process.env.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TOKEN_POLICY, type TokenPolicy } from '../gateway/auth.ts';
import { parseCorsOrigins } from '../gateway/cors.ts';
import { DEFAULT_LIMITS, type QueryLimits } from '../gateway/limits.ts';
import { ALL_ROLES } from './vocabulary.ts';
import type { TicketKeyFiles } from './keys.ts';
import { LOG_LEVELS } from './logger.ts';

export const SERVICES = ['gateway', 'joint', 'employment', 'wellbeing', 'kela'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const SUBGRAPHS = ['joint', 'employment', 'wellbeing', 'kela'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface Config {
  production: boolean;
  dataDir: string;
  /** A PostgreSQL server URL: the tym_* databases on it are used instead of PGlite. */
  pgUrl: string | undefined;
  /** `tym serve`: this service's own database (DATABASE_URL or DATABASE_URL_FILE), else from pgUrl/dataDir */
  databaseUrl: string | undefined;
  gatewayPort: number;
  host: string;
  /** TYM_CORS_ORIGINS: origins whose browser pages may use the gateway's API (none by default) */
  corsOrigins: string[];
  /** TYM_ANY_DOCUMENT_ROLES: roles that may send any GraphQL document in production, not only the app's */
  anyDocumentRoles: string[];
  /** TYM_OIDC_ISSUER, TYM_OIDC_CLIENT_ID, TYM_OIDC_SCOPE: the web app's OpenID Connect sign-in */
  oidc: { issuer: string; clientId: string; scope: string } | undefined;
  /** The longest ticket lifetime (exp - iat) a subgraph accepts, whatever the ticket says. */
  ticketMaxLifetimeSeconds: number;
  /** unusual-search alert thresholds (act 906/2019 §23) */
  alerts: { windowMinutes: number; outsideCaseload: number; invalidHetus: number };
  /** what one GraphQL document may ask (gateway/limits.ts has the defaults and what each counts) */
  limits: QueryLimits;
  /** bearer tokens: longest lifetime and clock tolerance (gateway/auth.ts) */
  tokens: TokenPolicy;
  /** limits on every PostgreSQL pool */
  database: DatabaseSettings;
  /** database names are `${dbPrefix}_<service>` (tests isolate themselves with their own prefix) */
  dbPrefix: string;
  /** the operator endpoint the `tym` commands reach a running system through (loopback by default) */
  operator: { host: string; port: number; token: string | undefined };
  /** how long a stopping process lets requests in flight finish */
  shutdownGraceMs: number;
  /** the local time (Europe/Helsinki) of the daily four-year deletion (docs/LAW.md rule 11); null: off */
  retentionAt: string | null;
  /** how many generated clients `tym start` seeds on first start, besides the fixture persons */
  seedClients: number;
  /** the ticket keys: the gateway's signing key, and the public keys tickets are verified with */
  ticketKeys: TicketKeyFiles;
  /** the gateway's token issuers file (gateway/issuers.ts reads it); none: only the dev issuer */
  issuersFile: string | undefined;
  /** the Prometheus endpoint, a listener of its own; port null: off (the default) */
  metrics: { host: string; port: number | null };
  /** TYM_LOG_LEVEL (read by shared/logger.ts when it loads; validated here with the rest) */
  logLevel: (typeof LOG_LEVELS)[number];
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  }
  return n;
}

/**
 * Limits on every PostgreSQL pool, so that a server that stops answering costs a request a few
 * seconds and an error, never a process stuck on it. PGlite runs in-process and has no timers:
 * a statement timeout does not fire there, so these apply to PostgreSQL only.
 */
export interface DatabaseSettings {
  /** TYM_DB_CONNECT_TIMEOUT_SECONDS: give up opening a connection after this long */
  connectTimeoutSeconds: number;
  /** TYM_DB_STATEMENT_TIMEOUT_MS: the server cancels a statement running longer; 0 turns it off */
  statementTimeoutMs: number;
  /** TYM_DB_IDLE_TIMEOUT_SECONDS: close a pooled connection unused this long */
  idleTimeoutSeconds: number;
  /** TYM_DB_POOL_SIZE: connections per service database */
  poolSize: number;
}

export const DEFAULT_DATABASE_SETTINGS: DatabaseSettings = {
  connectTimeoutSeconds: 10,
  statementTimeoutMs: 10_000,
  idleTimeoutSeconds: 20,
  poolSize: 10,
};

export function readDatabaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const d = DEFAULT_DATABASE_SETTINGS;
  return {
    connectTimeoutSeconds: positiveInt(env, 'TYM_DB_CONNECT_TIMEOUT_SECONDS', d.connectTimeoutSeconds),
    statementTimeoutMs:
      env.TYM_DB_STATEMENT_TIMEOUT_MS === '0'
        ? 0
        : positiveInt(env, 'TYM_DB_STATEMENT_TIMEOUT_MS', d.statementTimeoutMs),
    idleTimeoutSeconds: positiveInt(env, 'TYM_DB_IDLE_TIMEOUT_SECONDS', d.idleTimeoutSeconds),
    poolSize: positiveInt(env, 'TYM_DB_POOL_SIZE', d.poolSize),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const gatewayPort = Number(env.TYM_PORT ?? 4000);
  if (!Number.isInteger(gatewayPort) || gatewayPort < 0 || gatewayPort > 65531) {
    throw new Error(`TYM_PORT must be a port number, got "${env.TYM_PORT}"`);
  }
  const dbPrefix = env.TYM_DB_PREFIX || 'tym';
  if (!/^[a-z_][a-z0-9_]*$/.test(dbPrefix))
    throw new Error(`TYM_DB_PREFIX must be a lower-case SQL name, got "${dbPrefix}"`);
  const operatorPort = Number(env.TYM_OPERATOR_PORT ?? 0);
  if (!Number.isInteger(operatorPort) || operatorPort < 0 || operatorPort > 65535) {
    throw new Error(`TYM_OPERATOR_PORT must be a port number, got "${env.TYM_OPERATOR_PORT}"`);
  }
  const grace = Number(env.TYM_SHUTDOWN_GRACE_SECONDS ?? 10);
  if (!Number.isFinite(grace) || grace < 0)
    throw new Error(`TYM_SHUTDOWN_GRACE_SECONDS must be seconds, got "${env.TYM_SHUTDOWN_GRACE_SECONDS}"`);
  const retentionAt = env.TYM_RETENTION_AT ?? '03:00';
  if (retentionAt !== 'off' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(retentionAt)) {
    throw new Error(`TYM_RETENTION_AT must be a time HH:MM or "off", got "${retentionAt}"`);
  }
  const metricsPort = env.TYM_METRICS_PORT ? Number(env.TYM_METRICS_PORT) : null;
  if (metricsPort !== null && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535))
    throw new Error(`TYM_METRICS_PORT must be a port number, got "${env.TYM_METRICS_PORT}"`);
  const logLevel = env.TYM_LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new Error(`TYM_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const seedClients = Number(env.TYM_SEED_CLIENTS ?? 500);
  if (!Number.isInteger(seedClients) || seedClients < 0)
    throw new Error(`TYM_SEED_CLIENTS must be a whole number, got "${env.TYM_SEED_CLIENTS}"`);
  return {
    seedClients,
    // Loopback unless the operator opens it: the scraper is usually beside the process, or told the address.
    metrics: { host: env.TYM_METRICS_HOST || '127.0.0.1', port: metricsPort },
    logLevel: logLevel as Config['logLevel'],
    dbPrefix,
    operator: {
      host: env.TYM_OPERATOR_HOST || '127.0.0.1',
      port: operatorPort,
      token: env.TYM_OPERATOR_TOKEN || undefined,
    },
    shutdownGraceMs: grace * 1000,
    retentionAt: retentionAt === 'off' ? null : retentionAt,
    production: env.NODE_ENV === 'production',
    dataDir: resolve(env.TYM_DATA_DIR ?? './.data'),
    pgUrl: env.TYM_PG_URL || undefined,
    databaseUrl: databaseUrl(env),
    gatewayPort,
    host: env.TYM_HOST ?? '127.0.0.1',
    corsOrigins: parseCorsOrigins(env.TYM_CORS_ORIGINS),
    anyDocumentRoles: anyDocumentRoles(env.TYM_ANY_DOCUMENT_ROLES),
    oidc: webOidc(env),
    ticketMaxLifetimeSeconds: ticketMaxLifetimeSeconds(env),
    alerts: {
      windowMinutes: positiveInt(env, 'TYM_ALERT_WINDOW_MINUTES', 60),
      outsideCaseload: positiveInt(env, 'TYM_ALERT_OUTSIDE_CASELOAD', 20),
      invalidHetus: positiveInt(env, 'TYM_ALERT_INVALID_HETUS', 10),
    },
    limits: {
      maxDepth: positiveInt(env, 'TYM_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: positiveInt(env, 'TYM_MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 0),
      maxClientLookups: positiveInt(env, 'TYM_MAX_CLIENT_LOOKUPS', DEFAULT_LIMITS.maxClientLookups),
      maxFields: positiveInt(env, 'TYM_MAX_FIELDS', DEFAULT_LIMITS.maxFields),
      maxDirectives: positiveInt(env, 'TYM_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 0),
      maxTokens: positiveInt(env, 'TYM_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
    },
    tokens: {
      maxAgeSeconds: positiveInt(env, 'TYM_TOKEN_MAX_AGE_SECONDS', DEFAULT_TOKEN_POLICY.maxAgeSeconds),
      clockToleranceSeconds: positiveInt(
        env,
        'TYM_CLOCK_TOLERANCE_SECONDS',
        DEFAULT_TOKEN_POLICY.clockToleranceSeconds,
        0,
      ),
    },
    database: readDatabaseSettings(env),
    ticketKeys: {
      privateKey: env.TYM_TICKET_PRIVATE_KEY || undefined,
      // Several files, separated by commas: the old and the new key while one is rotated (docs/recipes.md).
      publicKeys: (env.TYM_TICKET_PUBLIC_KEY ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    },
    issuersFile: env.TYM_ISSUERS || undefined,
  };
}

/**
 * DATABASE_URL, or the first line of the file DATABASE_URL_FILE names. The file is how an orchestrator
 * hands over a mounted secret: a password in the environment shows in process listings and crash reports.
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.DATABASE_URL_FILE) return env.DATABASE_URL || undefined;
  if (env.DATABASE_URL) throw new Error('set DATABASE_URL or DATABASE_URL_FILE, not both');
  let text: string;
  try {
    text = readFileSync(env.DATABASE_URL_FILE, 'utf8');
  } catch {
    // The path only: the reason could quote the file.
    throw new Error(`DATABASE_URL_FILE: cannot read ${env.DATABASE_URL_FILE}`);
  }
  const url = text.split(/\r?\n/)[0]!.trim();
  if (!url) throw new Error(`DATABASE_URL_FILE: ${env.DATABASE_URL_FILE} is empty`);
  return url;
}

/** TYM_TICKET_MAX_LIFETIME_SECONDS, default 30: the gateway's tickets live 30 s. */
export const ticketMaxLifetimeSeconds = (env: NodeJS.ProcessEnv = process.env): number =>
  positiveInt(env, 'TYM_TICKET_MAX_LIFETIME_SECONDS', 30);

/** The contract's port layout: the gateway, then joint, employment, wellbeing, kela. */
export function defaultPort(service: ServiceName, gatewayPort: number): number {
  return gatewayPort === 0 ? 0 : gatewayPort + SERVICES.indexOf(service);
}

export const databaseName = (service: SubgraphName | 'audit'): string => `tym_${service}`;

/** TYM_ANY_DOCUMENT_ROLES: comma-separated role names of shared/vocabulary.ts; an unknown one stops the start. */
function anyDocumentRoles(value: string | undefined): string[] {
  const roles = (value ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of roles) if (!ALL_ROLES.includes(r)) throw new Error(`TYM_ANY_DOCUMENT_ROLES: "${r}" is not a role`);
  return roles;
}

/** The web app's OpenID Connect provider: both the issuer (an https URL) and the client id, or neither. */
function webOidc(env: NodeJS.ProcessEnv): Config['oidc'] {
  const issuer = env.TYM_OIDC_ISSUER?.trim();
  const clientId = env.TYM_OIDC_CLIENT_ID?.trim();
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new Error('TYM_OIDC_ISSUER and TYM_OIDC_CLIENT_ID go together');
  if (!/^https:\/\/[^/]/.test(issuer)) throw new Error(`TYM_OIDC_ISSUER must be an https URL, got "${issuer}"`);
  return { issuer, clientId, scope: env.TYM_OIDC_SCOPE?.trim() || 'openid' };
}
