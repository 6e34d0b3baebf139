// One database per service (docs/DESIGN.md decision 6): PGlite under the data directory by default,
// a PostgreSQL server when one is configured. Migrations are applied on open.
import { existsSync, mkdirSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { type SQL, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { DEFAULT_DATABASE_SETTINGS, type DatabaseSettings } from './config.ts';
import { acquireLock } from './lock.ts';
import { copyTemplateInto, pgliteModule, templateImage } from './pglite-template.ts';
import { withKeptStatements } from './pglite-statements.ts';
import { statementLogger } from './db-telemetry.ts';
import { setPoolSize } from './metrics.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db<S extends Record<string, unknown> = Record<string, never>> = PgDatabase<PgQueryResultHKT, S>;

/**
 * Any service's database, for code that uses only the query builder: each statement names its tables,
 * so the relational schema the database was opened with does not matter (the shared tables, retention).
 */
export type AnyDb = Db<Record<string, unknown>>;

/**
 * The SQLSTATE of a statement's failure, down the chain of causes (drizzle wraps the driver's error;
 * postgres.js and PGlite both carry the server's code); undefined for a failure without one (a lost
 * connection, a timeout in the driver).
 */
export function sqlStateOf(e: unknown): string | undefined {
  for (let cause = e, depth = 0; cause && depth < 5; depth++) {
    const { code, cause: next } = cause as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cause = next;
  }
  return undefined;
}

/**
 * The rows of a raw statement (`db.execute`), whichever driver ran it: postgres.js answers the rows
 * themselves, PGlite an object holding them.
 */
export async function executeRows<R = Record<string, unknown>>(
  db: { execute(query: SQL): PromiseLike<unknown> },
  query: SQL,
): Promise<R[]> {
  const result = (await db.execute(query)) as R[] | { rows: R[] };
  return Array.isArray(result) ? result : result.rows;
}

export interface Database<S extends Record<string, unknown>> {
  db: Db<S>;
  kind: 'pglite' | 'postgres';
  /** The database's name in metrics and logs (`tym_db_*`'s `database` label). */
  label: string;
  /** SQL statements run through drizzle since open (the batching tests read it). */
  stats: { queries: number };
  /**
   * Runs maintenance (seeding, compacting) without the statement timeout, on a connection of its
   * own: a bulk load may take longer than any request should, and must not be cancelled for it.
   */
  maintenance<T>(run: (db: Db<S>) => Promise<T>): Promise<T>;
  /**
   * Makes what was committed so far survive a crash of the machine, not only of the process.
   * PostgreSQL's commit already is (fsync and synchronous_commit on); PGlite's is not (below).
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export type Location =
  | { kind: 'pglite'; dir: string | null } // null: in memory
  | { kind: 'postgres'; url: string }; // the full URL of this service's database

export interface OpenOptions<S extends Record<string, unknown>> {
  location: Location;
  schema: S;
  migrationsFolder: string;
  /**
   * over the defaults: the process's `Config.database` (TYM_DB_*, shared/config.ts), and e.g.
   * `{ statementTimeoutMs: 0 }` for maintenance commands
   */
  settings?: Partial<DatabaseSettings>;
}

/** Closing twice is harmless: shutdown paths may overlap. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

// How many statements each open database runs at once: PGlite one, a PostgreSQL pool its size.
const statementsAtOnceOf = new WeakMap<object, number>();

/** How many statements `db` can run at the same time (1 for PGlite, which runs them in turn). */
export const statementsAtOnce = (db: object): number => statementsAtOnceOf.get(db) ?? 1;

export async function openDatabase<S extends Record<string, unknown>>(opts: OpenOptions<S>): Promise<Database<S>> {
  const stats = { queries: 0 };
  const name = databaseLabel(opts);
  const logger = statementLogger(name, stats);
  if (opts.location.kind === 'pglite') {
    const dir = opts.location.dir;
    // One process owns the directory (shared/lock.ts): taken before a single file is opened.
    const release = dir ? acquireLock(dir) : () => {};
    try {
      // A fresh database starts as a copy of a migrated cluster (shared/pglite-template.ts): no initdb.
      if (dir) mkdirSync(dir, { recursive: true });
      if (dir && !existsSync(join(dir, 'PG_VERSION'))) await copyTemplateInto(dir, opts.migrationsFolder);
      const loadDataDir = dir ? undefined : await templateImage(opts.migrationsFolder);
      const client = await PGlite.create(dir ?? undefined, { pgliteWasmModule: await pgliteModule(), loadDataDir });
      // Statements prepared once and kept (shared/pglite-statements.ts), as on PostgreSQL's connections.
      const db = drizzlePglite({ client: withKeptStatements(client), schema: opts.schema, logger });
      await migratePglite(db, { migrationsFolder: opts.migrationsFolder });
      stats.queries = 0;
      statementsAtOnceOf.set(db, 1);
      setPoolSize(name, 1);
      const close = once(async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      });
      const open = db as unknown as Db<S>;
      // PGlite has no statement timeout to lift.
      return {
        db: open,
        kind: 'pglite',
        label: name,
        stats,
        maintenance: (run) => run(open),
        sync: dir ? walSyncer(dir) : async () => {},
        close,
      };
    } catch (e) {
      release();
      throw e;
    }
  }
  const settings = { ...DEFAULT_DATABASE_SETTINGS, ...opts.settings };
  const url = opts.location.url;
  await ensureDatabase(url, settings);
  await migrateAlone(url, opts.migrationsFolder, settings);
  const client = postgres(url, poolOptions(settings, settings.poolSize));
  if (settings.preparedStatements) preparing(client);
  const db = drizzlePostgres({ client, schema: opts.schema, logger });
  statementsAtOnceOf.set(db, settings.poolSize);
  setPoolSize(name, settings.poolSize);
  const maintenance = async <T>(run: (db: Db<S>) => Promise<T>): Promise<T> => {
    const alone = postgres(url, poolOptions({ ...settings, statementTimeoutMs: 0 }, 1));
    try {
      return await run(drizzlePostgres({ client: alone, schema: opts.schema, logger }) as unknown as Db<S>);
    } finally {
      await alone.end({ timeout: 5 });
    }
  };
  return {
    db: db as unknown as Db<S>,
    kind: 'postgres',
    label: name,
    stats,
    maintenance,
    sync: async () => {},
    close: once(() => client.end({ timeout: 5 })),
  };
}

/**
 * drizzle sends every statement not made with `.prepare()` unnamed (postgres.js `prepare: false`), which the
 * server parses and plans anew each time. This project's statements are a fixed set of texts (a batch's keys
 * travel as one array parameter, rows as one JSON parameter: shared/loaders.ts, shared/json-insert.ts), so
 * each connection prepares each text once and reuses it, as postgres.js does by default
 * (TYM_DB_PREPARED_STATEMENTS=false turns it off, for a pooler in transaction mode).
 */
function preparing(client: postgres.Sql<Record<string, unknown>>): void {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, params?: never[], options?: object) =>
    unsafe(query, params, { ...options, prepare: true })) as typeof client.unsafe;
  // A transaction's statements run on a client of its own (drizzle's db.transaction: the log's commits),
  // which begins no transaction itself.
  if (typeof client.begin !== 'function') return;
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.begin = ((...args: unknown[]) => {
    const run = args.pop() as (tx: postgres.Sql<Record<string, unknown>>) => unknown;
    return begin(...args, (tx: postgres.Sql<Record<string, unknown>>) => {
      preparing(tx);
      return run(tx);
    });
  }) as typeof client.begin;
}

