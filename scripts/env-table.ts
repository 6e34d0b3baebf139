// The contract's table of environment variables (docs/CONTRACT.md section 1), made from the one list
// the configuration module reads by (shared/config.ts ENVIRONMENT), so that the two cannot drift:
// test/config.test.ts fails when the committed table differs. `npm run docs:env` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENT } from '../shared/config.ts';

export const CONTRACT_PATH = fileURLToPath(new URL('../docs/CONTRACT.md', import.meta.url));
const BEGIN = '<!-- environment: made from shared/config.ts ENVIRONMENT by `npm run docs:env`; edit it there -->';
const END = '<!-- end of environment -->';

export function environmentTable(): string {
  const rows = ENVIRONMENT.map(
    (v) => `| \`${v.name}\` | ${v.usedBy} | ${v.default === null ? '' : `\`${v.default}\``} | ${v.meaning} |`,
  );
  return ['| variable | used by | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** The contract with its table replaced by the one made now. */
export function withEnvironmentTable(contract: string): string {
  const begin = contract.indexOf(BEGIN);
  const end = contract.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`docs/CONTRACT.md has no ${BEGIN} … ${END} block`);
  return `${contract.slice(0, begin + BEGIN.length)}\n${environmentTable()}\n${contract.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CONTRACT_PATH, withEnvironmentTable(readFileSync(CONTRACT_PATH, 'utf8')));
}
