import { fileURLToPath } from 'node:url';
import { personReference } from '../../shared/subgraph.ts';
import type { SubgraphService } from '../../shared/service.ts';
import { schema, type WellbeingSchema } from './db/schema.ts';
import { createWellbeingLoaders, type WellbeingLoaders } from './loaders.ts';
import { PersonResolver, WellbeingRecordResolver } from './resolvers.ts';
import { Person } from './types.ts';
import { seedWellbeing } from './seed.ts';

export const wellbeingService: SubgraphService<WellbeingSchema, WellbeingLoaders> = {
  name: 'wellbeing',
  schema,
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  definition: (db) => ({
    name: 'wellbeing',
    register: 'wellbeing',
    resolvers: [PersonResolver, WellbeingRecordResolver],
    orphanedTypes: [Person],
    referenceResolvers: { Person: { __resolveReference: personReference } },
    createLoaders: () => createWellbeingLoaders(db),
  }),
  seed: seedWellbeing,
};
