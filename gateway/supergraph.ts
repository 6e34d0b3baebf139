// The static supergraph the gateway plans over (docs/DESIGN.md decision 9), composed by `tym compose`
// (cli/compose.ts) and committed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));

export const readSupergraph = (): string => readFileSync(SUPERGRAPH_PATH, 'utf8');
