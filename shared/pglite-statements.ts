// PGlite with statements prepared once, as PostgreSQL's connections have them (shared/db.ts `preparing`).
// PGlite's own `query` parses and plans every statement anew, unnamed, and talks to its PostgreSQL in six
// exchanges (parse, describe the statement, bind, describe the portal, execute, sync), each a call into
// the WebAssembly module and back. Here each statement text this service runs is parsed once under a name,
// with its parameter types read once; after that a statement is one exchange (bind, describe, execute,
// sync) on the plan PostgreSQL keeps. A one-row select by key: about 0.8 ms -> 0.2.
// Everything else stays PGlite's: the locks that keep a statement out of another's transaction, the
// type serializers and parsers, the errors, the file system sync after a statement outside a transaction.
import { type PGlite, type QueryOptions, type Results, type Transaction, parse, protocol } from '@electric-sql/pglite';

const { serialize } = protocol;

/** Statement kinds worth keeping: a service's reads and writes, whose texts are fixed. DDL and the rest run once. */
const KEPT = /^\s*(select|insert|update|delete|with)\b/i;

/** Statements kept by one database; the least recently used is closed past this many. */
const MAX_KEPT = 300;

/** PostgreSQL's codes after which a kept statement is made anew: gone, or its result's shape changed by DDL. */
const REMAKE = new Set(['26000', '0A000']);

interface Kept {
  name: string;
  /** the parameters' types, as PostgreSQL inferred them when the statement was parsed */
  types: number[];
}

type PGliteInternals = PGlite & {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
};

function joined(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The part of PGlite's interface drizzle uses (`query`, `transaction`, and the rest passed through), with
 * statements kept as described above. Options PGlite's `query` takes beyond rows and parsers (a blob, its own
 * parameter types or serializers) take PGlite's own way.
 */
export function withKeptStatements(pg: PGlite): PGlite {
  const db = pg as PGliteInternals;
  const kept = new Map<string, Kept>();
  let made = 0;
  const SYNC = serialize.sync();

  const close = (name: string) =>
    db.execProtocol(joined([serialize.close({ type: 'S', name }), SYNC]), { syncToFs: false });

  const keep = async (text: string): Promise<Kept> => {
    let statement = kept.get(text);
    if (statement) {
      // most recently used last
      kept.delete(text);
      kept.set(text, statement);
      return statement;
    }
    const name = `tym_s${++made}`;
    const { messages } = await db.execProtocol(
      joined([serialize.parse({ name, text, types: [] }), serialize.describe({ type: 'S', name }), SYNC]),
      { syncToFs: false },
    );
    statement = { name, types: parse.parseDescribeStatementResults(messages) };
    kept.set(text, statement);
    if (kept.size > MAX_KEPT) {
      const [oldest, { name: closing }] = kept.entries().next().value as [string, Kept];
      kept.delete(oldest);
      await close(closing);
    }
    return statement;
  };

  const run = async <T>(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    withinTransaction: boolean,
  ) => {
    for (let attempt = 0; ; attempt++) {
      const statement = await keep(text);
      // Each value as PGlite's own query serialises it, by the type PostgreSQL gave its parameter.
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const serializer = db.serializers[statement.types[i]!];
        return serializer ? serializer(param) : String(param);
      });
      try {
        const { messages } = await db.execProtocol(
          joined([
            serialize.bind({ statement: statement.name, values: values as string[] }),
            serialize.describe({ type: 'P' }),
            serialize.execute({}),
            SYNC,
          ]),
          { syncToFs: false },
        );
        if (!withinTransaction) await db.syncToFs();
        return parse.parseResults(messages, db.parsers, options)[0] as Results<T>;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (attempt > 0 || typeof code !== 'string' || !REMAKE.has(code)) throw e;
        kept.delete(text);
        await close(statement.name).catch(() => {}); // already gone (26000), or the transaction failed: no matter
      }
    }
  };

  /** Whether a statement runs kept: a kind worth keeping, without options only PGlite's own query takes. */
  const keepable = (text: string, options?: QueryOptions) =>
    KEPT.test(text) &&
    (options === undefined ||
      (options.blob === undefined && options.paramTypes === undefined && options.serializers === undefined));

  const query = <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
    if (!keepable(text, options)) return pg.query<T>(text, params, options);
    return db._runExclusiveTransaction(() => db._runExclusiveQuery(() => run<T>(text, params, options, false)));
  };

  // A transaction's statements run on PGlite's transaction, already holding its lock: only the query lock.
  const keptIn = (tx: Transaction): Transaction => {
    const txQuery = <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
      if (tx.closed || !keepable(text, options)) return tx.query<T>(text, params, options);
      return db._runExclusiveQuery(() => run<T>(text, params, options, true));
    };
    return new Proxy(tx, { get: (t, p, r) => (p === 'query' ? txQuery : Reflect.get(t, p, r)) });
  };
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> =>
    pg.transaction((tx) => callback(keptIn(tx)));

  return new Proxy(pg, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'transaction') return transaction;
      // PGlite's own members, read and called on PGlite itself (its private fields are not the proxy's).
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
