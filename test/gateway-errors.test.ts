// One masking point at the gateway (docs/LAW.md rule 20; docs/CONTRACT.md section 3): only the contract's codes
// and their keys leave; a driver's or SQL message, a statement, its parameters or stored values never
// do; every error carries the request id that the server log files the original under; and when the
// joint subgraph is down, the answer names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../shared/logger.ts';
import { GraphQLError } from 'graphql';
import { sql } from 'drizzle-orm';
import type { System } from '../cli/system.ts';
import { INTERNAL_ERROR_MESSAGE, maskError } from '../gateway/plugins/error-masking.ts';
import { BACKENDS, codes, gql, startTestSystem } from './support/system.ts';

const SMALL_WORLD = { clients: 5, seed: 7 };
const HETU = '150385-9013';
const SQLISH = /select|insert|from "|relation|params|failed query|pglite|postgres|syntax error at|constraint/i;

describe("the gateway's formatError", () => {
  const mask = (
    message: string,
    extensions: Record<string, unknown>,
    original: unknown = new GraphQLError(message, { extensions }),
  ) => {
    const lines: string[] = [];
    const stopCapture = captureLogs((line) => void lines.push(line));
    try {
      return { out: maskError({ message, extensions }, original), logged: lines.join('\n') };
    } finally {
      stopCapture();
    }
  };

  it('turns an unknown code into an opaque internal error with a request id, and logs the original under it', () => {
    const message = `Failed query: select "type" from "benefits" where "hetu" = $1\nparams: ${HETU}`;
    for (const code of ['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR', undefined, 'SOMETHING_NEW']) {
      const { out, logged } = mask(message, { code, serviceName: 'kela', exception: { stacktrace: ['at x'] } });
      expect(out.message, String(code)).toBe(INTERNAL_ERROR_MESSAGE);
      expect(Object.keys(out.extensions ?? {}).sort(), String(code)).toEqual(['code', 'requestId']);
      expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(out)).not.toMatch(SQLISH);
      expect(JSON.stringify(out)).not.toContain(HETU);
      expect(logged).toContain(String(out.extensions?.requestId));
      expect(logged).toContain('benefits');
    }
  });

  it('passes a contract code with only the keys that code carries', () => {
    const refusal = { code: 'FORBIDDEN', reason: 'ORG_INTERNAL', serviceName: 'kela', requestId: 'r-1' };
    const { out } = mask('Forbidden: ORG_INTERNAL', { ...refusal, sql: 'select 1', stacktrace: ['x'] });
    expect(out).toEqual({ message: 'Forbidden: ORG_INTERNAL', extensions: refusal });
  });

  it('drops suggestions from any message', () => {
    const { out } = mask('Cannot query field "clent" on type "Query". Did you mean "client"?', {
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
    expect(out.message).toBe('Cannot query field "clent" on type "Query".');
  });
});

for (const backend of BACKENDS) {
  describe(`gateway errors on ${backend.name}`, () => {
    let system: System;
    let token: string;
    const ask = (query: string, purpose: string | null = 'ASSESSMENT') =>
      gql<any>(system.url, query, { token, purpose });

    beforeAll(async () => {
      system = await startTestSystem(backend, SMALL_WORLD);
      token = await system.token({ org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] });
    });
    afterAll(async () => system?.close());

    it("gives every error the request's id", async () => {
      const refused = await ask(`{ client(hetu: "${HETU}") { wellbeing { diagnoses { code } } } }`);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      const noPurpose = await ask(`{ client(hetu: "${HETU}") { hetu } }`, null);
      expect(codes(noPurpose)).toEqual(['PURPOSE_REQUIRED']);
      const noToken = await gql(system.url, '{ __typename }', {});
      expect(codes(noToken)).toEqual(['UNAUTHENTICATED']);
      for (const r of [refused, noPurpose, noToken]) {
        for (const e of r.errors ?? []) expect(e.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it("never forwards a subgraph's SQL failure: statement, parameters and stored values stay in the log", async () => {
      // The Kela register's table goes away under it: its queries now fail in the driver.
      await system.databases.kela.db.execute(sql`alter table benefits rename to benefits_gone`);
      const stopCapture = captureLogs(() => {}); // the expected errors' lines
      try {
        const r = await ask(
          `{ client(hetu: "${HETU}") { joint { identity { lastName } } kela { benefits { type } } } }`,
        );
        const text = JSON.stringify(r);
        expect(text).not.toMatch(SQLISH);
        expect(text).not.toMatch(/benefits_gone|\\"benefits\\"/);
        expect(r.data?.client?.joint?.identity?.lastName).toBeTruthy(); // the rest of the answer stands
        for (const e of r.errors ?? []) {
          expect(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE']).toContain(e.extensions?.code);
          expect(Object.keys(e.extensions ?? {}).every((k) => ['code', 'requestId', 'serviceName'].includes(k))).toBe(
            true,
          );
          if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') expect(e.message).toBe(INTERNAL_ERROR_MESSAGE);
        }
        expect(r.errors?.length).toBeGreaterThan(0);
      } finally {
        stopCapture();
        await system.databases.kela.db.execute(sql`alter table benefits_gone rename to benefits`);
      }
    });

    it('names the joint subgraph when it is down, not the disclosure log', async () => {
      await system.subgraphs.joint.close();
      const stopCapture = captureLogs(() => {}); // the expected errors' lines
      try {
        const lookup = await ask(`{ client(hetu: "${HETU}") { kela { benefits { type } } } }`);
        expect(lookup.status).toBe(503);
        expect(lookup.data ?? null).toBeNull();
        expect(lookup.errors?.map((e) => e.extensions)).toEqual([
          { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'joint', requestId: expect.any(String) },
        ]);
        const page = await ask('{ caseload(area: "ita-uusimaa") { totalCount } }');
        expect(page.data?.caseload ?? null).toBeNull();
        expect(page.errors?.map((e) => [e.extensions?.code, e.extensions?.serviceName])).toEqual([
          ['SUBGRAPH_UNAVAILABLE', 'joint'],
        ]);
        for (const r of [lookup, page]) expect(JSON.stringify(r)).not.toMatch(/ECONNREFUSED|fetch failed|127\.0\.0\.1/);
      } finally {
        stopCapture();
      }
    });
  });
}
