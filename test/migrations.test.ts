// Upgrading a joint record written before the statistics facts (migrations 0003 and 0004): the
// facts are worked out from what was stored, nothing is lost. On PGlite and PostgreSQL.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { dropDatabase, executeRows, openDatabase, withDatabase, type Location } from '../shared/db.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { customerships, planReviews, plans, schema } from '../subgraphs/joint/db/schema.ts';
import { BACKENDS } from './support/system.ts';

const MIGRATIONS = SUBGRAPH_SERVICES.joint.migrationsFolder;
const work = mkdtempSync(join(tmpdir(), 'tym-migrations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A service's migrations (by default the joint record's) as they stood before `tag`. */
function migrationsBefore(tag: string, migrations = MIGRATIONS): string {
  const folder = join(work, `before-${tag}-${randomBytes(3).toString('hex')}`);
  cpSync(migrations, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

const by = `'employment', 'ita-uusimaa', 'Virtanen, TE specialist'`;

for (const backend of BACKENDS) {
  describe(`the joint record upgraded on ${backend.name}`, () => {
    it(
      "works out review due dates, each customership's copy of its plan, Finnish dates, age groups and start " +
        'municipalities from what was stored',
      async () => {
        const name = `tymtest_${randomBytes(4).toString('hex')}_joint`;
        const location: Location = backend.pgUrl
          ? { kind: 'postgres', url: withDatabase(backend.pgUrl, name) }
          : { kind: 'pglite', dir: join(work, name) };
        try {
          const old = await openDatabase({
            location,
            schema: {},
            migrationsFolder: migrationsBefore('0003_statistics_facts'),
          });
          // Started half past midnight on New Year's Day in Finland (still 2023 in UTC); under 30 by
          // the flag; a plan; a review on time, a late one, and one the client asked for early.
          const statements = [
            `
          insert into persons (hetu, first_name, last_name, municipality, recorded_by_org, ` +
              `recorded_by_area, recorded_by_official)
            values ('150385-9013', 'Testi', 'Asiakas', 'Loviisa', ${by})`,
            `
          insert into customerships (id, hetu, area, status, started_at, plan_deadline, youth, ` +
              `recorded_by_org, recorded_by_area, recorded_by_official)
            values ('00000000-0000-4000-8000-000000000001', '150385-9013', 'ita-uusimaa', ` +
              `'ACTIVE', '2023-12-31T22:30:00Z', '2024-04-01', false, ${by})`,
            `
          insert into plans (id, hetu, customership_id, next_review_due, recorded_by_org, ` +
              `recorded_by_area, recorded_by_official, recorded_at)
            values ('00000000-0000-4000-8000-000000000002', '150385-9013', ` +
              `'00000000-0000-4000-8000-000000000001', '2025-01-15', ${by}, '2024-02-15T08:00:00Z')`,
            `
          insert into plan_reviews (plan_id, note, requested_by_client, recorded_by_org, ` +
              `recorded_by_area, recorded_by_official, recorded_at) values
            ('00000000-0000-4000-8000-000000000002', 'On time', false, ${by}, '2024-05-10T08:00:00Z'),
            ('00000000-0000-4000-8000-000000000002', 'Late', false, ${by}, '2024-09-01T08:00:00Z'),
            ('00000000-0000-4000-8000-000000000002', 'Asked for', true, ${by}, '2024-10-15T08:00:00Z')`,
          ];
          for (const statement of statements) await old.db.execute(sql.raw(statement));
          await old.close();

          const joint = await openDatabase({ location, schema, migrationsFolder: MIGRATIONS });
          try {
            const [c] = await joint.db.select().from(customerships);
            expect(c).toMatchObject({
              municipality: 'Loviisa',
              startedOn: '2024-01-01',
              endedOn: null,
              ageGroup: '30-49',
            });
            const reviews = await joint.db.select().from(planReviews).orderBy(asc(planReviews.recordedAt));
            // Three months after the plan, three after the review before; the client's at once.
            expect(reviews.map((r) => [r.note, r.dueOn, r.reviewedOn])).toEqual([
              ['On time', '2024-05-15', '2024-05-10'],
              ['Late', '2024-08-10', '2024-09-01'],
              ['Asked for', '2024-10-15', '2024-10-15'],
            ]);
            const [plan] = await joint.db.select().from(plans);
            expect(plan).toMatchObject({ createdOn: '2024-02-15', nextReviewDue: '2025-01-15', version: 1 });
            const [facts] = await joint.db.select().from(customerships);
            expect(facts).toMatchObject({
              planCreatedOn: '2024-02-15',
              planNextReviewDue: '2025-01-15',
              reviewDues: ['2024-05-15', '2024-08-10', '2024-10-15'],
              onTimeReviewDues: ['2024-05-15', '2024-10-15'],
            });
          } finally {
            await joint.close();
          }
        } finally {
          if (location.kind === 'postgres') await dropDatabase(location.url);
        }
      },
    );
  });
}

for (const backend of BACKENDS) {
  describe(`release records upgraded on ${backend.name}`, () => {
    // The joint record's numbering of migrations differs from the registers'; the statement is the same.
    for (const register of ['joint', 'kela'] as const) {
      it(`${register}: records kept under uuid ids are numbered, and new ones numbered after them`, async () => {
        const name = `tymtest_${randomBytes(4).toString('hex')}_${register}`;
        const location: Location = backend.pgUrl
          ? { kind: 'postgres', url: withDatabase(backend.pgUrl, name) }
          : { kind: 'pglite', dir: join(work, name) };
        const { migrationsFolder } = SUBGRAPH_SERVICES[register];
        const tag = (
          JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
            entries: { tag: string }[];
          }
        ).entries.find((e) => e.tag.endsWith('_release_ids'))!.tag;
        const release = (hetu: string) =>
          `insert into releases (ticket_id, request_id, hetu, categories, bases, recipient_org, recipient_role, ` +
          `recipient_sub, purpose) values ('t-${hetu}', 'r-1', '${hetu}', '{IDENTITY}', '{SECTION_15}', ` +
          `'employment', 'employment-specialist', 'official-1', 'COORDINATION')`;
        try {
          const old = await openDatabase({
            location,
            schema: {},
            migrationsFolder: migrationsBefore(tag, migrationsFolder),
          });
          for (const hetu of ['010101-0101', '020202-0202']) await old.db.execute(sql.raw(release(hetu)));
          await old.close();
          const upgraded = await openDatabase({ location, schema: {}, migrationsFolder });
          try {
            await upgraded.db.execute(sql.raw(release('030303-0303')));
            const rows = await executeRows<{ id: unknown; hetu: string }>(
              upgraded.db,
              sql.raw('select id, hetu from releases order by id'),
            );
            expect(rows.map((r) => [Number(r.id), r.hetu])).toEqual([
              [1, '010101-0101'],
              [2, '020202-0202'],
              [3, '030303-0303'],
            ]);
          } finally {
            await upgraded.close();
          }
        } finally {
          if (location.kind === 'postgres') await dropDatabase(location.url);
        }
      });
    }
  });
}

describe.skipIf(!process.env.TYM_TEST_PG_URL)('replicas starting together on PostgreSQL', () => {
  it('migrate a fresh database once, in turn, and all open it', async () => {
    const url = withDatabase(process.env.TYM_TEST_PG_URL!, `tymtest_${randomBytes(4).toString('hex')}_joint`);
    const location: Location = { kind: 'postgres', url };
    const opened = await Promise.allSettled(
      [1, 2, 3].map(() => openDatabase({ location, schema, migrationsFolder: MIGRATIONS })),
    );
    try {
      expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason).slice(0, 200) : 'opened'))).toEqual([
        'opened',
        'opened',
        'opened',
      ]);
    } finally {
      for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
      await dropDatabase(url);
    }
  });
});
