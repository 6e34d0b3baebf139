// A stop lets requests in flight finish within the grace period, and accepts nothing new
// (TYM_SHUTDOWN_GRACE_SECONDS); past the grace period what is left is cut.
import { afterAll, describe, expect, it } from 'vitest';
import { sendJson, serveGraphQL, setShutdownGrace } from '../shared/http.ts';

const slow = (ms: number) => async (_req: unknown, res: Parameters<typeof sendJson>[0]) => {
  await new Promise((r) => setTimeout(r, ms));
  sendJson(res, 200, { done: true });
};

async function serve() {
  // Only the plain routes are asked for: no GraphQL server is needed behind them.
  return serveGraphQL({
    apollo: {} as never,
    host: '127.0.0.1',
    port: 0,
    context: async () => ({}),
    routes: { '/slow': slow(800), '/slower': slow(5000) },
  });
}

describe('stopping an HTTP service', () => {
  afterAll(() => setShutdownGrace(10_000));

  it('finishes a request in flight, then refuses new connections', async () => {
    setShutdownGrace(3000);
    const http = await serve();
    const base = http.url.replace(/\/graphql$/, '');
    const inFlight = fetch(`${base}/slow`);
    await new Promise((r) => setTimeout(r, 200));
    const closed = http.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closed;
    await expect(fetch(`${base}/slow`)).rejects.toThrow();
  });

  it('cuts a request that outlasts the grace period', async () => {
    setShutdownGrace(300);
    const http = await serve();
    const base = http.url.replace(/\/graphql$/, '');
    const inFlight = fetch(`${base}/slower`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 200));
    await http.close();
    expect(await inFlight).toBe('cut');
  });
});
