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
  /** database names are `${dbPrefix}_<service>` (tests isolate themselves with their own prefix) */
  dbPrefix: string;
  /** the operator endpoint the `tym` commands reach a running system through (loopback by default) */
  operator: { host: string; port: number; token: string | undefined };
  /** how long a stopping process lets requests in flight finish */
  shutdownGraceMs: number;
  /** the local time (Europe/Helsinki) of the daily four-year deletion (LAW.md rule 11); null: off */
  retentionAt: string | null;
  /** how many generated clients `tym start` seeds on first start, besides the fixture persons */
  seedClients: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const gatewayPort = Number(env.TYM_PORT ?? 4000);
  if (!Number.isInteger(gatewayPort) || gatewayPort < 0 || gatewayPort > 65531) {
    throw new Error(`TYM_PORT must be a port number, got "${env.TYM_PORT}"`);
  }
  const dbPrefix = env.TYM_DB_PREFIX || 'tym';
  if (!/^[a-z_][a-z0-9_]*$/.test(dbPrefix)) throw new Error(`TYM_DB_PREFIX must be a lower-case SQL name, got "${dbPrefix}"`);
  const operatorPort = Number(env.TYM_OPERATOR_PORT ?? 0);
  if (!Number.isInteger(operatorPort) || operatorPort < 0 || operatorPort > 65535) {
    throw new Error(`TYM_OPERATOR_PORT must be a port number, got "${env.TYM_OPERATOR_PORT}"`);
  }
  const grace = Number(env.TYM_SHUTDOWN_GRACE_SECONDS ?? 10);
  if (!Number.isFinite(grace) || grace < 0) throw new Error(`TYM_SHUTDOWN_GRACE_SECONDS must be seconds, got "${env.TYM_SHUTDOWN_GRACE_SECONDS}"`);
  const retentionAt = env.TYM_RETENTION_AT ?? '03:00';
  if (retentionAt !== 'off' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(retentionAt)) {
    throw new Error(`TYM_RETENTION_AT must be a time HH:MM or "off", got "${retentionAt}"`);
  }
  const seedClients = Number(env.TYM_SEED_CLIENTS ?? 500);
  if (!Number.isInteger(seedClients) || seedClients < 0) throw new Error(`TYM_SEED_CLIENTS must be a whole number, got "${env.TYM_SEED_CLIENTS}"`);
  return {
    seedClients,
    dbPrefix,
    operator: { host: env.TYM_OPERATOR_HOST || '127.0.0.1', port: operatorPort, token: env.TYM_OPERATOR_TOKEN || undefined },
    shutdownGraceMs: grace * 1000,
    retentionAt: retentionAt === 'off' ? null : retentionAt,
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
  };
}

/** The contract's port layout: the gateway, then joint, employment, wellbeing, kela. */
export function defaultPort(service: ServiceName, gatewayPort: number): number {
  return gatewayPort === 0 ? 0 : gatewayPort + SERVICES.indexOf(service);
}

/** The gateway's disclosure-log views listen on loopback at the gateway port + 5 (after the four subgraphs). */
export const AUDIT_PORT_OFFSET = 5;

export const databaseName = (service: SubgraphName | 'audit'): string => `tym_${service}`;
