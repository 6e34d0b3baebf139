// The gateway's HTTP client for subgraphs served apart: what the data source reads of an answer (status,
// headers, the body as JSON or text), the request as sent, and a subgraph that cannot be reached failing
// the call (the data source turns that into SUBGRAPH_UNAVAILABLE).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphFetcher } from './subgraph-client.ts';

describe('subgraph client', () => {
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const status = req.headers['x-answer-status'] ? Number(req.headers['x-answer-status']) : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
      res.end(JSON.stringify({ data: { echoed: JSON.parse(body) } }));
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?x=1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the body and headers as given and answers status, headers and body', async () => {
    const fetcher = subgraphFetcher(url);
    const body = JSON.stringify({ query: '{ a }', variables: { é: 'ä' } });
    const response = await fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect([response.status, response.ok]).toEqual([200, true]);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(await response.json()).toEqual({ data: { echoed: JSON.parse(body) } });
    expect(await response.clone().text()).toBe(JSON.stringify({ data: { echoed: JSON.parse(body) } }));
    const last = seen.at(-1)!;
    expect([last.method, last.url, last.body, last.headers['content-type']]).toEqual([
      'POST',
      '/graphql?x=1',
      body,
      'application/json',
    ]);
  });

  it('passes an error status on for the data source to read', async () => {
    const fetcher = subgraphFetcher(url);
    const response = await fetcher(url, { method: 'POST', headers: { 'x-answer-status': '400' }, body: '{}' });
    expect([response.status, response.ok]).toEqual([400, false]);
  });

  it('fails the call when the subgraph cannot be reached, and refuses what the data source never sends', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(subgraphFetcher(gone)(gone, { method: 'POST', body: '{}' })).rejects.toThrow();
    await expect(subgraphFetcher(url)(url, { method: 'GET' })).rejects.toThrow(/only a POST/);
  });
});
