// Operator commands (`tym audit …`, `tym retention`, `tym seed`) and the endpoint through which they
// reach a running system. The process that owns an embedded database (shared/lock.ts) is the only
// one that may open it, so while it runs the commands are sent to it; when nothing runs, the command
// opens the data itself. Either way the same functions below do the work and word the output.
//
// The endpoint listens apart from the gateway, on loopback unless configured otherwise, and answers
// only the operator credential: a random secret kept in the data directory (mode 0600) or given in
// TYM_OPERATOR_TOKEN. A caseworker's token never opens it: it is a different secret on a different
// port, and the endpoint reads no JWT at all.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SubgraphName } from '../shared/config.ts';
import { SUBGRAPHS } from '../shared/config.ts';
import type { Database } from '../shared/db.ts';
import { addYears, isIsoDate } from '../shared/dates.ts';
import { finnishDate } from '../shared/policy.ts';
import { buildWorld } from '../seed/world.ts';
import type { OpenSubgraph } from '../shared/service.ts';
import type { AuditSchema } from '../gateway/audit/db/schema.ts';
import { LOG_RETENTION_YEARS, pruneChain, verifyChain } from '../gateway/audit/chain.ts';
import { formatRetention, runRetention } from '../subgraphs/joint/retention.ts';
import { seedDatabases } from './system.ts';
import { loggerFor } from '../shared/logger.ts';
import { describeError } from '../shared/safe-errors.ts';

const log = loggerFor('operator');

/** What a command prints, and its exit code: the same whether it ran here or in the running system. */
export interface Output {
  code: number;
  stdout: string[];
  stderr: string[];
}
const ok = (...stdout: string[]): Output => ({ code: 0, stdout, stderr: [] });
const refused = (code: number, ...stderr: string[]): Output => ({ code, stdout: [], stderr });

/** The data a process owns: its subgraphs, opened with what is bound to them, and the disclosure log. */
export type OwnedDatabases = Partial<Record<SubgraphName, OpenSubgraph>> & { audit?: Database<AuditSchema> };

// --- the commands -------------------------------------------------------------------------------

export async function auditCommand(db: Database<AuditSchema>, sub: 'verify' | 'head', where: string): Promise<Output> {
  const result = await verifyChain(db.db);
  if (!result.ok) {
    return refused(
      1,
      `disclosure log BROKEN at entry ${result.seq}: ${result.problem} (${result.checked} entries before it verified)`,
    );
  }
  // A log that never had an entry has no head: most likely the wrong directory or database, and
  // "intact: 0 entries" would let an operator believe they checked the real one.
  if (result.headSeq === null) return refused(1, `no disclosure log in ${where}: it holds no entries`);
  return sub === 'verify'
    ? ok(`disclosure log intact: ${result.count} entries verified; head ${result.headHash}`)
    : ok(`${result.headSeq} ${result.headHash}`);
}

export async function auditPruneCommand(
  db: Database<AuditSchema>,
  years: number,
  today = finnishDate(),
): Promise<Output> {
  if (!Number.isInteger(years) || years < 1)
    return refused(2, 'tym audit prune: --years takes a whole number of years');
  const before = `${addYears(today, -years)}T00:00:00Z`;
  return ok(`pruned ${await pruneChain(db.db, before)} entries older than ${before}; the rest stays verifiable`);
}

/** `tym audit verify|head|prune` on the log `databases` holds. */
export function auditOn(
  databases: OwnedDatabases,
  sub: 'verify' | 'head' | 'prune',
  opts: { years?: number; where?: string },
): Promise<Output> {
  return withDb(databases.audit, 'audit', (db) =>
    sub === 'prune'
      ? auditPruneCommand(db, opts.years ?? LOG_RETENTION_YEARS)
      : auditCommand(db, sub, opts.where ?? 'the log database'),
  );
}

export async function retentionCommand(joint: OpenSubgraph, opts: { today: string; dryRun: boolean }): Promise<Output> {
  if (!isIsoDate(opts.today)) return refused(2, 'tym retention: --today takes a date YYYY-MM-DD');
  return ok(formatRetention(await runRetention(joint.database.db, opts)));
}

export interface SeedRequest {
  clients: number;
  seed: number;
  today: string;
}

