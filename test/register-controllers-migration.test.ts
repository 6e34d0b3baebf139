// Upgrading registers written before rows recorded their controller (migrations 0001_controllers,
// docs/LAW.md rule 10): each row gets the controller worked out from what was stored, and a row whose
// controller cannot be worked out gets 'unassigned', which no caller works for. On PGlite and PostgreSQL.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { controllersOf } from '../shared/areas.ts';
import { dropDatabase, openDatabase, withDatabase, type Location } from '../shared/db.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import * as employment from '../subgraphs/employment/db/schema.ts';
import * as wellbeing from '../subgraphs/wellbeing/db/schema.ts';
import * as kela from '../subgraphs/kela/db/schema.ts';
import { BACKENDS, type Backend } from './support/system.ts';

const work = mkdtempSync(join(tmpdir(), 'tym-controllers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A register's migrations as they stood before `tag`. */
function migrationsBefore(folder: string, tag: string): string {
  const copy = join(work, `${randomBytes(3).toString('hex')}-before-${tag}`);
  cpSync(folder, copy, { recursive: true });
  const journalPath = join(copy, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return copy;
}

/** Opens a fresh database at the migrations before 0001_controllers, runs `statements`, then upgrades it. */
async function upgraded<S extends Record<string, unknown>>(
  backend: Backend,
  register: 'employment' | 'wellbeing' | 'kela',
  schema: S,
  statements: string[],
  check: (db: any) => Promise<void>,
): Promise<void> {
  const name = `tymtest_${randomBytes(4).toString('hex')}_${register}`;
  const location: Location = backend.pgUrl
    ? { kind: 'postgres', url: withDatabase(backend.pgUrl, name) }
    : { kind: 'pglite', dir: join(work, name) };
  const folder = SUBGRAPH_SERVICES[register].migrationsFolder;
  try {
    const before = migrationsBefore(folder, '0001_controllers');
    const old = await openDatabase({ location, schema: {}, migrationsFolder: before });
    for (const statement of statements) await old.db.execute(sql.raw(statement));
    await old.close();
    const db = await openDatabase({ location, schema, migrationsFolder: folder });
    try {
      await check(db.db);
    } finally {
      await db.close();
    }
  } finally {
    if (location.kind === 'postgres') await dropDatabase(location.url);
  }
}

for (const backend of BACKENDS) {
  describe(`registers upgraded to record their controllers on ${backend.name}`, () => {
    it("employment: each row takes the employment area of the person's job-seeker row, else unassigned", async () => {
      await upgraded(
        backend,
        'employment',
        employment.schema,
        [
          `insert into job_seekers (hetu, office, status, registered_on) values
           ('150385-9013', 'Porvoo employment area', 'UNEMPLOYED', '2024-01-01'),
           ('240679-904V', 'Keski-Uusimaa employment area', 'UNEMPLOYED', '2024-01-01')`,
          `insert into educations (hetu, degree, field, institution, year) values
           ('150385-9013', 'Bachelor', 'Business', 'Haaga-Helia', 2010),
           ('240679-904V', 'Vocational qualification', 'Social and health care', 'Keuda', 1999),
           ('111190-903A', 'Upper secondary', 'General', 'Porvoo lukio', 2009)`,
          `insert into benefit_statements (hetu, given_on, statement_type, outcome, reasoning) values
           ('150385-9013', '2024-02-01', 'LABOUR_MARKET', 'NO_OBSTACLE', 'Registered as unemployed')`,
        ],
        async (db) => {
          const seekers = await db.select().from(employment.jobSeekers).orderBy(asc(employment.jobSeekers.hetu));
          expect(seekers.map((r: any) => [r.hetu, r.controller])).toEqual([
            ['150385-9013', 'porvoo-employment-area'],
            ['240679-904V', 'keski-uusimaa-employment-area'],
          ]);
          const educations = await db.select().from(employment.educations).orderBy(asc(employment.educations.hetu));
          expect(educations.map((r: any) => [r.hetu, r.controller])).toEqual([
            ['111190-903A', 'unassigned'],
            ['150385-9013', 'porvoo-employment-area'],
            ['240679-904V', 'keski-uusimaa-employment-area'],
          ]);
          expect((await db.select().from(employment.benefitStatements))[0].controller).toBe('porvoo-employment-area');
          // Nobody works for 'unassigned': no caller reads such a row as its own register.
          for (const areas of [['ita-uusimaa'], ['keski-uusimaa'], ['ita-uusimaa', 'keski-uusimaa']]) {
            expect(controllersOf({ org: 'employment', areas })).not.toContain('unassigned');
          }
          // A person may now be registered with a second employment area; the controller is required.
          await db.insert(employment.jobSeekers).values({
            hetu: '150385-9013',
            controller: 'keski-uusimaa-employment-area',
            office: 'Keski-Uusimaa employment area',
            status: 'UNEMPLOYED',
            registeredOn: '2025-01-01',
          });
          const noController = `insert into skills (hetu, name, level) values ('150385-9013', 'Forklift', 'GOOD')`;
          await expect(db.execute(sql.raw(noController))).rejects.toThrow();
        },
      );
    });

    it(
      "wellbeing: assessments take their recording official's " + "county, other rows the client's unit's county",
      async () => {
        await upgraded(
          backend,
          'wellbeing',
          wellbeing.schema,
          [
            `insert into wellbeing_clients (hetu, unit) values
           ('240679-904V', 'Keski-Uusimaa social services, Hyvinkää'), ('150385-9013', ` +
              `'Itä-Uusimaa social services, Porvoo')`,
            `insert into social_situation_assessments (hetu, summary, recorded_at, recorded_by_org, ` +
              `recorded_by_area, recorded_by_official) values
           ('240679-904V', 'Before the move', '2023-01-01T10:00:00Z', 'wellbeing', 'ita-uusimaa', 'Sanna Rinne'),
           ('240679-904V', 'After the move', '2025-01-01T10:00:00Z', 'wellbeing', 'keski-uusimaa', 'Katri Aalto'),
           ('150385-9013', 'By an unknown hand', '2025-01-01T10:00:00Z', 'wellbeing', null, 'Unknown'),
           ('010101-9999', 'Nobody knows where', '2025-01-01T10:00:00Z', 'employment', 'ita-uusimaa', 'Someone')`,
            `insert into diagnoses (hetu, code, description, diagnosed_on) values
           ('240679-904V', 'M75.1', 'Rotator cuff syndrome', '2025-01-01'), ('010101-9999', ` +
              `'F32.1', 'Moderate depressive episode', '2025-01-01')`,
          ],
          async (db) => {
            const social = await db
              .select()
              .from(wellbeing.socialAssessments)
              .orderBy(asc(wellbeing.socialAssessments.summary));
            expect(social.map((r: any) => [r.summary, r.controller])).toEqual([
              ['After the move', 'keski-uusimaa-wellbeing-county'],
              ['Before the move', 'ita-uusimaa-wellbeing-county'],
              ['By an unknown hand', 'ita-uusimaa-wellbeing-county'],
              ['Nobody knows where', 'unassigned'],
            ]);
            const dx = await db.select().from(wellbeing.diagnoses).orderBy(asc(wellbeing.diagnoses.code));
            expect(dx.map((r: any) => [r.code, r.controller])).toEqual([
              ['F32.1', 'unassigned'],
              ['M75.1', 'keski-uusimaa-wellbeing-county'],
            ]);
            const clients = await db.select().from(wellbeing.clients).orderBy(asc(wellbeing.clients.hetu));
            expect(clients.map((r: any) => r.controller)).toEqual([
              'ita-uusimaa-wellbeing-county',
              'keski-uusimaa-wellbeing-county',
            ]);
          },
        );
      },
    );

    it("kela: every row is Kela's, one national controller", async () => {
      await upgraded(
        backend,
        'kela',
        kela.schema,
        [
          `insert into benefits (hetu, type, status, since, decided_on) values ('150385-9013', ` +
            `'LABOUR_MARKET_SUBSIDY', 'GRANTED', '2024-01-01', '2024-01-05')`,
          `insert into payments (hetu, paid_on, amount, benefit_type) values ('150385-9013', '2024-02-01', ` +
            `'734.50', 'LABOUR_MARKET_SUBSIDY')`,
        ],
        async (db) => {
          expect((await db.select().from(kela.benefits))[0].controller).toBe('kela');
          expect((await db.select().from(kela.payments))[0].controller).toBe('kela');
          // New rows name their controller: the column has no default.
          const noController = `insert into rehabilitation_decisions (hetu, type, status, decided_on)
          values ('150385-9013', 'REHABILITATION_COURSE', 'APPLIED', '2025-01-01')`;
          await expect(db.execute(sql.raw(noController))).rejects.toThrow();
        },
      );
    });
  });
}
