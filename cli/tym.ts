// The `tym` command (docs/CONTRACT.md section 1).
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  readConfig,
  SERVICES,
  SUBGRAPHS,
  type Config,
  type ServiceName,
  type SubgraphName,
} from '../shared/config.ts';
import { necessityMatrixFile } from '../shared/config-files.ts';
import { devKeyPair, generateProductionKeys } from '../shared/keys.ts';
import { loadPolicy } from '../shared/policy-config.ts';
import { finnishDate } from '../shared/policy.ts';
import { issueDevToken } from '../gateway/auth.ts';
import { loadIssuers } from '../gateway/issuers.ts';
import { SUPERGRAPH_PATH } from '../gateway/supergraph.ts';
import { DEFAULT_WORLD, startSystem } from './system.ts';
import { isIsoDate } from '../shared/dates.ts';
import { openAuditDatabase } from '../gateway/index.ts';
import { LOG_RETENTION_YEARS } from '../gateway/audit/chain.ts';
import { databaseExists, locate } from '../shared/db.ts';
import { setShutdownGrace } from '../shared/http.ts';
import { announceOperator, lockOwner } from '../shared/lock.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { scheduleRetention } from '../subgraphs/joint/retention.ts';
import { serveOne } from './serve.ts';
import { loggerFor } from '../shared/logger.ts';
import { exitOnUncaughtFaults } from '../shared/fatal.ts';
import { safeMessage } from '../shared/safe-errors.ts';
import { startObservability } from '../shared/observability.ts';
import {
  auditOn,
  callOperator,
  operatorToken,
  print,
  retentionCommand,
  seedCommand,
  startOperatorEndpoint,
  type OwnedDatabases,
  type Output,
} from './operator.ts';

const USAGE =
  `usage: tym <command>
  start                                  gateway + four subgraphs in one process (embedded PGlite by default)
  serve <gateway|joint|employment|wellbeing|kela>   one service alone, configured from env
  token --org O --role R [--area A]... [--municipality M] [--sub S] [--ttl SECONDS]   a dev-issuer JWT
  seed [--clients N] [--seed S] [--today YYYY-MM-DD]   regenerate deterministic demo data
  compose [--check]                      compose schema/supergraph.graphql from the subgraphs
  retention [--dry-run] [--today YYYY-MM-DD]   delete joint-record data four years after the customership ended
  audit verify | audit head | audit prune [--years N]   check the disclosure log's hash chain, print its ` +
  `head, prune old entries
  keys generate [--dir DIR] [--kid KID] [--ticket | --operator]   production keys: ticket signing pair, ` +
  `operator credential`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Seeding, retention and the log's verification work through whole tables: no statement timeout. */
const MAINTENANCE = { statementTimeoutMs: 0 };

const log = loggerFor('process');

/**
 * SIGTERM or SIGINT stops the whole process cleanly: stop accepting, let requests in flight finish
 * (TYM_SHUTDOWN_GRACE_SECONDS), flush the disclosure log, close the databases, release their locks,
 * exit 0. A second signal, or a stop that hangs past the grace period, ends it at once.
 */
function shutdownOn(close: () => Promise<void>, graceMs: number) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      log.info({ signal, graceSeconds: graceMs / 1000 }, 'stopping: no new requests; those in flight may finish');
      setTimeout(() => {
        log.error('stop took too long; exiting');
        process.exit(1);
      }, graceMs + 15_000).unref();
      close().then(
        () => {
          log.info('stopped: disclosure log written out, databases closed');
          process.exit(0);
        },
        (e) => {
          log.error({ error: e instanceof Error ? e.message : String(e) }, 'stop failed');
          process.exit(1);
        },
      );
    });
  }
}

/**
 * What a process that owns databases runs beside them: the operator endpoint (its URL goes into
 * the lock files) and, where the joint record is, the daily four-year deletion.
 */
async function serveOwned(config: Config, databases: OwnedDatabases, auditWhere: string): Promise<() => Promise<void>> {
  const token = operatorToken(config.dataDir, config.operator.token, true)!;
  const endpoint = await startOperatorEndpoint({ ...config.operator, token, databases, auditWhere });
  announceOperator(endpoint.url);
  const retention =
    databases.joint && config.retentionAt
      ? scheduleRetention(databases.joint.database.db, { at: config.retentionAt })
      : undefined;
  return async () => {
    await retention?.stop();
    await endpoint.close();
  };
}

