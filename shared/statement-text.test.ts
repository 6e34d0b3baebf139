// Statement text made once (shared/statement-text.ts): a template filled with values is the statement
// its build function would have made with them, text and parameters alike, and a template that cannot
// be filled that way is refused when it is made, not when a request runs it.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PgDialect, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { fixedText, statementTemplate } from './statement-text.ts';

const probe = pgTable('statement_probe', {
  hetu: text('hetu').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
const dialect = new PgDialect();

describe('statement text made once', () => {
  it('fills a template as its build function would have built the statement', () => {
    const build = (hetus: unknown, since: unknown) =>
      sql`select ${probe.hetu} from ${probe} where ${probe.hetu} = any(${hetus}::text[]) and ${probe.at} > ${since}`;
    const template = statementTemplate<'hetus' | 'since'>((slot) => build(slot('hetus'), slot('since')));
    const values = { hetus: ['010101-123N', '020202A234P'], since: '2026-01-01T00:00:00.000Z' };
    const filled = dialect.sqlToQuery(template(values));
    expect(filled).toEqual(dialect.sqlToQuery(build(sql.param(values.hetus), values.since)));
    expect(filled.params).toEqual([values.hetus, values.since]);
    // Numbered anew inside a larger statement, as any fragment is.
    const outer = dialect.sqlToQuery(sql`with x as (select ${1}) ${template(values)}`);
    expect(outer.sql).toMatch(/any\(\$2::text\[\]\) and .* > \$3$/);
    expect(outer.params).toEqual([1, values.hetus, values.since]);
  });

  it('refuses a template with a fixed value, or a value missing', () => {
    expect(() => statementTemplate(() => sql`select ${1}`)).toThrow(/slot/);
    const template = statementTemplate<'a' | 'b'>((slot) => sql`select ${slot('a')}, ${slot('b')}`);
    expect(() => template({ a: 1 } as Record<'a' | 'b', unknown>)).toThrow(/no value for b/);
    expect(() => statementTemplate(() => sql.raw('select $1'))).toThrow(/\$/);
  });

  it('fills a slot used twice in both places', () => {
    const template = statementTemplate<'a' | 'b'>((slot) => sql`select ${slot('a')}, ${slot('b')}, ${slot('a')}`);
    const { sql: text, params } = dialect.sqlToQuery(template({ a: 'x', b: 'y' }));
    expect([text, params]).toEqual(['select $1, $2, $3', ['x', 'y', 'x']]);
  });

  it('keeps a fragment without values as its text, and refuses one with values', () => {
    expect(dialect.sqlToQuery(fixedText(sql`select ${probe.hetu} from ${probe}`)).sql).toBe(
      'select "statement_probe"."hetu" from "statement_probe"',
    );
    expect(() => fixedText(sql`select ${1}`)).toThrow(/parameters/);
  });
});
