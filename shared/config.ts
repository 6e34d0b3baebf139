// Configuration from the environment (docs/CONTRACT.md section 1). This is the one module that reads
// process.env: every variable is declared in ENVIRONMENT with its default and meaning (the contract's
// table is generated from it, test/config.test.ts checks both), read by readConfig and validated there,
// so that a bad value stops the start naming the variable instead of running on a wrong setting.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TOKEN_POLICY, type TokenPolicy } from '../gateway/auth.ts';
import { parseCorsOrigins } from '../gateway/cors.ts';
import { DEFAULT_LIMITS, type QueryLimits } from '../gateway/limits.ts';
import { ALL_ROLES } from './vocabulary.ts';
import type { TicketKeyFiles } from './keys.ts';

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
  /** the OTEL_* variables that decide whether traces are on and where they go (shared/telemetry.ts) */
  otel: Partial<Record<(typeof OTEL_VARIABLES)[number], string>>;
  /** another necessity matrix file in place of `config/necessity-matrix.yaml` (shared/config-files.ts) */
  necessityMatrix: string | undefined;
  /** `tym serve`: this service's port (PORT); undefined: its place in the TYM_PORT layout */
  servicePort: number | undefined;
  /** the gateway's URL of each subgraph given by TYM_<NAME>_URL; the others follow the port layout */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** TYM_AUDIT_PORT: accepted for compatibility, no effect (the log's views have no port any more) */
  auditPort: number | undefined;
}

export const DEFAULT_DATA_DIR = './.data';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The OpenTelemetry variables the system itself reads; the SDK reads the rest of the standard ones. */
const OTEL_VARIABLES = [
  'OTEL_SDK_DISABLED',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
] as const;

/** A variable the system reads: the contract's table of the environment is made from this list. */
export interface EnvironmentVariable {
  name: string;
  /** which processes read it */
  usedBy: string;
  /** the value that means the same as leaving it unset (checked by test/config.test.ts); null: none */
  default: string | null;
  meaning: string;
}

const urlVariable = (name: SubgraphName): EnvironmentVariable => ({
  name: `TYM_${name.toUpperCase()}_URL`,
  usedBy: 'gateway',
  default: null,
  meaning: `the ${name} subgraph's \`/graphql\` URL (else its place in the \`TYM_PORT\` layout)`,
});

