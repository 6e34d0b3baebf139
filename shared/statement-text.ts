// Statement text built once. Building a statement walks every chunk of every fragment in it (each column
// and identifier a few, each checked for what kind of thing it is); a statement a request runs with new
// values every time (the facts, a release record, a log commit) rebuilt the same text every time, about
// 0.1 ms each. These turn the fixed parts into one piece of text, made once.
import { Param, Placeholder, SQL, sql, StringChunk } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

// The dialect drizzle's PostgreSQL and PGlite databases use (no casing option): the same text they would build.
const dialect = new PgDialect();

/** A fragment without parameters as one piece of text. */
export function fixedText(fragment: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  if (params.length > 0) throw new Error('fixedText: a fragment with parameters');
  return sql.raw(text);
}

/**
 * A statement with named slots, its text built once by `build` (each `slot(name)` where a value goes); the
 * function returned gives the statement with the values of one call, as `build` would have with them.
 * A slot may be used more than once.
 */
export function statementTemplate<Name extends string>(
  build: (slot: (name: Name) => Placeholder<Name>) => SQL,
): (values: Record<Name, unknown>) => SQL {
  const { sql: text, params } = dialect.sqlToQuery(build((name) => sql.placeholder(name)));
  // The text alternates between fixed text and the numbers of the parameters: "… $1 … $2 …".
  const parts = text.split(/\$(\d+)/);
  const texts = parts.filter((_, i) => i % 2 === 0).map((t) => new StringChunk(t));
  const names = params.map((p, i) => {
    if (!(p instanceof Placeholder) || parts[2 * i + 1] !== String(i + 1))
      throw new Error('statementTemplate: every value of the statement must be a slot');
    return p.name as Name;
  });
  if (parts.length !== 2 * names.length + 1) throw new Error('statementTemplate: "$" in the fixed text');
  return (values) => {
    const chunks: (StringChunk | Param)[] = [texts[0]!];
    for (const [i, name] of names.entries()) {
      if (!(name in values)) throw new Error(`statementTemplate: no value for ${name}`);
      chunks.push(new Param(values[name]), texts[i + 1]!);
    }
    return new SQL(chunks);
  };
}
