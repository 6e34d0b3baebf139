// Identity providers (docs/CONTRACT.md section 2): the issuers file, OpenID Connect discovery against a
// local issuer, several issuers with their own audience, claim mapping and clock tolerance.
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from 'jose';
import { startOidcIssuer, type OidcIssuer } from '../test/support/oidc-issuer.ts';
import { captureLogs } from '../shared/logger.ts';
import { Authenticator } from './auth.ts';
import { mapClaims } from './claims.ts';
import { IssuerConfigError, loadIssuers, parseIssuers } from './issuers.ts';

const EXAMPLE = fileURLToPath(new URL('../config/issuers.example.yaml', import.meta.url));

describe('the issuers file', () => {
  it('reads the example, every setting of it', () => {
    const issuers = loadIssuers(EXAMPLE);
    expect(issuers.map((i) => i.issuer)).toEqual([
      'https://login.porvoo.example/realms/tym',
      'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
      'https://idp.kela.example',
    ]);
    expect(issuers[0]!.jwks).toBeUndefined();
    expect(issuers[0]!.claims?.org).toEqual({ value: 'employment' });
    expect(issuers[1]).toMatchObject({ algorithms: ['RS256'], clockToleranceSeconds: 30 });
    expect(issuers[1]!.audience).toEqual(['api://tym-gateway', '11111111-1111-1111-1111-111111111111']);
    expect(issuers[2]!.claims?.role).toEqual({ claim: ['realm_access', 'tym_role'] });
  });

  it('still reads the earlier JSON list', () => {
    const json = '[{ "issuer": "https://idp.example", "jwks": "/run/secrets/jwks", "audience": "tym-gateway" }]';
    expect(parseIssuers(json)).toEqual([
      { issuer: 'https://idp.example', jwks: '/run/secrets/jwks', audience: 'tym-gateway' },
    ]);
  });

  const issuer = (body: string) => `issuers:\n  - issuer: https://idp.example\n${body}`;
  it.each([
    ['an unknown setting', issuer('    audiences: x\n'), /line 3: an issuer: unknown key "audiences"/],
    [
      'a role its fixed organisation lacks',
      issuer(claimsOf('org: { value: kela }\n      role: { value: social-worker }')),
      /line 5: "social-worker" is not a role \(expected one of decision-specialist/,
    ],
    [
      'a role map to an unknown role',
      issuer(claimsOf('role: { claim: groups, map: { g: nurse } }')),
      /line 4: "nurse" is not a role/,
    ],
    ['an unknown area', issuer(claimsOf('areas: { value: [lappi] }')), /line 4: "lappi" is not a cooperation area/],
    [
      'an unknown organisation',
      issuer(claimsOf('org: { value: hospital }')),
      /line 4: "hospital" is not an organisation/,
    ],
    [
      'value and claim together',
      issuer(claimsOf('org: { value: kela, claim: org }')),
      /line 4: `claims.org` takes either `value` or `claim`/,
    ],
    [
      'several fixed roles',
      issuer(claimsOf('role: { value: [analyst, supervisor] }')),
      /`claims.role`.value must be one text/,
    ],
    [
      'a shared-secret algorithm',
      issuer('    algorithms: [HS256]\n'),
      /line 3: an algorithm: "HS256" is not one of EdDSA/,
    ],
    [
      'a tolerance of an hour',
      issuer('    clockToleranceSeconds: 3600\n'),
      /`clockToleranceSeconds` must be a whole number from 0 to 300/,
    ],
    ['keys over plain http', issuer('    jwks: http://idp.example/jwks\n'), /line 3: `jwks` must be an https URL/],
    [
      'a name to discover from that is no URL',
      'issuers:\n  - issuer: my-idp\n',
      /line 2: without `jwks` the keys are found by discovery/,
    ],
    [
      'an issuer listed twice',
      `${issuer('')}  - issuer: https://idp.example\n`,
      /line 3: the issuer "https:\/\/idp.example" is listed twice/,
    ],
    ['no issuers', 'issuers: []\n', /`issuers` lists no issuer/],
  ])('stops on %s, naming the line', (_what, text, message) => {
    expect(() => parseIssuers(text, 'issuers.yaml')).toThrow(IssuerConfigError);
    expect(() => parseIssuers(text, 'issuers.yaml')).toThrow(message);
  });
});

function claimsOf(lines: string) {
  return `    claims:\n      ${lines}\n`;
}

describe('claim mapping', () => {
  const mapping = {
    org: { value: 'employment' },
    role: {
      claim: 'groups',
      map: new Map([
        ['TYM-ES', 'employment-specialist'],
        ['TYM-SUP', 'supervisor'],
      ]),
    },
    areas: { claim: ['tym', 'areas'] },
  };

  it('maps groups to the role, ignoring groups it does not list, and reads nested claims', () => {
    const claims = mapClaims(
      { sub: 'u1', groups: ['all-staff', 'TYM-ES'], tym: { areas: ['ita-uusimaa'] }, org: 'kela' },
      mapping,
    );
    expect(claims).toEqual({ sub: 'u1', org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] });
  });

  it('refuses a user mapped to two roles, and a claim of an unexpected type, without naming values', () => {
    expect(() => mapClaims({ sub: 'u1', groups: ['TYM-ES', 'TYM-SUP'] }, mapping)).toThrow(
      'the token maps to several values of role',
    );
    expect(() => mapClaims({ sub: 'u1', groups: { secret: 1 } }, mapping)).toThrow(
      /^claim groups \(role\) is neither text nor a list of texts$/,
    );
  });

  it('never reads inherited properties as claims', () => {
    expect(mapClaims({ sub: 'u1' }, { role: { claim: 'constructor' }, areas: { claim: ['toString'] } })).toEqual({
      sub: 'u1',
      areas: [],
    });
  });
});

