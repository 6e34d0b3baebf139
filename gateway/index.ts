// The gateway as deployed: its disclosure log (own database, group-commit writer, the log's views run
// in process) and the federated gateway in front of the subgraphs.
import 'reflect-metadata';
import { assertDurableCommits, openDatabase, type Database, type Location } from '../shared/db.ts';
import type { DatabaseSettings } from '../shared/config.ts';
import { gatewayHealthRoutes } from '../shared/health.ts';
import { fileURLToPath } from 'node:url';
import { schema as auditSchema, type AuditSchema } from './audit/db/schema.ts';
import { AuditViewsSource } from './audit/source.ts';
import { AuditWriter, type AlertPolicy } from './audit/writer.ts';
import { startGateway, type GatewayOptions, type RunningGateway } from './server.ts';

export const AUDIT_MIGRATIONS = fileURLToPath(new URL('./audit/db/migrations', import.meta.url));

export async function openAuditDatabase(
  location: Location,
  settings?: Partial<DatabaseSettings>,
): Promise<Database<AuditSchema>> {
  return openDatabase({ location, schema: auditSchema, migrationsFolder: AUDIT_MIGRATIONS, settings });
}

export interface GatewayService extends RunningGateway {
  audit: { db: Database<AuditSchema>; writer: AuditWriter };
}

export async function startGatewayService(
  opts: Omit<GatewayOptions, 'audit' | 'localSubgraphs'> & {
    auditLocation: Location;
    /** the process's TYM_DB_* settings for the log's database */
    auditSettings?: Partial<DatabaseSettings>;
    alerts?: AlertPolicy;
  },
): Promise<GatewayService> {
  const db = await openAuditDatabase(opts.auditLocation, opts.auditSettings);
  try {
    await assertDurableCommits(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  const writer = new AuditWriter(db.db, { alerts: opts.alerts, sync: db.sync });
  const gateway = await startGateway({
    ...opts,
    audit: writer,
    // The log's views run in this process, on each request's own access (gateway/audit/source.ts).
    localSubgraphs: { audit: await AuditViewsSource.over(db.db) },
    healthRoutes: gatewayHealthRoutes(db, opts.subgraphUrls),
  });
  return {
    ...gateway,
    audit: { db, writer },
    async close() {
      await gateway.close();
      await writer.close();
      await db.close();
    },
  };
}
