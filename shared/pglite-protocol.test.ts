// PGlite's protocol reader as the patch (patches/@electric-sql+pglite+0.5.16.patch) leaves it: each text
// field decoded from a view of the message buffer, not from a copy of its bytes. The copies were one
// ArrayBuffer a field of every row of every query (about a fifth of a 50-row select's time, and garbage).
// The text must be exactly what it was: multi-byte characters, empty strings and nulls, in rows that
// follow each other in one buffer.
import { PGlite } from '@electric-sql/pglite';
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
});
