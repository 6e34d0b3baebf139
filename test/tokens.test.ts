// Bearer tokens (docs/CONTRACT.md section 2): every refusal answers the same opaque UNAUTHENTICATED with an
// RFC 6750 challenge, the reason goes to the server log only (never the token), `iat` is required,
// not in the future beyond the clock tolerance, and a token may live at most the configured maximum.
// An organisation's own identity provider, found by discovery, is trusted beside the dev issuer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { KeyObject } from 'node:crypto';
import { captureLogs } from '../shared/logger.ts';
import type { System } from '../cli/system.ts';
import { AUDIENCE, DEFAULT_TOKEN_POLICY, DEV_ISSUER } from '../gateway/auth.ts';
import { generateEd25519, importKey } from '../shared/keys.ts';
import { readConfig } from '../shared/config.ts';
import { parseIssuers } from '../gateway/issuers.ts';
import { startOidcIssuer, type OidcIssuer } from './support/oidc-issuer.ts';
import { BACKENDS, gql, startTestSystem } from './support/system.ts';

const SMALL_WORLD = { clients: 5, seed: 7 };
const QUERY = '{ client(hetu: "150385-9013") { joint { identity { lastName } } } }';
const CLAIMS = { org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] };
const now = () => Math.floor(Date.now() / 1000);

describe('token lifetimes as configuration', () => {
  it('defaults to 12 hours and 5 seconds of clock tolerance, and reads both from the environment', () => {
    expect(readConfig({}).tokens).toEqual({ maxAgeSeconds: 43_200, clockToleranceSeconds: 5 });
    expect(readConfig({ TYM_TOKEN_MAX_AGE_SECONDS: '3600', TYM_CLOCK_TOLERANCE_SECONDS: '0' }).tokens).toEqual({
      maxAgeSeconds: 3600,
      clockToleranceSeconds: 0,
    });
    expect(() => readConfig({ TYM_TOKEN_MAX_AGE_SECONDS: '-1' })).toThrow(/TYM_TOKEN_MAX_AGE_SECONDS/);
  });
});

for (const backend of BACKENDS) {
  describe(`bearer tokens on ${backend.name}`, () => {
    let system: System;
    type Signing = {
      iat?: number | null;
      exp?: number;
      iss?: string;
      aud?: string;
      claims?: Record<string, unknown>;
      key?: KeyObject;
    };
    const sign = async (opts: Signing) => {
      let jwt = new SignJWT(opts.claims ?? CLAIMS)
        .setProtectedHeader({ alg: 'EdDSA', kid: system.keys.issuer.kid })
        .setIssuer(opts.iss ?? DEV_ISSUER)
        .setAudience(opts.aud ?? AUDIENCE)
        .setSubject('tessa.tester@porvoo')
        .setExpirationTime(opts.exp ?? now() + 3600);
      if (opts.iat !== null) jwt = jwt.setIssuedAt(opts.iat ?? now());
      return jwt.sign((opts.key ?? system.keys.issuer.privateKey) as never);
    };
    const post = async (authorization?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tym-purpose': 'ASSESSMENT' };
      if (authorization) headers.authorization = authorization;
      const res = await fetch(system.url, { method: 'POST', headers, body: JSON.stringify({ query: QUERY }) });
      return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as any };
    };
    /** The body without its request id, which differs per request by design. */
    const shape = (body: any) =>
      JSON.stringify({
        ...body,
        errors: body.errors?.map((e: any) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } })),
      });

    let idp: OidcIssuer;

    beforeAll(async () => {
      idp = await startOidcIssuer();
      // The area's IdP knows nothing of TYM claims: the organisation is fixed, the role comes from groups.
      const issuers = parseIssuers(`
issuers:
  - issuer: ${idp.issuer}
    claims:
      org: { value: employment }
      role: { claim: groups, map: { TYM-ES: employment-specialist } }
      areas: { claim: tym_areas }
`);
      system = await startTestSystem(backend, SMALL_WORLD, { issuers });
    });
    afterAll(async () => {
      await system?.close();
      await idp?.close();
    });

    it("answers a caseworker signed in at their organisation's own identity provider", async () => {
      const token = await idp.sign({ sub: 'tessa@porvoo', groups: ['staff', 'TYM-ES'], tym_areas: ['ita-uusimaa'] });
      const r = await gql<any>(system.url, QUERY, { token, purpose: 'ASSESSMENT' });
      expect(r.status).toBe(200);
      expect(r.data.client.joint.identity.lastName).toBeTruthy();
      // The same user without the group is no caller at all.
      const outsider = await idp.sign({ sub: 'olli@porvoo', groups: ['staff'], tym_areas: ['ita-uusimaa'] });
      expect((await gql(system.url, QUERY, { token: outsider, purpose: 'ASSESSMENT' })).status).toBe(401);
    });

    it('accepts a token within its lifetime', async () => {
      const r = await post(`Bearer ${await sign({ exp: now() + 8 * 3600 })}`);
      expect(r.status).toBe(200);
      expect(r.body.data.client.joint.identity.lastName).toBeTruthy();
    });

    it('answers every refused token identically, with the challenge, and logs why without the token', async () => {
      const forger = await generateEd25519('forger', false);
      const cases: Record<string, string> = {
        garbage: 'abc.def.ghi',
        forged: await sign({ key: (await importKey(forger.privateJwk)) as never }),
        expired: await sign({ iat: now() - 7200, exp: now() - 3600 }),
        'unknown issuer': await sign({ iss: 'someone-else' }),
        'other audience': await sign({ aud: 'another-service' }),
        'without iat': await sign({ iat: null }),
        'iat in the future': await sign({ iat: now() + 120, exp: now() + 3600 }),
        'lives too long': await sign({ iat: now(), exp: now() + DEFAULT_TOKEN_POLICY.maxAgeSeconds + 60 }),
        'unknown organisation': await sign({ claims: { ...CLAIMS, org: 'ministry' } }),
      };
      const shapes = new Set<string>();
      const lines: string[] = [];
      const stopCapture = captureLogs((line) => void lines.push(line));
      try {
        for (const [label, token] of Object.entries(cases)) {
          lines.length = 0;
          const r = await post(`Bearer ${token}`);
          expect(r.status, label).toBe(401);
          expect(r.challenge, label).toBe('Bearer realm="tym-gateway", error="invalid_token"');
          expect(r.body.errors?.[0]?.extensions?.code, label).toBe('UNAUTHENTICATED');
          expect(r.body.data ?? null, label).toBeNull();
          shapes.add(shape(r.body));
          const logged = lines.join('\n');
          expect(logged, label).toMatch(/token refused: /);
          expect(logged, label).not.toContain(token);
        }
      } finally {
        stopCapture();
      }
      expect(shapes.size).toBe(1);
      const missing = await post();
      expect(missing.status).toBe(401);
      expect(missing.challenge).toBe('Bearer realm="tym-gateway"');
      expect(shape(missing.body)).toBe([...shapes][0]);
    });

    it("allows the issuer's clock a few seconds ahead of ours, no more", async () => {
      expect(
        (await post(`Bearer ${await sign({ iat: now() + DEFAULT_TOKEN_POLICY.clockToleranceSeconds - 2 })}`)).status,
      ).toBe(200);
      expect(
        (await post(`Bearer ${await sign({ iat: now() + DEFAULT_TOKEN_POLICY.clockToleranceSeconds + 30 })}`)).status,
      ).toBe(401);
    });
  });
}
