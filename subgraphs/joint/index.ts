import { fileURLToPath } from 'node:url';
import type { VerifyKey } from '../../shared/keys.ts';
import type { Db } from '../../shared/db.ts';
import { sendJson, type Route } from '../../shared/http.ts';
import { openSubgraph, type SubgraphService } from '../../shared/service.ts';
import { DEFAULT_TICKET_MAX_LIFETIME_SECONDS } from '../../shared/config.ts';
import { DbTicketUses } from '../../shared/ticket-uses.ts';
import { FACTS_PATH, factsDocument, TicketError, TicketGate } from '../../shared/tickets.ts';
import { REQUEST_ID_HEADER } from '../../shared/http.ts';
import { countTicketRefused } from '../../shared/metrics.ts';
import { inSpan } from '../../shared/telemetry.ts';
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

const migrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

/** The gateway's batch lookup of the facts a legal basis depends on: one round trip per fetch. */
function factsRoute(
  db: Db<JointSchema>,
  ticketKeys: readonly VerifyKey[],
  maxLifetimeSeconds = DEFAULT_TICKET_MAX_LIFETIME_SECONDS,
): Record<string, Route> {
  // Single use across every process of this subgraph, like its GraphQL tickets (shared/ticket-uses.ts).
  const gate = new TicketGate({
    keys: ticketKeys,
    audience: 'joint',
    uses: new DbTicketUses(db),
    maxLifetimeSeconds,
  });
  return {
    [FACTS_PATH]: async (_req, res, body, scope) => {
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
        const accepted = await inSpan('ticket.verify', { 'tym.service': 'joint' }, () =>
          gate.accept(ticket, factsDocument(hetus), undefined, scope),
        );
        // The look-up's log lines and X-Request-Id name the gateway's request it serves.
        scope.requestId = accepted.requestId;
        res.setHeader(REQUEST_ID_HEADER, accepted.requestId);
      } catch (e) {
        if (e instanceof TicketError) {
          countTicketRefused('joint', e.message);
          return sendJson(res, 401, { error: 'no valid ticket' });
        }
        throw e;
      }
      sendJson(res, 200, { facts: await loadFacts(db, hetus) });
    },
  };
}

export const jointService: SubgraphService<JointLoaders> = {
  name: 'joint',
  definition: {
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
  },
  migrationsFolder,
  open: (location, settings) => {
    // The statistics files are read when the service is opened; the tabulation cache is this service's own.
    const statistics = new Statistics(loadStatisticsConfig());
    return openSubgraph({
      location,
      settings,
      schema,
      migrationsFolder,
      createLoaders: (db) => createJointLoaders(db, statistics),
      personFacts: (loaders, hetu) => loaders.facts.load(hetu),
      seed: seedJoint,
      routes: factsRoute,
    });
  },
};
