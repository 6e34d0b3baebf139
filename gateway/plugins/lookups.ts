// Look-up recording: the persons an operation looks up, as the operation will actually execute
// (docs/LAW.md rule 16: unusual searches are detected from every look-up, act 906/2019 §23). The root
// fields are collected with graphql-js's own execution semantics (fragments, inline fragments,
// aliases, variables, @skip/@include), so no shape of document escapes the count.
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
} from 'graphql';
import { collectFields } from 'graphql/execution/collectFields.js';
import type { GatewayContext } from '../context.ts';

export interface Lookup {
  /** the response key: a refusal at this path counts against the look-up */
  key: string;
  /** the identity code as given: possibly invalid, which is counted too */
  hetu: unknown;
}

/** A root field names a person when it takes a `hetu`, directly or in an input object (`input.hetu`). */
export function namesAPerson(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => arg.name === 'hetu' || personInput(arg.type) !== undefined);
}

const personInput = (type: Parameters<typeof getNamedType>[0]) => {
  const named = getNamedType(type);
  return isInputObjectType(named) && 'hetu' in named.getFields() ? named : undefined;
};

function hetuArgument(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): unknown {
  if ('hetu' in args) return args.hetu;
  for (const arg of field.args) {
    const value = args[arg.name];
    if (personInput(arg.type) && value && typeof value === 'object' && 'hetu' in value) {
      return (value as { hetu: unknown }).hetu;
    }
  }
  return undefined;
}

type ResolvedRequest = Pick<
  GraphQLRequestContextDidResolveOperation<GatewayContext>,
  'schema' | 'document' | 'operation' | 'request'
>;

interface RootField {
  key: string;
  name: string;
  field?: GraphQLField<unknown, unknown>;
  node: FieldNode;
  variables: Record<string, unknown>;
}

/**
 * The root fields the operation executes: response key, field definition and node. Undefined when the
 * variables do not coerce, in which case nothing executes.
 */
export function executedRootFields({ schema, document, operation, request }: ResolvedRequest): RootField[] | undefined {
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (!coerced.coerced) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const fields = collectFields(schema, fragments, coerced.coerced, root, operation.selectionSet);
  return [...fields].map(([key, nodes]) => {
    const node = nodes[0]!;
    return { key, name: node.name.value, field: root.getFields()[node.name.value], node, variables: coerced.coerced };
  });
}

/** The persons the operation looks up, one per executed root field that names a person. */
export function lookedUp(request: ResolvedRequest): Lookup[] {
  const lookups: Lookup[] = [];
  for (const { key, field, node, variables } of executedRootFields(request) ?? []) {
    if (!field || !namesAPerson(field)) continue;
    let hetu: unknown;
    try {
      hetu = hetuArgument(field, getArgumentValues(field, node, variables));
    } catch {
      continue; // arguments that do not coerce: the field does not execute
    }
    lookups.push({ key, hetu });
  }
  return lookups;
}

const lookups = new WeakMap<GatewayContext, Lookup[]>();

/** This request's look-ups, as recorded when its operation was resolved. */
export const lookupsOf = (context: GatewayContext): readonly Lookup[] => lookups.get(context) ?? [];

export const lookupRecording = (): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation(request) {
        lookups.set(request.contextValue, lookedUp(request));
      },
    };
  },
});
