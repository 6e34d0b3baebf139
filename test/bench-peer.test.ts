// The benchmark's plain peer (bench/peer/) must stay in step with the project's schema: every type,
// field, argument and enum value it serves exists in the project's supergraph with the same type, so
// bench/compare.ts runs one document on both stacks. Cheap: no database, no server.
import { AsyncLocalStorage } from 'node:async_hooks';
import { composeServices } from '@apollo/composition';
import { buildASTSchema, type GraphQLSchema, isEnumType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PEER_SUBGRAPHS } from '../bench/peer/index.ts';
import { promiseHooksOn } from '../bench/support.ts';
import { readSupergraph } from '../gateway/supergraph.ts';

function peerSchema(): GraphQLSchema {
  const services = Object.entries(PEER_SUBGRAPHS).map(([name, make]) => ({
    name,
    url: `http://peer/${name}`,
    typeDefs: parse(make(null as never).typeDefs),
  }));
  const composed = composeServices(services);
  if (composed.errors?.length || !composed.supergraphSdl)
    throw new Error(composed.errors?.map((e) => e.message).join('\n'));
  return buildASTSchema(parse(composed.supergraphSdl));
}

/** `Type.field(arg): Type` lines of the schema's own types (not the federation machinery's). */
function shape(schema: GraphQLSchema, only?: Set<string>): Set<string> {
  const lines = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (/^(__|join__|link__)/.test(type.name) || (only && !only.has(type.name))) continue;
    if (isObjectType(type))
      for (const f of Object.values(type.getFields())) {
        lines.add(`${type.name}.${f.name}: ${f.type}`);
        for (const a of f.args) lines.add(`${type.name}.${f.name}(${a.name}: ${a.type})`);
      }
    if (isEnumType(type)) for (const v of type.getValues()) lines.add(`${type.name}.${v.name}`);
  }
  return lines;
}

describe('the benchmark peer', () => {
  it("serves only the project's types, fields, arguments and enum values, with the project's types", () => {
    const peer = peerSchema();
    const names = new Set(Object.keys(peer.getTypeMap()));
    const project = shape(buildASTSchema(parse(readSupergraph())), names);
    const missing = [...shape(peer)].filter((line) => !project.has(line));
    expect(missing).toEqual([]);
  });
});

describe("the benchmark's check for promise hooks", () => {
  it('tells when a hook makes every promise cost more, as an AsyncLocalStorage in use does', async () => {
    expect(await promiseHooksOn()).toBe(false);
    const storage = new AsyncLocalStorage<number>();
    storage.run(1, () => {});
    try {
      expect(await promiseHooksOn()).toBe(true);
    } finally {
      storage.disable();
    }
    expect(await promiseHooksOn()).toBe(false);
  });
});
