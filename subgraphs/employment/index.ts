import { fileURLToPath } from 'node:url';
import { personReference } from '../../shared/subgraph.ts';
import type { SubgraphService } from '../../shared/service.ts';
import { schema, type EmploymentSchema } from './db/schema.ts';
import { createEmploymentLoaders, type EmploymentLoaders } from './loaders.ts';
import { EmploymentRecordResolver, PersonResolver } from './resolvers.ts';
import { Person } from './types.ts';
import { seedEmployment } from './seed.ts';

export const employmentService: SubgraphService<EmploymentSchema, EmploymentLoaders> = {
  name: 'employment',
  schema,
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  definition: (db) => ({
    name: 'employment',
    register: 'employment',
    resolvers: [PersonResolver, EmploymentRecordResolver],
    orphanedTypes: [Person],
    referenceResolvers: { Person: { __resolveReference: personReference } },
    createLoaders: () => createEmploymentLoaders(db),
  }),
  seed: seedEmployment,
};
