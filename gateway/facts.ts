// The gateway's batch lookup of person facts from the joint subgraph: one round trip per batch.
import DataLoader from 'dataloader';
import { subgraphUnavailable } from '../shared/errors.ts';
import type { PersonFacts } from '../shared/policy.ts';
import { documentHash, FACTS_PATH, factsDocument, signTicket, type TicketClaims } from '../shared/tickets.ts';
import type { TicketSigner } from './datasource.ts';
import { loggerFor } from '../shared/logger.ts';
import { injectTraceparent, inSpan } from '../shared/telemetry.ts';

const log = loggerFor('gateway.facts');

export function fetchFacts(
  jointUrl: string,
  signer: TicketSigner,
  claims: Omit<TicketClaims, 'doc' | 'vars' | 'grants'>,
  hetus: string[],
): Promise<PersonFacts[]> {
  return inSpan('facts.lookup', { 'tym.persons': hetus.length }, () => lookUp(jointUrl, signer, claims, hetus));
}

async function lookUp(
  jointUrl: string,
  signer: TicketSigner,
  claims: Omit<TicketClaims, 'doc' | 'vars' | 'grants'>,
  hetus: string[],
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
    log.error({ cause }, 'joint facts lookup failed');
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
): DataLoader<string, PersonFacts> {
  return new DataLoader<string, PersonFacts>(
    async (keys) => {
      const hetus = [...keys];
      const byHetu = new Map((await fetchFacts(jointUrl, signer, claims, hetus)).map((f) => [f.hetu, f]));
      return hetus.map((h) => byHetu.get(h) ?? new Error('joint facts lookup returned no entry'));
    },
    { maxBatchSize: 1000 },
  );
}
