// The project's layering (docs/DESIGN.md decision 1): the gateway knows the subgraphs only through
// the committed supergraph and the tickets, never through their code, and the subgraphs know nothing
// of the gateway. Composition, which reads every subgraph, lives in cli/. Checked on the imports as
// TypeScript reads them, so a type-only or dynamic import counts too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, folder, f));
}

/** Each relative import of the files under `folder` that lands in `forbidden`, as "file -> import". */
function importsInto(folder: string, forbidden: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(folder)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = relative(ROOT, resolve(dirname(file), fileName));
      if (target === forbidden || target.startsWith(`${forbidden}${sep}`))
        found.push(`${relative(ROOT, file)} -> ${fileName}`);
    }
  }
  return found;
}

describe('architecture', () => {
  it('the gateway imports no subgraph', () => {
    expect(sourceFiles('gateway').length).toBeGreaterThan(10);
    expect(importsInto('gateway', 'subgraphs')).toEqual([]);
  });

  it('the subgraphs import nothing of the gateway', () => {
    expect(sourceFiles('subgraphs').length).toBeGreaterThan(10);
    expect(importsInto('subgraphs', 'gateway')).toEqual([]);
  });
});
