// The facts the legal basis depends on (active customership and its area, consents), read fresh on
// every request: a consent revoked or a customership ended counts from the very next request.
import { type SQL, sql } from 'drizzle-orm';
import { executeRows, type Db } from '../../shared/db.ts';
import { statementTemplate } from '../../shared/statement-text.ts';
import type { ConsentFact, PersonFacts } from '../../shared/policy.ts';
import type { DataCategory, Org } from '../../shared/vocabulary.ts';
import { consents, customerships, type JointSchema } from './db/schema.ts';

interface FactsRow {
  hetu: string;
  area: string | null;
  /** json: postgres.js and PGlite parse it; text when a driver does not */
  consents: unknown;
}

// Every column of the subquery named with its alias: drizzle leaves the table out of a column's name in a
// select's fields, where a bare "hetu" inside the subquery would be the consent's own.
const k = (column: { name: string }) => sql`k.${sql.identifier(column.name)}`;

/** The person's consents not revoked, as one JSON array ('[]' for none); `hetu`: the person's code, qualified. */
const consentsOf = (hetu: SQL): SQL<unknown> => sql`coalesce((
    select json_agg(json_build_object(
      'id', ${k(consents.id)}, 'recipientOrg', ${k(consents.recipientOrg)},
      'recipientMunicipality', ${k(consents.recipientMunicipality)}, 'categories', ${k(consents.categories)},
      'validFrom', ${k(consents.validFrom)}, 'validUntil', ${k(consents.validUntil)}))
    from ${consents} k where ${k(consents.hetu)} = ${hetu} and ${k(consents.revokedAt)} is null
  ), '[]'::json)`;

const factsOf = statementTemplate<'hetus'>(
  (slot) => sql`
    select h.hetu, a.${sql.identifier(customerships.area.name)} as area, ${consentsOf(sql`h.hetu`)} as consents
    from unnest(${slot('hetus')}::text[]) as h(hetu)
    left join ${customerships} a on a.${sql.identifier(customerships.hetu.name)} = h.hetu
      and a.${sql.identifier(customerships.status.name)} = 'ACTIVE'`,
);

/**
 * A person's facts as columns of a select of active customerships (the caseload page): the customership's
 * area is the person's, as at most one of theirs is active. `personFacts` reads them from the row.
 */
export const activeCustomershipFacts = {
  area: customerships.area,
  consents: consentsOf(sql`${customerships}.${sql.identifier(customerships.hetu.name)}`),
};

/**
 * One statement for the persons' active customerships (at most one each: customerships_one_active) and
 * their consents not revoked, each person's consents as one JSON array.
 */
export async function loadFacts(db: Db<JointSchema>, hetus: readonly string[]): Promise<PersonFacts[]> {
  if (hetus.length === 0) return [];
  const list = [...hetus];
  const rows = await executeRows<FactsRow>(db, factsOf({ hetus: list }));
  const byHetu = new Map(rows.map((r) => [r.hetu, r]));
  return list.map((hetu) => personFacts(byHetu.get(hetu) ?? { hetu, area: null, consents: [] }));
}

/** A person's facts from a row: the area of their active customership (null: none) and `consentsOf`. */
export function personFacts({ hetu, area, consents: value }: FactsRow): PersonFacts {
  const stored = typeof value === 'string' ? JSON.parse(value) : (value ?? []);
  const facts: ConsentFact[] = (stored as Omit<ConsentFact, 'revokedAt'>[]).map((f) => ({
    id: f.id,
    recipientOrg: f.recipientOrg as Org,
    recipientMunicipality: f.recipientMunicipality,
    categories: f.categories as DataCategory[],
    validFrom: f.validFrom,
    validUntil: f.validUntil,
    revokedAt: null,
  }));
  return { hetu, activeCustomership: area ? { area } : null, consents: facts };
}
