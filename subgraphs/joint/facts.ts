// The facts the legal basis depends on (active customership and its area, consents), read fresh on
// every request: a consent revoked or a customership ended counts from the very next request.
import { sql } from 'drizzle-orm';
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

const c = consents;
const factsOf = statementTemplate<'hetus'>(
  (slot) => sql`
    select h.hetu, a.${sql.identifier(customerships.area.name)} as area,
      coalesce((
        select json_agg(json_build_object(
          'id', ${c.id}, 'recipientOrg', ${c.recipientOrg}, 'recipientMunicipality', ${c.recipientMunicipality},
          'categories', ${c.categories}, 'validFrom', ${c.validFrom}, 'validUntil', ${c.validUntil}))
        from ${c} where ${c.hetu} = h.hetu and ${c.revokedAt} is null
      ), '[]'::json) as consents
    from unnest(${slot('hetus')}::text[]) as h(hetu)
    left join ${customerships} a on a.${sql.identifier(customerships.hetu.name)} = h.hetu
      and a.${sql.identifier(customerships.status.name)} = 'ACTIVE'`,
);

/**
 * One statement for the persons' active customerships (at most one each: customerships_one_active) and
 * their consents not revoked, each person's consents as one JSON array.
 */
export async function loadFacts(db: Db<JointSchema>, hetus: readonly string[]): Promise<PersonFacts[]> {
  if (hetus.length === 0) return [];
  const list = [...hetus];
  const rows = await executeRows<FactsRow>(db, factsOf({ hetus: list }));
  const byHetu = new Map(rows.map((r) => [r.hetu, r]));
  return list.map((hetu) => {
    const row = byHetu.get(hetu);
    const stored = typeof row?.consents === 'string' ? JSON.parse(row.consents) : (row?.consents ?? []);
    const facts: ConsentFact[] = (stored as Omit<ConsentFact, 'revokedAt'>[]).map((f) => ({
      id: f.id,
      recipientOrg: f.recipientOrg as Org,
      recipientMunicipality: f.recipientMunicipality,
      categories: f.categories as DataCategory[],
      validFrom: f.validFrom,
      validUntil: f.validUntil,
      revokedAt: null,
    }));
    return { hetu, activeCustomership: row?.area ? { area: row.area } : null, consents: facts };
  });
}
