// A small HTTP front for an Apollo Server: POST/GET /graphql plus plain JSON routes (/health).
// We own it, rather than using the standalone server, so that the context sees the parsed body
// (the subgraphs verify the ticket in its `extensions`) and tests can bind ephemeral ports.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { describeError } from './safe-errors.ts';

const MAX_BODY_BYTES = 1024 * 1024;

export type Route = (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<void> | void;

export interface HttpService {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** An error whose message is written for the caller; any other error answers only 'internal error'. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How long close() lets requests in flight finish before it cuts their connections (TYM_SHUTDOWN_GRACE_SECONDS;
 * the command line sets it once for the whole process).
 */
let shutdownGraceMs = 10_000;
export function setShutdownGrace(ms: number): void {
  shutdownGraceMs = ms;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function serveGraphQL<C extends BaseContext>(opts: {
  apollo: ApolloServer<C>;
  host: string;
  port: number;
  context: (req: IncomingMessage, body: Record<string, unknown> | undefined) => Promise<C>;
  routes?: Record<string, Route>;
  /** sees every request first; true when it answered it itself (the gateway's CORS preflight) */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** answers what no route and not /graphql takes (the gateway's web app); 404 without it */
  fallback?: Route;
}): Promise<HttpService> {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer(async (req, res) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) drained?.();
    });
    try {
      if (opts.intercept?.(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: Record<string, unknown> | undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, {
            errors: [{ message: 'request body is not JSON', extensions: { code: 'BAD_REQUEST' } }],
          });
        }
      }
      const route = opts.routes?.[url.pathname];
      if (route) return await route(req, res, body);
      if (url.pathname !== '/graphql') {
        if (opts.fallback) return await opts.fallback(req, res, body);
        return sendJson(res, 404, { error: 'not found' });
      }

      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const result = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
        context: () => opts.context(req, body),
      });
      res.statusCode = result.status ?? 200;
      for (const [k, v] of result.headers) res.setHeader(k, v);
      // Personal data or figures for one caller: no cache on the way may keep them.
      res.setHeader('cache-control', 'no-store');
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      // Only our own HttpError speaks to the caller: a driver's or library's message may carry SQL or data.
      if (e instanceof HttpError) {
        if (!res.headersSent)
          sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: 'BAD_REQUEST' } }] });
        else res.end();
        return;
      }
      const requestId = randomUUID();
      console.error(
        `internal error in request ${requestId} (${req.method} ${req.url?.split('?')[0]}): ${describeError(e)}`,
      );
      if (!res.headersSent) {
        sendJson(res, 500, {
          errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
        });
      } else {
        res.end();
      }
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host}:${port}/graphql`,
    port,
    // Stops accepting at once, lets the requests in flight finish within the grace period, then
    // cuts what is left: a stop never drops an answer that was nearly done.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, shutdownGraceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
