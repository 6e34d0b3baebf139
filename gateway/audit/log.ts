// Turns one request's reports into disclosure-log entries and look-up records (docs/LAW.md rules 16, 18).
import { GraphQLError } from 'graphql';
import { parseHetu } from '../../shared/hetu.ts';
import type { PersonFacts } from '../../shared/policy.ts';
import type { GatewayContext } from '../context.ts';
import type { EntryContent } from './chain.ts';
import type { LookupRecord } from './writer.ts';
import type { Lookup } from '../plugins/lookups.ts';
import type { Release } from '../plugins/releases.ts';

export interface LogRequest {
  operationName: string | null;
  documentHash: string;
  releases: readonly Release[];
  lookups: readonly Lookup[];
  errors: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

const isValidLookup = (l: Lookup): l is Lookup & { hetu: string } => typeof l.hetu === 'string' && parseHetu(l.hetu).ok;

/** The persons whose facts the log needs: each section 15 disclosure's (their area) and each valid look-up's. */
export const personsToLoad = (request: Pick<LogRequest, 'releases' | 'lookups'>): string[] => [
  ...new Set([
    ...request.releases.filter((r) => r.bases.includes('SECTION_15')).map((r) => r.hetu),
    ...request.lookups.filter(isValidLookup).map((l) => l.hetu),
  ]),
];

/** One request's log entries and look-up records, given the facts of `personsToLoad`. */
export function logMaterial(
  ctx: GatewayContext,
  request: LogRequest,
  facts: ReadonlyMap<string, PersonFacts>,
): { entries: EntryContent[]; lookups: LookupRecord[] } {
  const { caller } = ctx;
  const at = new Date().toISOString();
  const purpose = ctx.purpose!;
  const lookups = request.lookups.map((l) => ({ ...l, valid: isValidLookup(l) }));

  const entries: EntryContent[] = [];
  for (const r of request.releases) {
    // One entry per person, register, kind and basis: the log says on what basis each category left.
    const byBasis = new Map<string, string[]>();
    for (let i = 0; i < r.categories.length; i++) {
      const list = byBasis.get(r.bases[i]!);
      if (list) list.push(r.categories[i]!);
      else byBasis.set(r.bases[i]!, [r.categories[i]!]);
    }
    for (const [basis, categories] of byBasis) {
      entries.push({
        at,
        requestId: ctx.requestId,
        kind: r.kind,
        hetu: r.hetu,
        register: r.register,
        categories: categories.sort(),
        basis,
        recipientSub: caller.sub,
        recipientOrg: caller.org,
        recipientRole: caller.role,
        recipientAreas: caller.areas,
        recipientMunicipality: caller.municipality ?? null,
        personArea: basis === 'SECTION_15' ? (facts.get(r.hetu)?.activeCustomership?.area ?? null) : null,
        purpose,
        caseReference: ctx.caseReference,
        operationName: request.operationName,
        documentHash: request.documentHash,
      });
    }
  }

  const records: LookupRecord[] =
    caller.org === 'citizen'
      ? []
      : lookups.map(({ key, hetu, valid }) => {
          const area = valid ? facts.get(hetu as string)?.activeCustomership?.area : undefined;
          return {
            at,
            requestId: ctx.requestId,
            sub: caller.sub,
            org: caller.org,
            role: caller.role,
            areas: caller.areas,
            hetu: valid ? (hetu as string) : null,
            outcome: !valid ? 'INVALID_HETU' : area && caller.areas.includes(area) ? 'IN_CASELOAD' : 'OUTSIDE_CASELOAD',
            refusals: request.errors.filter((e) => e.path?.[0] === key && e.extensions?.code === 'FORBIDDEN').length,
          };
        });
  return { entries, lookups: records };
}

export const auditUnavailable = () =>
  new GraphQLError('The disclosure could not be logged, so nothing was returned; try again later', {
    extensions: { code: 'AUDIT_UNAVAILABLE' },
  });
