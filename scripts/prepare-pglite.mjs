// Makes the migrated PGlite clusters that fresh embedded databases are copied from
// (shared/pglite-template.ts), so that a first `npm start` and every test system skip PGlite's initdb
// and the migration run. Run on install; harmless to repeat; a failure only means the first start
// makes them instead. Every drizzle migrations folder of the project gets one.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const module = join(root, 'shared', 'pglite-template.ts');

/** Folders named `migrations` that hold a drizzle journal, outside node_modules. */
function migrationFolders(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name === 'migrations' && existsSync(join(path, 'meta', '_journal.json'))) found.push(path);
    else found.push(...migrationFolders(path));
  }
  return found;
}

if (!existsSync(module)) {
  console.log('prepare-pglite: sources not present yet, skipped');
} else {
  const { tsImport } = await import('tsx/esm/api');
  const { ensureTemplate, templateRoot } = await tsImport(module, import.meta.url);
  const started = performance.now();
  // One at a time: PGlite runs on this thread, so in parallel they would take as long.
  const made = [];
  for (const folder of migrationFolders(root)) made.push(await ensureTemplate(folder));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // Templates of another PGlite, other migrations or an older format are no use any more: 10 to 40 MB each.
  const kept = new Set([...made, await ensureTemplate()].filter(Boolean).map((dir) => basename(dir)));
  for (const name of existsSync(templateRoot) ? readdirSync(templateRoot) : [])
    if (!kept.has(name) && !/\.\d+-\d+$/.test(name)) rmSync(join(templateRoot, name), { recursive: true, force: true });
  const failed = made.filter((dir) => dir === null).length;
  console.log(
    failed === 0
      ? `prepare-pglite: ${made.length} migrated clusters ready (${seconds} s)`
      : `prepare-pglite: ${failed} of ${made.length} clusters could not be made; the first start makes them`,
  );
}
