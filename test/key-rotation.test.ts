// Rotating the ticket signing key without downtime, as docs/recipes.md walks an operator through it:
// keys from `tym keys generate`, the kela subgraph configured from the environment as `tym serve kela`
// configures it in production, publishing the new key beside the old, switching the gateway's signing
// key, and retiring the old key. Each "restart" reads the configuration and keys anew; the database is
// opened once (opening PGlite again per step would only add minutes).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../shared/config.ts';
import type { OpenSubgraph } from '../shared/service.ts';
import {
  gatewayTicketKeys,
  generateProductionKeys,
  KEY_FILES,
  subgraphTicketKeys,
  type KeyPair,
} from '../shared/keys.ts';
import { loadPolicy } from '../shared/policy-config.ts';
import { serveSubgraph, type RunningSubgraph } from '../shared/subgraph.ts';
import { documentHash, signTicket, TICKET_EXTENSION } from '../shared/tickets.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tym-rotation-'));
const QUERY =
  '{ _entities(representations: [{ __typename: "Person", hetu: "150385-9013" }]) { ... on Person { hetu kela { ' +
  'benefits { type } } } } }';
const pub = (name: string) => join(dir, name, KEY_FILES.ticketPublic);
const priv = (name: string) => join(dir, name, KEY_FILES.ticketPrivate);
let kelaService: OpenSubgraph;

/** The kela subgraph with the keys its production environment names (TYM_TICKET_PUBLIC_KEY, comma-separated). */
async function kelaWith(publicKeys: string[]): Promise<RunningSubgraph> {
  const config = readConfig({ NODE_ENV: 'production', TYM_DATA_DIR: dir, TYM_TICKET_PUBLIC_KEY: publicKeys.join(',') });
  return serveSubgraph(SUBGRAPH_SERVICES.kela.definition, {
    host: '127.0.0.1',
    port: 0,
    policy: loadPolicy(),
    ticketKeys: await subgraphTicketKeys(config.ticketKeys, config),
    requestScope: () => kelaService.requestScope(),
  });
}

/** The gateway's signing key as `tym serve gateway` loads it. */
const gatewaySigner = async (privateKey: string, publicKeys: string[]) =>
  (await gatewayTicketKeys({ privateKey, publicKeys }, { dataDir: dir, production: true })).signer;

async function ask(kela: RunningSubgraph, signer: KeyPair, kid = signer.kid): Promise<number> {
  const ticket = await signTicket(signer.privateKey, kid, 'kela', {
    caller: { sub: 'was@iu', org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa'] },
    purpose: 'ASSESSMENT',
    caseReference: null,
    requestId: randomUUID(),
    doc: documentHash(QUERY),
    grants: { '150385-9013': { own: { SOCIAL_SITUATION: 'OWN' } } },
  });
  const res = await fetch(kela.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, extensions: { [TICKET_EXTENSION]: ticket } }),
  });
  await res.text();
  return res.status;
}

describe('ticket key rotation', () => {
  const running: RunningSubgraph[] = [];
  const start = async (publicKeys: string[]) => {
    const kela = await kelaWith(publicKeys);
    running.push(kela);
    return kela;
  };
  const stop = async (kela: RunningSubgraph) => {
    running.splice(running.indexOf(kela), 1);
    await kela.close();
  };

  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    kelaService = await SUBGRAPH_SERVICES.kela.open({ kind: 'pglite', dir: null });
    for (const name of ['old', 'new', 'stray'])
      await generateProductionKeys(join(dir, name), { ticket: true, operator: false }, `ticket-${name}`);
  });
  afterAll(async () => {
    for (const kela of running) await kela.close();
    await kelaService?.close();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('old-key tickets verify while both keys are published, are refused once the old key is retired', async () => {
    const oldSigner = await gatewaySigner(priv('old'), [pub('old')]);
    const stray = await gatewaySigner(priv('stray'), [pub('stray')]);

    // Before: the gateway signs with the old key, the subgraph knows only it.
    let kela = await start([pub('old')]);
    expect(await ask(kela, oldSigner)).toBe(200);
    await stop(kela);

    // 1. Publish: the subgraph restarts with the new public key beside the old one; the gateway is untouched.
    kela = await start([pub('old'), pub('new')]);
    expect(await ask(kela, oldSigner)).toBe(200);

    // 2. Switch: the gateway restarts signing with the new key (its public list may still hold both).
    const newSigner = await gatewaySigner(priv('new'), [pub('old'), pub('new')]);
    expect(newSigner.kid).toBe('ticket-new');
    expect(await ask(kela, newSigner)).toBe(200);
    // A gateway replica not yet switched still gets through during the overlap.
    expect(await ask(kela, oldSigner)).toBe(200);
    // A key never published is refused by its id, and a known id does not let another key's ticket in.
    expect(await ask(kela, stray)).toBe(401);
    expect(await ask(kela, stray, 'ticket-new')).toBe(401);
    await stop(kela);

    // 3. Retire: the old public key is removed; its tickets are refused, the new key's accepted.
    kela = await start([pub('new')]);
    expect(await ask(kela, newSigner)).toBe(200);
    expect(await ask(kela, oldSigner)).toBe(401);
  });

  it("the gateway verifies with its signing key's own half, and refuses another key under its kid", async () => {
    const keys = await gatewayTicketKeys(
      { privateKey: priv('new'), publicKeys: [pub('old')] },
      {
        dataDir: dir,
        production: true,
      },
    );
    expect(keys.verify.map((k) => k.kid)).toEqual(['ticket-old', 'ticket-new']);
    const stolenKid = { ...JSON.parse(readFileSync(pub('stray'), 'utf8')), kid: 'ticket-new' };
    writeFileSync(join(dir, 'mismatch.json'), JSON.stringify({ keys: [stolenKid] }));
    await expect(gatewaySigner(priv('new'), [join(dir, 'mismatch.json')])).rejects.toThrow(
      /two different keys have the kid "ticket-new"/,
    );
  });
});
