// Regenerates each subgraph's drizzle-kit migrations from its schema (npm run db:generate).
import { execFileSync } from 'node:child_process';

const targets = [
  ['joint', 'subgraphs/joint/db'],
  ['employment', 'subgraphs/employment/db'],
  ['wellbeing', 'subgraphs/wellbeing/db'],
  ['kela', 'subgraphs/kela/db'],
  ['audit', 'gateway/audit/db'],
] as const;
const only = process.argv[2];
for (const [name, dir] of targets) {
  if (only && only !== name) continue;
  execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      `${dir}/schema.ts`,
      '--out',
      `${dir}/migrations`,
      '--name',
      process.argv[3] ?? 'migration',
    ],
    { stdio: 'inherit' },
  );
}