type DatabaseName = SubgraphName | 'audit';

const locationOf = (config: Config, name: DatabaseName) =>
  name === 'audit' && config.databaseUrl
    ? { kind: 'postgres' as const, url: config.databaseUrl }
    : locate(`${config.dbPrefix}_${name}`, { pgUrl: config.pgUrl, dataDir: config.dataDir });

const whereOf = (config: Config, name: DatabaseName) => {
  const location = locationOf(config, name);
  return location.kind === 'pglite'
    ? String(location.dir)
    : `database ${decodeURIComponent(new URL(location.url).pathname.slice(1))}`;
};

/**
 * Runs an operator command on the databases it needs: through the running process that owns them
 * (shared/lock.ts), or, when none does, by opening them here. PostgreSQL has no owner: opened here.
 */
async function onDatabases(
  config: Config,
  names: DatabaseName[],
  remote: { path: string; body: Record<string, unknown> },
  direct: (databases: OwnedDatabases) => Promise<Output>,
): Promise<Output> {
  const byOwner = new Map<string, DatabaseName[]>();
  const unowned: DatabaseName[] = [];
  for (const name of names) {
    const location = locationOf(config, name);
    const owner = location.kind === 'pglite' && location.dir ? lockOwner(location.dir) : null;
    if (!owner) {
      unowned.push(name);
      continue;
    }
    if (!owner.operator) {
      return {
        code: 2,
        stdout: [],
        stderr: [`${whereOf(config, name)} is held by pid ${owner.pid}, which is still starting; try again shortly`],
      };
    }
    byOwner.set(owner.operator.url, [...(byOwner.get(owner.operator.url) ?? []), name]);
  }
  const outputs: Output[] = [];
  if (byOwner.size > 0) {
    const token = operatorToken(config.dataDir, config.operator.token, false);
    if (!token) {
      return {
        code: 2,
        stdout: [],
        stderr: [
          `the system runs, but no operator credential was found: give TYM_OPERATOR_TOKEN, or run as the ` +
            `user who can read ${config.dataDir}/operator.token`,
        ],
      };
    }
    for (const [url, held] of byOwner)
      outputs.push(await callOperator(url, token, remote.path, { ...remote.body, databases: held }));
  }
  if (unowned.length > 0) {
    const opened: OwnedDatabases = {};
    const openHere = async () => {
      for (const name of unowned) {
        const settings = { ...config.database, ...MAINTENANCE };
        if (name === 'audit') opened.audit = await openAuditDatabase(locationOf(config, name), settings);
        else opened[name] = await SUBGRAPH_SERVICES[name].open(locationOf(config, name), settings);
      }
    };
    try {
      await openHere();
      outputs.push(await direct(opened));
    } finally {
      for (const d of Object.values(opened)) await d?.close();
    }
  }
  return {
    code: Math.max(0, ...outputs.map((o) => o.code)),
    stdout: outputs.flatMap((o) => o.stdout),
    stderr: outputs.flatMap((o) => o.stderr),
  };
}

