// Types the app's GraphQL operations (web/src/operations/*.graphql) from the composed schema
// (schema/supergraph.graphql) with GraphQL Code Generator's client preset, into web/src/gql/, which is
// committed: `npm run codegen` writes it, `npm run codegen -- --check` (run by `npm run lint`, and
// test/web-codegen.test.ts) fails when it is not what the operations and the schema give.
// The preset also lists each operation's SHA-256 (persisted-documents.json); the build turns that list into
// the gateway's manifest of trusted documents (web/trusted-documents.mjs).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import { preset } from '@graphql-codegen/client-preset';
import { buildASTSchema, parse, visit } from 'graphql';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OPERATIONS = join(root, 'web', 'src', 'operations');
export const GENERATED = join(root, 'web', 'src', 'gql');
const SUPERGRAPH = join(root, 'schema', 'supergraph.graphql');

/** The API schema of the supergraph: without the federation's own directives, scalars and enums. */
function apiSchema(sdl) {
  const federation = (node) => (/^(join|link)__/.test(node.name.value) ? null : undefined);
  return visit(parse(sdl), {
    Directive: () => null,
    DirectiveDefinition: () => null,
    ScalarTypeDefinition: federation,
    EnumTypeDefinition: federation,
    InputObjectTypeDefinition: federation,
  });
}

/** The generated files, by path relative to the checkout, as the operations and the schema give them now. */
export async function generate() {
  const schema = apiSchema(readFileSync(SUPERGRAPH, 'utf8'));
  const documents = readdirSync(OPERATIONS)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => {
      const location = relative(root, join(OPERATIONS, f));
      const rawSDL = readFileSync(join(OPERATIONS, f), 'utf8');
      return { location, rawSDL, document: parse(rawSDL) };
    });
  const config = {
    documentMode: 'string',
    useTypeImports: true,
    enumType: 'string-literal',
    scalars: { Date: 'string', DateTime: 'string' },
    strictScalars: true,
    importExtension: '.ts',
  };
  const outputs = await preset.buildGeneratesSection({
    baseOutputDir: `${relative(root, GENERATED)}/`,
    schema,
    schemaAst: buildASTSchema(schema),
    documents,
    plugins: [],
    pluginMap: {},
    config,
    presetConfig: {
      fragmentMasking: false,
      persistedDocuments: { hashAlgorithm: 'sha256', mode: 'replaceDocumentWithHash' },
    },
    documentTransforms: [],
  });
  const files = [];
  // The app needs the types and the documents; the preset's `graphql()` tag and index are for documents
  // written inside components, which this app does not have.
  for (const o of outputs.filter((x) => /(graphql\.ts|persisted-documents\.json)$/.test(x.filename))) {
    const content = await codegen({ ...o, config: { ...config, ...o.config } });
    files.push({ path: o.filename, content: content.endsWith('\n') ? content : `${content}\n` });
  }
  return files;
}

/** The generated files that differ from what is in the checkout. */
export async function stale() {
  const out = [];
  for (const f of await generate()) {
    let now = '';
    try {
      now = readFileSync(join(root, f.path), 'utf8');
    } catch {}
    if (now !== f.content) out.push(f.path);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const differ = await stale();
    if (differ.length > 0) {
      console.error(`generated GraphQL types out of date (run npm run codegen): ${differ.join(', ')}`);
      process.exit(1);
    }
  } else {
    mkdirSync(GENERATED, { recursive: true });
    for (const f of await generate()) writeFileSync(join(root, f.path), f.content);
    console.log(`GraphQL types written into ${relative(root, GENERATED)}/`);
  }
}
