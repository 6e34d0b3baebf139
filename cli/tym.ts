// The `tym` command (CONTRACT.md section 1).
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig, SERVICES, type ServiceName } from '../shared/config.ts';
import { devKeyPair } from '../shared/keys.ts';
import { finnishDate } from '../shared/policy.ts';
import { buildWorld } from '../shared/seed/world.ts';
import { issueDevToken } from '../gateway/auth.ts';
import { composeSupergraph, SUPERGRAPH_PATH } from '../gateway/compose.ts';
import { DEFAULT_WORLD, openSubgraphDatabases, seedDatabases, startSystem } from './system.ts';
import { addYears, isIsoDate } from '../shared/dates.ts';
import { openAuditDatabase } from '../gateway/index.ts';
import { LOG_RETENTION_YEARS, pruneChain, verifyChain } from '../gateway/audit/chain.ts';
import { locate, openDatabase } from '../shared/db.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { formatRetention, runRetention } from '../subgraphs/joint/retention.ts';
import { serveOne } from './serve.ts';

const USAGE = `usage: tym <command>
  start                                  gateway + four subgraphs in one process (embedded PGlite by default)
  serve <gateway|joint|employment|wellbeing|kela>   one service alone, configured from env
  token --org O --role R [--area A]... [--municipality M] [--sub S] [--ttl SECONDS]   a dev-issuer JWT
  seed [--clients N] [--seed S] [--today YYYY-MM-DD]   regenerate deterministic demo data
  compose [--check]                      compose schema/supergraph.graphql from the subgraphs
  retention [--dry-run] [--today YYYY-MM-DD]   delete joint-record data four years after the customership ended
  audit verify | audit head | audit prune [--years N]   check the disclosure log's hash chain, print its head, prune old entries`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Seeding, retention and the log's verification work through whole tables: no statement timeout. */
const MAINTENANCE = { statementTimeoutMs: 0 };