export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  { name: 'TYM_DATA_DIR', usedBy: 'all', default: './.data', meaning: 'PGlite databases and dev keys' },
  {
    name: 'TYM_PG_URL',
    usedBy: 'all',
    default: null,
    meaning: 'a PostgreSQL server whose `tym_*` databases (created if missing) replace PGlite',
  },
  {
    name: 'TYM_PORT',
    usedBy: 'all',
    default: '4000',
    meaning: 'gateway port; subgraphs take the next four: joint, employment, wellbeing, kela',
  },
  { name: 'TYM_HOST', usedBy: 'all', default: '127.0.0.1', meaning: 'listen address' },
  {
    name: 'NODE_ENV',
    usedBy: 'all',
    default: null,
    meaning: '`production`: no dev issuer, no introspection; refuses to start with dev keys',
  },
  {
    name: 'PORT',
    usedBy: '`tym serve`',
    default: null,
    meaning: "this service's port (else its place in the `TYM_PORT` layout)",
  },
  {
    name: 'DATABASE_URL',
    usedBy: '`tym serve`, `tym audit`',
    default: null,
    meaning: "this service's own database (the gateway's: the log's)",
  },
  {
    name: 'DATABASE_URL_FILE',
    usedBy: '`tym serve`, `tym audit`',
    default: null,
    meaning: 'a file whose first line is `DATABASE_URL` (a mounted secret); not both',
  },
  {
    name: 'TYM_AUDIT_PORT',
    usedBy: 'gateway',
    default: null,
    meaning: 'no effect (accepted): the disclosure-log views run inside the gateway, with no port',
  },
  {
    name: 'TYM_TICKET_PRIVATE_KEY',
    usedBy: 'gateway',
    default: null,
    meaning: 'JWK file of the ticket signing key (its `kid` names it); required in production',
  },
  {
    name: 'TYM_TICKET_PUBLIC_KEY',
    usedBy: 'all services',
    default: null,
    meaning:
      'the keys tickets are verified with: JWK or JWK set files, separated by commas; required in production ' +
      "for subgraphs. The gateway adds its signing key's public half",
  },
  {
    name: 'TYM_ISSUERS',
    usedBy: 'gateway',
    default: null,
    meaning:
      'the token issuers file (YAML, `config/issuers.example.yaml`; the earlier JSON list ' +
      '`[{ "issuer", "jwks", "audience"? }]` still reads)',
  },
  {
    name: 'TYM_CORS_ORIGINS',
    usedBy: 'gateway',
    default: null,
    meaning: 'comma-separated origins whose browser pages may call the API (none by default)',
  },
  {
    name: 'TYM_ANY_DOCUMENT_ROLES',
    usedBy: 'gateway',
    default: null,
    meaning: "roles that may send any GraphQL document in production, not only the web app's trusted ones",
  },
  {
    name: 'TYM_OIDC_ISSUER',
    usedBy: 'gateway',
    default: null,
    meaning: "the web app's OpenID Connect provider (an https URL); with `TYM_OIDC_CLIENT_ID`",
  },
  { name: 'TYM_OIDC_CLIENT_ID', usedBy: 'gateway', default: null, meaning: "the web app's client id at that provider" },
  { name: 'TYM_OIDC_SCOPE', usedBy: 'gateway', default: 'openid', meaning: 'the scopes the web app asks for' },
  {
    name: 'TYM_METRICS_PORT',
    usedBy: 'all',
    default: null,
    meaning: 'the Prometheus endpoint `/metrics` on a listener of its own (off when unset; `0`: any free port)',
  },
  {
    name: 'TYM_METRICS_HOST',
    usedBy: 'all',
    default: '127.0.0.1',
    meaning: "the metrics listener's address",
  },
  {
    name: 'TYM_LOG_LEVEL',
    usedBy: 'all',
    default: 'info',
    meaning: "the JSON log's level: fatal, error, warn, info, debug, trace or silent",
  },
  ...SUBGRAPHS.map(urlVariable),
  {
    name: 'TYM_NECESSITY_MATRIX',
    usedBy: '`tym start`, `tym serve`',
    default: null,
    meaning: 'another necessity matrix file (`config/necessity-matrix.yaml`)',
  },
  { name: 'TYM_ALERT_WINDOW_MINUTES', usedBy: 'gateway', default: '60', meaning: 'unusual-search window' },
  {
    name: 'TYM_ALERT_OUTSIDE_CASELOAD',
    usedBy: 'gateway',
    default: '20',
    meaning: 'persons outside the caseload within the window before an alert',
  },
  {
    name: 'TYM_ALERT_INVALID_HETUS',
    usedBy: 'gateway',
    default: '10',
    meaning: 'invalid codes within the window before an alert',
  },
  {
    name: 'TYM_MAX_DEPTH',
    usedBy: 'gateway',
    default: String(DEFAULT_LIMITS.maxDepth),
    meaning: 'fields nested deeper are `QUERY_TOO_COMPLEX`; the root field counts 1',
  },
  {
    name: 'TYM_MAX_ALIASES',
    usedBy: 'gateway',
    default: String(DEFAULT_LIMITS.maxAliases),
    meaning: 'aliases per document, every spread of a fragment counted',
  },
  {
    name: 'TYM_MAX_CLIENT_LOOKUPS',
    usedBy: 'gateway',
    default: String(DEFAULT_LIMITS.maxClientLookups),
    meaning: 'root fields naming a person: `client`, `disclosures`, writes with a hetu',
  },
  {
    name: 'TYM_MAX_FIELDS',
    usedBy: 'gateway',
    default: String(DEFAULT_LIMITS.maxFields),
    meaning: 'fields per document, every spread of a fragment counted',
  },
  {
    name: 'TYM_MAX_DIRECTIVES',
    usedBy: 'gateway',
    default: String(DEFAULT_LIMITS.maxDirectives),
    meaning: 'directives per document, every spread of a fragment counted',
  },
  {
    name: 'TYM_MAX_TOKENS',
    usedBy: 'gateway',
    default: String(DEFAULT_LIMITS.maxTokens),
    meaning: 'lexical tokens of a document; the parser stops there',
  },
  {
    name: 'TYM_TOKEN_MAX_AGE_SECONDS',
    usedBy: 'gateway',
    default: String(DEFAULT_TOKEN_POLICY.maxAgeSeconds),
    meaning: 'longest bearer-token lifetime, `exp - iat` (12 h)',
  },
  {
    name: 'TYM_CLOCK_TOLERANCE_SECONDS',
    usedBy: 'gateway',
    default: String(DEFAULT_TOKEN_POLICY.clockToleranceSeconds),
    meaning: 'allowed clock difference with the token issuer',
  },
  {
    name: 'TYM_TICKET_MAX_LIFETIME_SECONDS',
    usedBy: 'subgraphs',
    default: '30',
    meaning: 'longest ticket lifetime accepted, whatever it says',
  },
  { name: 'TYM_DB_PREFIX', usedBy: 'all', default: 'tym', meaning: 'databases are named `<prefix>_<service>`' },
  {
    name: 'TYM_DB_CONNECT_TIMEOUT_SECONDS',
    usedBy: 'all (PostgreSQL)',
    default: '10',
    meaning: 'give up opening a connection after this long',
  },
  {
    name: 'TYM_DB_STATEMENT_TIMEOUT_MS',
    usedBy: 'all (PostgreSQL)',
    default: '10000',
    meaning: 'statement timeout; `0` off; maintenance runs without it',
  },
  {
    name: 'TYM_DB_IDLE_TIMEOUT_SECONDS',
    usedBy: 'all (PostgreSQL)',
    default: '20',
    meaning: 'close a pooled connection unused this long',
  },
  { name: 'TYM_DB_POOL_SIZE', usedBy: 'all (PostgreSQL)', default: '10', meaning: 'connections per service database' },
  {
    name: 'TYM_DB_PREPARED_STATEMENTS',
    usedBy: 'all (PostgreSQL)',
    default: 'true',
    meaning: 'each connection prepares a statement once and reuses it; `false` behind a pooler in transaction mode',
  },
  {
    name: 'TYM_OPERATOR_HOST',
    usedBy: 'embedded data',
    default: '127.0.0.1',
    meaning: "the operator endpoint's address",
  },
  { name: 'TYM_OPERATOR_PORT', usedBy: 'embedded data', default: '0', meaning: 'its port (`0`: any free port)' },
  {
    name: 'TYM_OPERATOR_TOKEN',
    usedBy: 'embedded data',
    default: null,
    meaning: 'the operator credential (else `<TYM_DATA_DIR>/operator.token`)',
  },
  {
    name: 'TYM_SHUTDOWN_GRACE_SECONDS',
    usedBy: 'all',
    default: '10',
    meaning: 'time requests in flight get to finish on SIGTERM/SIGINT',
  },
  {
    name: 'TYM_RETENTION_AT',
    usedBy: 'joint record',
    default: '03:00',
    meaning: 'nightly retention, `HH:MM` Helsinki time, or `off`',
  },
  {
    name: 'TYM_SEED_CLIENTS',
    usedBy: '`tym start`',
    default: '500',
    meaning: 'generated clients seeded on first start',
  },
  {
    name: 'OTEL_TRACES_EXPORTER',
    usedBy: 'all',
    default: null,
    meaning: '`otlp` or `console` turns traces on, `none` off (unset: on only with an endpoint)',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    usedBy: 'all',
    default: null,
    meaning: 'the trace collector (OTLP over HTTP, protobuf); setting it turns traces on',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    usedBy: 'all',
    default: null,
    meaning: 'the collector for traces alone; setting it turns traces on',
  },
  {
    name: 'OTEL_SDK_DISABLED',
    usedBy: 'all',
    default: null,
    meaning: '`true`: no traces whatever else says. The SDK reads the other standard `OTEL_*` variables itself',
  },
  {
    name: 'TYM_TEST_PG_URL',
    usedBy: 'tests',
    default: null,
    meaning: 'also run the cross-service tests on this PostgreSQL server (read by the tests, not the system)',
  },
];

