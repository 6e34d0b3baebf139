// PGlite with kept statements (shared/pglite-statements.ts) answers as PGlite's own `query` does, parses each
// text once, and keeps PGlite's guarantees: errors with their codes, a transaction's statements apart from
// everyone else's, statements remade after DDL changed what they return.
import { PGlite, types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withKeptStatements } from './pglite-statements.ts';

const pg = new PGlite();
const kept = withKeptStatements(pg);
const db = drizzle({ client: kept });

const preparedTexts = async () =>
  (await pg.query<{ statement: string }>('select statement from pg_prepared_statements')).rows.map((r) => r.statement);

beforeAll(async () => {
  await pg.exec(`create table people (id int primary key, hetu text not null unique, tags text[], born date,
      extra jsonb, photo bytea);
    insert into people values (1, '150385-9013', '{a,b}', '1985-03-15', '{"k":[1,2]}', '\\x0102'),
      (2, '010101-123N', null, null, null, null);`);
});
afterAll(() => pg.close());

describe('PGlite with kept statements', () => {
  it('answers as PGlite does, for every parameter and column type, in both row modes', async () => {
    const text = `select id, hetu, tags, born, extra, photo, $2::int + 1 as next, $3::jsonb as echo
      from people where hetu = any($1::text[]) order by id`;
    const params = [['150385-9013', '010101-123N'], 41, { a: 'ä' }];
    const keepDate = { [types.DATE]: (value: string) => value };
    for (const options of [{}, { rowMode: 'array' as const }, { rowMode: 'array' as const, parsers: keepDate }]) {
      const own = await pg.query(text, params, options);
      const ours = await kept.query(text, params, options);
      expect(ours.rows).toEqual(own.rows);
      expect(ours.fields).toEqual(own.fields);
    }
  });

  it('parses a text once and runs it again on the kept statement', async () => {
    const text = 'select hetu from people where id = $1';
    for (const id of [1, 2, 1]) await kept.query(text, [id]);
    expect((await preparedTexts()).filter((s) => s === text)).toHaveLength(1);
    expect((await kept.query(text, [2])).rows).toEqual([{ hetu: '010101-123N' }]);
  });

  it('reports affected rows and a write error with its code, and goes on', async () => {
    const inserted = await kept.query('insert into people (id, hetu) values ($1, $2)', [3, '020202-2222']);
    expect(inserted.affectedRows).toBe(1);
    await expect(kept.query('insert into people (id, hetu) values ($1, $2)', [4, '020202-2222'])).rejects.toMatchObject(
      {
        code: '23505',
      },
    );
    expect((await kept.query('select count(*)::int as n from people where id = $1', [4])).rows).toEqual([{ n: 0 }]);
    await kept.query('delete from people where id = $1', [3]);
  });

  it("keeps a transaction's statements apart: others wait, a rollback leaves nothing", async () => {
    let seenInside = -1;
    const outside: Promise<number>[] = [];
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into people (id, hetu) values (${10}, ${'030303-3333'})`);
        // Issued while the transaction is open: must neither see its row nor run inside it.
        outside.push(
          kept
            .query<{ n: number }>('select count(*)::int as n from people where id = $1', [10])
            .then((r) => r.rows[0]!.n),
        );
        const inside = await tx.execute<{ n: number }>(sql`select count(*)::int as n from people where id = ${10}`);
        seenInside = inside.rows[0]!.n;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seenInside).toBe(1);
    expect(await outside[0]).toBe(0);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into people (id, hetu) values (${11}, ${'040404-4444'})`);
    });
    expect((await kept.query('select hetu from people where id = $1', [11])).rows).toEqual([{ hetu: '040404-4444' }]);
  });

  it('makes a statement anew when DDL changed what it returns', async () => {
    await pg.exec('create table notes (id int primary key, body text)');
    await pg.exec(`insert into notes values (1, 'first')`);
    const text = 'select * from notes where id = $1';
    expect((await kept.query(text, [1])).rows).toEqual([{ id: 1, body: 'first' }]);
    await pg.exec(`alter table notes add column author text default 'x'`);
    expect((await kept.query(text, [1])).rows).toEqual([{ id: 1, body: 'first', author: 'x' }]);
  });

  it('runs statements it does not keep (DDL) as PGlite does', async () => {
    const before = (await preparedTexts()).length;
    await kept.query('create table other (id int)');
    expect((await preparedTexts()).length).toBe(before);
  });

  it('keeps a bounded number of statements, closing the least recently used', async () => {
    for (let i = 0; i < 320; i++) await kept.query(`select $1::int + ${i} as n`, [1]);
    const prepared = await preparedTexts();
    expect(prepared.length).toBeLessThanOrEqual(300);
    expect(prepared).toContain('select $1::int + 319 as n');
    expect(prepared).not.toContain('select $1::int + 0 as n');
    expect((await kept.query('select $1::int + 0 as n', [1])).rows).toEqual([{ n: 1 }]);
  });
});