/** Seeds the given databases; several owners each seed theirs from the same deterministic world. */
export async function seedCommand(databases: OwnedDatabases, req: SeedRequest): Promise<Output> {
  if (!Number.isInteger(req.clients) || req.clients < 0) return refused(2, 'tym seed: --clients takes a whole number');
  if (!Number.isInteger(req.seed)) return refused(2, 'tym seed: --seed takes a whole number');
  if (!isIsoDate(req.today)) return refused(2, 'tym seed: --today takes a date YYYY-MM-DD');
  const started = Date.now();
  const world = buildWorld(req);
  await seedDatabases(databases, world);
  return ok(
    `seeded ${world.length} persons (${req.clients} generated + fixtures, seed ${req.seed}, today ${req.today}) ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

// --- the credential -----------------------------------------------------------------------------

/** The operator credential: TYM_OPERATOR_TOKEN, else `<dataDir>/operator.token`, made on first use. */
export function operatorToken(dataDir: string, configured: string | undefined, create: boolean): string | undefined {
  if (configured) return configured;
  const path = join(dataDir, 'operator.token');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !create) return undefined;
  }
  mkdirSync(dataDir, { recursive: true });
  // Published whole (written aside, then linked; the link fails if another process was first), so
  // no reader ever sees a partly written credential.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  chmodSync(path, 0o600);
  return readFileSync(path, 'utf8').trim();
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorised(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  // Equal-length digests: the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(given), digest(token));
}

// --- the endpoint -------------------------------------------------------------------------------

export interface OperatorEndpoint {
  url: string;
  close(): Promise<void>;
}

export async function startOperatorEndpoint(opts: {
  host: string;
  port: number;
  token: string;
  databases: OwnedDatabases;
  /** where the log lives, for messages */
  auditWhere?: string;
}): Promise<OperatorEndpoint> {
  // A short or empty secret would let anyone on the machine in.
  if (opts.token.length < 16)
    throw new Error('the operator credential (TYM_OPERATOR_TOKEN or operator.token) must be at least 16 characters');
  const { databases } = opts;
  const handlers: Record<string, (body: Record<string, unknown>) => Promise<Output>> = {
    '/audit/verify': async () => auditOn(databases, 'verify', { where: opts.auditWhere }),
    '/audit/head': async () => auditOn(databases, 'head', { where: opts.auditWhere }),
    '/audit/prune': async (b) => auditOn(databases, 'prune', { years: Number(b.years ?? LOG_RETENTION_YEARS) }),
    '/retention': async (b) =>
      withDb(databases.joint, 'joint', (joint) =>
        retentionCommand(joint, { today: String(b.today ?? finnishDate()), dryRun: b.dryRun === true }),
      ),
    '/seed': async (b) => {
      const names = (Array.isArray(b.databases) ? b.databases : SUBGRAPHS) as SubgraphName[];
      const missing = names.filter((n) => !SUBGRAPHS.includes(n) || !databases[n]);
      if (missing.length > 0) return refused(2, `this process does not hold the ${missing.join(', ')} database(s)`);
      return seedCommand(Object.fromEntries(names.map((n) => [n, databases[n]])), {
        clients: Number(b.clients),
        seed: Number(b.seed),
        today: String(b.today ?? finnishDate()),
      });
    },
  };
  // One command at a time: they are rare, and two at once (a seed and a verify) gain nothing.
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer(async (req, res) => {
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(value));
    };
    if (!authorised(req, opts.token)) return send(401, { error: 'operator credential required' });
    const handler = req.method === 'POST' ? handlers[new URL(req.url ?? '/', 'http://localhost').pathname] : undefined;
    if (!handler) return send(404, { error: 'not found' });
    let body: Record<string, unknown> = {};
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      if (text) body = JSON.parse(text);
    } catch {
      return send(400, { error: 'body is not JSON' });
    }
    const run = queue.then(() => handler(body));
    queue = run.catch(() => {});
    try {
      send(200, await run);
    } catch (e) {
      log.error({ error: describeError(e) }, 'operator command failed');
      send(200, refused(1, `the command failed in the running system: ${(e as Error).message}`));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function withDb<D>(db: D | undefined, name: string, f: (db: D) => Promise<Output>) {
  return db ? f(db) : Promise.resolve(refused(2, `this process does not hold the ${name} database`));
}

/** Sends a command to the running system's endpoint. */
export async function callOperator(
  url: string,
  token: string,
  path: string,
  body: Record<string, unknown>,
): Promise<Output> {
  const res = await fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status === 401)
    return refused(2, 'the running system refused the operator credential (TYM_OPERATOR_TOKEN or operator.token)');
  if (!res.ok) return refused(2, `the running system answered HTTP ${res.status} to ${path}`);
  return (await res.json()) as Output;
}

export function print(out: Output): void {
  for (const line of out.stdout) console.log(line);
  for (const line of out.stderr) console.error(line);
  process.exitCode = out.code;
}
