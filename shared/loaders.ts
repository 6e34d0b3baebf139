// Per-request batching (docs/DESIGN.md decision 7): a list of persons meeting a lookup costs one query.
import DataLoader from 'dataloader';
import { Placeholder, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

const byHetu = (row: unknown) => (row as { hetu: string }).hetu;

/** Rows grouped per key (the person, unless told otherwise): one `where key = any(...)` query per batch. */
export function listLoader<T>(
  fetch: (keys: string[]) => Promise<T[]>,
  keyOf: (row: T) => string = byHetu,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const grouped = new Map<string, T[]>();
    for (const row of await fetch([...keys])) {
      const key = keyOf(row);
      const list = grouped.get(key);
      if (list) list.push(row);
      else grouped.set(key, [row]);
    }
    return keys.map((k) => grouped.get(k) ?? []);
  });
}

/** At most one row per key; with several, the first the query returns wins (order it accordingly). */
export function oneLoader<T>(
  fetch: (keys: string[]) => Promise<T[]>,
  keyOf: (row: T) => string = byHetu,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const first = new Map<string, T>();
    for (const row of await fetch([...keys])) {
      const key = keyOf(row);
      if (!first.has(key)) first.set(key, row);
    }
    return keys.map((k) => first.get(k) ?? null);
  });
}

/** Inserts in chunks, so a large seed does not build one giant statement. */
export async function insertChunked<R>(rows: R[], insert: (chunk: R[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * `column = any($1)`: the batch's keys as one array parameter. The statement's text is then the same
 * for every batch size, so the server parses and plans it once per connection (postgres.js prepares it),
 * where `in ($1, …, $n)` is a new statement for every n.
 */
export const anyOf = (column: AnyPgColumn, keys: readonly string[] | Placeholder): SQL =>
  sql`${column} = any(${keys instanceof Placeholder ? keys : sql.param(keys)}::${sql.raw(column.getSQLType())}[])`;

/** The batch's keys in a statement built once (`byKeys`): give it to `anyOf`. */
const KEYS = sql.placeholder('keys');

interface Preparable<T> {
  prepare(name: string): { execute(values: Record<string, unknown>): Promise<T[]> };
}
const preparedOf = new WeakMap<object, Map<string, { execute(values: Record<string, unknown>): Promise<unknown[]> }>>();

/**
 * A batch query of `db` whose statement is built once (by `build`, given the keys' placeholder for `anyOf`) and
 * then run with each batch's keys: the query builder's work is done once per database and `name`, not once per
 * batch of every request. `name` must be unique within the database's queries.
 */
export function byKeys<T>(db: object, name: string, build: (keys: Placeholder) => Preparable<T>) {
  let queries = preparedOf.get(db);
  if (!queries) preparedOf.set(db, (queries = new Map()));
  let query = queries.get(name);
  if (!query) queries.set(name, (query = build(KEYS).prepare(name)));
  const prepared = query;
  return (keys: readonly string[]): Promise<T[]> => prepared.execute({ keys }) as Promise<T[]>;
}