/**
 * The database's name in metrics and spans: its PostgreSQL name, its PGlite directory's name, or for a
 * database in memory (tests) the service whose migrations it runs (…/<service>/db/migrations).
 */
function databaseLabel(opts: OpenOptions<Record<string, unknown>>): string {
  const { location } = opts;
  if (location.kind === 'postgres') return decodeURIComponent(new URL(location.url).pathname.slice(1));
  return location.dir ? basename(location.dir) : `memory_${basename(dirname(dirname(opts.migrationsFolder)))}`;
}

/**
 * A pool that a failing server cannot hang: connecting gives up after the connect timeout, and the
 * server cancels a statement past the statement timeout (sent at connect, so it holds for every
 * statement on every connection). A connection the server drops fails only the statements on it;
 * the pool opens a new one for the next statement, so the service recovers when the server does.
 * The driver's own pause before reconnecting grows to 20 s, and a statement waits it out before it
 * may even fail: capped at a second, a request during an outage fails in about that time.
 */
function poolOptions(settings: DatabaseSettings, max: number): postgres.Options<Record<string, never>> {
  return {
    onnotice: () => {},
    max,
    connect_timeout: settings.connectTimeoutSeconds,
    idle_timeout: settings.idleTimeoutSeconds,
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1),
    ...(settings.statementTimeoutMs > 0 ? { connection: { statement_timeout: settings.statementTimeoutMs } } : {}),
  };
}

