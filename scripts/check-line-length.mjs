// Fails when a tracked source line is longer than the limit the formatter works to (biome.jsonc lineWidth).
// The formatter cannot break strings and comments, so this check catches what it leaves long.
// Generated migrations are excluded: they are written by drizzle-kit and never edited by hand; so are the
// web app's GraphQL types (web/src/gql), written by the code generator (web/codegen.mjs).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 120;
const files = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx', '*.mjs', '*.js'], { encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && !f.split('/').includes('migrations') && !f.startsWith('web/src/gql/'));

const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') continue; // deleted in the work tree but not yet staged
    throw e;
  }
  text.split('\n').forEach((line, i) => {
    const length = [...line].length;
    if (length > LIMIT) long.push(`${file}:${i + 1}: ${length} characters`);
  });
}

if (long.length > 0) {
  console.error(`${long.length} line(s) longer than ${LIMIT} characters:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`line length: ${files.length} files, no line over ${LIMIT} characters`);
