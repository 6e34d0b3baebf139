// The gateway's batch lookup of person facts from the joint subgraph: one round trip per batch.
import DataLoader from 'dataloader';
import { subgraphUnavailable } from '../shared/errors.ts';
import type { PersonFacts } from '../shared/policy.ts';
import { documentHash, FACTS_PATH, factsDocument, signTicket, type TicketClaims } from '../shared/tickets.ts';
import type { TicketSigner } from './datasource.ts';
import { loggerFor } from '../shared/logger.ts';
import { requestFields, type RequestScope } from '../shared/request-scope.ts';
import { injectTraceparent, inSpan } from '../shared/telemetry.ts';

const log = loggerFor('gateway.facts');

export function fetchFacts(
  jointUrl: string,
  signer: TicketSigner,
  claims: Omit<TicketClaims, 'doc' | 'vars' | 'grants'>,
  hetus: string[],
  scope?: RequestScope,
): Promise<PersonFacts[]> {
  return inSpan('facts.lookup', { 'tym.persons': hetus.length }, () => lookUp(jointUrl, signer, claims, hetus, scope));
}

async function lookUp(
  jointUrl: string,
  signer: TicketSigner,
  claims: Omit<TicketClaims, 'doc' | 'vars' | 'grants'>,
  hetus: string[],
  scope: RequestScope | undefined,
): Promise<PersonFacts[]> {
  const ticket = await signTicket(signer.key, signer.kid, 'joint', {
    ...claims,
    doc: documentHash(factsDocument(hetus)),
  });
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hetus, ticket }),
  };
  injectTraceparent(init.headers);
  // The joint subgraph is named in the answer; what went wrong stays in the log.
  const unavailable = (cause: string) => {
    log.error({ ...requestFields(scope), cause }, 'joint facts lookup failed');
    return subgraphUnavailable('joint');
  };
  const res = await fetch(new URL(FACTS_PATH, jointUrl), init).catch((e: Error) => {
    throw unavailable(e.message);
  });
  if (!res.ok) throw unavailable(`HTTP ${res.status}`);
  return ((await res.json()) as { facts: PersonFacts[] }).facts;
}

export function factsLoader(
  jointUrl: string,
  signer: TicketSigner,
  claims: Omit<TicketClaims, 'doc' | 'vars' | 'grants'>,
  /** the request the facts are read for, named in the log line of a failed look-up */
  scope?: RequestScope,
): RequestFacts {
  return new RequestFacts(
    new DataLoader<string, PersonFacts>(
      async (keys) => {
        const hetus = [...keys];
        const byHetu = new Map((await fetchFacts(jointUrl, signer, claims, hetus, scope)).map((f) => [f.hetu, f]));
        return hetus.map((h) => byHetu.get(h) ?? new Error('joint facts lookup returned no entry'));
      },
      { maxBatchSize: 1000 },
    ),
  );
}

/**
 * One request's facts of its persons: each person's read once (persons asked for together in one batch),
 * and once read or reported by the joint subgraph (FACTS_EXTENSION) at hand without waiting. A page of 50
 * asks for them four times over (the grants of three registers, then the log): through the loader alone
 * that was a promise for every person every time.
 */
export class RequestFacts {
  private readonly known = new Map<string, PersonFacts>();
  constructor(private readonly loader: DataLoader<string, PersonFacts>) {}

  /** Facts the joint subgraph reported with its answer; as the loader's `prime`, the first for a person stays. */
  prime(hetu: string, facts: PersonFacts): void {
    if (this.known.has(hetu)) return;
    this.known.set(hetu, facts);
    this.loader.prime(hetu, facts);
  }

  load(hetu: string): Promise<PersonFacts> {
    const known = this.known.get(hetu);
    return known ? Promise.resolve(known) : this.loader.load(hetu).then((facts) => this.keep(hetu, facts));
  }

  /**
   * The facts of all these persons, in their order: at once when every one is at hand, else after one batch
   * for the others. Throws when any cannot be read (fail closed: no facts, no decision).
   */
  all(hetus: readonly string[]): PersonFacts[] | Promise<PersonFacts[]> {
    const out: PersonFacts[] = [];
    const missing: string[] = [];
    for (const hetu of hetus) {
      const known = this.known.get(hetu);
      if (known) out.push(known);
      else missing.push(hetu);
    }
    if (missing.length === 0) return out;
    return this.loader.loadMany(missing).then((loaded) => {
      for (const [i, facts] of loaded.entries()) {
        if (facts instanceof Error) throw facts;
        this.keep(missing[i]!, facts);
      }
      return hetus.map((hetu) => this.known.get(hetu)!);
    });
  }

  private keep(hetu: string, facts: PersonFacts): PersonFacts {
    if (!this.known.has(hetu)) this.known.set(hetu, facts);
    return facts;
  }
}
