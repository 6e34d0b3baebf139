import { fileURLToPath } from 'node:url';
import { personReference } from '../../shared/subgraph.ts';
import { openSubgraph, type SubgraphService } from '../../shared/service.ts';
import { schema } from './db/schema.ts';
import { createWellbeingLoaders, type WellbeingLoaders } from './loaders.ts';
import { PersonResolver, WellbeingRecordResolver } from './resolvers.ts';
import { Person } from './types.ts';
import { seedWellbeing } from './seed.ts';

const migrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

export const wellbeingService: SubgraphService<WellbeingLoaders> = {
  name: 'wellbeing',
  definition: {
    name: 'wellbeing',
    register: 'wellbeing',
    resolvers: [PersonResolver, WellbeingRecordResolver],
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
      createLoaders: createWellbeingLoaders,
      seed: seedWellbeing,
    }),
};
