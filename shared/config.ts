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
  /** The longest ticket lifetime (exp - iat) a subgraph accepts, whatever the ticket says. */
  ticketMaxLifetimeSeconds: number;
  /** unusual-search alert thresholds (act 906/2019 §23) */
  alerts: { windowMinutes: number; outsideCaseload: number; invalidHetus: number };
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
  return {
    production: env.NODE_ENV === 'production',
    dataDir: resolve(env.TYM_DATA_DIR ?? './.data'),
    pgUrl: env.TYM_PG_URL || undefined,
    gatewayPort,
    host: env.TYM_HOST ?? '127.0.0.1',
    ticketMaxLifetimeSeconds: ticketMaxLifetimeSeconds(env),
    alerts: {
      windowMinutes: positiveInt(env, 'TYM_ALERT_WINDOW_MINUTES', 60),
      outsideCaseload: positiveInt(env, 'TYM_ALERT_OUTSIDE_CASELOAD', 20),
      invalidHetus: positiveInt(env, 'TYM_ALERT_INVALID_HETUS', 10),
    },
  };
}

/** TYM_TICKET_MAX_LIFETIME_SECONDS, default 30: the gateway's tickets live 30 s. */
export const ticketMaxLifetimeSeconds = (env: NodeJS.ProcessEnv = process.env): number =>
  positiveInt(env, 'TYM_TICKET_MAX_LIFETIME_SECONDS', 30);

/** The contract's port layout: the gateway, then joint, employment, wellbeing, kela. */
export function defaultPort(service: ServiceName, gatewayPort: number): number {
  return gatewayPort === 0 ? 0 : gatewayPort + SERVICES.indexOf(service);
}

/** The gateway's disclosure-log views listen on loopback at the gateway port + 5 (after the four subgraphs). */
export const AUDIT_PORT_OFFSET = 5;

export const databaseName = (service: SubgraphName | 'audit'): string => `tym_${service}`;
