// The token issuers file (TYM_ISSUERS; config/issuers.example.yaml shows every setting): which identity
// providers the gateway trusts, how it finds their keys, what audience each must name, and how each
// one's claims map to a caller. A mistake stops the start and names the line, like every configuration
// file (docs/adr/0010-validated-configuration.md).
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isKnownArea } from '../shared/areas.ts';
import { ConfigReader, integerIn } from '../shared/config-yaml.ts';
import { ALL_ROLES, ORGS, ROLES_BY_ORG, type Org } from '../shared/vocabulary.ts';
import { CALLER_ATTRIBUTES, type CallerAttribute, type ClaimMapping, type ClaimSource } from './claims.ts';
import { isAllowedKeyUrl } from './oidc.ts';

/** The signature algorithms a token may use; never `none` or a shared-secret (HS*) one. */
export const TOKEN_ALGORITHMS = [
  'EdDSA',
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
];
export const DEFAULT_TOKEN_ALGORITHMS = ['EdDSA', 'ES256', 'RS256', 'PS256'];

export interface IssuerConfig {
  /** the `iss` its tokens carry; for discovery, its https URL */
  issuer: string;
  /** a JWKS document's path, or an https URL of one; absent: found by OpenID Connect discovery */
  jwks?: string;
  /** the `aud` its tokens must carry, one of a list (default `tym-gateway`) */
  audience?: string | string[];
  algorithms?: string[];
  /** how far its clock may be from ours (default TYM_CLOCK_TOLERANCE_SECONDS) */
  clockToleranceSeconds?: number;
  /** how its claims map to a caller; absent: its tokens carry `org`, `role`, `areas`… themselves */
  claims?: ClaimMapping;
}

export class IssuerConfigError extends Error {}

export function loadIssuers(path: string): IssuerConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new IssuerConfigError(`cannot read the issuers file ${path}: ${(e as Error).message}`);
  }
  return parseIssuers(text, path);
}

/**
 * Reads `issuers: [...]`, or the bare list of the earlier JSON form (`[{ "issuer", "jwks", "audience" }]`,
 * which is YAML too), so that an existing file keeps working.
 */
export function parseIssuers(text: string, source = 'issuers file'): IssuerConfig[] {
  const reader = new ConfigReader(text, source, IssuerConfigError);
  const root = reader.root;
  const list = isSeq(root)
    ? root
    : reader.seq(reader.node(reader.map(root, 'the issuers file', { required: ['issuers'] }), 'issuers'), '`issuers`');
  if (list.items.length === 0) reader.fail(list, '`issuers` lists no issuer');
  const seen = new Set<string>();
  return list.items.map((item) => {
    const issuer = parseIssuer(reader, item as Node);
    if (seen.has(issuer.issuer)) reader.fail(item as Node, `the issuer "${issuer.issuer}" is listed twice`);
    seen.add(issuer.issuer);
    return issuer;
  });
}

const ISSUER_KEYS = ['issuer', 'jwks', 'audience', 'algorithms', 'clockToleranceSeconds', 'claims'] as const;

function parseIssuer(reader: ConfigReader, node: Node): IssuerConfig {
  const map = reader.map(node, 'an issuer', { required: ['issuer'], optional: ISSUER_KEYS.slice(1) });
  const at = (key: string) => reader.node(map, key);
  const issuer = reader.string(at('issuer'), '`issuer`');
  const config: IssuerConfig = { issuer };
  if (map.has('jwks')) {
    const jwks = reader.string(at('jwks'), '`jwks`');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(jwks) && !isAllowedKeyUrl(new URL(jwks)))
      reader.fail(at('jwks'), '`jwks` must be an https URL (plain http only on loopback) or a file');
    config.jwks = jwks;
  } else if (!URL.canParse(issuer) || !isAllowedKeyUrl(new URL(issuer))) {
    reader.fail(at('issuer'), 'without `jwks` the keys are found by discovery, which needs an https issuer URL');
  }
  if (map.has('audience')) config.audience = texts(reader, at('audience'), '`audience`');
  if (map.has('algorithms')) {
    const list = reader.seq(at('algorithms'), '`algorithms`');
    if (list.items.length === 0) reader.fail(list, '`algorithms` lists none');
    config.algorithms = list.items.map((a) => reader.oneOf(a as Node, 'an algorithm', TOKEN_ALGORITHMS));
  }
  if (map.has('clockToleranceSeconds'))
    config.clockToleranceSeconds = reader.number(
      at('clockToleranceSeconds'),
      '`clockToleranceSeconds`',
      integerIn(0, 300),
    );
  if (map.has('claims')) config.claims = parseMapping(reader, at('claims'));
  return config;
}

