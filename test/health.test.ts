// Health tells the truth: /health/live answers while the process runs; /health/ready answers 200
// only while the database (and, for the gateway, the log database and subgraphs) answer, and names
// what does not without saying why.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../shared/db.ts';
import { gatewayHealthRoutes, healthRoutes, databaseCheck } from '../shared/health.ts';
import { serveGraphQL } from '../shared/http.ts';
import { AUDIT_MIGRATIONS } from '../gateway/index.ts';
import { schema as auditSchema } from '../gateway/audit/db/schema.ts';

const serve = (routes: Parameters<typeof serveGraphQL>[0]['routes']) =>
  serveGraphQL({ apollo: {} as never, host: '127.0.0.1', port: 0, context: async () => ({}), routes });

describe('health', () => {
  it('live answers; ready follows the database, and says which dependency is down, not why', async () => {
    const database = await openDatabase({
      location: { kind: 'pglite', dir: null },
      schema: auditSchema,
      migrationsFolder: AUDIT_MIGRATIONS,
    });
    const subgraph = await serve(healthRoutes('joint', { database: databaseCheck(database) }));
    const base = subgraph.url.replace(/\/graphql$/, '');
    const gateway = await serve(
      gatewayHealthRoutes(database, { joint: subgraph.url, kela: 'http://127.0.0.1:9/graphql' }),
    );
    const gatewayBase = gateway.url.replace(/\/graphql$/, '');
    try {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', service: 'joint', checks: { database: 'ok' } });

      // The gateway: one subgraph unreachable, so not ready, naming it.
      const g = await fetch(`${gatewayBase}/health/ready`);
      expect(g.status).toBe(503);
      expect(await g.json()).toEqual({
        status: 'not ready',
        service: 'gateway',
        checks: { 'disclosure-log': 'ok', joint: 'ok', kela: 'unavailable' },
      });

      await database.close();
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const down = await fetch(`${base}/health/ready`);
      expect(down.status).toBe(503);
      const text = await down.text();
      expect(JSON.parse(text)).toEqual({ status: 'not ready', service: 'joint', checks: { database: 'unavailable' } });
      expect(text).not.toMatch(/closed|pglite|error/i);
    } finally {
      await subgraph.close();
      await gateway.close();
    }
  }, 120_000);
});
