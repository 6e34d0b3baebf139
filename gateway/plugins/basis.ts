// The legal basis of every datum in an answer, as a response extension (`tymBasis`), so that a frontend can
// label each datum with the basis it was released on (OWN, SECTION_15, CONSENT, DATA_SUBJECT) and, in the
// registers, the controller that stored it (docs/LAW.md rules 10, 14, 17). Worked out from the answer
// itself, after the disclosure log: an entry names only a path whose value the caller received, with the
// decision the grants of that very request made for it, so it tells nothing the data does not.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';
import { controllersOf } from '../../shared/areas.ts';
import type { PersonGrants } from '../../shared/policy.ts';
import { REGISTERS, type Basis, type DataCategory, type Register } from '../../shared/vocabulary.ts';
import type { CategoryMap } from '../categories.ts';
import type { GatewayContext } from '../context.ts';
import { requestGrants } from '../datasource.ts';

export const BASIS_EXTENSION = 'tymBasis';

export interface BasisEntry {
  /** the datum's path in `data`, as in a GraphQL error's path */
  path: (string | number)[];
  register: Register;
  category: DataCategory;
  basis: Basis;
  /** in an authority's register: the controller that stored the row (docs/LAW.md rule 10) */
  controller?: string;
}

/** One categorised value found in the answer, before its basis is known. */
interface Found {
  path: (string | number)[];
  hetu: string;
  register: Register;
  category: DataCategory;
  controller: string | undefined;
}

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** A value and its path; a list's items each with their index. */
const itemsOf = (v: unknown, path: Path): [unknown, Path][] =>
  Array.isArray(v) ? v.map((item, i) => [item, [...path, i]]) : [[v, path]];

/** Field selections of one object, fragments flattened: response key → field name and sub-selections. */
function fieldsOf(
  type: GraphQLObjectType,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  out = new Map<string, { name: string; sets: SelectionSetNode[] }>(),
) {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const key = s.alias?.value ?? s.name.value;
      const entry = out.get(key) ?? { name: s.name.value, sets: [] };
      if (s.selectionSet) entry.sets.push(s.selectionSet);
      out.set(key, entry);
    } else {
      const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments[s.name.value];
      if (!fragment) continue;
      const on = fragment.typeCondition?.name.value;
      if (on && on !== type.name) continue;
      fieldsOf(type, fragment.selectionSet, fragments, out);
    }
  }
  return out;
}

/** The selections flattened once per selection set and type, not once per row of the answer. */
const flattened = new WeakMap<SelectionSetNode, Map<string, ReturnType<typeof fieldsOf>>>();
function fieldsOfSets(
  type: GraphQLObjectType,
  sets: SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): ReturnType<typeof fieldsOf> {
  if (sets.length !== 1) {
    const fields = new Map<string, { name: string; sets: SelectionSetNode[] }>();
    for (const set of sets) fieldsOf(type, set, fragments, fields);
    return fields;
  }
  const set = sets[0]!;
  let byType = flattened.get(set);
  if (!byType) flattened.set(set, (byType = new Map()));
  let fields = byType.get(type.name);
  if (!fields) byType.set(type.name, (fields = fieldsOf(type, set, fragments)));
  return fields;
}

const keyOf = (fields: Map<string, { name: string }>, name: string) =>
  [...fields].find(([, f]) => f.name === name)?.[0];

/** Walks the answer along the operation, collecting every non-null categorised value under a known person. */
function collect(
  categories: CategoryMap,
  fragments: Record<string, FragmentDefinitionNode>,
  type: GraphQLObjectType,
  sets: SelectionSetNode[],
  value: Json,
  path: (string | number)[],
  hetu: string | undefined,
  out: Found[],
): void {
  const fields = fieldsOfSets(type, sets, fragments);
  if (type.name === 'Person') {
    const key = keyOf(fields, 'hetu');
    if (key && typeof value[key] === 'string') hetu = value[key] as string;
  }
  for (const [key, field] of fields) {
    const v = value[key];
    if (v === null || v === undefined || field.name.startsWith('__')) continue;
    const def = type.getFields()[field.name];
    if (!def) continue;
    const categorised = categories.fields.get(`${type.name}.${field.name}`);
    const register = categorised?.subgraphs[0] as Register | undefined;
    if (categorised && hetu && register && (REGISTERS as readonly string[]).includes(register)) {
      const rows = itemsOf(v, [...path, key]);
      const controllerKey = register === 'joint' ? undefined : controllerKeyOf(def.type, field.sets, fragments);
      for (const [row, rowPath] of rows) {
        const controller = controllerKey ? (row as Json | null)?.[controllerKey] : undefined;
        out.push({
          path: rowPath,
          hetu,
          register,
          category: categorised.category,
          controller: typeof controller === 'string' ? controller : undefined,
        });
      }
    }
    const named = getNamedType(def.type);
    if (!isObjectType(named) || field.sets.length === 0) continue;
    for (const [item, itemPath] of itemsOf(v, [...path, key])) {
      if (item && typeof item === 'object') {
        collect(categories, fragments, named, field.sets, item as Json, itemPath, hetu, out);
      }
    }
  }
}

