// A database that fails does not take the system down: PostgreSQL stopped under load fails the
// requests in flight with a clean error, the process survives without an unhandled rejection, and
// the system answers again once the server is back, without a restart. Pools have connect and
// statement timeouts (shared/config.ts `database`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, withDatabase, type Database } from '../shared/db.ts';
import { DEFAULT_DATABASE_SETTINGS, readDatabaseSettings } from '../shared/config.ts';
import type { System } from '../cli/system.ts';
import { entries, schema as auditSchema, type AuditSchema } from '../gateway/audit/db/schema.ts';
import { AUDIT_MIGRATIONS } from '../gateway/index.ts';
import { gql, startTestSystem, type GqlResult } from './support/system.ts';
import {
  createPrivatePostgres,
  PG_BIN,
  privatePostgresAvailable,
  type PrivatePostgres,
} from './support/private-postgres.ts';

const LOOK = `query Look($hetu: ID!) { client(hetu: $hetu) {
  joint { identity { lastName } plan { deadline } }
  employment { education { degree } } } }`;
const FIXTURE = '150385-9013';
/** What a request may answer while the database is away: an error code, never a driver's words. */
const CLEAN_CODES = ['INTERNAL_SERVER_ERROR', 'AUDIT_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE'];
const DRIVER_WORDS = /select|insert|econn|terminat|57P01|admin_shutdown|connection|postgres|relation|sql/i;

