// Builds the web app (web/) into web/dist with Vite when a source is newer than the build, so that
// `npm start` on a fresh clone serves the current app; `--force` always builds. The build is not committed.
// Run on install too, so that a first start does not spend its time building.
// Beside the app it writes web/dist/trusted-documents.json: the SHA-256 of each of the app's operations
// (web/src/operations/*.graphql, as the code generator lists them), the only documents the gateway runs in
// production for roles not allowed any (TYM_ANY_DOCUMENT_ROLES). It prints the size of the app's script.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = fileURLToPath(new URL('../web', import.meta.url));
const built = join(web, 'dist', 'index.html');
/** The app's script may not grow past this, gzipped (the budget). */
const BUDGET_GZ = 250 * 1024;

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'index.html', 'silent-renew.html', 'vite.config.ts', 'trusted-documents.mjs'].map((p) =>
  join(web, p),
);
// On install the sources may not be there yet (an image copies package.json before them).
if (!sources.every(existsSync)) process.exit(0);
const manifestFile = join(web, 'dist', 'trusted-documents.json');
const stale =
  !existsSync(built) ||
  !existsSync(manifestFile) ||
  Math.max(...sources.map(newest)) > Math.min(statSync(built).mtimeMs, statSync(manifestFile).mtimeMs);
if (!process.argv.includes('--force') && !stale) process.exit(0);

let build;
try {
  ({ build } = await import('vite'));
} catch {
  // An install without the build tools (npm ci --omit=dev) serves what was built before, if anything.
  console.warn('web app not built: vite is not installed (install the dev dependencies to build it)');
  process.exit(0);
}
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
const { manifestOf, persistedDocuments } = await import('../web/trusted-documents.mjs');
const manifest = manifestOf(persistedDocuments());
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

// The script a first visit loads (the entry and what it imports at once), and all the script there is.
const assets = join(web, 'dist', 'assets');
const gz = (f) => gzipSync(readFileSync(join(assets, f))).length;
const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
const firstLoad = [...readFileSync(built, 'utf8').matchAll(/assets\/([^"]+\.js)/g)].map((m) => m[1]);
const all = scripts.reduce((sum, f) => sum + gz(f), 0);
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const first = kB(firstLoad.reduce((sum, f) => sum + gz(f), 0));
console.log(
  `web app built into web/dist: ${Object.keys(manifest).length} trusted documents; script ${first} gzipped at` +
    ` first load, ${kB(all)} gzipped in all ${scripts.length} chunks (budget ${kB(BUDGET_GZ)})`,
);
if (all > BUDGET_GZ) {
  console.error(`web app: ${kB(all)} of script gzipped is over the budget of ${kB(BUDGET_GZ)}`);
  process.exit(1);
}
