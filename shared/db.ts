// One database per service (DESIGN.md decision 6): PGlite under the data directory by default,
// a PostgreSQL server when one is configured. Migrations are applied on open.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { readDatabaseSettings, type DatabaseSettings } from './config.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db<S extends Record<string, unknown> = Record<string, never>> = PgDatabase<PgQueryResultHKT, S>;

export interface Database<S extends Record<string, unknown>> {
  db: Db<S>;
  kind: 'pglite' | 'postgres';
  /** SQL statements run through drizzle since open (the batching tests read it). */
  stats: { queries: number };
  /**
   * Runs maintenance (seeding, compacting) without the statement timeout, on a connection of its
   * own: a bulk load may take longer than any request should, and must not be cancelled for it.
   */
  maintenance<T>(run: (db: Db<S>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Location =
  | { kind: 'pglite'; dir: string | null } // null: in memory
  | { kind: 'postgres'; url: string }; // the full URL of this service's database

export interface OpenOptions<S extends Record<string, unknown>> {
  location: Location;
  schema: S;
  migrationsFolder: string;
  /** over TYM_DB_* (shared/config.ts); e.g. `{ statementTimeoutMs: 0 }` for maintenance commands */
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
  const logger = { logQuery: () => void stats.queries++ };
  if (opts.location.kind === 'pglite') {
    if (opts.location.dir) mkdirSync(opts.location.dir, { recursive: true });
    const client = await PGlite.create(opts.location.dir ?? undefined);
    const db = drizzlePglite({ client, schema: opts.schema, logger });
    await migratePglite(db, { migrationsFolder: opts.migrationsFolder });
    stats.queries = 0;
    statementsAtOnceOf.set(db, 1);
    const open = db as unknown as Db<S>;
    // PGlite has no statement timeout to lift.
    return { db: open, kind: 'pglite', stats, maintenance: (run) => run(open), close: once(() => client.close()) };
  }
  const settings = { ...readDatabaseSettings(), ...opts.settings };
  const url = opts.location.url;
  await ensureDatabase(url, settings);
  await migrateAlone(url, opts.migrationsFolder, settings);
  const client = postgres(url, poolOptions(settings, settings.poolSize));
  const db = drizzlePostgres({ client, schema: opts.schema, logger });
  statementsAtOnceOf.set(db, settings.poolSize);
  const maintenance = async <T>(run: (db: Db<S>) => Promise<T>): Promise<T> => {
    const alone = postgres(url, poolOptions({ ...settings, statementTimeoutMs: 0 }, 1));
    try {
      return await run(drizzlePostgres({ client: alone, schema: opts.schema, logger }) as unknown as Db<S>);
    } finally {
      await alone.end({ timeout: 5 });
    }
  };
  return { db: db as unknown as Db<S>, kind: 'postgres', stats, maintenance, close: once(() => client.end({ timeout: 5 })) };
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
 * a long-lived log may take longer than any request should.
 */
async function migrateAlone(url: string, migrationsFolder: string, settings: DatabaseSettings): Promise<void> {
  const client = postgres(url, poolOptions({ ...settings, statementTimeoutMs: 0 }, 1));
  try {
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
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
export async function ensureDatabase(url: string, settings = readDatabaseSettings()): Promise<void> {
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
