// Turns one request's reports into disclosure-log entries and look-up records (LAW.md rules 16, 18).
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { parseHetu } from '../../shared/hetu.ts';
import type { PersonFacts } from '../../shared/policy.ts';
import type { GatewayContext } from '../context.ts';
import type { EntryContent } from './chain.ts';
import type { LookupRecord } from './writer.ts';

/** The persons an operation looks up by `client(hetu)`: response key and argument. */
export function lookedUp(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): { key: string; hetu: unknown }[] {
  const out: { key: string; hetu: unknown }[] = [];
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || sel.name.value !== 'client') continue;
    const arg = sel.arguments?.find((a) => a.name.value === 'hetu')?.value;
    const hetu = arg?.kind === Kind.STRING ? arg.value : arg?.kind === Kind.VARIABLE ? variables?.[arg.name.value] : undefined;
    out.push({ key: sel.alias?.value ?? sel.name.value, hetu });
  }
  return out;
}

export async function logMaterial(
  ctx: GatewayContext,
  request: { operationName: string | null; documentHash: string; lookups: { key: string; hetu: unknown }[]; errors: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] },
): Promise<{ entries: EntryContent[]; lookups: LookupRecord[] }> {
  const { caller } = ctx;
  const at = new Date().toISOString();
  const purpose = ctx.purpose!;
  const section15 = ctx.released.filter((r) => r.bases.includes('SECTION_15')).map((r) => r.hetu);
  const lookups = request.lookups.map((l) => ({ ...l, valid: typeof l.hetu === 'string' && parseHetu(l.hetu).ok }));
  const factsList = await ctx.facts.loadMany([...new Set([...section15, ...lookups.filter((l) => l.valid).map((l) => l.hetu as string)])]);
  const facts = new Map<string, PersonFacts>();
  for (const f of factsList) {
    if (f instanceof Error) throw f;
    facts.set(f.hetu, f);
  }

  const entries: EntryContent[] = [];
  for (const r of ctx.released) {
    // One entry per person, register, kind and basis: the log says on what basis each category left.
    const byBasis = new Map<string, string[]>();
    r.categories.forEach((c, i) => byBasis.set(r.bases[i]!, [...(byBasis.get(r.bases[i]!) ?? []), c]));
    for (const [basis, categories] of byBasis) {
      entries.push({
        at, requestId: ctx.requestId, kind: r.kind, hetu: r.hetu, register: r.register, categories: categories.sort(), basis,
        recipientSub: caller.sub, recipientOrg: caller.org, recipientRole: caller.role, recipientAreas: caller.areas,
        recipientMunicipality: caller.municipality ?? null,
        personArea: basis === 'SECTION_15' ? facts.get(r.hetu)?.activeCustomership?.area ?? null : null,
        purpose, caseReference: ctx.caseReference, operationName: request.operationName, documentHash: request.documentHash,
      });
    }
  }

  const records: LookupRecord[] = caller.org === 'citizen' ? [] : lookups.map(({ key, hetu, valid }) => {
    const area = valid ? facts.get(hetu as string)?.activeCustomership?.area : undefined;
    return {
      at, requestId: ctx.requestId, sub: caller.sub, org: caller.org, role: caller.role, areas: caller.areas,
      hetu: valid ? (hetu as string) : null,
      outcome: !valid ? 'INVALID_HETU' : area && caller.areas.includes(area) ? 'IN_CASELOAD' : 'OUTSIDE_CASELOAD',
      refusals: request.errors.filter((e) => e.path?.[0] === key && e.extensions?.code === 'FORBIDDEN').length,
    };
  });
  return { entries, lookups: records };
}

export const auditUnavailable = () =>
  new GraphQLError('The disclosure could not be logged, so nothing was returned; try again later', { extensions: { code: 'AUDIT_UNAVAILABLE' } });
