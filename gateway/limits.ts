// Bounds on what one document may ask, checked before anything runs (act 906/2019 §23: a view into
// another authority's data allows single look-ups, not bulk searches; docs/LAW.md rule 16), and protection
// against documents whose cost grows with their shape rather than their size (fragment bombs).
//
// One pass over the document during validation computes every measure. Each fragment is measured
// once (memoised) and a spread adds its fragment's measures multiplied out, so a document of fragments
// that spread each other twice per level costs a few microseconds per fragment to measure instead of
// 2^levels. Apollo Server runs validation once per distinct document and caches the validated
// document, so a document that passed is never measured again. The token count is the parser's own
// (`parseOptions.maxTokens`): parsing stops at the limit.
//
// We keep our own rule rather than graphql-armor's plugins: one memoised pass covers all the measures,
// including the root look-ups of persons armor does not know about, and Apollo Server 5 already has the
// token limit (parseOptions) and suggestion hiding (hideSchemaDetailsFromClientErrors) built in.
import {
  GraphQLError,
  isObjectType,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { namesAPerson } from './plugins/lookups.ts';

export interface QueryLimits {
  /** nesting of fields, the root field counting 1 (introspection fields are not counted) */
  maxDepth: number;
  /** aliased fields, every spread of a fragment counted */
  maxAliases: number;
  /** root fields that name a person (`client(hetu)`, `disclosures(hetu)`, writes with a hetu) */
  maxClientLookups: number;
  /** fields, every spread of a fragment counted: what a fragment bomb multiplies */
  maxFields: number;
  /** directives, every spread of a fragment counted */
  maxDirectives: number;
  /** lexical tokens of the document */
  maxTokens: number;
}

/** Defaults comparable to graphql-armor's (depth 6, aliases 15, directives 50, tokens 1000), fitted to our schema. */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 8,
  maxAliases: 15,
  maxClientLookups: 5,
  maxFields: 600,
  maxDirectives: 50,
  maxTokens: 2000,
};

/** Marks the refusal of a document over a limit; the gateway answers it as QUERY_TOO_COMPLEX. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

interface Measures {
  depth: number;
  fields: number;
  aliases: number;
  directives: number;
  /** root fields that name a person, when the selection set is at the root */
  lookups: number;
}

const ZERO: Measures = { depth: 0, fields: 0, aliases: 0, directives: 0, lookups: 0 };
const INTROSPECTION = new Set(['__schema', '__type']);

/** Measures every operation of a document; each fragment once, whatever the number of its spreads. */
export function measureDocument(
  schema: GraphQLSchema,
  operations: OperationDefinitionNode[],
  fragments: Map<string, FragmentDefinitionNode>,
) {
  const memo = new Map<string, Measures>();
  const measuring = new Set<string>();

  const fragment = (name: string): Measures => {
    const known = memo.get(name);
    if (known) return known;
    const def = fragments.get(name);
    // An unknown fragment or a cycle is refused by the standard rules in the same validation pass.
    if (!def || measuring.has(name)) return ZERO;
    measuring.add(name);
    const m = selectionSet(def.selectionSet, def.typeCondition.name.value, true);
    measuring.delete(name);
    memo.set(name, m);
    return m;
  };

  /** `atRoot`: the selection set is the operation's own (a fragment is measured as if spread there) */
  const selectionSet = (set: SelectionSetNode, parentType: string | undefined, atRoot: boolean): Measures => {
    const total = { ...ZERO };
    const add = (m: Measures) => {
      total.depth = Math.max(total.depth, m.depth);
      total.fields += m.fields;
      total.aliases += m.aliases;
      total.directives += m.directives;
      total.lookups += m.lookups;
    };
    for (const sel of set.selections) {
      total.directives += sel.directives?.length ?? 0;
      if (sel.kind === Kind.FIELD) {
        const inner = sel.selectionSet ? selectionSet(sel.selectionSet, undefined, false) : ZERO;
        const type = atRoot && parentType ? schema.getType(parentType) : undefined;
        const definition = isObjectType(type) ? type.getFields()[sel.name.value] : undefined;
        add({
          depth: INTROSPECTION.has(sel.name.value) ? 0 : 1 + inner.depth,
          fields: 1 + inner.fields,
          aliases: (sel.alias ? 1 : 0) + inner.aliases,
          directives: inner.directives,
          lookups: definition && namesAPerson(definition) ? 1 : 0,
        });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        add(selectionSet(sel.selectionSet, sel.typeCondition?.name.value ?? parentType, atRoot));
      } else {
        const m = fragment(sel.name.value);
        // A fragment's look-ups count only where it is spread at the root.
        add(atRoot ? m : { ...m, lookups: 0 });
      }
    }
    return total;
  };

  return operations.map((op) => {
    const root = schema.getRootType(op.operation);
    const m = selectionSet(op.selectionSet, root?.name, true);
    return { operation: op, measures: { ...m, directives: m.directives + (op.directives?.length ?? 0) } };
  });
}

/** The first limit a document's measures exceed, as the caller's message; the message names the limit only. */
export function exceededLimit(m: Measures, limits: QueryLimits): string | undefined {
  if (m.depth > limits.maxDepth) {
    return `The query is nested ${m.depth} deep; at most ${limits.maxDepth} is allowed (maxDepth)`;
  }
  if (m.fields > limits.maxFields) return `The query selects over ${limits.maxFields} fields (maxFields)`;
  if (m.aliases > limits.maxAliases) {
    return `The query uses ${m.aliases} aliases; at most ${limits.maxAliases} are allowed (maxAliases)`;
  }
  if (m.directives > limits.maxDirectives) {
    return `The query uses ${m.directives} directives; at most ${limits.maxDirectives} are allowed (maxDirectives)`;
  }
  if (m.lookups > limits.maxClientLookups) {
    return `The query looks up ${m.lookups} persons; at most ${limits.maxClientLookups} per request (maxClientLookups)`;
  }
  return undefined;
}

/** The validation rule: runs in the same single pass as graphql-js's own rules, before any planning. */
export function queryLimitsRule(limits: QueryLimits): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      const operations: OperationDefinitionNode[] = [];
      for (const d of document.definitions) {
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
        else if (d.kind === Kind.OPERATION_DEFINITION) operations.push(d);
      }
      for (const { operation, measures } of measureDocument(context.getSchema(), operations, fragments)) {
        const problem = exceededLimit(measures, limits);
        if (!problem) continue;
        context.reportError(new GraphQLError(problem, { nodes: [operation], extensions: { code: QUERY_TOO_COMPLEX } }));
      }
      return false; // measured; nothing below needs this rule
    },
  });
}

/** graphql-js's parser refuses a document over `maxTokens` with this message; answered as QUERY_TOO_COMPLEX. */
// graphql 16 writes "more that"; a later version may spell it right
export const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

/** Only introspection fields at the root: no personal data, so no purpose needed. */
export const isIntrospectionOnly = (rootFields: readonly string[]): boolean =>
  rootFields.every((f) => f.startsWith('__'));
