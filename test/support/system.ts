// Starts the whole system in-process for cross-service tests: on PGlite in memory, and on the
// PostgreSQL server named by TYM_TEST_PG_URL (fresh databases per run, dropped afterwards).
import { randomBytes } from 'node:crypto';
import { dropDatabase, withDatabase } from '../../shared/db.ts';
import { SUBGRAPHS } from '../../shared/config.ts';
import { finnishDate } from '../../shared/policy.ts';
import type { TokenRequest } from '../../gateway/auth.ts';
import { startSystem, type System, type SystemOptions } from '../../cli/system.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  pgUrl?: string;
}

/** PGlite always; PostgreSQL too when TYM_TEST_PG_URL is set (CI sets it). */
export const BACKENDS: Backend[] = [
  { name: 'pglite' },
  ...(process.env.TYM_TEST_PG_URL ? [{ name: 'postgres' as const, pgUrl: process.env.TYM_TEST_PG_URL }] : []),
];

export const TEST_WORLD = { clients: 120, seed: 7 };

export async function startTestSystem(
  backend: Backend,
  world = TEST_WORLD,
  extra: Partial<SystemOptions> = {},
): Promise<System> {
  const dbPrefix = backend.pgUrl ? `tymtest_${randomBytes(4).toString('hex')}` : undefined;
  const system = await startSystem({
    dataDir: null,
    pgUrl: backend.pgUrl,
    dbPrefix,
    gatewayPort: 0,
    seed: { ...world, today: finnishDate() },
    ...extra,
  });
  if (!backend.pgUrl || !dbPrefix) return system;
  return {
    ...system,
    async close() {
      await system.close();
      for (const name of [...SUBGRAPHS, 'audit'])
        await dropDatabase(withDatabase(backend.pgUrl!, `${dbPrefix}_${name}`));
    },
  };
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Call {
  token?: string | null;
  purpose?: string | null;
  caseReference?: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  call: Call = {},
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.purpose) headers['x-tym-purpose'] = call.purpose;
  if (call.caseReference) headers['x-tym-case'] = call.caseReference;
  Object.assign(headers, call.headers);
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables: call.variables }) });
  const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
  return { status: res.status, ...body };
}

/** A caller by a short description, e.g. employment specialist of Itä-Uusimaa. */
export const as = (system: System, req: TokenRequest) => system.token(req);

export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);
export const errorAt = (r: GqlResult, path: string) => r.errors?.find((e) => e.path?.join('.') === path);

/** Errors as a caller compares them: every error carries its own request's id, all else must match. */
export const withoutRequestIds = <E extends { extensions?: Record<string, unknown> }>(errors: E[] | undefined) =>
  errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } }));

type StatementCounts = Record<keyof System['databases'], number>;

/**
 * The statements each of the system's databases ran for `request`, not counting the system's own upkeep: the
 * compaction after seeding is awaited, and of two runs the fewer counts, since a subgraph sweeps its expired
 * ticket claims at its first claim of each minute (shared/ticket-uses.ts), in at most one of two runs made
 * seconds apart.
 */
export async function statementsRun(system: System, request: () => Promise<void>): Promise<StatementCounts> {
  const counts = () => Object.fromEntries(Object.entries(system.databases).map(([k, d]) => [k, d.stats.queries]));
  const once = async () => {
    const before = counts();
    await request();
    const after = counts();
    return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]));
  };
  await system.compacted;
  const [first, second] = [await once(), await once()];
  return Object.fromEntries(Object.keys(first).map((k) => [k, Math.min(first[k]!, second[k]!)])) as StatementCounts;
}
