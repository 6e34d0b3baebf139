// Health that tells the truth: `/health/live` says the process answers; `/health/ready` says what it
// depends on answers too (its database; for the gateway also the log database and the subgraphs).
// `/health` stays as it was, for compatibility. A failed check is named, never explained: no driver
// message or address leaves through a health endpoint.
import { sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { sendJson, type Route } from './http.ts';

/** Resolves when the dependency answers; throws (or times out) when it does not. */
export type Check = () => Promise<unknown>;

const CHECK_TIMEOUT_MS = 2000;

async function within<T>(check: Check, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check() as Promise<T>,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once: { ready, checks: { name: 'ok' | 'unavailable' } }. */
export async function readiness(checks: Record<string, Check>, timeoutMs = CHECK_TIMEOUT_MS) {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await within(check, timeoutMs);
        return [name, 'ok'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

/** The database answers a statement. */
export const databaseCheck =
  (database: Pick<Database<Record<string, unknown>>, 'db'>): Check =>
  () =>
    database.db.execute(sql`select 1`);

/** Another service says it is ready. */
export const readyCheck =
  (baseUrl: string): Check =>
  async () => {
    const res = await fetch(new URL('/health/ready', baseUrl), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  };

/** `/health/live` and `/health/ready` for a service with the given dependencies. */
export function healthRoutes(service: string, checks: Record<string, Check>): Record<string, Route> {
  return {
    '/health/live': (_req, res) => sendJson(res, 200, { status: 'live', service }),
    '/health/ready': async (_req, res) => {
      const { ready, checks: results } = await readiness(checks);
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', service, checks: results });
    },
  };
}

/**
 * The gateway's: ready when its disclosure-log database and every subgraph are ready (a response
 * with personal data needs all of them). `subgraphUrls` are the subgraphs' /graphql URLs.
 */
export function gatewayHealthRoutes(
  audit: Pick<Database<Record<string, unknown>>, 'db'>,
  subgraphUrls: Record<string, string>,
): Record<string, Route> {
  return healthRoutes('gateway', {
    'disclosure-log': databaseCheck(audit),
    ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [name, readyCheck(url)])),
  });
}
