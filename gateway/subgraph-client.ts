// The gateway's HTTP client for subgraphs served apart (`tym serve`): undici's request API over one
// keep-alive pool per subgraph. The global fetch (undici's WHATWG fetch) cost the gateway's thread about
// 3 ms a call in a CPU profile of the five-process deployment: a Request and a Response object model,
// web streams for both bodies, the request body written as an async iterable in pieces. The data source
// reads a few parts of a response (status, headers, the body as JSON or text), which this gives it.
import { Pool } from 'undici';

/** The part of a fetch Response the data source reads, over a body read whole. */
class SubgraphResponse {
  readonly statusText = '';
  readonly headers: Headers;
  constructor(
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: string,
    readonly url: string,
  ) {
    this.headers = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) this.headers.append(name, one);
    }
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
  async text(): Promise<string> {
    return this.body;
  }
  /** The body is a string held in memory: read as often as asked. */
  clone(): this {
    return this;
  }
}

/**
 * A fetcher for one subgraph's URL over a pool of kept-alive connections (undici holds a connection's
 * socket only while a request runs on it, so an idle pool keeps no process alive, as with the global
 * fetch). Only a POST with a text body is what the data source sends; anything else is refused rather
 * than sent half-understood.
 */
export function subgraphFetcher(url: string): typeof fetch {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: 32, pipelining: 1 });
  const fetcher = async (_url: unknown, init?: { method?: string; headers?: unknown; body?: unknown }) => {
    if (init?.method !== 'POST' || typeof init.body !== 'string')
      throw new Error('subgraph client: only a POST with a text body');
    const answer = await pool.request({
      path: target.pathname + target.search,
      method: 'POST',
      headers: init.headers as Record<string, string>,
      body: init.body,
    });
    return new SubgraphResponse(answer.statusCode, answer.headers, await answer.body.text(), url);
  };
  return fetcher as unknown as typeof fetch;
}
