// Composes the static supergraph (schema/supergraph.graphql) from the subgraphs' static definitions:
// no database is opened. It lives here, beside the services it reads, so that the gateway imports none.
import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { defaultPort, SUBGRAPHS } from '../shared/config.ts';
import { buildSubgraphSdl, type SubgraphDefinition } from '../shared/subgraph.ts';
import { auditViews } from '../gateway/audit/views.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';

/** The subgraph URLs written into the supergraph: the contract's default ports; deployments override them. */
export const defaultSubgraphUrl = (name: (typeof SUBGRAPHS)[number]) =>
  `http://127.0.0.1:${defaultPort(name, 4000)}/graphql`;

/** The log views have no URL: the gateway executes them itself (gateway/audit/source.ts). */
export const IN_PROCESS_URL = 'local:audit';

export async function composeSupergraph(): Promise<string> {
  const subgraphs: { definition: SubgraphDefinition; url: string }[] = [
    ...SUBGRAPHS.map((name) => ({ definition: SUBGRAPH_SERVICES[name].definition, url: defaultSubgraphUrl(name) })),
    { definition: auditViews, url: IN_PROCESS_URL },
  ];
  const services = [];
  for (const { definition, url } of subgraphs) {
    const { sdl } = await buildSubgraphSdl(definition);
    services.push({ name: definition.name, url, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors?.length)
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return (
    `# Composed from the subgraphs by \`tym compose\`; do not edit. \`tym compose --check\` fails on ` +
    `drift.\n${result.supergraphSdl}\n`
  );
}