/** A text, or a non-empty list of texts. */
function texts(reader: ConfigReader, node: Node | undefined, what: string): string | string[] {
  if (!isSeq(node)) return reader.string(node, what);
  if (node.items.length === 0) reader.fail(node, `${what} lists nothing`);
  return node.items.map((item) => reader.string(item as Node, what));
}

function parseMapping(reader: ConfigReader, node: Node | undefined): ClaimMapping {
  const map = reader.map(node, '`claims`', { required: [], optional: CALLER_ATTRIBUTES });
  const mapping: ClaimMapping = {};
  for (const attribute of CALLER_ATTRIBUTES)
    if (map.has(attribute)) mapping[attribute] = parseSource(reader, reader.node(map, attribute), attribute);
  // The values a mapping can produce are checked now, not token by token: a typo must stop the start.
  const fixedOrg = mapping.org && 'value' in mapping.org ? (mapping.org.value as Org) : undefined;
  check(reader, reader.node(map, 'org'), mapping.org, 'an organisation', ORGS);
  check(reader, reader.node(map, 'role'), mapping.role, 'a role', fixedOrg ? ROLES_BY_ORG[fixedOrg] : ALL_ROLES);
  check(reader, reader.node(map, 'areas'), mapping.areas, 'a cooperation area', undefined, isKnownArea);
  return mapping;
}

function parseSource(reader: ConfigReader, node: Node | undefined, attribute: CallerAttribute): ClaimSource {
  const what = `\`claims.${attribute}\``;
  const map = reader.map(node, what, { required: [], optional: ['value', 'claim', 'map'] });
  if (map.has('value') === map.has('claim')) reader.fail(node, `${what} takes either \`value\` or \`claim\``);
  if (map.has('value')) {
    const value = texts(reader, reader.node(map, 'value'), `${what}.value`);
    if (Array.isArray(value) && attribute !== 'areas') reader.fail(node, `${what}.value must be one text`);
    if (map.has('map')) reader.fail(node, `${what}: \`map\` goes with \`claim\``);
    return { value };
  }
  const claim = texts(reader, reader.node(map, 'claim'), `${what}.claim`);
  if (!map.has('map')) return { claim };
  const table = reader.node(map, 'map');
  if (!isMap(table) || table.items.length === 0) reader.fail(table, `${what}.map must map the issuer's values to ours`);
  const entries = new Map<string, string>();
  for (const pair of table.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!key) reader.fail(pair.key as Node, `${what}.map: a key must be a text`);
    entries.set(key, reader.string(pair.value as Node, `${what}.map "${key}"`));
  }
  return { claim, map: entries };
}

/** Every value a source can produce (fixed, or a map's targets) must be one of `allowed`. */
function check(
  reader: ConfigReader,
  node: Node | undefined,
  source: ClaimSource | undefined,
  what: string,
  allowed: readonly string[] | undefined,
  known: (v: string) => boolean = (v) => allowed!.includes(v),
): void {
  if (!source) return;
  const values = 'value' in source ? [source.value].flat() : [...(source.map?.values() ?? [])];
  for (const value of values) {
    if (!known(value))
      reader.fail(node, `"${value}" is not ${what}${allowed ? ` (expected one of ${allowed.join(', ')})` : ''}`);
  }
}
