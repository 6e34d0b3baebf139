// The embedded system on PostgreSQL, as an operator runs it (test/embedded.test.ts runs it on PGlite): a
// kill -9 right after answers loses no acknowledged disclosure-log entry, and commands work beside it.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, withDatabase } from '../shared/db.ts';
import { killAndRecover, PG, setup, tym } from './support/embedded.ts';

describe.runIf(PG)('embedded on PostgreSQL: nothing acknowledged lost', () => {
  const s = PG ? setup('postgres') : (undefined as never);
  afterAll(async () => {
    rmSync(s.dataDir, { recursive: true, force: true });
    for (const n of ['joint', 'employment', 'wellbeing', 'kela', 'audit'])
      await dropDatabase(withDatabase(PG!, `${s.env.TYM_DB_PREFIX}_${n}`));
  });

  it('kill -9 of the whole system right after answers loses ' +
    'no acknowledged log entry; commands work beside it', async () => {
    const empty = await tym(s, ['audit', 'verify']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no disclosure log at database /);
    await killAndRecover(s);
  }, 900_000);
});
