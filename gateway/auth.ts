// Authentication of callers (docs/CONTRACT.md section 2): a JWT from a configured issuer, verified with
// jose; the claims, mapped as the issuer's configuration says (gateway/claims.ts), must name a known
// organisation, one of its roles, and known cooperation areas.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTVerifyGetKey,
} from 'jose';
import { isKnownArea } from '../shared/areas.ts';
import { bearerChallenge, unauthenticated } from '../shared/errors.ts';
import { isValidHetu } from '../shared/hetu.ts';
import { ORGS, ROLES_BY_ORG, type Caller, type Org } from '../shared/vocabulary.ts';
import { mapClaims, type ClaimMapping } from './claims.ts';
import { DEFAULT_TOKEN_ALGORITHMS, type IssuerConfig } from './issuers.ts';
import { discoveredKeys, DiscoveryError, type DiscoveryOptions } from './oidc.ts';

export type { IssuerConfig } from './issuers.ts';
import { loggerFor } from '../shared/logger.ts';
import { requestFields, type RequestScope } from '../shared/request-scope.ts';

const authLog = loggerFor('auth');

export const DEV_ISSUER = 'tym-dev-issuer';
export const AUDIENCE = 'tym-gateway';

interface Issuer {
  issuer: string;
  audience: string | string[];
  keys: JWTVerifyGetKey | KeyObject;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** absent: the tokens carry the caller's claims themselves (the dev issuer's layout) */
  claims?: ClaimMapping;
  /** discovery issuers: resolves once the keys are found */
  ready?: () => Promise<void>;
}

/** How long a token may live, and how far the issuer's clock may be from ours (shared/config.ts reads both). */
export interface TokenPolicy {
  /** the longest lifetime (`exp - iat`) a token may have */
  maxAgeSeconds: number;
  /** the default for every issuer; an issuer's configuration may say otherwise */
  clockToleranceSeconds: number;
}

/** 12 hours: the dev issuer's 8-hour tokens fit, a token for days does not. */
export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxAgeSeconds: 12 * 3600, clockToleranceSeconds: 5 };

/** Why a token was refused: logged for operators, never told to the caller. */
class TokenRefused extends Error {}

export class Authenticator {
  private readonly issuers = new Map<string, Issuer>();

  constructor(
    private readonly policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
    private readonly discovery: DiscoveryOptions = {},
  ) {}

  /** An issuer whose tokens carry the caller's claims themselves, with the default audience (the dev issuer). */
  addIssuer(issuer: string, keys: JWTVerifyGetKey | KeyObject, audience: string | string[] = AUDIENCE): void {
    this.issuers.set(issuer, {
      issuer,
      audience,
      keys,
      algorithms: DEFAULT_TOKEN_ALGORITHMS,
      clockToleranceSeconds: this.policy.clockToleranceSeconds,
    });
  }

  /** An issuer of the issuers file (gateway/issuers.ts has validated it). */
  addConfiguredIssuer(config: IssuerConfig): void {
    let keys: JWTVerifyGetKey;
    let ready: (() => Promise<void>) | undefined;
    if (config.jwks === undefined) {
      const discovered = discoveredKeys(config.issuer, this.discovery);
      keys = discovered;
      ready = discovered.ready;
    } else if (/^https?:\/\//.test(config.jwks)) {
      keys = createRemoteJWKSet(new URL(config.jwks), { timeoutDuration: this.discovery.timeoutMs ?? 5000 });
    } else {
      keys = createLocalJWKSet(readJwks(config.jwks, config.issuer));
    }
    this.issuers.set(config.issuer, {
      issuer: config.issuer,
      audience: config.audience ?? AUDIENCE,
      keys,
      algorithms: config.algorithms ?? DEFAULT_TOKEN_ALGORITHMS,
      clockToleranceSeconds: config.clockToleranceSeconds ?? this.policy.clockToleranceSeconds,
      ...(config.claims ? { claims: config.claims } : {}),
      ...(ready ? { ready } : {}),
    });
  }

  get issuerNames(): string[] {
    return [...this.issuers.keys()];
  }

