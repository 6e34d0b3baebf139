import { fileURLToPath } from 'node:url';
import { personReference } from '../../shared/subgraph.ts';
import { openSubgraph, type SubgraphService } from '../../shared/service.ts';
import { schema } from './db/schema.ts';
import { createEmploymentLoaders, type EmploymentLoaders } from './loaders.ts';
import { EmploymentRecordResolver, PersonResolver } from './resolvers.ts';
import { Person } from './types.ts';
import { seedEmployment } from './seed.ts';

const migrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

export const employmentService: SubgraphService<EmploymentLoaders> = {
  name: 'employment',
  definition: {
    name: 'employment',
    register: 'employment',
    resolvers: [PersonResolver, EmploymentRecordResolver],
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
      createLoaders: createEmploymentLoaders,
      seed: seedEmployment,
    }),
};
