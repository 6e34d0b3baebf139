// The one-statement inserts of shared/json-insert.ts: the grouped form, which sends the values rows share
// once per run, stores exactly what the plain form stores (values, order, nulls, arrays, instants), and
// its condition inserts all rows or none.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { bigserial, boolean, integer, PgDialect, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { dropDatabase, withDatabase, type Db } from '../shared/db.ts';
import { groupedJsonInsert, jsonInsert } from '../shared/json-insert.ts';
import { openAuditDatabase } from '../gateway/index.ts';
import { BACKENDS } from './support/system.ts';

const probe = pgTable('json_insert_probe', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  atText: timestamp('at_text', { withTimezone: true, mode: 'string' }),
  requestId: text('request_id').notNull(),
  areas: text('areas').array().notNull(),
  note: text('note'),
  count: integer('count'),
  flag: boolean('flag'),
  hetu: text('hetu').notNull(),
  categories: text('categories').array().notNull(),
  area: text('area'),
});
type ProbeRow = typeof probe.$inferInsert;

const KEYS = {
  shared: ['at', 'atText', 'requestId', 'areas', 'note', 'count', 'flag'],
  own: ['hetu', 'categories', 'area'],
} as const;
const ALL_KEYS = [...KEYS.shared, ...KEYS.own];

const request = (id: string, extra: Partial<ProbeRow> = {}) => ({
  at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
  atText: '2026-01-02T03:04:05.678Z',
  requestId: id,
  areas: ['ita-uusimaa', 'keski-uusimaa'],
  note: null,
  count: 3,
  flag: true,
  ...extra,
});
const person = (hetu: string, categories: string[], area: string | null = null) => ({ hetu, categories, area });

/**
 * Rows of several requests in runs, with the cases a run must not swallow: a value that differs only as
 * null against absent, an array differing in one element, the same instant as another Date object, an
 * earlier run's values coming back after another run, text that JSON and SQL must quote.
 */
const CASES: ProbeRow[] = [
  { ...request('a'), ...person('010101-123N', ['IDENTITY', 'PLAN'], 'ita-uusimaa') },
  { ...request('a'), ...person('020202-234P', [], null) },
  { ...request('a', { at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)) }), ...person('030303-345R', ['PLAN']) },
  { ...request('b', { note: 'quote " backslash \\ ä', count: null, flag: false }), ...person('040404-456S', ['X']) },
  {
    ...request('b', { note: 'quote " backslash \\ ä', count: null, flag: false, atText: null }),
    ...person('x', ['Y']),
  },
  { ...request('c', { areas: ['ita-uusimaa'], note: undefined }), ...person('050505-567T', ['A', 'B', 'C']) },
  { ...request('c', { areas: ['ita-uusimaa'], note: null }), ...person('060606-678U', ['{', '}', ',', 'NULL']) },
  { ...request('c', { areas: ['keski-uusimaa'] }), ...person('070707-789V', ['"'], '') },
  { ...request('c', { areas: [] }), ...person('080808-890W', ['B']) },
  { ...request('a'), ...person('090909-901X', ['IDENTITY'], 'ita-uusimaa') },
  { ...request('a', { at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 679)) }), ...person('101010-012Y', ['PLAN']) },
];
/** Past the size the grouped statement starts at (smaller inserts go as the plain one). */
const ROWS = [...CASES, ...CASES, ...CASES, ...CASES];

const dialect = new PgDialect();

describe('grouped JSON insert: the statement', () => {
  it('sends the shared values once per run, and its text does not depend on the number of rows', () => {
    const query = (rows: ProbeRow[]) => dialect.sqlToQuery(groupedJsonInsert(probe, KEYS, rows));
    const [owned, runs] = query(ROWS).params as string[];
    // a, a, a (another Date, same instant) | b | b (atText null) | c (note absent and null alike) | c (area) |
    // c (no areas) | a again | a a millisecond later; and again from a, as the last run differs from the first
    expect(JSON.parse(runs!)).toHaveLength(8 * 4);
    expect(JSON.parse(owned!)).toHaveLength(ROWS.length);
    expect(query(ROWS.slice(0, 32)).sql).toBe(query(ROWS).sql);
    // a few rows as the plain statement, which costs less for them
    expect(query(ROWS.slice(0, 31)).sql).toBe(dialect.sqlToQuery(jsonInsert(probe, ALL_KEYS, ROWS)).sql);
  });

  it('refuses a key both shared and own', () => {
    expect(() => groupedJsonInsert(probe, { shared: ['hetu'], own: ['hetu'] }, ROWS)).toThrow(/twice/);
  });
});

for (const backend of BACKENDS) {
  describe(`grouped JSON insert on ${backend.name}`, () => {
    let database: Awaited<ReturnType<typeof openAuditDatabase>>;
    let drop = async () => {};
    const db = () => database.db as unknown as Db;
    beforeAll(async () => {
      const url = backend.pgUrl && withDatabase(backend.pgUrl, `tymtest_jsoninsert_${randomBytes(4).toString('hex')}`);
      database = await openAuditDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dir: null });
      if (url) drop = () => dropDatabase(url);
      await db().execute(sql`create table json_insert_probe (
        seq bigserial primary key, at timestamptz not null, at_text timestamptz, request_id text not null,
        areas text[] not null, note text, count integer, flag boolean, hetu text not null,
        categories text[] not null, area text)`);
    });
    afterAll(async () => {
      await database?.close();
      await drop();
    });

    /** The rows an insert stored, in insertion order, the table emptied after. */
    const stored = async (insert: ReturnType<typeof sql>) => {
      await db().execute(insert);
      const rows = await db().select().from(probe).orderBy(asc(probe.seq));
      await db().execute(sql`truncate json_insert_probe restart identity`);
      return rows;
    };

    it('stores exactly what the plain insert stores, in the order given', async () => {
      const plain = await stored(jsonInsert(probe, ALL_KEYS, ROWS));
      const grouped = await stored(groupedJsonInsert(probe, KEYS, ROWS));
      expect(grouped).toEqual(plain);
      // and what was given: the plain form's own behaviour, checked so that the comparison means something
      expect(grouped.map((r) => [r.seq, r.hetu, r.requestId, r.categories, r.areas, r.note])).toEqual(
        ROWS.map((r, i) => [i + 1, r.hetu, r.requestId, r.categories, r.areas, r.note ?? null]),
      );
      expect(grouped[3]!.at).toEqual(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)));
      expect(grouped.at(-1)!.at).toEqual(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 679)));
      expect(grouped[4]!.atText).toBeNull();
      expect(grouped[7]!.area).toBe('');
      expect(grouped[11]!.at).toEqual(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)));
    });

    it('inserts all rows or none by its condition', async () => {
      expect(await stored(groupedJsonInsert(probe, KEYS, ROWS, sql`1 = 2`))).toEqual([]);
      expect(await stored(groupedJsonInsert(probe, KEYS, ROWS, sql`1 = 1`))).toHaveLength(ROWS.length);
      expect(await stored(groupedJsonInsert(probe, KEYS, CASES, sql`1 = 2`))).toEqual([]);
    });

    it('inserts nothing for no rows', async () => {
      expect(await stored(groupedJsonInsert(probe, KEYS, []))).toEqual([]);
    });
  });
}
