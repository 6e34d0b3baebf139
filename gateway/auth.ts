// Authentication of callers (CONTRACT.md section 2): a JWT from a configured issuer, verified with
// jose; the claims must name a known organisation, one of its roles, and known cooperation areas.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import { isKnownArea } from '../shared/areas.ts';
import { unauthenticated } from '../shared/errors.ts';
import { isValidHetu } from '../shared/hetu.ts';
import { ORGS, ROLES_BY_ORG, type Caller, type Org } from '../shared/vocabulary.ts';

export const DEV_ISSUER = 'tym-dev-issuer';
export const AUDIENCE = 'tym-gateway';

export interface IssuerConfig {
  issuer: string;
  /** a JWKS document's path, or an https URL of one */
  jwks: string;
  audience?: string;
}

interface Issuer {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey | CryptoKey;
}

export class Authenticator {
  private readonly issuers = new Map<string, Issuer>();

  addIssuer(issuer: string, keys: JWTVerifyGetKey | CryptoKey, audience = AUDIENCE): void {
    this.issuers.set(issuer, { issuer, audience, keys });
  }

  addConfiguredIssuer(config: IssuerConfig): void {
    const keys = /^https:\/\//.test(config.jwks)
      ? createRemoteJWKSet(new URL(config.jwks))
      : createLocalJWKSet(JSON.parse(readFileSync(config.jwks, 'utf8')));
    this.addIssuer(config.issuer, keys, config.audience);
  }

  get issuerNames(): string[] {
    return [...this.issuers.keys()];
  }

  /** The caller of a request, or an UNAUTHENTICATED error that says why without echoing the token. */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('A bearer token is required (Authorization: Bearer <JWT>)');
    let iss: string | undefined;
    try {
      const [, body] = token.split('.');
      iss = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')).iss;
    } catch {
      throw unauthenticated('The token is not a JWT');
    }
    const issuer = iss ? this.issuers.get(iss) : undefined;
    if (!issuer) throw unauthenticated('The token is not from a configured issuer');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys as CryptoKey, {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: ['EdDSA', 'ES256', 'RS256', 'PS256'],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 5,
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired');
      throw unauthenticated('The token does not verify');
    }
    return callerFromClaims(payload);
  }
}

/** Validates the claims; the personal access right follows the user's tasks (LAW.md rule 13). */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const { sub, org, role, areas, municipality } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthenticated('The token has no subject');
  if (typeof org !== 'string' || !(ORGS as readonly string[]).includes(org)) throw unauthenticated('The token names no known organisation');
  if (typeof role !== 'string' || !ROLES_BY_ORG[org as Org].includes(role)) throw unauthenticated(`The role is not one of ${org}'s roles`);
  const areaList = areas === undefined ? [] : areas;
  if (!Array.isArray(areaList) || !areaList.every((a) => typeof a === 'string' && isKnownArea(a))) {
    throw unauthenticated('The token names an unknown cooperation area');
  }
  if (org === 'municipality' && (typeof municipality !== 'string' || !municipality)) {
    throw unauthenticated('A municipality worker\'s token must name the municipality');
  }
  if (org === 'citizen' && !isValidHetu(sub)) throw unauthenticated('A citizen\'s token must have their identity code as subject');
  return { sub, org: org as Org, role, areas: areaList as string[], ...(typeof municipality === 'string' ? { municipality } : {}) };
}

export interface TokenRequest {
  org: string;
  role: string;
  areas?: string[];
  municipality?: string;
  sub?: string;
  ttlSeconds?: number;
}

/** Issues a token from the dev issuer (dev mode only); validates the claims as verification would. */
export async function issueDevToken(key: CryptoKey, kid: string, req: TokenRequest): Promise<string> {
  const claims = {
    org: req.org,
    role: req.role,
    areas: req.areas ?? [],
    ...(req.municipality ? { municipality: req.municipality } : {}),
  };
  const sub = req.sub ?? `${req.org}.${req.role}@dev`;
  callerFromClaims({ ...claims, sub });
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuer(DEV_ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${req.ttlSeconds ?? 8 * 3600}s`)
    .sign(key);
}
