// Bounds on what one operation may ask (act 906/2019 §23: a view into another authority's data
// allows single look-ups, not bulk searches), and cheap protection against runaway queries.
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { queryTooComplex } from '../shared/errors.ts';

export interface QueryLimits {
  maxDepth: number;
  maxFields: number;
  /** `client(hetu)` look-ups in one operation */
  maxPersonLookups: number;
}
export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxFields: 600, maxPersonLookups: 5 };

export interface OperationShape {
  depth: number;
  fields: number;
  rootFields: string[];
}

export function operationShape(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): OperationShape {
  let fields = 0;
  let maxDepth = 0;
  const rootFields: string[] = [];
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        fields++;
        if (depth === 1) rootFields.push(sel.name.value);
        maxDepth = Math.max(maxDepth, depth);
        if (sel.selectionSet) walk(sel.selectionSet, depth + 1, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, depth, seen);
      } else {
        const frag = fragments[sel.name.value];
        // a fragment spread twice on one path is a cycle; validation rejects it, but never loop here
        if (frag && !seen.has(frag.name.value)) walk(frag.selectionSet, depth, new Set([...seen, frag.name.value]));
      }
    }
  };
  walk(operation.selectionSet, 1, new Set());
  return { depth: maxDepth, fields, rootFields };
}

export function enforceLimits(shape: OperationShape, limits: QueryLimits): void {
  if (shape.depth > limits.maxDepth) throw queryTooComplex(`The query is nested ${shape.depth} deep; at most ${limits.maxDepth} is allowed`);
  if (shape.fields > limits.maxFields) throw queryTooComplex(`The query selects ${shape.fields} fields; at most ${limits.maxFields} are allowed`);
  const lookups = shape.rootFields.filter((f) => f === 'client').length;
  if (lookups > limits.maxPersonLookups) {
    throw queryTooComplex(`The query looks up ${lookups} persons; at most ${limits.maxPersonLookups} per request`);
  }
}

export const isIntrospectionOnly = (shape: OperationShape): boolean => shape.rootFields.every((f) => f.startsWith('__'));
