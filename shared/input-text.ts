// Text PostgreSQL cannot store is refused before any SQL runs, in one place for every argument of
// every operation: a NUL character, and a UTF-16 surrogate without its pair (not a character at all,
// so it has no UTF-8 form). Otherwise the database would refuse it with a driver error that names the
// statement (docs/LAW.md rule 20).
import { Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode } from 'graphql';
import { badInput } from './errors.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point; PostgreSQL text cannot hold it.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** Whether every text in a variable's value can be stored; nothing is allocated (most values are fine). */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value !== null && typeof value === 'object') {
    for (const k in value) if (!storable((value as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** The path to the first text in a variable's value that cannot be stored, or null. */
function inVariable(value: unknown, path: string): string | null {
  if (storable(value)) return null;
  if (typeof value === 'string') return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = inVariable(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = inVariable(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

function inValue(node: ValueNode, path: string, variables: Record<string, unknown>): string | null {
  switch (node.kind) {
    case Kind.STRING:
      return isStorableText(node.value) ? null : path;
    case Kind.VARIABLE:
      return inVariable(variables[node.name.value], path);
    case Kind.LIST:
      for (let i = 0; i < node.values.length; i++) {
        const found = inValue(node.values[i]!, `${path}[${i}]`, variables);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = inValue(field.value, `${path}.${field.name.value}`, variables);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/** Each document's arguments, found once: Apollo keeps one parsed document per query text. */
const argumentsOf = new WeakMap<DocumentNode, readonly ArgumentNode[]>();

function documentArguments(document: DocumentNode): readonly ArgumentNode[] {
  let found = argumentsOf.get(document);
  if (!found) {
    const list: ArgumentNode[] = [];
    visit(document, {
      Argument(node) {
        list.push(node);
        return false;
      },
    });
    argumentsOf.set(document, (found = list));
  }
  return found;
}

/** The path of the first argument (e.g. `input.referralNote`) holding text that cannot be stored, or null. */
export function unstorableArgument(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): string | null {
  for (const node of documentArguments(document)) {
    const found = inValue(node.value, node.name.value, variables ?? {});
    if (found) return found;
  }
  return null;
}

/** Throws BAD_USER_INPUT (reason INVALID_TEXT, `field` the argument path) when an argument cannot be stored. */
export function assertStorableArguments(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const field = unstorableArgument(document, variables);
  if (!field) return;
  const error = badInput(
    'INVALID_TEXT',
    `${field} contains a character that cannot be stored (NUL or an unpaired surrogate)`,
  );
  Object.assign(error.extensions, { field, http: { status: 400 } });
  throw error;
}
