// Loads and validates the necessity matrix (config/necessity-matrix.yaml). A mistake in it must
// stop the start, naming the line, rather than silently widen or narrow access.
import { readFileSync } from 'node:fs';
import { isMap, isSeq, isScalar, type Node } from 'yaml';
import { configFile } from './config-files.ts';
import { ConfigReader } from './config-yaml.ts';
import { compactText } from './compact-text.ts';
import {
  ALL_ROLES,
  AUTHORITIES,
  ROLES_BY_ORG,
  SECTION_11_CATEGORIES,
  type Authority,
  type DataCategory,
} from './vocabulary.ts';

export interface Policy {
  /** role → categories it may obtain under section 15 (joint record and other authorities' registers) */
  section15: Map<string, Set<DataCategory>>;
  /** organisation → roles that read its own register */
  ownRegister: Map<Authority, Set<string>>;
  /** Who may act beyond reading a person's fields: each a role list, decided in shared/policy/. */
  roles: Record<RoleList, ReadonlySet<string>>;
}

/**
 * The role lists beside the matrix: who keeps the joint record (`writers`), who keeps it past the
 * deletion (`legalHolds`), who reads the disclosure log and the alerts (`supervisors`), who reads
 * aggregates (`statistics`). Only the three authorities' roles may appear (docs/LAW.md rules 13, 14).
 */
export const ROLE_LISTS = ['writers', 'legalHolds', 'supervisors', 'statistics'] as const;
export type RoleList = (typeof ROLE_LISTS)[number];

export class PolicyConfigError extends Error {}

/** Reads the matrix when asked (on start), never on import; the default is the shipped file. */
export function loadPolicy(path = configFile('necessity-matrix.yaml')): Policy {
  return parsePolicy(readFileSync(path, 'utf8'), path);
}

export function parsePolicy(text: string, source = 'necessity matrix'): Policy {
  const reader = new ConfigReader(text, source, PolicyConfigError);
  const fail = (node: Node | null | undefined, message: string): never => reader.fail(node, message);
  const root = reader.root;
  if (!isMap(root)) return fail(root, 'expected a mapping with `section15` and `ownRegister`');
  reader.map(root, 'the necessity matrix', { required: [], optional: ['section15', 'ownRegister', ...ROLE_LISTS] });

  /** A list of names from `allowed`; a missing list is reported at its row. */
  const stringList = (row: Node, key: string, singular: string, allowed: readonly string[]): string[] => {
    const node = isMap(row) ? row.get(key, true) : undefined;
    if (!isSeq(node)) return fail((node as Node | undefined) ?? row, `\`${key}\` must be a list`);
    return node.items.map((item) => {
      if (!isScalar(item) || typeof item.value !== 'string') return fail(item as Node, `${key}: expected a name`);
      if (!allowed.includes(item.value)) return fail(item, `unknown ${singular} "${item.value}"`);
      return compactText(item.value);
    });
  };
  const rows = (key: string, keys: readonly string[]) => {
    const seq = root.get(key, true);
    if (!isSeq(seq)) return fail(root, `\`${key}\` must be a list of rows`);
    return seq.items.map((row) => {
      if (!isMap(row)) return fail(row as Node, 'each row must be a mapping');
      const reason = row.get('reason');
      if (typeof reason !== 'string' || !reason.trim()) fail(row, 'each row needs a one-line `reason`');
      for (const k of row.items) {
        const name = isScalar(k.key) ? String(k.key.value) : '';
        if (!keys.includes(name)) fail(k.key as Node, `unknown key "${name}"`);
      }
      return row;
    });
  };

  const section15 = new Map<string, Set<DataCategory>>();
  for (const row of rows('section15', ['roles', 'categories', 'reason'])) {
    const roles = stringList(row, 'roles', 'role', ALL_ROLES);
    const categories = stringList(row, 'categories', 'category', SECTION_11_CATEGORIES) as DataCategory[];
    for (const role of roles) {
      if (section15.has(role)) fail(row.get('roles', true) as Node, `role "${role}" appears in two rows`);
      if (ROLES_BY_ORG.municipality.includes(role) || ROLES_BY_ORG.citizen.includes(role)) {
        fail(row.get('roles', true) as Node, `role "${role}" has no section 15 access and cannot be in the matrix`);
      }
      section15.set(role, new Set(categories));
    }
  }

  const ownRegister = new Map<Authority, Set<string>>();
  for (const row of rows('ownRegister', ['org', 'roles', 'reason'])) {
    const orgNode = row.get('org', true) as Node;
    const org = isScalar(orgNode) ? String(orgNode.value) : '';
    if (!(AUTHORITIES as readonly string[]).includes(org)) fail(orgNode ?? row, `unknown organisation "${org}"`);
    if (ownRegister.has(org as Authority)) fail(orgNode, `organisation "${org}" appears in two rows`);
    const roles = stringList(row, 'roles', 'role', ROLES_BY_ORG[org as Authority]);
    ownRegister.set(compactText(org) as Authority, new Set(roles));
  }

  // Municipality workers and citizens act only on consent or on their own data: never in a role list.
  const officialRoles = ALL_ROLES.filter(
    (r) => !ROLES_BY_ORG.municipality.includes(r) && !ROLES_BY_ORG.citizen.includes(r),
  );
  const roles = {} as Record<RoleList, ReadonlySet<string>>;
  for (const list of ROLE_LISTS) {
    if (!root.has(list)) fail(root, `\`${list}\` is missing: a mapping with \`roles\` and a one-line \`reason\``);
    const node = reader.map(root.get(list, true) as Node, `\`${list}\``, { required: ['roles', 'reason'] });
    const reason = node.get('reason');
    if (typeof reason !== 'string' || !reason.trim()) fail(node, `\`${list}\` needs a one-line \`reason\``);
    const names = new Set<string>();
    for (const item of reader.seq(node.get('roles', true) as Node, `${list}: \`roles\``).items) {
      const role =
        isScalar(item) && typeof item.value === 'string' ? item.value : fail(item as Node, `${list}: expected a name`);
      if (!ALL_ROLES.includes(role)) fail(item as Node, `unknown role "${role}"`);
      if (!officialRoles.includes(role))
        fail(item as Node, `role "${role}" is not an authority's role and cannot be in \`${list}\``);
      names.add(role);
    }
    roles[list] = names;
  }
  return { section15, ownRegister, roles };
}
