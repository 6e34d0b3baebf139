import { fileURLToPath } from 'node:url';
import { personReference } from '../../shared/subgraph.ts';
import type { SubgraphService } from '../../shared/service.ts';
import { schema, type KelaSchema } from './db/schema.ts';
import { createKelaLoaders, type KelaLoaders } from './loaders.ts';
import { KelaRecordResolver, PersonResolver } from './resolvers.ts';
import { Person } from './types.ts';
import { seedKela } from './seed.ts';

export const kelaService: SubgraphService<KelaSchema, KelaLoaders> = {
  name: 'kela',
  schema,
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  definition: (db) => ({
    name: 'kela',
    register: 'kela',
    resolvers: [PersonResolver, KelaRecordResolver],
    orphanedTypes: [Person],
    referenceResolvers: { Person: { __resolveReference: personReference } },
    createLoaders: () => createKelaLoaders(db),
  }),
  seed: seedKela,
};
