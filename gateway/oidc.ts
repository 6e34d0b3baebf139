// OpenID Connect discovery (OpenID Connect Discovery 1.0): an issuer URL is enough to find its signing
// keys. The issuer's metadata names its JWKS, which jose's remote key set then fetches, caches and
// refetches when the issuer rotates its keys (a token naming an unknown `kid`).
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** The code of a discovery failure in the log line of a refused token. */
export class DiscoveryError extends Error {
  readonly code = 'ERR_OIDC_DISCOVERY';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Keys are fetched over TLS; plain HTTP only on loopback (an issuer beside the gateway, or a test's). */
export const isAllowedKeyUrl = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));

export interface DiscoveryOptions {
  /** give up on the metadata or the key set after this long (default 5 s) */
  timeoutMs?: number;
  /** after a failed discovery, refuse tokens for this long before asking again (default 30 s) */
  retryAfterMs?: number;
}

/**
 * The issuer's keys, found by discovery on first use. Not at start: an identity provider that is
 * down then must not keep the gateway from starting, nor its other issuers from working; its tokens
 * are refused until it answers. A failure is remembered for `retryAfterMs`, so that a down provider
 * costs one request to it per period, not one per token.
 */
export function discoveredKeys(
  issuer: string,
  opts: DiscoveryOptions = {},
): JWTVerifyGetKey & { ready(): Promise<void> } {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const retryAfterMs = opts.retryAfterMs ?? 30_000;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  let failed: { at: number; error: unknown } | undefined;
  const resolve = (): Promise<JWTVerifyGetKey> => {
    if (failed && Date.now() - failed.at < retryAfterMs) return Promise.reject(failed.error);
    keys ??= jwksUriOf(issuer, timeoutMs).then(
      (uri) => {
        failed = undefined;
        return createRemoteJWKSet(uri, { timeoutDuration: timeoutMs });
      },
      (error: unknown) => {
        keys = undefined;
        failed = { at: Date.now(), error };
        throw error;
      },
    );
    return keys;
  };
  const getKey: JWTVerifyGetKey = async (header, token) => (await resolve())(header, token);
  return Object.assign(getKey, { ready: async () => void (await resolve()) });
}

/** The metadata URL of an issuer: a trailing slash of its path is dropped before the well-known suffix. */
export const metadataUrl = (issuer: string): string => `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

async function jwksUriOf(issuer: string, timeoutMs: number): Promise<URL> {
  const url = metadataUrl(issuer);
  let metadata: unknown;
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect could lead anywhere, plain HTTP included: the metadata is read where it was configured.
      redirect: 'error',
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new DiscoveryError(`${url} answered HTTP ${res.status}`);
    metadata = await res.json();
  } catch (e) {
    if (e instanceof DiscoveryError) throw e;
    throw new DiscoveryError(`${url}: ${(e as Error).message}`);
  }
  const { issuer: named, jwks_uri: jwksUri } = (metadata ?? {}) as Record<string, unknown>;
  // Discovery section 4.3: the metadata must name exactly the issuer asked for; else the keys could be another's.
  if (named !== issuer) throw new DiscoveryError(`${url} names another issuer than the one configured`);
  if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) throw new DiscoveryError(`${url} has no jwks_uri`);
  const jwks = new URL(jwksUri);
  if (!isAllowedKeyUrl(jwks)) throw new DiscoveryError(`${url}: jwks_uri is not an https URL`);
  return jwks;
}
