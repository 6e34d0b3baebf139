// Idempotent replays are authorised (issue "guarantees hold under attack", item 5): a stored mutation
// result goes back only to the same caller identity, after the same authorisation as the first call,
// and the whole Idempotency-Key counts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { makeHetu } from '../shared/hetu.ts';
import { documentHash, signTicket, TICKET_EXTENSION, variablesHash } from '../shared/tickets.ts';
import type { Caller } from '../shared/vocabulary.ts';
import type { System } from '../cli/system.ts';
import { assessments } from '../subgraphs/joint/db/schema.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const IU = 'ita-uusimaa';
const SUB = 'official-7@employment';
const START = `mutation($input: StartCustomershipInput!) { startCustomership(input: $input) { id } }`;
const ASSESS =
  `mutation($hetu: ID!, $kind: AssessmentKind!, $summary: String!) { recordAssessment(hetu: $hetu, kind: ` +
  `$kind, summary: $summary) { id summary } }`;
const END =
  `mutation($hetu: ID!) { endCustomership(hetu: $hetu, reason: EMPLOYED, agreedBy: [employment, wellbeing]) { ` +
  `status } }`;

let serial = 0;
const newPerson = () => makeHetu('1968-04-09', 900 + (serial++ % 100));

for (const backend of BACKENDS) {
  describe(`idempotent replays on ${backend.name}`, () => {
    let system: System;
    const tokens: Record<string, string> = {};
    const call = (who: string, query: string, variables: Record<string, unknown>, key?: string, purpose = 'PLANNING') =>
      gql<any>(system.url, query, {
        token: tokens[who],
        purpose,
        variables,
        headers: key ? { 'idempotency-key': key } : {},
      });
    const assessmentsOf = async (hetu: string) =>
      (
        await (system.databases.joint.db as any)
          .select({ n: count() })
          .from(assessments)
          .where(eq(assessments.hetu, hetu))
      )[0].n as number;
    const startFor = async (hetu: string) => {
      // A start checks the client's residence (docs/LAW.md rule 7): the identity names the municipality.
      const identity = { firstName: 'Testi', lastName: 'Asukas', municipality: 'Porvoo' };
      const r = await call('specialist', START, { input: { hetu, area: IU, identity } });
      expect(r.errors).toBeUndefined();
    };

    beforeAll(async () => {
      system = await startTestSystem(backend);
      // One official, one sub, in several roles: the roles must not share stored results.
      tokens.specialist = await system.token({
        org: 'employment',
        role: 'employment-specialist',
        areas: [IU],
        sub: SUB,
      });
      tokens.coordinator = await system.token({
        org: 'employment',
        role: 'work-ability-coordinator',
        areas: [IU],
        sub: SUB,
      });
      tokens.supervisor = await system.token({ org: 'employment', role: 'supervisor', areas: [IU], sub: SUB });
      tokens.wider = await system.token({
        org: 'employment',
        role: 'employment-specialist',
        areas: [IU, 'keski-uusimaa'],
        sub: SUB,
      });
    });
    afterAll(async () => system?.close());

    it('the same caller identity gets the stored result; the mutation is applied once', async () => {
      const hetu = newPerson();
      await startFor(hetu);
      const key = `same-${randomUUID()}`;
      const vars = { hetu, kind: 'SERVICE_NEED', summary: 'Needs a work trial' };
      const first = await call('specialist', ASSESS, vars, key);
      const again = await call('specialist', ASSESS, vars, key);
      expect(first.errors).toBeUndefined();
      expect(again.data.recordAssessment).toEqual(first.data.recordAssessment);
      expect(await assessmentsOf(hetu)).toBe(1);
    });

    it('another role, other areas or another purpose of the same sub never get the stored result', async () => {
      const hetu = newPerson();
      await startFor(hetu);
      const key = `roles-${randomUUID()}`;
      const vars = { hetu, kind: 'SERVICE_NEED', summary: 'Needs a work trial' };
      const first = await call('specialist', ASSESS, vars, key);
      expect(first.errors).toBeUndefined();

      // A supervisor writes no assessment: refused, not answered from the store.
      const supervisor = await call('supervisor', ASSESS, vars, key);
      expect(supervisor.data?.recordAssessment ?? null).toBeNull();
      expect(supervisor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      // Other identities are other callers: their own authorisation, their own result (never the first one).
      for (const [who, purpose] of [
        ['coordinator', 'PLANNING'],
        ['wider', 'PLANNING'],
        ['specialist', 'ASSESSMENT'],
      ] as const) {
        const r = await call(who, ASSESS, vars, key, purpose);
        expect(r.data?.recordAssessment?.id, `${who} ${purpose}`).not.toBe(first.data.recordAssessment.id);
      }
    });

    it('a replay after the customership ended is refused like any write, not answered from the store', async () => {
      const hetu = newPerson();
      await startFor(hetu);
      const key = `ended-${randomUUID()}`;
      const vars = { hetu, kind: 'SERVICE_NEED', summary: 'Needs a work trial' };
      expect((await call('specialist', ASSESS, vars, key)).errors).toBeUndefined();
      const ended = await call('specialist', END, { hetu });
      expect(ended.errors).toBeUndefined();
      const replay = await call('specialist', ASSESS, vars, key);
      expect(replay.data?.recordAssessment ?? null).toBeNull();
      expect(replay.errors?.[0]?.extensions).toMatchObject({ code: 'CUSTOMERSHIP_NOT_ACTIVE' });
      expect(JSON.stringify(replay)).not.toContain('Needs a work trial');
    });

    it('refuses a key over 200 characters instead of cutting it to a prefix another key may share', async () => {
      const hetu = newPerson();
      await startFor(hetu);
      const prefix = 'q'.repeat(200);
      const first = await call(
        'specialist',
        ASSESS,
        { hetu, kind: 'SERVICE_NEED', summary: 'First summary' },
        `${prefix}-first`,
      );
      const second = await call(
        'specialist',
        ASSESS,
        { hetu, kind: 'SERVICE_NEED', summary: 'First summary' },
        `${prefix}-second`,
      );
      for (const r of [first, second]) {
        expect(r.status).toBe(400);
        expect(r.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'INVALID_IDEMPOTENCY_KEY',
        });
      }
      expect(await assessmentsOf(hetu)).toBe(0);
      expect(
        (await call('specialist', ASSESS, { hetu, kind: 'SERVICE_NEED', summary: 'First summary' }, prefix)).errors,
      ).toBeUndefined();
    });

    it(
      'two keys that share their first 200 characters are two keys at the subgraph (the whole key is stored, ' +
        'hashed)',
      async () => {
        const hetu = newPerson();
        await startFor(hetu);
        const prefix = 'p'.repeat(200);
        const caller: Caller = { sub: SUB, org: 'employment', role: 'employment-specialist', areas: [IU] };
        // Straight to the joint subgraph with tickets as the gateway signs them, each carrying one whole key.
        const direct = async (idempotencyKey: string, summary: string) => {
          const variables = { hetu, kind: 'SERVICE_NEED', summary };
          const ticket = await signTicket(system.keys.ticket.privateKey, system.keys.ticket.kid, 'joint', {
            caller,
            purpose: 'PLANNING',
            caseReference: null,
            requestId: randomUUID(),
            doc: documentHash(ASSESS),
            vars: variablesHash(variables),
            idempotencyKey,
          });
          const res = await fetch(system.subgraphs.joint.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: ASSESS, variables, extensions: { [TICKET_EXTENSION]: ticket } }),
          });
          return (await res.json()) as any;
        };
        const a = await direct(`${prefix}-first`, 'First summary');
        const b = await direct(`${prefix}-second`, 'Second summary');
        expect(a.errors).toBeUndefined();
        expect(b.errors).toBeUndefined();
        expect(b.data.recordAssessment.id).not.toBe(a.data.recordAssessment.id);
        expect(await assessmentsOf(hetu)).toBe(2);
        // And the first key still answers its own result.
        const again = await direct(`${prefix}-first`, 'First summary');
        expect(again.data.recordAssessment).toEqual(a.data.recordAssessment);
      },
    );
  });
}
