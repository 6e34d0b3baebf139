// `tym serve`: the five services as separate processes, as the organisations deploy them, sharing
// nothing but the ticket key and the supergraph.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutBasePort } from './support/ports.ts';
import { gql } from './support/system.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'tym-serve-'));
const base = layoutBasePort();
const env = { ...process.env, TYM_DATA_DIR: dataDir, TYM_PORT: String(base), NODE_ENV: 'development', TYM_PG_URL: '' };
const children: ChildProcess[] = [];

function serve(name: string): Promise<void> {
  const child = spawn('node', ['bin/tym.js', 'serve', name], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (/ on http:/.test(out)) resolve();
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${out}`)));
  });
}

describe('tym serve: one process per service', () => {
  beforeAll(async () => {
    await run('node', ['bin/tym.js', 'seed', '--clients', '10'], { env });
    await Promise.all(['joint', 'employment', 'wellbeing', 'kela'].map(serve));
    await serve('gateway');
  }, 180_000);
  afterAll(() => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /health and a federated query across the separately served subgraphs', async () => {
    const health = await fetch(`http://127.0.0.1:${base}/health`);
    expect(health.status).toBe(200);
    const { stdout } = await run(
      'node',
      ['bin/tym.js', 'token', '--org', 'employment', '--role', 'employment-specialist', '--area', 'ita-uusimaa'],
      { env },
    );
    const r = await gql<any>(
      `http://127.0.0.1:${base}/graphql`,
      '{ client(hetu: "150385-9013") { joint { customership { status } } employment { education { degree } ' +
        '} wellbeing { diagnoses { code } } } }',
      { token: stdout.trim(), purpose: 'ASSESSMENT' },
    );
    expect(r.errors ?? [], JSON.stringify(r.errors)).toHaveLength(1);
    expect(r.data.client.joint.customership.status).toBe('ACTIVE');
    expect(r.data.client.employment.education.length).toBeGreaterThan(0);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ORG_INTERNAL' });
    // Personal data: no cache on the way may keep the answer.
    const res = await fetch(`http://127.0.0.1:${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stdout.trim()}`,
        'x-tym-purpose': 'ASSESSMENT',
      },
      body: JSON.stringify({ query: '{ client(hetu: "150385-9013") { joint { customership { status } } } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a subgraph reached directly refuses a request without a ticket', async () => {
    const res = await fetch(`http://127.0.0.1:${base + 2}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ _entities(representations: [{ __typename: "Person", hetu: "150385-9013" }]) { ... on Person { ' +
          'employment { education { degree } } } } }',
      }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as any).data ?? null).toBeNull();
  });
});
