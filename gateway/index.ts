// The gateway as deployed: its disclosure log (own database, group-commit writer, the audit
// subgraph serving the log's views) and the federated gateway in front of the subgraphs.
import 'reflect-metadata';
import { assertDurableCommits, openDatabase, type Database, type Location } from '../shared/db.ts';
import type { DatabaseSettings } from '../shared/config.ts';
import { gatewayHealthRoutes } from '../shared/health.ts';
import type { Policy } from '../shared/policy-config.ts';
import { serveSubgraph } from '../shared/subgraph.ts';
import type { CryptoKey } from 'jose';
import { fileURLToPath } from 'node:url';
import { schema as auditSchema, type AuditSchema } from './audit/db/schema.ts';
import { auditSubgraph } from './audit/views.ts';
import { AuditWriter, type AlertPolicy } from './audit/writer.ts';
import { fetchFacts } from './facts.ts';
import { startGateway, type GatewayOptions, type RunningGateway } from './server.ts';

export const AUDIT_MIGRATIONS = fileURLToPath(new URL('./audit/db/migrations', import.meta.url));

export async function openAuditDatabase(
  location: Location,
  settings?: Partial<DatabaseSettings>,
): Promise<Database<AuditSchema>> {
  return openDatabase({ location, schema: auditSchema, migrationsFolder: AUDIT_MIGRATIONS, settings });
}

export interface GatewayService extends RunningGateway {
  audit: { db: Database<AuditSchema>; writer: AuditWriter; url: string };
}

export async function startGatewayService(
  opts: Omit<GatewayOptions, 'audit'> & {
    auditLocation: Location;
    auditPort: number;
    ticketPublicKeys: CryptoKey[];
    alerts?: AlertPolicy;
    /** the process's TYM_DB_* settings for the log's database */
    database?: Partial<DatabaseSettings>;
  },
): Promise<GatewayService> {
  const db = await openAuditDatabase(opts.auditLocation, opts.database);
  await assertDurableCommits(db as never);
  const writer = new AuditWriter(db.db, { alerts: opts.alerts, sync: db.sync });
  const jointUrl = opts.subgraphUrls.joint!;
  const views = await serveSubgraph(
    auditSubgraph(db.db, async (hetu) => {
      const [facts] = await fetchFacts(
        jointUrl,
        opts.ticketSigner,
        {
          caller: { sub: 'gateway', org: 'citizen', role: 'citizen', areas: [] },
          purpose: 'COORDINATION',
          caseReference: null,
          requestId: 'audit-view',
        },
        [hetu],
      );
      return facts!;
    }),
    // The views are reached only through the gateway, on loopback.
    { host: '127.0.0.1', port: opts.auditPort, policy: opts.policy as Policy, ticketKeys: opts.ticketPublicKeys },
  );
  const gateway = await startGateway({
    ...opts,
    subgraphUrls: { ...opts.subgraphUrls, audit: views.url },
    audit: writer,
    // The subgraphs as deployed, not the loopback log views beside the gateway.
    healthRoutes: gatewayHealthRoutes(db as never, opts.subgraphUrls),
  });
  return {
    ...gateway,
    audit: { db, writer, url: views.url },
    async close() {
      await gateway.close();
      await writer.close();
      await views.close();
      await db.close();
    },
  };
}
