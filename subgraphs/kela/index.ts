import { fileURLToPath } from 'node:url';
import { personReference } from '../../shared/subgraph.ts';
import { openSubgraph, type SubgraphService } from '../../shared/service.ts';
import { schema } from './db/schema.ts';
import { createKelaLoaders, type KelaLoaders } from './loaders.ts';
import { KelaRecordResolver, PersonResolver } from './resolvers.ts';
import { Person } from './types.ts';
import { seedKela } from './seed.ts';

const migrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

export const kelaService: SubgraphService<KelaLoaders> = {
  name: 'kela',
  definition: {
    name: 'kela',
    register: 'kela',
    resolvers: [PersonResolver, KelaRecordResolver],
    orphanedTypes: [Person],
    referenceResolvers: { Person: { __resolveReference: personReference } },
  },
  migrationsFolder,
  open: (location, settings) =>
    openSubgraph({
      location,
      settings,
      schema,
      migrationsFolder,
      createLoaders: createKelaLoaders,
      seed: seedKela,
    }),
};