/** `NAME=value` for the shell, quoted when it needs to be. */
const shellAssign = (name: string, value: string) =>
  `${name}=${/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`}`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = readConfig();
  switch (command) {
    case 'start': {
      exitOnUncaughtFaults();
      const started = Date.now();
      setShutdownGrace(config.shutdownGraceMs);
      const observability = await startObservability(config, 'tym-gateway');
      const system = await startSystem({
        dataDir: config.dataDir,
        pgUrl: config.pgUrl,
        dbPrefix: config.dbPrefix,
        gatewayPort: config.gatewayPort,
        host: config.host,
        production: config.production,
        seed: 'if-empty',
        firstStartWorld: { ...DEFAULT_WORLD, clients: config.seedClients },
        alerts: config.alerts,
        limits: config.limits,
        tokens: config.tokens,
        corsOrigins: config.corsOrigins,
        anyDocumentRoles: config.anyDocumentRoles,
        oidc: config.oidc,
        issuers: config.issuersFile ? loadIssuers(config.issuersFile) : undefined,
        database: config.database,
        ticketMaxLifetimeSeconds: config.ticketMaxLifetimeSeconds,
        policy: loadPolicy(necessityMatrixFile(config)),
      });
      const stopOwned = await serveOwned(
        config,
        { ...system.services, audit: system.gateway.audit.db },
        whereOf(config, 'audit'),
      );
      shutdownOn(async () => {
        await stopOwned();
        await system.close();
        await observability.stop();
      }, config.shutdownGraceMs);
      const base = system.url.replace(/\/graphql$/, '');
      // The commands below must work pasted into another shell: name the data directory the keys are in.
      const envPrefix =
        config.dataDir !== resolve(DEFAULT_DATA_DIR) ? `${shellAssign('TYM_DATA_DIR', config.dataDir)} ` : '';
      console.log(
        `tym-gateway is up in ${((Date.now() - started) / 1000).toFixed(1)} ` +
          `s${system.seeded ? ` (demo data seeded: ${config.seedClients} clients + fixtures)` : ''}
  gateway     ${system.url}   (ready: ${base}/health/ready)
  subgraphs   ${Object.entries(system.subgraphs)
    .map(([n, s]) => `${n} ${s.url}`)
    .join(', ')}
  storage     ${config.pgUrl ? 'PostgreSQL' : `PGlite under ${config.dataDir}`}
  metrics     ${observability.metricsUrl ?? 'off (TYM_METRICS_PORT)'}
  traces      ${observability.tracing ? 'on (OTEL_*)' : 'off (OTEL_*)'}

Get a token (dev issuer; or GET ${base}/dev/token?org=employment&role=employment-specialist&area=ita-uusimaa):
  TOKEN=$(${envPrefix}npx tym token --org employment --role employment-specialist --area ita-uusimaa)
