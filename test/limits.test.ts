// A document's cost is bounded before it runs, whatever its shape (docs/LAW.md rule 16; gateway/limits.ts):
// every limit refuses at limit + 1 and allows at the limit; a fragment bomb under 1 KB is refused
// while the gateway keeps answering; suggestions never name schema elements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lexer, Source, TokenKind } from 'graphql';
import type { System } from '../cli/system.ts';
import { DEFAULT_LIMITS, type QueryLimits } from '../gateway/limits.ts';
import { readConfig } from '../shared/config.ts';
import { BACKENDS, codes, startTestSystem, type GqlResult } from './support/system.ts';

const LIMITS: QueryLimits = {
  maxDepth: 5,
  maxAliases: 3,
  maxClientLookups: 2,
  maxFields: 250,
  maxDirectives: 4,
  maxTokens: 300,
};
const SMALL_WORLD = { clients: 5, seed: 7 };
const specialist = { org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] };

const tokenCount = (query: string): number => {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
};

/** Fragments that spread the next one twice: 2^levels fields once expanded, from a few hundred bytes. */
function fragmentBomb(levels: number): string {
  const name = (i: number) => String.fromCharCode(97 + i);
  let q = `{client(hetu:"150385-9013"){...${name(0)}}}`;
  for (let i = 0; i < levels; i++) q += `fragment ${name(i)} on Person{hetu ...${name(i + 1)} ...${name(i + 1)}}`;
  return `${q}fragment ${name(levels)} on Person{hetu}`;
}

describe('limits as configuration', () => {
  it('reads every limit from the environment, validated, with the documented defaults', () => {
    expect(readConfig({}).limits).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({
      maxDepth: 8,
      maxAliases: 15,
      maxClientLookups: 5,
      maxFields: 600,
      maxDirectives: 50,
      maxTokens: 2000,
    });
    const env = {
      TYM_MAX_DEPTH: '6',
      TYM_MAX_ALIASES: '0',
      TYM_MAX_CLIENT_LOOKUPS: '1',
      TYM_MAX_FIELDS: '100',
      TYM_MAX_DIRECTIVES: '3',
      TYM_MAX_TOKENS: '500',
    };
    expect(readConfig(env).limits).toEqual({
      maxDepth: 6,
      maxAliases: 0,
      maxClientLookups: 1,
      maxFields: 100,
      maxDirectives: 3,
      maxTokens: 500,
    });
    expect(() => readConfig({ TYM_MAX_DEPTH: 'deep' })).toThrow(/TYM_MAX_DEPTH/);
    expect(() => readConfig({ TYM_MAX_FIELDS: '0' })).toThrow(/TYM_MAX_FIELDS/);
  });
});

