// Cross-origin use of the gateway's API from browser pages of other origins: an exact allow-list
// (TYM_CORS_ORIGINS), none by default. The app served by the gateway itself is same-origin and needs none.
import type { IncomingMessage, ServerResponse } from 'node:http';

const CORS_HEADERS = 'authorization, content-type, x-tym-purpose, x-tym-case, idempotency-key';

/**
 * Cross-origin use of the API (TYM_CORS_ORIGINS): only the listed origins, exactly; none by default.
 * Returns true when it answered the request itself (a preflight). Credentials are never allowed: the API
 * reads a bearer token, not cookies.
 */
export function corsFor(allowed: readonly string[]) {
  const origins = new Set(allowed);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!origin || pathname !== '/graphql') return false;
    const ok = origins.has(origin);
    if (ok) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'www-authenticate');
    }
    res.setHeader('vary', 'Origin');
    if (req.method !== 'OPTIONS') return false;
    if (ok) {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', CORS_HEADERS);
      res.setHeader('access-control-max-age', '600');
    }
    res.writeHead(ok ? 204 : 403);
    res.end();
    return true;
  };
}

/** Reads TYM_CORS_ORIGINS: a comma-separated list of origins (scheme://host[:port]); refuses anything else. */
export function parseCorsOrigins(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value.split(',').map((raw) => {
    const origin = raw.trim();
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`TYM_CORS_ORIGINS: "${origin}" is not an origin`);
    }
    if (parsed.origin !== origin || !/^https?:$/.test(parsed.protocol))
      throw new Error(`TYM_CORS_ORIGINS: "${origin}" is not an origin such as https://app.example.fi`);
    return origin;
  });
}
