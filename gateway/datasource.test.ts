// The gateway loads a person's facts from the joint subgraph only when a decision needs them
// (issue "guarantees hold under attack", item 8): an official's own register is decided OWN whoever
// the person is, so it costs no round trip, and it is answered even while the joint facts are away.
import { beforeAll, describe, expect, it } from 'vitest';
import DataLoader from 'dataloader';
import { generateEd25519, importKey } from '../shared/keys.ts';
import { loadPolicy } from '../shared/policy-config.ts';
import type { PersonFacts } from '../shared/policy.ts';
import { TICKET_EXTENSION, variablesHash } from '../shared/tickets.ts';
import type { Caller, Purpose } from '../shared/vocabulary.ts';
import { readCategoryMap } from './categories.ts';
import { readSupergraph } from './supergraph.ts';
import type { GatewayContext } from './context.ts';
import { RequestFacts } from './facts.ts';
import { requestGrants, TicketedDataSource, type TicketSigner } from './datasource.ts';

const CLIENT = '150385-9013';
const QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{hetu}}}';
const policy = loadPolicy();
const categories = readCategoryMap(readSupergraph()).bySubgraph;
let signer: TicketSigner;

beforeAll(async () => {
  const { privateJwk } = await generateEd25519('test-ticket', false);
  signer = { key: await importKey(privateJwk), kid: 'test-ticket' };
});

/**
 * Signs one entity fetch to `subgraph` for `caller`; answers the ticket's claims and the persons whose facts were
 * asked for.
 */
async function fetchTo(subgraph: string, caller: Caller, purpose: Purpose, jointAnswers: boolean) {
  const { claims, asked } = await fetchWithContext(subgraph, caller, purpose, jointAnswers);
  return { claims, asked };
}

async function fetchWithContext(subgraph: string, caller: Caller, purpose: Purpose, jointAnswers: boolean) {
  const asked: string[] = [];
  const facts = new RequestFacts(
    new DataLoader<string, PersonFacts>(async (hetus) => {
      asked.push(...hetus);
      if (!jointAnswers) throw new Error('joint facts lookup failed: HTTP 503');
      return hetus.map((hetu) => ({ hetu, activeCustomership: { area: 'ita-uusimaa' }, consents: [] }));
    }),
  );
  const context = {
    caller,
    purpose,
    access: { policy, caller, purpose, today: '2026-06-01' },
    caseReference: null,
    idempotencyKey: null,
    requestId: 'r-1',
    scope: { requestId: 'r-1', service: 'gateway' },
    released: [],
    lookups: [],
    facts,
  } as GatewayContext;
  const source = new TicketedDataSource(subgraph, 'http://127.0.0.1:1/graphql', signer, categories.get(subgraph)!);
  const variables = { representations: [{ __typename: 'Person', hetu: CLIENT }] };
  const request = { query: QUERY, variables } as never as { extensions?: Record<string, unknown> };
  await source.willSendRequest({ request, context } as never);
  const ticket = String(request.extensions?.[TICKET_EXTENSION]);
  const claims = JSON.parse(Buffer.from(ticket.split('.')[1]!, 'base64url').toString('utf8'));
  expect(claims.vars).toBe(variablesHash(variables));
  return { claims, asked, context };
}

const specialist: Caller = { sub: 'es', org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] };

describe('facts only when needed', () => {
  // Under a TYM purpose, another controller's rows of the own kind of register go through section 15
  // (docs/LAW.md rule 10), which turns on the customership: facts are needed even for the own register.
  it('an official reading their own register for their own service: own rows OWN, no facts asked', async () => {
    const { claims, asked } = await fetchTo('employment', specialist, 'OWN_SERVICE', true);
    expect(asked).toEqual([]);
    for (const grant of Object.values(claims.grants[CLIENT].own)) expect(grant).toBe('OWN');
  });

  it('the own register is still answered while the joint facts are unavailable', async () => {
    const { claims, asked } = await fetchTo('employment', specialist, 'OWN_SERVICE', false);
    expect(asked).toEqual([]);
    expect(claims.grants[CLIENT].own.COMPETENCE).toBe('OWN');
  });

  it("the own kind of register under a TYM purpose asks the facts, for other controllers' rows", async () => {
    const { claims, asked } = await fetchTo('employment', specialist, 'PLANNING', true);
    expect(asked).toEqual([CLIENT]);
    expect(claims.grants[CLIENT].own.COMPETENCE).toBe('OWN');
    expect(claims.grants[CLIENT].COMPETENCE).toBe('SECTION_15');
  });

  it('refusals independent of the person need no facts either (OWN_SERVICE reading another register)', async () => {
    const { claims, asked } = await fetchTo('wellbeing', specialist, 'OWN_SERVICE', false);
    expect(asked).toEqual([]);
    for (const grant of Object.values(claims.grants[CLIENT])) expect(grant).toBe('!PURPOSE_NOT_ALLOWED');
  });

  it('another register under section 15 depends on the customership: facts asked, no fetch without them', async () => {
    const { claims, asked } = await fetchTo('wellbeing', specialist, 'PLANNING', true);
    expect(asked).toEqual([CLIENT]);
    expect(claims.grants[CLIENT].SOCIAL_SITUATION).toBe('SECTION_15');
    await expect(fetchTo('wellbeing', specialist, 'PLANNING', false)).rejects.toThrow('joint facts lookup failed');
  });
});