function trueOrFalse(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`${name} must be true or false`);
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

function port(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

/** A variable that names something (a file, a URL); unset or empty: undefined. */
const named = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name] || undefined;

const POSTGRES_PROTOCOLS = ['postgres:', 'postgresql:'] as const;

function url(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[]): string | undefined {
  const raw = named(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {}
  // The value itself may hold a password: the message names the variable and what was expected only.
  if (!parsed || !protocols.includes(parsed.protocol))
    throw new Error(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
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
  /**
   * TYM_DB_PREPARED_STATEMENTS: each connection prepares a statement's text once and reuses it (the server
   * parses and plans it once); false behind a connection pooler in transaction mode, which cannot keep them
   */
  preparedStatements: boolean;
}

export const DEFAULT_DATABASE_SETTINGS: DatabaseSettings = {
  connectTimeoutSeconds: 10,
  statementTimeoutMs: 10_000,
  idleTimeoutSeconds: 20,
  poolSize: 10,
  preparedStatements: true,
};

export function readDatabaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  const d = DEFAULT_DATABASE_SETTINGS;
  return {
    connectTimeoutSeconds: positiveInt(env, 'TYM_DB_CONNECT_TIMEOUT_SECONDS', d.connectTimeoutSeconds),
    statementTimeoutMs:
      env.TYM_DB_STATEMENT_TIMEOUT_MS === '0'
        ? 0
        : positiveInt(env, 'TYM_DB_STATEMENT_TIMEOUT_MS', d.statementTimeoutMs),
    idleTimeoutSeconds: positiveInt(env, 'TYM_DB_IDLE_TIMEOUT_SECONDS', d.idleTimeoutSeconds),
    poolSize: positiveInt(env, 'TYM_DB_POOL_SIZE', d.poolSize),
    preparedStatements: trueOrFalse(env, 'TYM_DB_PREPARED_STATEMENTS', d.preparedStatements),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // The four subgraphs take the four ports after the gateway's.
  const gatewayPort = port(env, 'TYM_PORT', 4000, 65535 - SUBGRAPHS.length);
  const dbPrefix = env.TYM_DB_PREFIX || 'tym';
  if (!/^[a-z_][a-z0-9_]*$/.test(dbPrefix))
    throw new Error(`TYM_DB_PREFIX must be a lower-case SQL name, got "${dbPrefix}"`);
  const operatorPort = port(env, 'TYM_OPERATOR_PORT', 0);
  const servicePort = env.PORT ? port(env, 'PORT', 0) : undefined;
  const auditPort = env.TYM_AUDIT_PORT ? port(env, 'TYM_AUDIT_PORT', 0) : undefined;
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
    otel: Object.fromEntries(OTEL_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : []))),
    dbPrefix,
    operator: {
      host: env.TYM_OPERATOR_HOST || '127.0.0.1',
      port: operatorPort,
      token: env.TYM_OPERATOR_TOKEN || undefined,
    },
    shutdownGraceMs: grace * 1000,
    retentionAt: retentionAt === 'off' ? null : retentionAt,
    production: env.NODE_ENV === 'production',
    dataDir: resolve(env.TYM_DATA_DIR ?? DEFAULT_DATA_DIR),
    pgUrl: url(env, 'TYM_PG_URL', POSTGRES_PROTOCOLS),
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
    necessityMatrix: named(env, 'TYM_NECESSITY_MATRIX'),
    servicePort,
    ticketKeys: {
      privateKey: named(env, 'TYM_TICKET_PRIVATE_KEY'),
      // Several files, separated by commas: the old and the new key while one is rotated (docs/recipes.md).
      publicKeys: (env.TYM_TICKET_PUBLIC_KEY ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    },
    issuersFile: named(env, 'TYM_ISSUERS'),
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.flatMap((n) => {
        const given = url(env, urlVariable(n).name, ['http:', 'https:']);
        return given ? [[n, given]] : [];
      }),
    ),
    auditPort,
  };
}

