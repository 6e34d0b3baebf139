// Errors never carry data (issue "guarantees hold under attack", item 1): text PostgreSQL cannot store
// answers BAD_USER_INPUT naming the argument before any SQL runs, a malformed cursor answers
// BAD_USER_INPUT, and an unexpected database error answers INTERNAL_SERVER_ERROR with a request id and
// nothing else. Every mutation argument is tried, as the schema lists them.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../shared/logger.ts';
import { sql } from 'drizzle-orm';
import {
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { addMonths } from '../shared/dates.ts';
import { finnishDate } from '../shared/policy.ts';
import { documentHash, signTicket, TICKET_EXTENSION, variablesHash } from '../shared/tickets.ts';
import type { System } from '../cli/system.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const CLIENT = '150385-9013';
const IU = 'ita-uusimaa';
const SPECIALIST = { org: 'employment', role: 'employment-specialist', areas: [IU] };
const KELA_OFFICER = { org: 'kela', role: 'work-ability-specialist', areas: [IU] };
const BAD_TEXTS = { nul: 'Work trial\u0000; drop table persons', loneSurrogate: 'Work trial \ud800 continues' };

/** What must never appear in an answer: SQL, driver wording, bound parameters. */
const SQLISH = [
  /select /i,
  /insert /i,
  /update /i,
  /relation /i,
  /syntax/i,
  /violates/i,
  /postgres/i,
  /pglite/i,
  /\$1/,
  /params/i,
  /invalid byte sequence/i,
];

/** The stored values of the fixture persons (names, contact details, free texts): never in an error. */
function fixtureValues(): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (['firstName', 'lastName', 'phone', 'email'].includes(key) || v.length > 30) out.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(JSON.parse(readFileSync(new URL('../seed/fixtures.json', import.meta.url), 'utf8')), '');
  return [...out];
}

/** A valid value for an argument or input field, by its type and name. */
function sample(type: GraphQLInputType, name: string): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [sample(t.ofType, name)];
  if (isInputObjectType(t))
    return Object.fromEntries(Object.values(t.getFields()).map((f) => [f.name, sample(f.type, f.name)]));
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isScalarType(t)) {
    if (t.name === 'Int') return 1;
    if (t.name === 'Boolean') return false;
    if (t.name === 'Date') return addMonths(finnishDate(), 1);
    if (t.name === 'DateTime') return new Date().toISOString();
    if (name === 'hetu') return CLIENT;
    if (name === 'id') return randomUUID();
    if (name === 'area') return IU;
    if (name === 'municipality') return 'Porvoo';
    return 'A note';
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** Every path to a String or ID leaf below an argument: `input.identity.firstName`, `input.services[0].description`. */
function textLeaves(type: GraphQLInputType, path: (string | number)[]): (string | number)[][] {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return textLeaves(t.ofType, [...path, 0]);
  if (isInputObjectType(t)) return Object.values(t.getFields()).flatMap((f) => textLeaves(f.type, [...path, f.name]));
  return isScalarType(t) && ['String', 'ID'].includes(t.name) ? [path] : [];
}

const setAt = (root: Record<string, unknown>, path: (string | number)[], value: unknown) => {
  let node: any = root;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path.at(-1)!] = value;
};
const fieldName = (path: (string | number)[]) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');

interface Case {
  label: string;
  query: string;
  variables: Record<string, unknown>;
  field: string;
}

/** One request per mutation, text leaf and kind of bad text, built from the schema. */
function badTextCases(schema: GraphQLSchema): Case[] {
  const cases: Case[] = [];
  for (const mutation of Object.values(schema.getMutationType()!.getFields())) {
    const params = mutation.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const args = mutation.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const call = `${mutation.name}${args ? `(${args})` : ''}`;
    const query = `mutation${params ? `(${params})` : ''} { ${call} { __typename } }`;
    for (const arg of mutation.args) {
      for (const leaf of textLeaves(arg.type, [arg.name])) {
        for (const [kind, bad] of Object.entries(BAD_TEXTS)) {
          const variables = Object.fromEntries(mutation.args.map((a) => [a.name, sample(a.type, a.name)]));
          setAt(variables, leaf, bad);
          cases.push({
            label: `${mutation.name}(${fieldName(leaf)}) with ${kind}`,
            query,
            variables,
            field: fieldName(leaf),
          });
        }
      }
    }
  }
  return cases;
}

