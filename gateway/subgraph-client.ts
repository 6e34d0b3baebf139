// The gateway's HTTP client for subgraphs served apart (`tym serve`): undici's request API over one
// keep-alive pool per subgraph. The global fetch (undici's WHATWG fetch) cost the gateway's thread about
// 3 ms a call in a CPU profile of the five-process deployment: a Request and a Response object model,
// web streams for both bodies, the request body written as an async iterable in pieces. The data source
// reads a few parts of a response (status, headers, the body as JSON or text), which this gives it.
import { Pool } from 'undici';

/**
 * The part of a fetch Response the data source reads (status, headers, the body as JSON or text, clone),
 * over an answer held in memory: read from a subgraph served apart, or made by one in this process
 * (gateway/datasource.ts `inProcessFetcher`), whose JSON value is then handed over as it is, without being
 * written as text and parsed again (shared/http.ts `InProcessAnswer`).
 */
export class HeldResponse {
  readonly statusText = '';
  readonly url = '';
  constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly answer: { readonly body: string; readonly value?: unknown },
  ) {}
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async json(): Promise<unknown> {
    return this.answer.value === undefined ? JSON.parse(this.answer.body) : this.answer.value;
  }
  async text(): Promise<string> {
    return this.answer.body;
  }
  /** The body is held in memory: read as often as asked. */
  clone(): this {
    return this;
  }
}

function headersOf(received: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(received)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
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
    return new HeldResponse(answer.statusCode, headersOf(answer.headers), { body: await answer.body.text() });
  };
  return fetcher as unknown as typeof fetch;
}
