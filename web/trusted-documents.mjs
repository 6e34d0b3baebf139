// The manifest of trusted documents the gateway accepts in production (gateway/plugins/trusted-documents.ts):
// the SHA-256 of each operation's text as the app sends it → the operation's name. Made from the list the
// code generator writes for the app's operations (web/src/gql/persisted-documents.json) by the build
// (scripts/build-web.mjs), which puts it beside the app as web/dist/trusted-documents.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';

export const PERSISTED = fileURLToPath(new URL('./src/gql/persisted-documents.json', import.meta.url));
export const MANIFEST = fileURLToPath(new URL('./dist/trusted-documents.json', import.meta.url));

/** { "sha256:<hex>": text } → { "<hex>": operation name } */
export function manifestOf(persisted) {
  const out = {};
  for (const [key, text] of Object.entries(persisted)) {
    const operation = parse(text).definitions.find((d) => d.kind === 'OperationDefinition');
    if (!operation?.name) throw new Error(`trusted documents: an operation without a name (${key})`);
    out[key.replace(/^sha256:/, '')] = operation.name.value;
  }
  return out;
}

export const persistedDocuments = () => JSON.parse(readFileSync(PERSISTED, 'utf8'));
