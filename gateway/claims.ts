// Claim mapping per issuer (docs/CONTRACT.md section 2): an organisation's identity provider names
// roles, areas and the organisation its own way (a `groups` claim, a custom claim, nothing at all for
// an issuer serving one organisation). The mapping turns its tokens into the claims the gateway reads
// (`sub`, `org`, `role`, `areas`, `municipality`), which callerFromClaims then validates as for any issuer.

export const CALLER_ATTRIBUTES = ['sub', 'org', 'role', 'areas', 'municipality'] as const;
export type CallerAttribute = (typeof CALLER_ATTRIBUTES)[number];

/** Where one attribute of the caller comes from in an issuer's tokens. */
export type ClaimSource =
  /** the same for every token of the issuer, e.g. the organisation of an issuer serving one */
  | { value: string | readonly string[] }
  | {
      /** a top-level claim's name, or the path to a nested one (`[realm_access, roles]`) */
      claim: string | readonly string[];
      /** the issuer's values to ours; values it does not list are ignored (a user's other groups) */
      map?: ReadonlyMap<string, string>;
    };

/** Attributes not named read the claim of their own name, as the dev issuer's tokens carry them. */
export type ClaimMapping = Partial<Record<CallerAttribute, ClaimSource>>;

/** Why a token's claims do not map: names claims and attributes, never their values. */
export class ClaimMappingError extends Error {}

/** The claims a token of an issuer with this mapping stands for, in the layout callerFromClaims reads. */
export function mapClaims(payload: Record<string, unknown>, mapping: ClaimMapping): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const attribute of CALLER_ATTRIBUTES) {
    const values = valuesOf(payload, mapping[attribute] ?? { claim: attribute }, attribute);
    if (attribute === 'areas') claims.areas = values;
    // One identity: a user in groups for two roles is refused rather than given either (deny by default).
    else if (values.length > 1) throw new ClaimMappingError(`the token maps to several values of ${attribute}`);
    else if (values.length === 1) claims[attribute] = values[0];
  }
  return claims;
}

function valuesOf(payload: Record<string, unknown>, source: ClaimSource, attribute: CallerAttribute): string[] {
  if ('value' in source) return typeof source.value === 'string' ? [source.value] : [...source.value];
  const raw = claimAt(payload, source.claim);
  let values: string[];
  if (raw === undefined || raw === null) values = [];
  else if (typeof raw === 'string') values = [raw];
  else if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) values = raw;
  else
    throw new ClaimMappingError(`claim ${claimName(source.claim)} (${attribute}) is neither text nor a list of texts`);
  const { map } = source;
  if (map) values = values.flatMap((v) => (map.has(v) ? [map.get(v)!] : []));
  return [...new Set(values)];
}

function claimAt(payload: Record<string, unknown>, claim: string | readonly string[]): unknown {
  if (typeof claim === 'string') return Object.hasOwn(payload, claim) ? payload[claim] : undefined;
  let at: unknown = payload;
  for (const name of claim) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, name)) return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  return at;
}

const claimName = (claim: string | readonly string[]) => (typeof claim === 'string' ? claim : claim.join('.'));
