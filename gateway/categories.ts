// Where each categorised field lives and what it carries, read from the core supergraph SDL
// (the API schema drops custom directives: docs/DESIGN.md decision 2).
import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { compactText } from '../shared/compact-text.ts';
import { categoryOf } from '../shared/subgraph.ts';
import type { DataCategory } from '../shared/vocabulary.ts';

export interface CategorisedField {
  type: string;
  field: string;
  category: DataCategory;
  /** subgraph names that resolve it */
  subgraphs: string[];
}

export interface CategoryMap {
  /** "Type.field" → its category and subgraphs */
  fields: Map<string, CategorisedField>;
  /** subgraph name → the categories its fields carry */
  bySubgraph: Map<string, Set<DataCategory>>;
}

const graphArg = (d: ConstDirectiveNode): string | undefined => {
  const a = d.arguments?.find((x) => x.name.value === 'graph');
  return a?.value.kind === Kind.ENUM ? a.value.value : undefined;
};

export function readCategoryMap(supergraphSdl: string | DocumentNode): CategoryMap {
  const doc = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const graphName = new Map<string, string>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
      for (const v of def.values ?? []) {
        const d = v.directives?.find((x) => x.name.value === 'join__graph');
        const name = d?.arguments?.find((a) => a.name.value === 'name');
        if (name?.value.kind === Kind.STRING) graphName.set(v.name.value, compactText(name.value.value));
      }
    }
  }
  const fields = new Map<string, CategorisedField>();
  const bySubgraph = new Map<string, Set<DataCategory>>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeGraphs = (def.directives ?? []).filter((d) => d.name.value === 'join__type').map(graphArg);
    for (const f of def.fields ?? []) {
      const category = categoryOf({ astNode: f });
      if (!category) continue;
      const fieldGraphs = (f.directives ?? []).filter((d) => d.name.value === 'join__field').map(graphArg);
      const graphs = (fieldGraphs.length ? fieldGraphs : typeGraphs)
        .filter((g): g is string => !!g)
        .map((g) => graphName.get(g) ?? compactText(g.toLowerCase()));
      fields.set(`${def.name.value}.${f.name.value}`, {
        type: def.name.value,
        field: f.name.value,
        category,
        subgraphs: graphs,
      });
      for (const g of graphs) {
        if (!bySubgraph.has(g)) bySubgraph.set(g, new Set());
        bySubgraph.get(g)!.add(category);
      }
    }
  }
  return { fields, bySubgraph };
}