function controllerKeyOf(
  type: Parameters<typeof getNamedType>[0],
  sets: SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): string | undefined {
  const named = getNamedType(type);
  if (!isObjectType(named)) return undefined;
  return keyOf(fieldsOfSets(named, sets, fragments), 'controller');
}

/**
 * The basis of each value, by the same decision the request's tickets carried. A row of an authority's
 * register is OWN only when it records one of the caller's own controllers; when the answer does not show
 * the controller and the two decisions differ, no basis is claimed for it.
 */
async function decideAll(context: GatewayContext, categories: CategoryMap, found: Found[]): Promise<BasisEntry[]> {
  const access = context.access;
  if (!access) return [];
  // The grants the request's tickets carried (gateway/datasource.ts), decided once per person and register.
  const grantOf = (f: Found) =>
    Promise.resolve(requestGrants(context, f.hetu, f.register, categories.bySubgraph.get(f.register) ?? [f.category]));
  const mine = controllersOf(access.caller);
  const out: BasisEntry[] = [];
  // Each person's grants looked up once, then every value decided without waiting again.
  const keyOf = (f: Found) => `${f.hetu}\u0000${f.register}\u0000${f.category}`;
  const first = new Map<string, Found>();
  for (const f of found) if (!first.has(keyOf(f))) first.set(keyOf(f), f);
  const decided = new Map<string, PersonGrants>();
  await Promise.all([...first].map(([key, f]) => grantOf(f).then((g) => void decided.set(key, g))));
  for (const f of found) {
    const g = decided.get(keyOf(f))!;
    const other = g[f.category];
    const own = g.own?.[f.category];
    let entry: string | undefined;
    if (f.register === 'joint' || !own) entry = other;
    else if (f.controller !== undefined) entry = mine.includes(f.controller) ? own : other;
    else entry = own === other ? own : undefined;
    if (!entry || entry.startsWith('!')) continue;
    out.push({
      path: f.path,
      register: f.register,
      category: f.category,
      basis: entry as Basis,
      ...(f.controller !== undefined ? { controller: f.controller } : {}),
    });
  }
  return out;
}

export const basisExtension = (categories: CategoryMap): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue, document, schema, operation }) {
        if (response.body.kind !== 'single' || !contextValue?.access || !document || !operation) return;
        const data = response.body.singleResult.data;
        const root = schema.getRootType(operation.operation);
        if (!data || !root) return;
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;

        const found: Found[] = [];
        const rootFields = fieldsOf(root, operation.selectionSet, fragments);
        for (const [key, field] of rootFields) {
          const v = data[key];
          const def = root.getFields()[field.name];
          const named = def && getNamedType(def.type);
          if (!v || typeof v !== 'object' || !named || !isObjectType(named)) continue;
          // The person of `me` is the caller; `client(hetu)`'s is in the answer when the app asks for it.
          const hetu = field.name === 'me' ? contextValue.caller.sub : undefined;
          for (const [item, path] of itemsOf(v, [key]))
            if (item) collect(categories, fragments, named, field.sets, item as Json, path, hetu, found);
        }
        if (found.length === 0) return;
        let entries: BasisEntry[];
        try {
          entries = await decideAll(contextValue, categories, found);
        } catch (e) {
          // No basis is claimed when it cannot be worked out; the answer itself stands.
          console.error(`[${contextValue.requestId}] basis extension left out: ${(e as Error).message}`);
          return;
        }
        // The disclosure log may have withheld the whole answer meanwhile: then nothing of it is described.
        if (!response.body.singleResult.data || entries.length === 0) return;
        response.body.singleResult.extensions = {
          ...response.body.singleResult.extensions,
          [BASIS_EXTENSION]: entries,
        };
      },
    };
  },
});
