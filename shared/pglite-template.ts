// Migrated PGlite clusters made once and copied, instead of an initdb and a migration run for every
// fresh database.
//
// PGlite's initdb runs PostgreSQL's bootstrap inside WebAssembly, and a service's migrations then
// replay every schema change: together the largest part of a first start (five databases) and of
// every test system (five in-memory databases). Two fresh databases of one service are alike, so
// one is made per service's migrations, shut down cleanly, and kept twice: as a directory to copy
// into a fresh data directory, and as a tar image to load an in-memory database from. They are
// keyed by PGlite's version and the migrations' content, so a changed migration makes a new one.
// `npm install` makes them (scripts/prepare-pglite.mjs); failing that, the first process that needs
// one does. A cache that cannot be written costs only the time it would have saved.
import { createHash } from 'node:crypto';
import {
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const require = createRequire(import.meta.url);
const pgliteEntry = require.resolve('@electric-sql/pglite'); // <package>/dist/index.cjs
const pgliteVersion = (
  JSON.parse(readFileSync(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** Where the templates are kept: beside the installed packages, like other tools' caches. */
export const templateRoot = join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '.cache', 'tym-pglite');

// PGlite compiles its WebAssembly module on every create; compiled once, the module serves all.
let compiled: Promise<WebAssembly.Module> | undefined;
export function pgliteModule(): Promise<WebAssembly.Module> {
  const wasm = join(dirname(pgliteEntry), 'pglite.wasm');
  const { WebAssembly: wasmApi } = globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> };
  };
  return (compiled ??= wasmApi.compile(readFileSync(wasm)));
}

/**
 * How the empty cluster is made (below); a change here makes every template anew. 2: 1 MB WAL segments,
 * no template databases.
 */
const TEMPLATE_FORMAT = 2;

/** A folder named for PGlite's version and a digest of every file of `folders` (none: the empty cluster). */
function templateDir(folders: string[]): string {
  const digest = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else digest.update(entry.name).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const folder of folders) walk(folder);
  const name = folders.length ? digest.digest('hex').slice(0, 16) : 'empty';
  return join(templateRoot, `${pgliteVersion}-f${TEMPLATE_FORMAT}-${name}`);
}

const making = new Map<string, Promise<string | null>>();

/**
 * The template for a migrations folder, made unless it exists (from the empty cluster, itself made
 * once); null when it cannot be made. Built in a folder of its own and renamed into place, so that
 * processes racing to make it (test workers) never see half of one.
 */
export function ensureTemplate(migrationsFolder?: string): Promise<string | null> {
  const dir = templateDir(migrationsFolder ? [migrationsFolder] : []);
  let made = making.get(dir);
  if (!made) {
    made = makeTemplate(dir, migrationsFolder);
    making.set(dir, made);
  }
  return made;
}

async function makeTemplate(dir: string, migrationsFolder?: string): Promise<string | null> {
  if (existsSync(join(dir, 'ready'))) return dir;
  const empty = migrationsFolder ? await ensureTemplate() : null;
  if (migrationsFolder && !empty) return null;
  const building = `${dir}.${process.pid}-${Date.now()}`;
  try {
    mkdirSync(building, { recursive: true });
    if (empty) cpSync(join(empty, 'cluster'), join(building, 'cluster'), { recursive: true });
    const pg = await PGlite.create(join(building, 'cluster'), {
      pgliteWasmModule: await pgliteModule(),
      // A fresh cluster's own initdb: 1 MB WAL segments instead of 16 (the smallest PostgreSQL allows).
      initDbStartParams: ['--wal-segsize=1'],
    });
    if (!empty) await slimCluster(pg);
    if (migrationsFolder) await migrate(drizzle({ client: pg }), { migrationsFolder });
    const image = await pg.dumpDataDir('none');
    await pg.close(); // a clean shutdown: copies start without recovery
    writeFileSync(join(building, 'cluster.tar'), Buffer.from(await image.arrayBuffer()));
    writeFileSync(join(building, 'ready'), `${pgliteVersion}\n`);
    try {
      renameSync(building, dir);
    } catch {
      // Another process was quicker: its template serves as well as ours.
      rmSync(building, { recursive: true, force: true });
    }
    return existsSync(join(dir, 'ready')) ? dir : null;
  } catch {
    rmSync(building, { recursive: true, force: true });
    return null;
  }
}

/**
 * Every fresh database is a copy of this cluster, so its size is what a first start copies five times
 * (and a test system loads five times): 39 MB as initdb leaves it, about 10 MB after this. Most of it
 * was two template databases, which only CREATE DATABASE reads and PGlite never runs, and WAL segments
 * kept for reuse (min_wal_size, 5 of them by PGlite's configuration); the service's data lives in
 * `postgres`. The WAL a running database needs is made as it goes.
 */
async function slimCluster(pg: PGlite): Promise<void> {
  for (const template of ['template0', 'template1']) {
    await pg.exec(`alter database ${template} is_template false`);
    await pg.exec(`drop database ${template}`);
  }
  await pg.exec(`alter system set min_wal_size = '2MB'`);
  await pg.exec('select pg_reload_conf()');
  await pg.exec('checkpoint');
}

/** Fills a fresh data directory with a copy of the migrated cluster; false when there is none. */
export async function copyTemplateInto(dir: string, migrationsFolder: string): Promise<boolean> {
  const template = await ensureTemplate(migrationsFolder);
  if (!template) return false;
  // Asynchronously, so that the four services' copies (about 40 MB each) overlap on the thread pool instead
  // of blocking the start one after the other; a copy-on-write clone where the file system offers one.
  await cp(join(template, 'cluster'), dir, { recursive: true, mode: constants.COPYFILE_FICLONE });
  return true;
}

const images = new Map<string, Blob>();

/** The migrated cluster as a tar image for an in-memory database, or undefined (then initdb runs). */
export async function templateImage(migrationsFolder: string): Promise<Blob | undefined> {
  const template = await ensureTemplate(migrationsFolder);
  if (!template) return undefined;
  let image = images.get(template);
  if (!image) {
    image = new Blob([readFileSync(join(template, 'cluster.tar'))]);
    images.set(template, image);
  }
  return image;
}
