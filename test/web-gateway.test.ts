// What the web app needs from the gateway: the basis of every datum as a response extension (never for
// more than the answer holds), cross-origin use only by the allow-list, the demo sign-in list in dev mode,
// and the app's static files served from its own folder and nowhere else.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../cli/system.ts';
import { corsFor, parseCorsOrigins } from '../gateway/cors.ts';
import type { BasisEntry } from '../gateway/plugins/basis.ts';
import { staticFiles } from '../gateway/web.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const IU = 'ita-uusimaa';
const ACTIVE_IU = '150385-9013';
const CONSENTED = '050402A9055';
const APP = 'https://app.example.fi';

const CLIENT = `query Client($hetu: ID!) { client(hetu: $hetu) { hetu
  joint { identity { firstName } customership { status } plan { deadline } serviceNeed { summary } }
  employment { education { controller degree } jobSeeker { status } }
  wellbeing { socialSituation { summary } diagnoses { controller code } }
  kela { benefits { type } } } }`;

type Answer = { status: number; data?: any; errors?: any[]; extensions?: Record<string, unknown> };

const post = (url: string, query: string, token: string, purpose: string, variables = {}) =>
  gql(url, query, { token, purpose, variables }) as Promise<Answer>;

const valueAt = (data: unknown, path: (string | number)[]) =>
  path.reduce<any>((v, k) => (v === null || v === undefined ? undefined : v[k]), data);
const basisAt = (a: Answer, path: string) =>
  (a.extensions?.tymBasis as BasisEntry[] | undefined)?.find((e) => e.path.join('.') === path);

describe.each(BACKENDS)('the web app on the gateway ($name)', (backend) => {
  let system: System;
  beforeAll(async () => {
    system = await startTestSystem(backend, undefined, { corsOrigins: [APP] });
  });
  afterAll(async () => system?.close());

  it('labels each datum with its basis and controller, and only data the answer holds', async () => {
    const token = await system.token({ org: 'employment', role: 'employment-specialist', areas: [IU] });
    const a = await post(system.url, CLIENT, token, 'ASSESSMENT', { hetu: ACTIVE_IU });
    expect(a.status).toBe(200);
    expect(basisAt(a, 'client.joint.identity')).toMatchObject({ basis: 'SECTION_15', register: 'joint' });
    expect(basisAt(a, 'client.employment.education.0')).toMatchObject({
      basis: 'OWN',
      category: 'COMPETENCE',
      controller: 'porvoo-employment-area',
    });
    expect(basisAt(a, 'client.wellbeing.socialSituation')).toMatchObject({ basis: 'SECTION_15' });
    // The diagnoses are withheld (ORG_INTERNAL): an error names them, the extension does not.
    expect(a.errors?.some((e) => e.path?.join('.') === 'client.wellbeing.diagnoses')).toBe(true);
    const entries = a.extensions?.tymBasis as BasisEntry[];
    expect(entries.some((e) => e.path.join('.').startsWith('client.wellbeing.diagnoses'))).toBe(false);
    for (const e of entries) expect(valueAt(a.data, e.path), e.path.join('.')).not.toBeNull();
    for (const e of entries) expect(valueAt(a.data, e.path), e.path.join('.')).toBeDefined();
  });

  it('names CONSENT for what a consent released, and nothing for what was refused', async () => {
    const worker = await system.token({
      org: 'municipality',
      role: 'municipal-employment-worker',
      municipality: 'Loviisa',
    });
    const a = await post(system.url, CLIENT, worker, 'COORDINATION', { hetu: CONSENTED });
    expect(basisAt(a, 'client.joint.identity')).toMatchObject({ basis: 'CONSENT', category: 'IDENTITY' });
    expect(basisAt(a, 'client.joint.plan')).toBeUndefined();
    const other = await system.token({
      org: 'municipality',
      role: 'municipal-employment-worker',
      municipality: 'Porvoo',
    });
    const refused = await post(system.url, CLIENT, other, 'COORDINATION', { hetu: CONSENTED });
    expect(refused.extensions?.tymBasis).toBeUndefined();
  });

  it('gives the citizen DATA_SUBJECT for their own record under `me`', async () => {
    const token = await system.token({ org: 'citizen', role: 'citizen', sub: ACTIVE_IU });
    const a = await post(system.url, '{ me { joint { identity { firstName } } } }', token, 'DATA_SUBJECT_ACCESS');
    expect(basisAt(a, 'me.joint.identity')).toMatchObject({ basis: 'DATA_SUBJECT' });
  });

  it('answers a preflight only for an allowed origin, and marks only its answers as shareable', async () => {
    const preflight = (origin: string) =>
      fetch(system.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const ok = await preflight(APP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-tym-purpose');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const evil = await preflight('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();

    const token = await system.token({ org: 'employment', role: 'employment-specialist', areas: [IU] });
    const call = (origin: string) =>
      fetch(system.url, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"query":"{ __typename }"}',
      });
    expect((await call(APP)).headers.get('access-control-allow-origin')).toBe(APP);
    expect((await call('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lists the demo sign-ins in dev mode', async () => {
    const res = await fetch(new URL('/dev/personas', system.url));
    const { personas } = (await res.json()) as { personas: { org: string; role: string; areas: string[] }[] };
    expect(personas).toContainEqual({ org: 'employment', role: 'employment-specialist', areas: [IU] });
    expect(personas.some((p) => p.org === 'citizen')).toBe(true);
    expect(personas.some((p) => p.org === 'municipality')).toBe(true);
  });

  it("names the areas and their register controllers for the app, and no person's data", async () => {
    const res = await fetch(new URL('/web/config', system.url));
    const body = (await res.json()) as { dev: boolean; areas: { id: string; controllers: Record<string, string> }[] };
    expect(body.dev).toBe(true);
    expect(body.areas.find((a) => a.id === IU)?.controllers).toEqual({
      'porvoo-employment-area': 'Porvoo employment area',
      'ita-uusimaa-wellbeing-county': 'Itä-Uusimaa wellbeing services county',
    });
    expect(JSON.stringify(body)).not.toMatch(/\d{6}[-+A]\d{3}/);
  });
});

describe('cross-origin settings', () => {
  it('allow no origin by default', async () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins(' https://a.example.fi , http://127.0.0.1:5173')).toEqual([
      'https://a.example.fi',
      'http://127.0.0.1:5173',
    ]);
    expect(() => parseCorsOrigins('https://a.example.fi/path')).toThrow(/not an origin/);
    expect(() => parseCorsOrigins('*')).toThrow(/not an origin/);
    const server = createServer((req, res) => {
      if (!corsFor([])(req, res)) res.end('answered');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const res = await fetch(url, { method: 'OPTIONS', headers: { origin: APP } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await new Promise((r) => server.close(r));
  });
});

describe('the app files', () => {
  let root: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tym-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'silent-renew.html'), '<!doctype html><title>renew</title>');
    writeFileSync(join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'tym-web-secret.txt'), 'secret');
    const serve = staticFiles(root);
    server = createServer((req, res) => void serve(req, res, undefined, { requestId: 'r-web', service: 'gateway' }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the app at / and at its own routes, hashed assets as immutable, and nothing outside', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Only the silent renewal's page may be framed, and only by the app's own origin.
    const renew = await fetch(`${base}/silent-renew.html`);
    expect(renew.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(await index.text()).toContain('<title>app</title>');
    expect((await fetch(`${base}/client/whatever`)).status).toBe(200);
    const asset = await fetch(`${base}/assets/main-abc123.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2ftym-web-secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(404);
  });
});