Ask for a client:
  curl -s ${system.url} -H "Authorization: Bearer $TOKEN" -H 'X-TYM-Purpose: ASSESSMENT' \\
    -H 'Content-Type: application/json' \\
    -d '{"query":"{ client(hetu: \\"150385-9013\\") { joint { identity { firstName lastName } plan { ` +
          `deadline } } employment { education { degree } } } }"}'`,
      );
      return;
    }
    case 'serve': {
      const name = rest[0] as ServiceName;
      if (!SERVICES.includes(name)) fail(`tym serve: name one of ${SERVICES.join(', ')}`);
      exitOnUncaughtFaults();
      setShutdownGrace(config.shutdownGraceMs);
      const observability = await startObservability(config, `tym-${name}`);
      const service = await serveOne(name, config);
      const stopOwned = await serveOwned(config, service.databases, whereOf(config, 'audit'));
      shutdownOn(async () => {
        await stopOwned();
        await service.close();
        await observability.stop();
      }, config.shutdownGraceMs);
      return;
    }
    case 'token': {
      if (config.production) fail('tym token: the dev issuer is off under NODE_ENV=production');
      const { values } = parseArgs({
        args: rest,
        options: {
          org: { type: 'string' },
          role: { type: 'string' },
          area: { type: 'string', multiple: true },
          municipality: { type: 'string' },
          sub: { type: 'string' },
          ttl: { type: 'string' },
        },
      });
      if (!values.org || !values.role) fail('tym token: --org and --role are required');
      const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
      if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0))
        fail('tym token: --ttl takes a whole number of seconds');
      const issuer = await devKeyPair(config.dataDir, 'issuer');
      try {
        console.log(
          await issueDevToken(issuer.privateKey, issuer.kid, {
            org: values.org,
            role: values.role,
            areas: values.area,
            municipality: values.municipality,
            sub: values.sub,
            ttlSeconds: ttl,
          }),
        );
      } catch (e) {
        fail(`tym token: ${(e as Error).message}`);
      }
      return;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: { clients: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } },
      });
      const request = {
        clients: values.clients === undefined ? DEFAULT_WORLD.clients : Number(values.clients),
        seed: values.seed === undefined ? DEFAULT_WORLD.seed : Number(values.seed),
        today: values.today ?? finnishDate(),
      };
      if (!Number.isInteger(request.clients) || request.clients < 0) fail('tym seed: --clients takes a whole number');
      if (!Number.isInteger(request.seed)) fail('tym seed: --seed takes a whole number');
      print(
        await onDatabases(config, [...SUBGRAPHS], { path: '/seed', body: request }, (dbs) => seedCommand(dbs, request)),
      );
      return;
    }
    case 'compose': {
      const { values } = parseArgs({ args: rest, options: { check: { type: 'boolean' } } });
      // Composition is loaded only here: the serving commands never compose, and it is slow to load.
      const composed = await (await import('./compose.ts')).composeSupergraph();
      if (values.check) {
        let current = '';
        try {
          current = readFileSync(SUPERGRAPH_PATH, 'utf8');
        } catch {
          /* missing counts as drift */
        }
        if (current !== composed) fail('schema/supergraph.graphql is out of date: run `tym compose` and commit it');
        console.log('schema/supergraph.graphql matches the subgraphs');
      } else {
        writeFileSync(SUPERGRAPH_PATH, composed);
        console.log(`wrote ${SUPERGRAPH_PATH}`);
      }
      return;
    }
    case 'retention': {
      const { values } = parseArgs({
        args: rest,
        options: { 'dry-run': { type: 'boolean' }, today: { type: 'string' } },
      });
      const today = values.today ?? finnishDate();
      if (!isIsoDate(today)) fail('tym retention: --today takes a date YYYY-MM-DD');
      const dryRun = Boolean(values['dry-run']);
      print(
        await onDatabases(config, ['joint'], { path: '/retention', body: { today, dryRun } }, (dbs) =>
          retentionCommand(dbs.joint!, { today, dryRun }),
        ),
      );
      return;
    }
    case 'audit': {
      const [sub, ...more] = rest;
      const { values } = parseArgs({ args: more, options: { years: { type: 'string' } } });
      if (sub !== 'verify' && sub !== 'head' && sub !== 'prune') fail(USAGE);
      const years = values.years === undefined ? LOG_RETENTION_YEARS : Number(values.years);
      if (!Number.isInteger(years) || years < 1) fail('tym audit prune: --years takes a whole number of years');
      const where = whereOf(config, 'audit');
      const location = locationOf(config, 'audit');
      const owned = location.kind === 'pglite' && location.dir ? lockOwner(location.dir) : null;
      // Read-only commands never create the log they were asked to check.
      if (!owned && !(await databaseExists(location))) {
        print({
          code: 1,
          stdout: [],
          stderr: [`no disclosure log at ${where}: nothing to ${sub} (check TYM_DATA_DIR, TYM_PG_URL or DATABASE_URL)`],
        });
        return;
      }
      print(
        await onDatabases(config, ['audit'], { path: `/audit/${sub}`, body: { years } }, (dbs) =>
          auditOn(dbs, sub, { years, where }),
        ),
      );
      return;
    }
    case 'keys': {
      const [sub, ...more] = rest;
      if (sub !== 'generate') fail(USAGE);
      const { values } = parseArgs({
        args: more,
        options: {
          dir: { type: 'string', default: 'secrets' },
          kid: { type: 'string' },
          ticket: { type: 'boolean' },
          operator: { type: 'boolean' },
        },
      });
      if (values.kid !== undefined && !/^[\w.-]{1,64}$/.test(values.kid))
        fail('tym keys generate: --kid takes 1 to 64 letters, digits, dots, dashes or underscores');
      // Neither flag: both. One of them: that one alone (a rotation makes a new ticket key only).
      const both = !values.ticket && !values.operator;
      const what = { ticket: both || Boolean(values.ticket), operator: both || Boolean(values.operator) };
      const { kid, written } = await generateProductionKeys(values.dir, what, values.kid);
      for (const path of written) console.log(`wrote ${path}`);
      if (kid) {
        console.log(
          `ticket key id: ${kid}\n` +
            'the private key goes to the gateway only (TYM_TICKET_PRIVATE_KEY); the public key to every ' +
            'service (TYM_TICKET_PUBLIC_KEY). Rotating a key: docs/recipes.md',
        );
      }
      if (what.operator) console.log('the operator credential: TYM_OPERATOR_TOKEN, or <TYM_DATA_DIR>/operator.token');
      return;
    }
    default:
      fail(USAGE);
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(safeMessage(e));
  process.exit(1);
});