describe('facts the joint subgraph answers with', () => {
  const contextWith = (facts: RequestFacts) =>
    ({ caller: specialist, purpose: 'PLANNING', requestId: 'r-1', facts }) as unknown as GatewayContext;
  const answered = (subgraph: string, context: GatewayContext, extensions: Record<string, unknown>) =>
    new TicketedDataSource(
      subgraph,
      'http://127.0.0.1:1/graphql',
      signer,
      categories.get(subgraph)!,
    ).didReceiveResponse({ response: { data: {}, extensions }, context } as never);
  const noLookup = () =>
    new RequestFacts(
      new DataLoader<string, PersonFacts>(async () => {
        throw new Error('looked up');
      }),
    );
  const reported: PersonFacts = { hetu: CLIENT, activeCustomership: { area: 'ita-uusimaa' }, consents: [] };

  it("the joint subgraph's facts decide the later grants, with no look-up, and are not passed on", async () => {
    const facts = noLookup();
    const response = await answered('joint', contextWith(facts), { tymFacts: [reported] });
    expect(response.extensions).toEqual({});
    expect(await facts.load(CLIENT)).toEqual(reported);
  });

  it('a register sending facts is refused: they would decide its own grants', async () => {
    const facts = noLookup();
    await expect(answered('wellbeing', contextWith(facts), { tymFacts: [reported] })).rejects.toThrow(
      'wellbeing sends person facts but holds none',
    );
    await expect(facts.load(CLIENT)).rejects.toThrow('looked up');
  });

  it('anything not shaped as facts is not taken for them', async () => {
    const facts = noLookup();
    await answered('joint', contextWith(facts), {
      tymFacts: [{ hetu: CLIENT, activeCustomership: 'ita-uusimaa', consents: [] }, { hetu: CLIENT }, 'x'],
    });
    await expect(facts.load(CLIENT)).rejects.toThrow('looked up');
  });
});

describe('grants for the basis extension', () => {
  it("the basis extension's grants for a person are those the register's ticket carried", async () => {
    const { claims, asked, context } = await fetchWithContext('wellbeing', specialist, 'PLANNING', true);
    expect(asked).toEqual([CLIENT]);
    const grants = await requestGrants(context, CLIENT, 'wellbeing', categories.get('wellbeing')!);
    expect(grants).toEqual(claims.grants[CLIENT]);
    expect(asked).toEqual([CLIENT]);
  });
});

describe("a request's facts", () => {
  const factsOf = (hetu: string): PersonFacts => ({ hetu, activeCustomership: null, consents: [] });
  const counted = (fail?: string) => {
    const batches: string[][] = [];
    const facts = new RequestFacts(
      new DataLoader<string, PersonFacts>(async (hetus) => {
        batches.push([...hetus]);
        return hetus.map((h) => (h === fail ? new Error('joint facts lookup returned no entry') : factsOf(h)));
      }),
    );
    return { facts, batches };
  };

  it('are read once per person, the missing ones in one batch, and then given without waiting', async () => {
    const { facts, batches } = counted();
    facts.prime('A', factsOf('A'));
    const first = facts.all(['A', 'B', 'C']);
    expect(first).toBeInstanceOf(Promise);
    expect((await first).map((f) => f.hetu)).toEqual(['A', 'B', 'C']);
    expect(batches).toEqual([['B', 'C']]);
    const again = facts.all(['C', 'A', 'B']);
    expect(Array.isArray(again)).toBe(true);
    expect((again as PersonFacts[]).map((f) => f.hetu)).toEqual(['C', 'A', 'B']);
    expect(await facts.load('B')).toEqual(factsOf('B'));
    expect(batches).toHaveLength(1);
  });

  it('fail closed: one person whose facts cannot be read fails them all, and is asked again later', async () => {
    const { facts, batches } = counted('B');
    await expect(facts.all(['A', 'B'])).rejects.toThrow('no entry');
    await expect(facts.all(['B'])).rejects.toThrow('no entry');
    expect(batches).toEqual([['A', 'B']]); // the loader keeps its answer for the request, the failure too
  });

  it('keep the first facts reported for a person, as a loader would', async () => {
    const { facts } = counted();
    facts.prime('A', { ...factsOf('A'), activeCustomership: { area: 'ita-uusimaa' } });
    facts.prime('A', factsOf('A'));
    expect((facts.all(['A']) as PersonFacts[])[0]!.activeCustomership).toEqual({ area: 'ita-uusimaa' });
  });
});
