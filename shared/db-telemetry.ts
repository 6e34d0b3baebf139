// Statements as operators see them: how many run at once on each database against its pool size (the
// pool use), and, with tracing on, a span per statement naming its database and kind (SELECT, INSERT…),
// never its text or parameters. drizzle has no hook around a statement's execution; every statement of
// both drivers, in and out of transactions, passes PgPreparedQuery.queryWithCache, right after the
// database's logger was told of it (in the same tick), so that is where it is observed.
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import { statementStarted } from './metrics.ts';
import { inSpan, tracingOn } from './telemetry.ts';

/** The database whose logger was told of a statement last: the one queryWithCache is about to run. */
let announced: string | undefined;

/** The drizzle logger of one database: counts its statements (Database.stats) and names it for the next. */
export function statementLogger(database: string, stats: { queries: number }) {
  return {
    logQuery: () => {
      stats.queries++;
      announced = database;
    },
  };
}

const kindOf = (sql: string): string => /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'OTHER';

type QueryWithCache = (
  this: unknown,
  sql: string,
  params: unknown[],
  query: () => Promise<unknown>,
) => Promise<unknown>;
const prototype = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache; observed?: true };

if (!prototype.observed) {
  const original = prototype.queryWithCache;
  prototype.queryWithCache = function (this: unknown, sql, params, query) {
    const database = announced ?? 'unknown';
    announced = undefined;
    const done = statementStarted(database);
    const run = () => original.call(this, sql, params, query);
    const running = tracingOn()
      ? inSpan(
          'db.query',
          { 'db.system.name': 'postgresql', 'db.operation.name': kindOf(sql), 'tym.database': database },
          run,
        )
      : run();
    return running.finally(done);
  };
  prototype.observed = true;
}
