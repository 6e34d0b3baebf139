// PGlite's protocol reader and result parser as the patch (patches/@electric-sql+pglite+0.5.16.patch)
// leaves them. Each text field is decoded from a view of the message buffer, not from a copy of its bytes:
// the copies were one ArrayBuffer a field of every row of every query (about a fifth of a 50-row select's
// time, and garbage). A query's parsers are looked up once per column, not merged into a copy of the whole
// table of type parsers for every query: drizzle passes parsers with every statement, and the copy cost
// about 0.1 ms a statement, a third of a one-row select. The values must be exactly what they were:
// multi-byte text, empty strings and nulls, every type by its parser, and a caller's parser first.
import { PGlite, types } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const client = new PGlite();
const NAMES = ['Äijälä', 'Öhman', '', 'Łukasz 𝄞', 'Émilie-Noël', null];
beforeAll(async () => {
  await client.exec('create table people (id int primary key, name text, note text)');
  for (let i = 0; i < 60; i++) {
    await client.query('insert into people values ($1, $2, $3)', [i, NAMES[i % NAMES.length], `note ${i} – ok`]);
  }
});
afterAll(() => client.close());

describe("PGlite's protocol reader", () => {
  it('reads text fields exactly, in array and object rows', async () => {
    const select = 'select id, name, note from people order by id';
    const asArrays = await client.query<unknown[]>(select, [], { rowMode: 'array' });
    const asObjects = await client.query<{ id: number; name: string | null; note: string }>(select);
    expect(asArrays.rows).toHaveLength(60);
    asObjects.rows.forEach((row, i) => {
      expect(row).toEqual({ id: i, name: NAMES[i % NAMES.length], note: `note ${i} – ok` });
      expect(asArrays.rows[i]).toEqual([i, NAMES[i % NAMES.length], `note ${i} – ok`]);
    });
  });

  it('copies no buffer for a text field', async () => {
    const select = 'select name, note from people order by id';
    await client.query(select);
    const slice = ArrayBuffer.prototype.slice;
    let copies = 0;
    ArrayBuffer.prototype.slice = function (this: ArrayBuffer, ...args: [number?, number?]) {
      copies++;
      return slice.apply(this, args);
    };
    try {
      await client.query(select);
    } finally {
      ArrayBuffer.prototype.slice = slice;
    }
    // 60 rows of two text fields: a copy each made 120 before the patch.
    expect(copies).toBeLessThan(10);
  });

  it("parses each type by the caller's parser first, else PGlite's, in array and object rows", async () => {
    const select = `select 7::int4 as n, true as b, '{"k":[1]}'::jsonb as j, '{a,b}'::text[] as t,
      '2026-01-02'::date as d, null::int4 as z`;
    const keepDate = (value: string) => `date ${value}`;
    const [asArray] = (
      await client.query<unknown[]>(select, [], { rowMode: 'array', parsers: { [types.DATE]: keepDate } })
    ).rows;
    const [asObject] = (await client.query(select, [], { parsers: { [types.DATE]: keepDate } })).rows;
    expect(asArray).toEqual([7, true, { k: [1] }, ['a', 'b'], 'date 2026-01-02', null]);
    expect(asObject).toEqual({ n: 7, b: true, j: { k: [1] }, t: ['a', 'b'], d: 'date 2026-01-02', z: null });
  });

  it("does not copy the table of parsers for a query's own parsers", async () => {
    let copied = 0;
    const parsers = new Proxy({ [types.DATE]: (value: string) => value } as Record<number, (v: string) => unknown>, {
      ownKeys(target) {
        copied++;
        return Reflect.ownKeys(target);
      },
    });
    const { rows } = await client.query('select id, name from people order by id limit 5', [], { parsers });
    expect(rows).toHaveLength(5);
    expect(copied).toBe(0);
  });
});