describe('tokens of identity providers found by discovery', () => {
  let porvoo: OidcIssuer;
  let county: OidcIssuer;
  let auth: Authenticator;
  const warnings: string[] = [];
  let stopCapture: (() => void) | undefined;

  beforeAll(async () => {
    stopCapture = captureLogs((line) => void warnings.push((JSON.parse(line) as { msg: string }).msg), 'warn');
    porvoo = await startOidcIssuer({ alg: 'RS256', realm: '/realms/porvoo' });
    county = await startOidcIssuer({ alg: 'ES256', realm: '/county' });
    const [first, second] = parseIssuers(`
issuers:
  - issuer: ${porvoo.issuer}
    audience: tym-porvoo
    clockToleranceSeconds: 60
    claims:
      org: { value: employment }
      role: { claim: groups, map: { TYM-ES: employment-specialist, TYM-SUP: supervisor } }
      areas: { claim: https://porvoo.example/areas, map: { IU: ita-uusimaa } }
  - issuer: ${county.issuer}
    jwks: ${county.jwksUri}
    audience: [tym-gateway, api://tym]
    algorithms: [ES256]
    claims:
      sub: { claim: oid }
      org: { value: wellbeing }
      role: { claim: [realm_access, roles], map: { sw: social-worker } }
      areas: { value: [keski-uusimaa] }
`);
    auth = new Authenticator(undefined, { retryAfterMs: 0 });
    auth.addConfiguredIssuer(first!);
    auth.addConfiguredIssuer(second!);
  });
  afterEach(() => {
    warnings.length = 0;
    porvoo.claimedIssuer = undefined;
    porvoo.down = false;
  });
  afterAll(async () => {
    stopCapture?.();
    vi.restoreAllMocks();
    await porvoo?.close();
    await county?.close();
  });

  const porvooToken = (claims: Record<string, unknown> = {}, opts: Parameters<OidcIssuer['sign']>[1] = {}) =>
    porvoo.sign(
      { sub: 'tessa@porvoo', groups: ['all-staff', 'TYM-ES'], 'https://porvoo.example/areas': 'IU', ...claims },
      { aud: 'tym-porvoo', ...opts },
    );
  const refused = async (token: string) => {
    await expect(auth.authenticate(`Bearer ${token}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(warnings.join('\n')).not.toContain(token);
    return warnings.join('\n');
  };

  it('finds the keys by discovery once, and maps groups and a custom claim to the caller', async () => {
    const caller = await auth.authenticate(`Bearer ${await porvooToken()}`);
    expect(caller).toEqual({
      sub: 'tessa@porvoo',
      org: 'employment',
      role: 'employment-specialist',
      areas: ['ita-uusimaa'],
    });
    await auth.authenticate(`Bearer ${await porvooToken()}`);
    expect(porvoo.requests.filter((r) => r.endsWith('/openid-configuration'))).toHaveLength(1);
    expect(porvoo.requests.filter((r) => r.endsWith('/certs'))).toHaveLength(1);
  });

  it('a second issuer with its own audiences, algorithm, subject claim and nested roles', async () => {
    const token = await county.sign(
      { oid: 'sw-7', realm_access: { roles: ['sw', 'offline_access'] } },
      { aud: 'api://tym' },
    );
    expect(await auth.authenticate(`Bearer ${token}`)).toEqual({
      sub: 'sw-7',
      org: 'wellbeing',
      role: 'social-worker',
      areas: ['keski-uusimaa'],
    });
  });

  it("refuses a token for another issuer's audience, and one signed with another issuer's key", async () => {
    expect(await refused(await porvooToken({}, { aud: 'tym-gateway' }))).toMatch(
      /ERR_JWT_CLAIM_VALIDATION_FAILED \(claim aud/,
    );
    const { privateKey } = await generateKeyPair('RS256');
    expect(await refused(await porvooToken({}, { key: privateKey }))).toMatch(/ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
  });

  it('refuses a user in no mapped group, or in groups of two roles', async () => {
    expect(await refused(await porvooToken({ groups: ['all-staff'] }))).toMatch(
      /claims refused: The role is not one of employment's roles/,
    );
    expect(await refused(await porvooToken({ groups: ['TYM-ES', 'TYM-SUP'] }))).toMatch(/several values of role/);
  });

  it('allows each issuer its own clock tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(auth.authenticate(`Bearer ${await porvooToken({}, { iat: now + 40 })}`)).resolves.toBeDefined();
    const early = await county.sign({ oid: 'sw-7', realm_access: { roles: ['sw'] } }, { iat: now + 40 });
    expect(await refused(early)).toMatch(/issued 4\d s in the future/);
  });

  it('refuses tokens while discovery fails, and accepts them once the provider answers again', async () => {
    const fresh = new Authenticator(undefined, { retryAfterMs: 0 });
    fresh.addConfiguredIssuer({
      issuer: porvoo.issuer,
      audience: 'tym-porvoo',
      claims: { org: { value: 'employment' } },
    });
    porvoo.down = true;
    const token = await porvooToken({ groups: undefined, role: 'employment-specialist', areas: ['ita-uusimaa'] });
    await expect(fresh.authenticate(`Bearer ${token}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(warnings.join('\n')).toMatch(/ERR_OIDC_DISCOVERY: .*answered HTTP 503/);
    porvoo.down = false;
    await expect(fresh.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ role: 'employment-specialist' });
  });

  it('refuses keys from metadata that names another issuer (an impostor), and says so at start', async () => {
    const fresh = new Authenticator(undefined, { retryAfterMs: 0 });
    fresh.addConfiguredIssuer({ issuer: porvoo.issuer, audience: 'tym-porvoo' });
    porvoo.claimedIssuer = 'https://someone-else.example';
    const log: string[] = [];
    await fresh.discoverIssuers((line) => log.push(line));
    expect(log).toEqual([expect.stringMatching(/keys not found yet.*names another issuer than the one configured/)]);
    const token = await porvooToken({ groups: undefined, org: 'employment', role: 'employment-specialist' });
    await expect(fresh.authenticate(`Bearer ${token}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(warnings.join('\n')).toMatch(/ERR_OIDC_DISCOVERY/);
  });

  it('remembers a failed discovery for a while instead of asking the provider on every token', async () => {
    const patient = new Authenticator(undefined, { retryAfterMs: 60_000 });
    patient.addConfiguredIssuer({ issuer: porvoo.issuer, audience: 'tym-porvoo' });
    porvoo.down = true;
    const before = porvoo.requests.length;
    const token = await porvooToken();
    for (let i = 0; i < 3; i++) await expect(patient.authenticate(`Bearer ${token}`)).rejects.toBeDefined();
    expect(porvoo.requests.length - before).toBe(1);
  });
});
