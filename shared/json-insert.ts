// Many rows in one INSERT with one bind parameter: the rows travel as a JSON array and the database
// unpacks them (jsonb_to_recordset). A VALUES list costs a bind parameter per column and row, and
// drizzle builds its text anew for every batch size (a 200-row log commit: 4,200 parameters and tens of
// milliseconds of CPU); this text is the same for one row or thousands, so it is cheap to build, and
// PostgreSQL parses one statement shape instead of one per batch size.
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { fixedText } from './statement-text.ts';

type Key<T extends PgTable> = keyof T['$inferInsert'] & string;
type Row<T extends PgTable> = Partial<T['$inferInsert']>;

/**
 * `insert into <table> (<columns of keys>) select … from <rows as JSON>`, rows inserted in the order
 * given (so a serial key follows it). Each row is an object with the table's property names as keys
 * (as drizzle's `$inferInsert`); columns not in `keys` take their defaults. Values must survive JSON:
 * strings, numbers, booleans, null, arrays of those, and Dates (sent as ISO text).
 */
export function jsonInsert<T extends PgTable>(
  table: T,
  keys: readonly Key<T>[],
  rows: readonly Row<T>[],
  /** a condition on the whole insert: all rows or none (the ticket's claim in shared/releases.ts) */
  onlyIf?: SQL,
): SQL {
  const [head, tail] = shapeOf(table, `plain ${keys.join()}`, () => {
    const column = columnsOf(table);
    return [
      sql`insert into ${table} (${targets(column, keys)}) select ${fields(keys)} from rows from (jsonb_to_recordset(`,
      sql`::jsonb) as (${definitions(column, keys)})) with ordinality as r `,
    ];
  });
  // The record's fields carry the property names, so the rows are serialised as they are, with no copy.
  return sql`${head}${JSON.stringify(rows)}${tail}${onlyIf ? sql`where ${onlyIf} ` : sql``}order by r.ordinality`;
}

/**
 * Below this many rows the grouped statement costs more than the bytes it saves: its second parameter, join
 * and sort add about 0.15 ms on PGlite (which parses and plans every statement) and nothing measurable on
 * PostgreSQL; a log commit breaks even at about 24 entries, a release record at about 50 persons.
 */
const GROUPED_FROM_ROWS = 32;

/** The field of a row holding the (1-based) number of its run: no table's property name, which are identifiers. */
const GROUP = '#';

/**
 * As `jsonInsert`, for rows that repeat the values of the `shared` keys in runs (a request's log entries
 * share its time, recipient, purpose and document; a release record's rows its ticket): each run's shared
 * values travel once, as a second JSON array, and each row carries only its `own` values and the number
 * of its run. A 200-entry log commit sends less than half the bytes, which the driver encodes and the
 * database parses. Consecutive rows join a run only when their shared values would be sent identically,
 * so the stored rows are exactly those `jsonInsert` stores; a value it cannot compare starts a run of its own.
 * Fewer than GROUPED_FROM_ROWS rows go as `jsonInsert`: two statement texts per table, each prepared once.
 */
export function groupedJsonInsert<T extends PgTable>(
  table: T,
  keys: { shared: readonly Key<T>[]; own: readonly Key<T>[] },
  rows: readonly Row<T>[],
  /** a condition on the whole insert: all rows or none */
  onlyIf?: SQL,
): SQL {
  const { shared, own } = keys;
  if (shared.length === 0 || own.length === 0) throw new Error('groupedJsonInsert: shared and own keys both needed');
  for (const k of own) {
    if (shared.includes(k)) throw new Error(`groupedJsonInsert: key ${k} twice`);
  }
  if (rows.length < GROUPED_FROM_ROWS) return jsonInsert(table, [...shared, ...own], rows, onlyIf);
  // Each run as its first row's shared values, and each row as its own values and its run's number.
  const runs: Record<string, unknown>[] = [];
  const owned: Record<string, unknown>[] = [];
  let first: Row<T> | undefined;
  for (const row of rows) {
    if (!first || !shared.every((k) => sameValue(row[k], first![k]))) {
      first = row;
      runs.push(pick(row, shared, {}));
    }
    owned.push(pick(row, own, { [GROUP]: runs.length }));
  }
  const [head, middle, tail] = shapeOf(table, `grouped ${shared.join()} ${own.join()}`, () => {
    const column = columnsOf(table);
    const ownDefinitions = sql.join([sql`${sql.identifier(GROUP)} integer`, definitions(column, own)], sql`, `);
    return [
      sql`insert into ${table} (${targets(column, [...shared, ...own])})
    select ${sql.join([fields(shared, 's'), fields(own, 'r')], sql`, `)}
      from rows from (jsonb_to_recordset(`,
      sql`::jsonb) as (${ownDefinitions})) with ordinality as r
        join rows from (jsonb_to_recordset(`,
      sql`::jsonb) as (${definitions(column, shared)}))
          with ordinality as s on s.ordinality = r.${sql.identifier(GROUP)}
      `,
    ];
  });
  return sql`${head}${JSON.stringify(owned)}${middle}${JSON.stringify(runs)}${tail}${
    onlyIf ? sql`where ${onlyIf} ` : sql``
  }order by r.ordinality`;
}

/** Each table's statement pieces by shape (columns, grouping), made once: shared/statement-text.ts. */
const shapes = new WeakMap<PgTable, Map<string, SQL[]>>();

function shapeOf(table: PgTable, shape: string, build: () => SQL[]): SQL[] {
  let ofTable = shapes.get(table);
  if (!ofTable) shapes.set(table, (ofTable = new Map()));
  let pieces = ofTable.get(shape);
  if (!pieces) ofTable.set(shape, (pieces = build().map(fixedText)));
  return pieces;
}

function pick(row: object, keys: readonly string[], into: Record<string, unknown>): Record<string, unknown> {
  for (const k of keys) into[k] = (row as Record<string, unknown>)[k];
  return into;
}

/**
 * Whether two values are sent as the same JSON: the same string, number or boolean, both absent (null),
 * the same instant, or arrays of equal such elements. False when unsure, which only costs a run.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i] && typeof x !== 'object');
  }
  return false;
}

function columnsOf(table: PgTable) {
  const columns = getTableColumns(table);
  return (key: string) => {
    const c = columns[key];
    if (!c) throw new Error(`jsonInsert: no column ${key}`);
    return c;
  };
}

type ColumnOf = ReturnType<typeof columnsOf>;

const targets = (column: ColumnOf, keys: readonly string[]) =>
  sql.join(
    keys.map((k) => sql.identifier(column(k).name)),
    sql`, `,
  );

/** A record's fields by the table's property names, as the rows' JSON keys name them. */
const fields = (keys: readonly string[], record?: string) =>
  sql.join(
    keys.map((k) => (record ? sql`${sql.raw(record)}.${sql.identifier(k)}` : sql.identifier(k))),
    sql`, `,
  );

const definitions = (column: ColumnOf, keys: readonly string[]) =>
  sql.join(
    keys.map((k) => sql`${sql.identifier(k)} ${sql.raw(column(k).getSQLType())}`),
    sql`, `,
  );