describe('database settings', () => {
  it('reads TYM_DB_* with defaults of a few seconds, and refuses nonsense', () => {
    expect(readDatabaseSettings({})).toEqual(DEFAULT_DATABASE_SETTINGS);
    expect(DEFAULT_DATABASE_SETTINGS.connectTimeoutSeconds).toBeLessThanOrEqual(10);
    expect(DEFAULT_DATABASE_SETTINGS.statementTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(
      readDatabaseSettings({
        TYM_DB_CONNECT_TIMEOUT_SECONDS: '2',
        TYM_DB_STATEMENT_TIMEOUT_MS: '0',
        TYM_DB_IDLE_TIMEOUT_SECONDS: '7',
        TYM_DB_POOL_SIZE: '3',
        TYM_DB_PREPARED_STATEMENTS: 'false',
      }),
    ).toEqual({
      connectTimeoutSeconds: 2,
      statementTimeoutMs: 0,
      idleTimeoutSeconds: 7,
      poolSize: 3,
      preparedStatements: false,
    });
    expect(() => readDatabaseSettings({ TYM_DB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/TYM_DB_STATEMENT_TIMEOUT_MS/);
    expect(() => readDatabaseSettings({ TYM_DB_POOL_SIZE: 'ten' })).toThrow(/TYM_DB_POOL_SIZE/);
  });

  it('gives up connecting to a server that accepts and never answers, after the connect timeout', async () => {
    // A listener that takes the TCP connection and says nothing: without a timeout, a pool waits. Its
    // sockets are ours to end: one reset by the giving-up client must not surface later as an uncaught error.
    const accepted = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      socket.on('error', () => {});
      accepted.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = performance.now();
    try {
      await expect(
        openDatabase({
          location: { kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/tym_silent` },
          schema: {},
          migrationsFolder: 'unused',
          settings: { connectTimeoutSeconds: 1 },
        }),
      ).rejects.toMatchObject({ code: 'CONNECT_TIMEOUT' });
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of accepted) socket.destroy();
      silent.close();
    }
  });
});

const needServer = `a private PostgreSQL 15 server (${PG_BIN}/initdb not found)`;

describe.skipIf(!privatePostgresAvailable)('PostgreSQL that stops and starts again', () => {
  let pg: PrivatePostgres;
  let system: System;
  let token: string;
  let analyst: string;
  let expected: unknown;
  const troubles: unknown[] = [];
  const onTrouble = (e: unknown) => void troubles.push(e);

  beforeAll(async () => {
    process.on('unhandledRejection', onTrouble);
    process.on('uncaughtException', onTrouble);
    pg = await createPrivatePostgres();
    system = await startTestSystem({ name: 'postgres', pgUrl: pg.url });
    token = await system.token({ org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] });
    analyst = await system.token({ org: 'employment', role: 'analyst', areas: ['ita-uusimaa'] });
    const first = await look();
    expect(first.errors).toBeUndefined();
    expected = first.data;
  }, 60_000);

  afterAll(async () => {
    try {
      await system?.close();
    } finally {
      await pg?.destroy();
      process.off('unhandledRejection', onTrouble);
      process.off('uncaughtException', onTrouble);
    }
  }, 30_000);

  const look = () => gql(system.url, LOOK, { token, purpose: 'ASSESSMENT', variables: { hetu: FIXTURE } });
  const logged = async () =>
    (await system.gateway.audit.db.db.select({ n: sql<number>`count(*)::int` }).from(entries))[0]!.n;

  /** Request ids of answers that carried personal data beside a failed field. */
  const partial: string[] = [];
  /** An answer is right (the same as before the outage) or a clean refusal; a lost connection is a crash. */
  async function attempt(): Promise<'ok' | 'failed'> {
    let r: GqlResult;
    try {
      r = await look();
    } catch (e) {
      throw new Error(`the gateway did not answer: ${(e as Error).message}`);
    }
    if (!r.errors) {
      expect(r.data).toEqual(expected);
      return 'ok';
    }
    for (const error of r.errors) {
      expect(CLEAN_CODES, JSON.stringify(error)).toContain(error.extensions?.code);
      expect(error.message).not.toMatch(DRIVER_WORDS);
    }
    // Personal data may leave beside a failed field only when it was logged first (docs/LAW.md rule 18:
    // log or refuse); such answers are checked against the log once the server is back.
    if (JSON.stringify(r.data ?? null).includes('lastName')) {
      partial.push(String(r.errors[0]?.extensions?.requestId));
    }
    return 'failed';
  }

  it('fails requests in flight cleanly while the server is down and recovers without a restart', async () => {
    const before = await logged();
    const TOTAL = 100;
    const STOP_AT = 20;
    const START_AT = 60;
    const outcomes: { outcome: 'ok' | 'failed'; ended: number }[] = [];
    let next = 0;
    let stopped = Number.POSITIVE_INFINITY;
    let outage: Promise<void> = Promise.resolve();
    // Four callers at once; the server stops under them and comes back while they keep asking.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < TOTAL) {
          const i = next++;
          if (i === STOP_AT) {
            stopped = performance.now();
            outage = pg.stop();
          }
          if (i === START_AT) outage = outage.then(() => pg.start());
          outcomes[i] = { outcome: await attempt(), ended: performance.now() };
        }
      }),
    );
    await outage;
    // Every request that ended before the server began to stop was answered in full. (Which ones were still
    // under way then depends on how long each took, not on its number.)
    const endedBeforeStop = outcomes.filter((o) => o.ended < stopped);
    expect(endedBeforeStop.length).toBeGreaterThanOrEqual(STOP_AT - 3);
    expect(endedBeforeStop.filter((o) => o.outcome === 'failed')).toEqual([]);
    expect(outcomes.filter((o) => o.outcome === 'failed').length).toBeGreaterThan(0);

    // Back again: the same answer, logged, within a few seconds and without restarting anything.
    const deadline = Date.now() + 20_000;
    let last: 'ok' | 'failed' = 'failed';
    while (Date.now() < deadline && (last = await attempt()) === 'failed') await new Promise((r) => setTimeout(r, 200));
    expect(last).toBe('ok');
    for (let i = 0; i < 10; i++) expect(await attempt()).toBe('ok');
    expect(await logged()).toBeGreaterThan(before);
    for (const requestId of partial) {
      const [found] = await system.gateway.audit.db.db
        .select({ n: sql<number>`count(*)::int` })
        .from(entries)
        .where(eq(entries.requestId, requestId));
      expect(found!.n, `answer ${requestId} carried data`).toBeGreaterThan(0);
    }

    // The statistics slices run on several pooled connections at once: none of them is a dead one.
    for (const from of ['2020-01-01', '2021-01-01', '2022-01-01']) {
      const r = await gql<any>(
        system.url,
        `{ statistics(area: "ita-uusimaa", from: "${from}") { total { clients } } }`,
        { token: analyst, purpose: 'STATISTICS' },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.statistics.total.clients).toBeGreaterThan(0);
    }
    expect(troubles).toEqual([]);
  }, 90_000);

  it('cancels a statement that runs past the statement timeout, and the pool goes on', async () => {
    let database: Database<AuditSchema> | undefined;
    try {
      database = await openDatabase({
        location: { kind: 'postgres', url: withDatabase(pg.url, 'tymtest_timeout') },
        schema: auditSchema,
        migrationsFolder: AUDIT_MIGRATIONS,
        settings: { statementTimeoutMs: 500 },
      });
      const started = performance.now();
      const error = await database.db.execute(sql`select pg_sleep(10)`).then(
        () => null,
        (e) => e,
      );
      // 57014 query_canceled, from the driver itself or under drizzle's wrapper
      expect(error?.code ?? error?.cause?.code).toBe('57014');
      expect(performance.now() - started).toBeLessThan(5000);
      expect(await database.db.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
    } finally {
      await database?.close();
    }
    expect(troubles).toEqual([]);
  }, 30_000);

  it('closes a pool whose server has gone away, without hanging or an unhandled rejection', async () => {
    const database = await openDatabase({
      location: { kind: 'postgres', url: withDatabase(pg.url, 'tymtest_closing') },
      schema: auditSchema,
      migrationsFolder: AUDIT_MIGRATIONS,
    });
    await database.db.execute(sql`select 1`); // a pooled connection, idle when the server goes
    await pg.stop();
    try {
      const started = performance.now();
      await expect(database.db.execute(sql`select 1`)).rejects.toBeTruthy();
      await database.close();
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await pg.start();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(troubles).toEqual([]);
  }, 30_000);

  // Each new connection first reads the server's array types (the driver's fetch_types). A connection that
  // fails during that read, as in a restart, must fail or retry the statement waiting on it, nothing more:
  // the read's own failure had no one to receive it, and an unhandled rejection ends a Node.js process.
  it.each([
    ['the server ends it with a FATAL error', 'fatal'],
    ['the connection is reset', 'reset'],
  ] as const)(
    'survives a new connection failing while the driver reads the array types: %s',
    async (_, mode) => {
      const proxy = await failingTypesProxy(pg.port, mode);
      const url = withDatabase(`postgres://postgres@127.0.0.1:${proxy.port}/`, 'tymtest_types');
      const database = await openDatabase({
        location: { kind: 'postgres', url },
        schema: auditSchema,
        migrationsFolder: AUDIT_MIGRATIONS,
      });
      try {
        // The pool opens new connections for statements at once; the first one's type read fails.
        proxy.arm();
        const first = await Promise.allSettled(
          Array.from({ length: 4 }, () => database.db.execute(sql`select pg_sleep(0.05)`)),
        );
        expect(proxy.failed()).toBe(1);
        const refused = first.filter((r) => r.status === 'rejected');
        // Ended by the server while starting: the statement goes to the next connection, and is not handed
        // the error the server sent to the first. Reset: the statement fails, as any on a reset connection.
        expect(refused.length).toBe(mode === 'fatal' ? 0 : 1);
        // Afterwards the pool works, on the connections that started well and on new ones.
        for (let i = 0; i < 6; i++) expect(await database.db.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
      } finally {
        // Nothing is left in flight on the failed connection: closing the pool does not wait out its timeout.
        const closing = performance.now();
        await database.close();
        expect(performance.now() - closing).toBeLessThan(3000);
        proxy.close();
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(troubles).toEqual([]);
    },
    30_000,
  );
});

/**
 * A TCP proxy to the server that, once armed, fails the first connection that asks for the array types:
 * `fatal` answers with the FATAL error a restart sends and closes; `reset` resets the connection.
 */
async function failingTypesProxy(serverPort: number, mode: 'fatal' | 'reset') {
  let armed = false;
  let failed = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(serverPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('data', (d) => client.write(d));
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (d) => {
      if (armed && failed === 0 && d.includes('typarray')) {
        failed++;
        upstream.destroy();
        if (mode === 'reset') return client.resetAndDestroy();
        return client.end(fatalError('57P01', 'terminating connection due to administrator command'));
      }
      upstream.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    arm: () => void (armed = true),
    failed: () => failed,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** A PostgreSQL ErrorResponse message of severity FATAL. */
function fatalError(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

if (!privatePostgresAvailable) {
  describe('PostgreSQL that stops and starts again', () => {
    it.skip(`needs ${needServer}`, () => {});
  });
}
