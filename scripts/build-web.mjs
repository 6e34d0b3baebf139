// Builds the web app (web/) into web/dist with Vite when a source is newer than the build, so that
// `npm start` on a fresh clone serves the current app; `--force` always builds. The build is not committed.
// Run on install too, so that a first start does not spend its time building.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../web', import.meta.url));
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => join(web, p));
// On install the sources may not be there yet (an image copies package.json before them).
if (!sources.every(existsSync)) process.exit(0);
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
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
console.log('web app built into web/dist');
