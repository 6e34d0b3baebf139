// The disclosure log (docs/LAW.md rule 18): written before the response leaves. If it cannot be written,
// no personal data leaves (fail closed), and the answer names the real cause: the joint subgraph's
// facts the entries need, or the log itself.
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { subgraphUnavailable } from '../../shared/errors.ts';
import type { PersonFacts } from '../../shared/policy.ts';
import { documentHash } from '../../shared/tickets.ts';
import { auditUnavailable, logMaterial, personsToLoad, type LogRequest } from '../audit/log.ts';
import type { AuditWriter } from '../audit/writer.ts';
import type { GatewayContext } from '../context.ts';
import { lookupsOf } from './lookups.ts';
import { releasesOf } from './releases.ts';
import { describeError } from '../../shared/safe-errors.ts';
import { loggerFor } from '../../shared/logger.ts';
import { requestFields } from '../../shared/request-scope.ts';
import { inSpan } from '../../shared/telemetry.ts';

const log = loggerFor('disclosure-log');

async function loadFacts(context: GatewayContext, hetus: string[]): Promise<Map<string, PersonFacts>> {
  const facts = new Map<string, PersonFacts>();
  for (const f of await context.facts.all(hetus)) facts.set(f.hetu, f);
  return facts;
}

/** Replaces the whole answer: nothing of it may leave. */
function withhold(response: GraphQLResponse, refusal: GraphQLError, requestId: string): void {
  if (response.body.kind !== 'single') return;
  response.body.singleResult.data = null;
  response.body.singleResult.extensions = undefined;
  response.body.singleResult.errors = [{ message: refusal.message, extensions: { ...refusal.extensions, requestId } }];
  if (response.http) response.http.status = 503;
}

export const disclosureLog = (audit: AuditWriter): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    // A commit starting meanwhile waits a moment for this request's entries (gateway/audit/writer.ts).
    const arrived = audit.expect();
    return {
      async willSendResponse({ response, contextValue, operationName, source }) {
        try {
          await logged(audit, response, contextValue, operationName ?? null, source, arrived);
        } finally {
          arrived();
        }
      },
    };
  },
});

/** Writes the request's entries and look-ups, and waits for their commit; or withholds the answer. */
async function logged(
  audit: AuditWriter,
  response: GraphQLResponse,
  contextValue: GatewayContext | undefined,
  operationName: string | null,
  source: string | undefined,
  arrived: () => void,
): Promise<void> {
  if (response.body.kind !== 'single' || !contextValue?.purpose) return;
  const { requestId } = contextValue;
  const request: LogRequest = {
    operationName,
    documentHash: documentHash(source ?? ''),
    releases: releasesOf(contextValue),
    lookups: lookupsOf(contextValue),
    errors: response.body.singleResult.errors ?? [],
  };
  let facts: Map<string, PersonFacts>;
  try {
    facts = await loadFacts(contextValue, personsToLoad(request));
  } catch (e) {
    log.error(
      { ...requestFields(contextValue.scope), error: describeError(e) },
      'person facts for the disclosure log could not be loaded; response withheld',
    );
    return withhold(response, subgraphUnavailable('joint'), requestId);
  }
  try {
    const material = logMaterial(contextValue, request, facts);
    const committed = audit.append(material);
    arrived();
    await inSpan('audit.commit', { 'tym.entries': material.entries.length }, () => committed);
  } catch (e) {
    log.error(
      { ...requestFields(contextValue.scope), error: describeError(e) },
      'disclosure log write failed; response withheld',
    );
    withhold(response, auditUnavailable(), requestId);
  }
}
