// Configuration from the environment (CONTRACT.md section 1). One place reads process.env.
import { resolve } from 'node:path';

export const SERVICES = ['gateway', 'joint', 'employment', 'wellbeing', 'kela'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const SUBGRAPHS = ['joint', 'employment', 'wellbeing', 'kela'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface Config {
  production: boolean;
  dataDir: string;
  /** A PostgreSQL server URL: the tym_* databases on it are used instead of PGlite. */
  pgUrl: string | undefined;
  gatewayPort: number;
  host: string;
  /** unusual-search alert thresholds (act 906/2019 §23) */
  alerts: { windowMinutes: number; outsideCaseload: number; invalidHetus: number };
  /** limits on every PostgreSQL pool */
  database: DatabaseSettings;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
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
    statementTimeoutMs: env.TYM_DB_STATEMENT_TIMEOUT_MS === '0' ? 0
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
  return {
    production: env.NODE_ENV === 'production',
    dataDir: resolve(env.TYM_DATA_DIR ?? './.data'),
    pgUrl: env.TYM_PG_URL || undefined,
    gatewayPort,
    host: env.TYM_HOST ?? '127.0.0.1',
    alerts: {
      windowMinutes: positiveInt(env, 'TYM_ALERT_WINDOW_MINUTES', 60),
      outsideCaseload: positiveInt(env, 'TYM_ALERT_OUTSIDE_CASELOAD', 20),
      invalidHetus: positiveInt(env, 'TYM_ALERT_INVALID_HETUS', 10),
    },
    database: readDatabaseSettings(env),
  };
}

/** The contract's port layout: the gateway, then joint, employment, wellbeing, kela. */
export function defaultPort(service: ServiceName, gatewayPort: number): number {
  return gatewayPort === 0 ? 0 : gatewayPort + SERVICES.indexOf(service);
}

/** The gateway's disclosure-log views listen on loopback at the gateway port + 5 (after the four subgraphs). */
export const AUDIT_PORT_OFFSET = 5;

export const databaseName = (service: SubgraphName | 'audit'): string => `tym_${service}`;