/**
 * DATABASE_URL, or the first line of the file DATABASE_URL_FILE names. The file is how an orchestrator
 * hands over a mounted secret: a password in the environment shows in process listings and crash reports.
 */
function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.DATABASE_URL_FILE) return url(env, 'DATABASE_URL', POSTGRES_PROTOCOLS);
  if (env.DATABASE_URL) throw new Error('set DATABASE_URL or DATABASE_URL_FILE, not both');
  let text: string;
  try {
    text = readFileSync(env.DATABASE_URL_FILE, 'utf8');
  } catch {
    // The path only: the reason could quote the file.
    throw new Error(`DATABASE_URL_FILE: cannot read ${env.DATABASE_URL_FILE}`);
  }
  const first = text.split(/\r?\n/)[0]!.trim();
  if (!first) throw new Error(`DATABASE_URL_FILE: ${env.DATABASE_URL_FILE} is empty`);
  return url({ DATABASE_URL_FILE: first }, 'DATABASE_URL_FILE', POSTGRES_PROTOCOLS);
}

/** The gateway's tickets live 30 s; a subgraph accepts no longer unless TYM_TICKET_MAX_LIFETIME_SECONDS says. */
export const DEFAULT_TICKET_MAX_LIFETIME_SECONDS = 30;

const ticketMaxLifetimeSeconds = (env: NodeJS.ProcessEnv): number =>
  positiveInt(env, 'TYM_TICKET_MAX_LIFETIME_SECONDS', DEFAULT_TICKET_MAX_LIFETIME_SECONDS);

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
  const scope = env.TYM_OIDC_SCOPE?.trim() || 'openid';
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new Error('TYM_OIDC_ISSUER and TYM_OIDC_CLIENT_ID go together');
  if (!/^https:\/\/[^/]/.test(issuer)) throw new Error(`TYM_OIDC_ISSUER must be an https URL, got "${issuer}"`);
  return { issuer, clientId, scope };
}

/**
 * The environment of a child process this one starts (the benchmarks start the system as a user would):
 * this process's own, with `overrides` set. Here so that the environment is read in this file alone.
 */
export const childEnvironment = (overrides: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  ...overrides,
});
