import { fileURLToPath } from 'node:url';
import { sendJson } from '../../shared/http.ts';
import type { SubgraphService } from '../../shared/service.ts';
import { DEFAULT_TICKET_MAX_LIFETIME_SECONDS } from '../../shared/config.ts';
import { DbTicketUses } from '../../shared/ticket-uses.ts';
import { FACTS_PATH, factsDocument, TicketError, TicketGate } from '../../shared/tickets.ts';
import { isValidHetu } from '../../shared/hetu.ts';
import { schema, type JointSchema } from './db/schema.ts';
import { loadFacts } from './facts.ts';
import { createJointLoaders, type JointLoaders } from './loaders.ts';
import {
  CustomershipResolver,
  JointQueryResolver,
  JointRecordResolver,
  PersonResolver,
  PlanResolver,
} from './resolvers.ts';
import { LifecycleResolver } from './lifecycle/resolvers.ts';
import { StatisticsResolver } from './statistics/resolvers.ts';
import { loadStatisticsConfig, Statistics } from './statistics/configuration.ts';
import { seedJoint } from './seed.ts';
import { Person } from './types.ts';

const MAX_FACTS_BATCH = 1000;

export const jointService: SubgraphService<JointSchema, JointLoaders> = {
  name: 'joint',
  schema,
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  // The statistics files are read here, when a service is made; a caller may hand its own.
  definition: (db, statistics = new Statistics(loadStatisticsConfig())) => ({
    name: 'joint',
    register: 'joint',
    resolvers: [
      JointQueryResolver,
      PersonResolver,
      JointRecordResolver,
      CustomershipResolver,
      PlanResolver,
      LifecycleResolver,
      StatisticsResolver,
    ],
    orphanedTypes: [Person],
    referenceResolvers: {
      Person: {
        __resolveReference: (ref: { hetu?: unknown }) => (typeof ref.hetu === 'string' ? { hetu: ref.hetu } : null),
      },
    },
    createLoaders: () => createJointLoaders(db, statistics),
    personFacts: (loaders, hetu) => loaders.facts.load(hetu),
  }),
  seed: seedJoint,
  // The gateway's batch lookup of the facts a legal basis depends on: one round trip per fetch.
  routes: (db, ticketKeys, maxLifetimeSeconds = DEFAULT_TICKET_MAX_LIFETIME_SECONDS) => {
    // Single use across every process of this subgraph, like its GraphQL tickets (shared/ticket-uses.ts).
    const gate = new TicketGate({
      keys: ticketKeys,
      audience: 'joint',
      uses: new DbTicketUses(db),
      maxLifetimeSeconds,
    });
    return {
      [FACTS_PATH]: async (_req, res, body) => {
        const { hetus, ticket } = (body ?? {}) as { hetus?: unknown; ticket?: unknown };
        if (
          !Array.isArray(hetus) ||
          hetus.length > MAX_FACTS_BATCH ||
          !hetus.every((h) => typeof h === 'string' && isValidHetu(h))
        ) {
          return sendJson(res, 400, { error: 'hetus must be a list of valid identity codes' });
        }
        try {
          // The document binds the persons; the route takes no variables.
          await gate.accept(ticket, factsDocument(hetus), undefined);
        } catch (e) {
          if (e instanceof TicketError) return sendJson(res, 401, { error: 'no valid ticket' });
          throw e;
        }
        sendJson(res, 200, { facts: await loadFacts(db, hetus) });
      },
    };
  },
};