/**
 * Migrations run on a connection of their own without the statement timeout: building an index on
 * a long-lived log may take longer than any request should. Replicas of a service that start together
 * take turns (a session advisory lock, released when the connection ends): otherwise each would find
 * the migrations pending and all but one would fail creating the same tables.
 */
async function migrateAlone(url: string, migrationsFolder: string, settings: DatabaseSettings): Promise<void> {
  const client = postgres(url, poolOptions({ ...settings, statementTimeoutMs: 0 }, 1));
  try {
    await client`select pg_advisory_lock(hashtext('tym migrations'))`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * PGlite runs PostgreSQL with fsync off (its start parameters carry -F, and its Node file system
 * has no fsync). A commit still writes its WAL into the files before it returns, so it survives
 * the process being killed; what it does not survive is the machine losing power before the
 * kernel writes it out. This fsyncs the WAL segments written since the last call, and the WAL
 * directory when its segments changed (one made, or an old one renamed for reuse): after it, the
 * commits before it survive that too. The file operations run on libuv's thread pool, so that the
 * services (and PGlite, on the same thread) go on meanwhile; PGlite may then remove a segment at a
 * checkpoint while it is looked at, which needs no sync.
 */
function walSyncer(dir: string): () => Promise<void> {
  const wal = join(dir, 'pg_wal');
  let since = 0;
  let segmentsSynced = '';
  let running: Promise<void> = Promise.resolve();
  const syncOnce = async () => {
    const started = Date.now();
    const segments = (await readdir(wal)).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort();
    await Promise.all(
      segments.map((name) =>
        unlessRemoved(async () => {
          const path = join(wal, name);
          // A millisecond of slack: a write in the same millisecond as the last sync is synced again.
          if ((await stat(path)).mtimeMs >= since - 1) await fsyncPath(path);
        }),
      ),
    );
    const names = segments.join();
    if (names !== segmentsSynced) {
      await fsyncPath(wal);
      segmentsSynced = names;
    }
    since = started;
  };
  // Calls queue behind each other: a caller's commits are synced by the run that starts after it.
  return () => (running = running.then(syncOnce, syncOnce));
}

async function unlessRemoved(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

async function fsyncPath(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Refuses a PostgreSQL log database whose commit is not durable (fsync or synchronous_commit off,
 * for the server, the database or the role): a response would be acknowledged on entries a crash
 * can still take away (docs/LAW.md rules 18–19). PGlite's commit is made durable by Database.sync.
 */
export async function assertDurableCommits(database: Database<Record<string, unknown>>): Promise<void> {
  if (database.kind !== 'postgres') return;
  const setting = async (name: string) => {
    const rows = (await database.db.execute(sql`select current_setting(${name}) as value`)) as unknown as {
      value: string;
    }[];
    return rows[0]?.value;
  };
  for (const name of ['fsync', 'synchronous_commit']) {
    const value = await setting(name);
    if (value === 'off') {
      throw new Error(
        `refusing to start: the disclosure log's PostgreSQL runs with ${name}=${value}, so an acknowledged ` +
          `entry could be lost in a crash`,
      );
    }
  }
}

/** Whether a service's database already exists: read-only commands must not create an empty one. */
export async function databaseExists(location: Location): Promise<boolean> {
  if (location.kind === 'pglite') return location.dir !== null && existsSync(join(location.dir, 'PG_VERSION'));
  const name = decodeURIComponent(new URL(location.url).pathname.slice(1));
  const admin = postgres(withDatabase(location.url, 'postgres'), { onnotice: () => {}, max: 1 });
  try {
    return (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Where a service's database lives, from the config (TYM_PG_URL) or the data directory. */
export function locate(name: string, opts: { pgUrl?: string; dataDir?: string | null }): Location {
  if (opts.pgUrl) return { kind: 'postgres', url: withDatabase(opts.pgUrl, name) };
  return { kind: 'pglite', dir: opts.dataDir ? join(opts.dataDir, 'db', name) : null };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database named in `url` on its server when it does not exist yet. */
export async function ensureDatabase(url: string, settings = DEFAULT_DATABASE_SETTINGS): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  const admin = postgres(withDatabase(url, 'postgres'), poolOptions(settings, 1));
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) {
      try {
        await admin.unsafe(`create database "${name}"`);
      } catch (e) {
        // Another process created it between our check and our create.
        if (!['42P04', '23505'].includes((e as { code?: string }).code ?? '')) throw e;
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = postgres(withDatabase(url, 'postgres'), { onnotice: () => {}, max: 1 });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