  /**
   * Asks every discovery issuer for its keys now, so that a wrong URL or an unreachable provider shows
   * in the log at start rather than at the first caseworker's sign-in. Never fails the start: the
   * issuer's tokens are refused until its keys are found.
   */
  async discoverIssuers(log: (line: string) => void = (line) => authLog.warn(line)): Promise<void> {
    await Promise.all(
      [...this.issuers.values()].map(async ({ issuer, ready }) => {
        try {
          await ready?.();
        } catch (e) {
          log(`issuer ${issuer}: keys not found yet, its tokens are refused until they are: ${(e as Error).message}`);
        }
      }),
    );
  }

  /**
   * The caller of a request. Every refusal answers the same opaque UNAUTHENTICATED with an RFC 6750
   * challenge, so that a caller cannot probe which check failed; the reason goes to the server log
   * only, without the token or its claims.
   */
  async authenticate(authorization: string | undefined, request?: RequestScope): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw bearerChallenge(false);
    try {
      return await this.verify(token);
    } catch (e) {
      if (!(e instanceof TokenRefused)) throw e;
      authLog.warn(requestFields(request), `token refused: ${e.message}`);
      throw bearerChallenge(true);
    }
  }

  private async verify(token: string): Promise<Caller> {
    let iss: unknown;
    try {
      const [, body] = token.split('.');
      iss = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')).iss;
    } catch {
      throw new TokenRefused('not a JWT');
    }
    const issuer = typeof iss === 'string' ? this.issuers.get(iss) : undefined;
    if (!issuer) throw new TokenRefused('not from a configured issuer');
    const tolerance = issuer.clockToleranceSeconds;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys as KeyObject, {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: issuer.algorithms,
        // `sub` is checked once mapped: an issuer may name its subject in another claim.
        requiredClaims: ['exp', 'iat'],
        clockTolerance: tolerance,
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new TokenRefused(`expired (issuer ${issuer.issuer})`);
      if (e instanceof DiscoveryError) throw new TokenRefused(`${e.code}: ${e.message} (issuer ${issuer.issuer})`);
      const code = (e as { code?: string }).code ?? 'unknown';
      const claim = e instanceof joseErrors.JWTClaimValidationFailed ? ` (claim ${e.claim}: ${e.reason})` : '';
      throw new TokenRefused(`does not verify: ${code}${claim} (issuer ${issuer.issuer})`);
    }
    // jose checks that `iat` is a number; when it was issued and for how long are ours to bound.
    const now = Math.floor(Date.now() / 1000);
    const iat = payload.iat as number;
    const exp = payload.exp as number;
    if (iat > now + tolerance) {
      throw new TokenRefused(`issued ${iat - now} s in the future (issuer ${issuer.issuer})`);
    }
    if (exp - iat > this.policy.maxAgeSeconds) {
      const allowed = this.policy.maxAgeSeconds;
      throw new TokenRefused(`lives ${exp - iat} s, over the ${allowed} s allowed (issuer ${issuer.issuer})`);
    }
    try {
      return callerFromClaims(issuer.claims ? mapClaims(payload, issuer.claims) : payload);
    } catch (e) {
      throw new TokenRefused(`claims refused: ${(e as Error).message} (issuer ${issuer.issuer})`);
    }
  }
}

function readJwks(path: string, issuer: string) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`issuer ${issuer}: cannot read its key set ${path}: ${(e as Error).message}`);
  }
}

/** Validates the claims; the personal access right follows the user's tasks (docs/LAW.md rule 13). */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const { sub, org, role, areas, municipality } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthenticated('The token has no subject');
  if (typeof org !== 'string' || !(ORGS as readonly string[]).includes(org))
    throw unauthenticated('The token names no known organisation');
  if (typeof role !== 'string' || !ROLES_BY_ORG[org as Org].includes(role))
    throw unauthenticated(`The role is not one of ${org}'s roles`);
  const areaList = areas === undefined ? [] : areas;
  if (!Array.isArray(areaList) || !areaList.every((a) => typeof a === 'string' && isKnownArea(a))) {
    throw unauthenticated('The token names an unknown cooperation area');
  }
  if (org === 'municipality' && (typeof municipality !== 'string' || !municipality)) {
    throw unauthenticated("A municipality worker's token must name the municipality");
  }
  if (org === 'citizen' && !isValidHetu(sub))
    throw unauthenticated("A citizen's token must have their identity code as subject");
  return {
    sub,
    org: org as Org,
    role,
    areas: areaList as string[],
    ...(typeof municipality === 'string' ? { municipality } : {}),
  };
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
export async function issueDevToken(key: KeyObject, kid: string, req: TokenRequest): Promise<string> {
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
