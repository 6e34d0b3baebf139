// PGlite's commits made durable (shared/db.ts, Database.sync): the WAL segments are fsynced off the services'
// thread, while PGlite goes on writing and, at checkpoints, renames and removes segments. A segment gone
// between listing and syncing must not fail the sync: the disclosure log would then refuse every answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { schema } from '../gateway/audit/db/schema.ts';
import { executeRows, openDatabase } from './db.ts';

const dir = mkdtempSync(join(tmpdir(), 'tym-wal-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("PGlite's WAL sync", () => {
  it('keeps succeeding while PGlite writes and checkpoints recycle segments', async () => {
    const database = await openDatabase({
      location: { kind: 'pglite', dir: join(dir, 'db') },
      schema,
      migrationsFolder: fileURLToPath(new URL('../gateway/audit/db/migrations', import.meta.url)),
    });
    try {
      await database.db.execute(sql`create table filler (body text)`);
      const syncs: Promise<void>[] = [];
      // About 12 MB of WAL in 1 MB segments: checkpoints recycle and remove segments while syncs run.
      for (let round = 0; round < 24; round++) {
        await database.db.execute(
          sql`insert into filler select repeat(md5(i::text), 16) from generate_series(1, 1000) i`,
        );
        syncs.push(database.sync());
        if (round % 4 === 3) await database.db.execute(sql`checkpoint`);
        syncs.push(database.sync());
      }
      await expect(Promise.all(syncs)).resolves.toBeDefined();
      const [counted] = await executeRows<{ n: number }>(database.db, sql`select count(*)::int as n from filler`);
      expect(counted?.n).toBe(24_000);
    } finally {
      await database.close();
    }
  });
});