for (const backend of BACKENDS) {
  describe(`query limits on ${backend.name}`, () => {
    let system: System;
    let token: string;
    /** A request that gives up rather than hang: a stalled gateway fails the test. */
    const ask = async (query: string, timeoutMs = 15_000): Promise<GqlResult> => {
      const res = await fetch(system.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-tym-purpose': 'ASSESSMENT',
        },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, ...((await res.json()) as object) };
    };
    const refused = (r: GqlResult, limit: keyof QueryLimits) => {
      expect(r.status, limit).toBe(400);
      expect(codes(r), limit).toEqual(['QUERY_TOO_COMPLEX']);
      expect(r.errors?.[0]?.message, limit).toContain(limit);
      expect(r.data ?? null, limit).toBeNull();
    };
    const allowed = (r: GqlResult, label: string) => {
      expect(codes(r), label).not.toContain('QUERY_TOO_COMPLEX');
      expect(r.status, label).toBe(200);
    };

    beforeAll(async () => {
      system = await startTestSystem(backend, SMALL_WORLD, { limits: LIMITS });
      token = await system.token(specialist);
    });
    afterAll(async () => system?.close());

    it('refuses a fragment bomb under 1 KB at once, and keeps answering others meanwhile', async () => {
      const bomb = fragmentBomb(23);
      expect(bomb.length).toBeLessThan(1024);
      expect(tokenCount(bomb)).toBeLessThanOrEqual(LIMITS.maxTokens); // refused for its fields, not its size
      const normal = '{ client(hetu: "150385-9013") { joint { identity { lastName } } } }';
      let sending = true;
      const bombs = (async () => {
        const answers: GqlResult[] = [];
        const started = performance.now();
        while (sending || answers.length < 10) answers.push(await ask(bomb));
        const each = (performance.now() - started) / answers.length;
        console.log(`fragment bomb (${bomb.length} bytes): ${answers.length} refusals, ${each.toFixed(1)} ms each`);
        return answers;
      })();
      const normals: GqlResult[] = [];
      for (let i = 0; i < 5; i++) normals.push(await ask(normal));
      sending = false;
      for (const r of await bombs) refused(r, 'maxFields');
      for (const r of normals) {
        expect(r.errors).toBeUndefined();
        expect((r.data as any).client.joint.identity.lastName).toBeTruthy();
      }
    }, 60_000);

    it('measures depth through fragments and inline fragments', async () => {
      const at = '{ client(hetu: "150385-9013") { joint { serviceNeed { recordedBy { org } } } } }';
      allowed(await ask(at), 'depth 5');
      refused(
        await ask('{ client(hetu: "150385-9013") { joint { plan { reviews { recordedBy { org } } } } } }'),
        'maxDepth',
      );
      refused(
        await ask(
          '{ ...Q } fragment Q on Query { client(hetu: "150385-9013") { ... on Person { joint { ...P } } } } ' +
            'fragment P on JointRecord { plan { reviews { recordedBy { org } } } }',
        ),
        'maxDepth',
      );
    });

    it('counts aliases', async () => {
      allowed(await ask('{ a: __typename b: __typename c: __typename }'), 'aliases 3');
      refused(await ask('{ a: __typename b: __typename c: __typename d: __typename }'), 'maxAliases');
    });

    it('counts directives', async () => {
      const d = (n: number) => `{ ${Array.from({ length: n }, () => '__typename @include(if: true)').join(' ')} }`;
      allowed(await ask(d(4)), 'directives 4');
      refused(await ask(d(5)), 'maxDirectives');
    });

    it('counts root look-ups of persons, however the document is shaped', async () => {
      const two = 'a: client(hetu: "150385-9013") { hetu } b: client(hetu: "240679-904V") { hetu }';
      allowed(await ask(`{ ${two} }`), 'look-ups 2');
      refused(await ask(`{ ${two} c: client(hetu: "300888-906R") { hetu } }`), 'maxClientLookups');
      refused(await ask(`{ ${two} ... on Query { c: client(hetu: "300888-906R") { hetu } } }`), 'maxClientLookups');
      refused(
        await ask(
          `{ ...L ... on Query { c: disclosures(hetu: "300888-906R") { at } } } fragment L on Query { ${two} }`,
        ),
        'maxClientLookups',
      );
    });

    it('counts fields, every spread of a fragment included', async () => {
      const fields = (extra: number) =>
        `{ client(hetu: "150385-9013") { ...F ...F ...F ...F ...F ${'hetu '.repeat(extra)}} } ` +
        `fragment F on Person { ${'hetu '.repeat(49)}}`;
      allowed(await ask(fields(4)), 'fields 250'); // 1 + 5 × 49 + 4
      refused(await ask(fields(5)), 'maxFields');
    });

    it('counts tokens as the parser reads them', async () => {
      // unused variables: tokens without fields; such a document then fails validation, after the token limit
      const padded = (n: number) =>
        `query Q(${Array.from({ length: n }, (_, i) => `$v${i}: Int`).join(' ')}) { __typename }`;
      const at = padded(73);
      expect(tokenCount(at)).toBe(LIMITS.maxTokens - 1);
      const atLimit = await ask(`${at.slice(0, -1)} __typename }`);
      expect(tokenCount(`${at.slice(0, -1)} __typename }`)).toBe(LIMITS.maxTokens);
      expect(codes(atLimit)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
      refused(await ask(`${at.slice(0, -1)} __typename __typename }`), 'maxTokens');
    });

    it('answers a document with several operations and none chosen 400, not 500', async () => {
      const r = await ask('{ __typename } { __typename }');
      expect(r.status).toBe(400);
      expect(new Set(codes(r))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
      // several named operations and no operationName: nothing says which to run
      const named = await ask('query A { __typename } query B { __typename }');
      expect(named.status).toBe(400);
      expect(codes(named)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    });

    it('never suggests schema names ("Did you mean …")', async () => {
      const field = await ask('{ clent(hetu: "150385-9013") { hetu } }');
      expect(field.status).toBe(400);
      expect(field.errors?.[0]?.message).toMatch(/clent/);
      const enumValue = await ask('{ caseload(area: "ita-uusimaa", due: PLAN_OVERDU) { totalCount } }');
      const variable = await fetch(system.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-tym-purpose': 'ASSESSMENT',
        },
        body: JSON.stringify({
          query: 'query($d: CaseloadDue) { caseload(area: "ita-uusimaa", due: $d) { totalCount } }',
          variables: { d: 'PLAN_OVERDU' },
        }),
      }).then((r) => r.json());
      for (const r of [field, enumValue, variable])
        expect(JSON.stringify(r)).not.toMatch(/did you mean|client|PLAN_OVERDUE/i);
    });
  });
}