function shutdownOn(close: () => Promise<void>) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void close().finally(() => process.exit(0)));
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = readConfig();
  switch (command) {
    case 'start': {
      const started = Date.now();
      const system = await startSystem({ dataDir: config.dataDir, pgUrl: config.pgUrl, gatewayPort: config.gatewayPort, host: config.host, production: config.production, seed: 'if-empty', alerts: config.alerts, limits: config.limits, tokens: config.tokens });
      shutdownOn(system.close);
      const base = system.url.replace(/\/graphql$/, '');
      console.log(`tym-gateway is up in ${((Date.now() - started) / 1000).toFixed(1)} s${system.seeded ? ` (demo data seeded: ${DEFAULT_WORLD.clients} clients + fixtures)` : ''}
  gateway     ${system.url}   (health: ${base}/health)
  subgraphs   ${Object.entries(system.subgraphs).map(([n, s]) => `${n} ${s.url}`).join(', ')}
  storage     ${config.pgUrl ? 'PostgreSQL' : `PGlite under ${config.dataDir}`}

Get a token (dev issuer):
  TOKEN=$(npx tym token --org employment --role employment-specialist --area ita-uusimaa)
Ask for a client:
  curl -s ${system.url} -H "Authorization: Bearer $TOKEN" -H 'X-TYM-Purpose: ASSESSMENT' \\
    -H 'Content-Type: application/json' \\
    -d '{"query":"{ client(hetu: \\"150385-9013\\") { joint { identity { firstName lastName } plan { deadline } } employment { education { degree } } } }"}'`);
      return;
    }
    case 'serve': {
      const name = rest[0] as ServiceName;
      if (!SERVICES.includes(name)) fail(`tym serve: name one of ${SERVICES.join(', ')}`);
      const service = await serveOne(name);
      shutdownOn(service.close);
      return;
    }
    case 'token': {
      if (config.production) fail('tym token: the dev issuer is off under NODE_ENV=production');
      const { values } = parseArgs({
        args: rest,
        options: { org: { type: 'string' }, role: { type: 'string' }, area: { type: 'string', multiple: true }, municipality: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string' } },
      });
      if (!values.org || !values.role) fail('tym token: --org and --role are required');
      const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
      if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) fail('tym token: --ttl takes a whole number of seconds');
      const issuer = await devKeyPair(config.dataDir, 'issuer');
      try {
        console.log(await issueDevToken(issuer.privateKey, issuer.kid, { org: values.org, role: values.role, areas: values.area, municipality: values.municipality, sub: values.sub, ttlSeconds: ttl }));
      } catch (e) {
        fail(`tym token: ${(e as Error).message}`);
      }
      return;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { clients: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } } });
      const clients = values.clients === undefined ? DEFAULT_WORLD.clients : Number(values.clients);
      const seed = values.seed === undefined ? DEFAULT_WORLD.seed : Number(values.seed);
      if (!Number.isInteger(clients) || clients < 0) fail('tym seed: --clients takes a whole number');
      if (!Number.isInteger(seed)) fail('tym seed: --seed takes a whole number');
      const today = values.today ?? finnishDate();
      const started = Date.now();
      const world = buildWorld({ clients, seed, today });
      const databases = await openSubgraphDatabases({ dataDir: config.dataDir, pgUrl: config.pgUrl, settings: MAINTENANCE });
      try {
        await seedDatabases(databases, world);
      } finally {
        for (const d of Object.values(databases)) await d.close();
      }
      console.log(`seeded ${world.length} persons (${clients} generated + fixtures, seed ${seed}, today ${today}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    case 'compose': {
      const { values } = parseArgs({ args: rest, options: { check: { type: 'boolean' } } });
      const composed = await composeSupergraph();
      if (values.check) {
        let current = '';
        try {
          current = readFileSync(SUPERGRAPH_PATH, 'utf8');
        } catch { /* missing counts as drift */ }
        if (current !== composed) fail('schema/supergraph.graphql is out of date: run `tym compose` and commit it');
        console.log('schema/supergraph.graphql matches the subgraphs');
      } else {
        writeFileSync(SUPERGRAPH_PATH, composed);
        console.log(`wrote ${SUPERGRAPH_PATH}`);
      }
      return;
    }
    case 'retention': {
      const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' }, today: { type: 'string' } } });
      const today = values.today ?? finnishDate();
      if (!isIsoDate(today)) fail('tym retention: --today takes a date YYYY-MM-DD');
      const service = SUBGRAPH_SERVICES.joint;
      const database = await openDatabase({ location: locate('tym_joint', { pgUrl: config.pgUrl, dataDir: config.dataDir }), schema: service.schema, migrationsFolder: service.migrationsFolder, settings: MAINTENANCE });
      try {
        console.log(formatRetention(await runRetention(database.db as never, { today, dryRun: Boolean(values['dry-run']) })));
      } finally {
        await database.close();
      }
      return;
    }
    case 'audit': {
      const [sub, ...more] = rest;
      const { values } = parseArgs({ args: more, options: { years: { type: 'string' } } });
      const database = await openAuditDatabase(
        process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : locate('tym_audit', { pgUrl: config.pgUrl, dataDir: config.dataDir }),
        MAINTENANCE,
      );
      try {
        if (sub === 'verify' || sub === 'head') {
          const result = await verifyChain(database.db);
          if (!result.ok) {
            console.error(`disclosure log BROKEN at entry ${result.seq}: ${result.problem} (${result.checked} entries before it verified)`);
            process.exitCode = 1;
          } else if (sub === 'verify') {
            console.log(`disclosure log intact: ${result.count} entries verified; head ${result.headHash}`);
          } else {
            console.log(`${result.headSeq ?? 0} ${result.headHash}`);
          }
        } else if (sub === 'prune') {
          const years = values.years === undefined ? LOG_RETENTION_YEARS : Number(values.years);
          if (!Number.isInteger(years) || years < 1) fail('tym audit prune: --years takes a whole number of years');
          const before = `${addYears(finnishDate(), -years)}T00:00:00Z`;
          console.log(`pruned ${await pruneChain(database.db, before)} entries older than ${before}; the rest stays verifiable`);
        } else {
          fail(USAGE);
        }
      } finally {
        await database.close();
      }
      return;
    }
    default:
      fail(USAGE);
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
