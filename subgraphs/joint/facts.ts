// The facts the legal basis depends on (active customership and its area, consents), read fresh on
// every request: a consent revoked or a customership ended counts from the very next request.
import { and, eq, isNull } from 'drizzle-orm';
import { anyOf, byKeys } from '../../shared/loaders.ts';
import type { Db } from '../../shared/db.ts';
import type { ConsentFact, PersonFacts } from '../../shared/policy.ts';
import type { DataCategory, Org } from '../../shared/vocabulary.ts';
import { consents, customerships, type JointSchema } from './db/schema.ts';

export async function loadFacts(db: Db<JointSchema>, hetus: readonly string[]): Promise<PersonFacts[]> {
  if (hetus.length === 0) return [];
  const list = [...hetus];
  const [active, consentRows] = await Promise.all([
    byKeys(db, 'facts.customerships', (h) =>
      db
        .select({ hetu: customerships.hetu, area: customerships.area })
        .from(customerships)
        .where(and(anyOf(customerships.hetu, h), eq(customerships.status, 'ACTIVE'))),
    )(list),
    byKeys(db, 'facts.consents', (h) =>
      db
        .select()
        .from(consents)
        .where(and(anyOf(consents.hetu, h), isNull(consents.revokedAt))),
    )(list),
  ]);
  const areaOf = new Map(active.map((r) => [r.hetu, r.area]));
  const consentsOf = new Map<string, ConsentFact[]>();
  for (const c of consentRows) {
    const fact: ConsentFact = {
      id: c.id,
      recipientOrg: c.recipientOrg as Org,
      recipientMunicipality: c.recipientMunicipality,
      categories: c.categories as DataCategory[],
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
    };
    consentsOf.set(c.hetu, [...(consentsOf.get(c.hetu) ?? []), fact]);
  }
  return list.map((hetu) => {
    const area = areaOf.get(hetu);
    return { hetu, activeCustomership: area ? { area } : null, consents: consentsOf.get(hetu) ?? [] };
  });
}
