// A minimal OpenID Connect issuer for tests: discovery metadata and a JWKS over HTTP on loopback, and
// tokens signed with its key, as an organisation's identity provider issues them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export interface OidcIssuer {
  /** the issuer URL, as its tokens' `iss` and its metadata name it */
  issuer: string;
  jwksUri: string;
  /** requests made to it, by path (discovery is asked once, not per token) */
  requests: string[];
  /** answer 503 to everything while true: the provider is down */
  down: boolean;
  /** what its metadata names as issuer (default: its own URL) */
  claimedIssuer?: string;
  sign(
    claims: JWTPayload,
    opts?: { aud?: string | string[]; iat?: number; exp?: number; key?: CryptoKey },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcIssuer(opts: { alg?: 'RS256' | 'ES256'; realm?: string } = {}): Promise<OidcIssuer> {
  const alg = opts.alg ?? 'RS256';
  const kid = `${alg.toLowerCase()}-1`;
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }] };
  const realm = opts.realm ?? '/realms/tym';
  const server: Server = createServer((req, res) => {
    state.requests.push(req.url ?? '');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.down) return answer(503, { error: 'unavailable' });
    if (req.url === `${realm}/.well-known/openid-configuration`) {
      return answer(200, {
        issuer: state.claimedIssuer ?? state.issuer,
        jwks_uri: state.jwksUri,
        id_token_signing_alg_values_supported: [alg],
      });
    }
    if (req.url === `${realm}/protocol/openid-connect/certs`) return answer(200, jwks);
    answer(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${realm}`;
  const state: OidcIssuer = {
    issuer: base,
    jwksUri: `${base}/protocol/openid-connect/certs`,
    requests: [],
    down: false,
    async sign(claims, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg, kid, typ: 'JWT' })
        .setIssuer(base)
        .setAudience(o.aud ?? 'tym-gateway')
        .setIssuedAt(o.iat ?? now)
        .setExpirationTime(o.exp ?? now + 300)
        .sign(o.key ?? privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return state;
}