for (const backend of BACKENDS) {
  describe(`errors carry no data on ${backend.name}`, () => {
    let system: System;
    let token: string;
    const stored = fixtureValues();
    const assertNoLeak = (label: string, text: string) => {
      for (const pattern of SQLISH) expect(text, `${label}: ${pattern}`).not.toMatch(pattern);
      for (const value of stored)
        expect(text.includes(value), `${label}: a stored value of a fixture person`).toBe(false);
    };

    beforeAll(async () => {
      system = await startTestSystem(backend);
      token = await system.token(SPECIALIST);
    });
    afterAll(async () => system?.close());

    it(
      'text PostgreSQL cannot store, in any argument of any mutation, answers BAD_USER_INPUT naming the ' +
        'field, and stores nothing',
      async () => {
        // The composed supergraph: every mutation any subgraph offers through the gateway.
        const schema = buildSchema(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'), {
          assumeValidSDL: true,
        });
        const cases = badTextCases(schema);
        // Every mutation is tried, and the common text arguments are among the leaves.
        const mutations = new Set(cases.map((c) => c.label.split('(')[0]));
        expect(mutations).toEqual(new Set(Object.keys(schema.getMutationType()!.getFields())));
        expect(cases.map((c) => c.field)).toEqual(
          expect.arrayContaining([
            'input.referralNote',
            'input.identity.firstName',
            'summary',
            'hetu',
            'input.services[0].description',
          ]),
        );
        const before = await (system.databases.joint.db as any).execute(
          sql`select count(*)::int as n from assessments`,
        );
        for (const c of cases) {
          const r = await gql<any>(system.url, c.query, { token, purpose: 'PLANNING', variables: c.variables });
          expect(r.data?.[c.label.split('(')[0]!] ?? null, c.label).toBeNull();
          expect(r.errors?.[0]?.extensions, c.label).toMatchObject({
            code: 'BAD_USER_INPUT',
            reason: 'INVALID_TEXT',
            field: c.field,
          });
          assertNoLeak(c.label, JSON.stringify(r));
        }
        const after = await (system.databases.joint.db as any).execute(sql`select count(*)::int as n from assessments`);
        expect((after.rows ?? after)[0].n).toBe((before.rows ?? before)[0].n);
      },
    );

    it('a malformed cursor answers BAD_USER_INPUT INVALID_CURSOR, never a driver error', async () => {
      const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const uuid = randomUUID();
      const cursors = {
        notBase64Json: '%%%',
        notAList: cursor({ a: 1 }),
        aDateV8AcceptsButPostgresDoesNot: cursor(['1', uuid]),
        aWordDate: cursor(['Tue', uuid]),
        yearOutOfRange: cursor(['+275760-09-13T00:00:00.000Z', uuid]),
        yearZero: cursor(['0000-01-01T00:00:00.000Z', uuid]),
        dashesForAnId: cursor(['2026-01-01T00:00:00.000Z', '-'.repeat(36)]),
        nulInTheDate: cursor(['2026-01-01\u0000', uuid]),
      };
      for (const [label, after] of Object.entries(cursors)) {
        const r = await gql<any>(
          system.url,
          'query($after: String) { caseload(first: 2, after: $after) { totalCount } }',
          { token, purpose: 'COORDINATION', variables: { after } },
        );
        expect(r.errors?.[0]?.extensions, label).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: expect.stringMatching(/^INVALID_(CURSOR|TEXT)$/),
        });
        assertNoLeak(label, JSON.stringify(r));
      }
      // A cursor the API gave still works.
      const page = await gql<any>(system.url, '{ caseload(first: 2) { pageInfo { endCursor } } }', {
        token,
        purpose: 'COORDINATION',
      });
      const next = await gql<any>(
        system.url,
        'query($after: String) { caseload(first: 2, after: $after) { totalCount } }',
        { token, purpose: 'COORDINATION', variables: { after: page.data.caseload.pageInfo.endCursor } },
      );
      expect(next.errors).toBeUndefined();
    });

    it(
      'an unexpected database error answers INTERNAL_SERVER_ERROR with a request id and nothing else; the log ' +
        'has the rest',
      async () => {
        const lines: string[] = [];
        const stopCapture = captureLogs((line) => void lines.push(line));
        const joint = system.databases.joint.db as any;
        const employment = system.databases.employment.db as any;
        await joint.execute(sql`alter table assessments rename to assessments_away`);
        await employment.execute(sql`alter table educations rename to educations_away`);
        try {
          const write = await gql<any>(
            system.url,
            'mutation($h: ID!) { recordAssessment(hetu: $h, kind: SERVICE_NEED, summary: "Needs a work ' +
              'trial") { id } }',
            { token, purpose: 'PLANNING', variables: { h: CLIENT } },
          );
          const read = await gql<any>(
            system.url,
            'query($h: ID!) { client(hetu: $h) { employment { education { degree } } } }',
            { token, purpose: 'PLANNING', variables: { h: CLIENT } },
          );
          for (const [label, r] of [
            ['write', write],
            ['read', read],
          ] as const) {
            const error = r.errors?.find((e: any) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
            expect(error, `${label}: ${JSON.stringify(r.errors)}`).toBeDefined();
            expect(error!.extensions!.requestId, label).toMatch(/^[0-9a-f-]{36}$/);
            assertNoLeak(label, JSON.stringify(r));
            expect(JSON.stringify(r), label).not.toMatch(/assessments|educations/);
          }

          // Straight at the subgraph: the id is the ticket's request id, so the gateway's log and the subgraph's meet.
          const query =
            '{ _entities(representations: [{ __typename: "Person", hetu: "150385-9013" }]) { ... on Person { ' +
            'employment { education { degree } } } } }';
          const requestId = randomUUID();
          const ticket = await signTicket(system.keys.ticket.privateKey, system.keys.ticket.kid, 'employment', {
            caller: { sub: 'es', ...SPECIALIST } as never,
            purpose: 'PLANNING',
            caseReference: null,
            requestId,
            doc: documentHash(query),
            vars: variablesHash(undefined),
            grants: { [CLIENT]: { own: { COMPETENCE: 'OWN' } } },
          });
          const res = await fetch(system.subgraphs.employment.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, extensions: { [TICKET_EXTENSION]: ticket } }),
          });
          const text = await res.text();
          const body = JSON.parse(text);
          expect(body.errors[0]).toEqual({
            message: expect.any(String),
            locations: expect.any(Array),
            path: expect.any(Array),
            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
          });
          assertNoLeak('direct', text);
          expect(text).not.toContain('educations');
          // The server log has the cause, under the same id.
          expect(lines.some((l) => l.includes(requestId) && /educations/.test(l))).toBe(true);
        } finally {
          stopCapture();
          await joint.execute(sql`alter table assessments_away rename to assessments`);
          await employment.execute(sql`alter table educations_away rename to educations`);
        }
      },
    );

    it("a register that cannot record its release answers nothing, and says why in the process's own log", async () => {
      const lines: string[] = [];
      const stopCapture = captureLogs((line) => void lines.push(line));
      const kela = system.databases.kela.db as any;
      await kela.execute(sql`alter table releases rename to releases_away`);
      let requestId = '';
      try {
        const r = await gql<any>(system.url, 'query($h: ID!) { client(hetu: $h) { kela { benefits { type } } } }', {
          token: await system.token(KELA_OFFICER),
          purpose: 'COORDINATION',
          variables: { h: CLIENT },
        });
        expect(r.data?.client?.kela?.benefits ?? null).toBeNull();
        expect(r.errors?.length).toBeGreaterThan(0);
        assertNoLeak('read', JSON.stringify(r));
        requestId = String(r.errors?.[0]?.extensions?.requestId);
      } finally {
        stopCapture();
        await kela.execute(sql`alter table releases_away rename to releases`);
      }
      // Apollo Server's own report of the failed request is a structured line of the process's log, naming
      // the service, not bare text beside it that a log collector cannot parse.
      const report = lines
        .map((l) => JSON.parse(l))
        .find((l) => /Unexpected error processing request/.test(l.msg) && /record the release/.test(l.msg));
      expect(report, lines.join('\n')).toMatchObject({ level: 'error', component: 'apollo', service: 'kela' });
      // And the register's own line names the request, as the caller's error does (the gateway's request id).
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const own = lines.map((l) => JSON.parse(l)).find((l) => /could not record the release/.test(l.msg));
      const expected = { level: 'error', component: 'subgraph', service: 'kela', requestId };
      expect(own, lines.join('\n')).toMatchObject(expected);
    });
  });
}
