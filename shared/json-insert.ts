// Many rows in one INSERT with one bind parameter: the rows travel as a JSON array and the database
// unpacks them (jsonb_to_recordset). A VALUES list costs a bind parameter per column and row, and
// drizzle builds its text anew for every batch size (a 200-row log commit: 4,200 parameters and tens of
// milliseconds of CPU); this text is the same for one row or thousands, so it is cheap to build, and
// PostgreSQL parses one statement shape instead of one per batch size.
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * `insert into <table> (<columns of keys>) select … from <rows as JSON>`, rows inserted in the order
 * given (so a serial key follows it). Each row is an object with the table's property names as keys
 * (as drizzle's `$inferInsert`); columns not in `keys` take their defaults. Values must survive JSON:
 * strings, numbers, booleans, null, arrays of those, and Dates (sent as ISO text).
 */
export function jsonInsert<T extends PgTable>(
  table: T,
  keys: readonly (keyof T['$inferInsert'] & string)[],
  rows: readonly Partial<T['$inferInsert']>[],
  /** a condition on the whole insert: all rows or none (the ticket's claim in shared/releases.ts) */
  onlyIf?: SQL,
): SQL {
  const columns = getTableColumns(table);
  const column = (key: string) => {
    const c = columns[key];
    if (!c) throw new Error(`jsonInsert: no column ${key}`);
    return c;
  };
  const targets = sql.join(
    keys.map((k) => sql.identifier(column(k).name)),
    sql`, `,
  );
  // The record's fields carry the property names, so the rows are serialised as they are, with no copy.
  const fields = sql.join(
    keys.map((k) => sql.identifier(k)),
    sql`, `,
  );
  const definitions = sql.join(
    keys.map((k) => sql`${sql.identifier(k)} ${sql.raw(column(k).getSQLType())}`),
    sql`, `,
  );
  return sql`insert into ${table} (${targets})
    select ${fields} from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (${definitions}))
      with ordinality as r ${onlyIf ? sql`where ${onlyIf} ` : sql``}order by r.ordinality`;
}
