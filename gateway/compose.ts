// Composes the static supergraph (schema/supergraph.graphql) from the subgraphs' SDL.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { AUDIT_PORT_OFFSET, defaultPort, SUBGRAPHS } from '../shared/config.ts';
import { auditSubgraph } from './audit/views.ts';
import { buildSubgraphSdl } from '../shared/subgraph.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));

/** The subgraph URLs written into the supergraph: the contract's default ports; deployments override them. */
export const defaultSubgraphUrl = (name: string) => `http://127.0.0.1:${defaultPort(name as never, 4000)}/graphql`;

export async function composeSupergraph(): Promise<string> {
  const services = [];
  for (const name of SUBGRAPHS) {
    const { sdl } = await buildSubgraphSdl(SUBGRAPH_SERVICES[name].definition(null as never));
    services.push({ name, url: defaultSubgraphUrl(name), typeDefs: parse(sdl) });
  }
  const { sdl: auditSdl } = await buildSubgraphSdl(auditSubgraph(null as never, null as never));
  services.push({
    name: 'audit',
    url: `http://127.0.0.1:${4000 + AUDIT_PORT_OFFSET}/graphql`,
    typeDefs: parse(auditSdl),
  });
  const result = composeServices(services);
  if (result.errors?.length)
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return (
    `# Composed from the subgraphs by \`tym compose\`; do not edit. \`tym compose --check\` fails on ` +
    `drift.\n${result.supergraphSdl}\n`
  );
}

export const readSupergraph = (): string => readFileSync(SUPERGRAPH_PATH, 'utf8');
