// Every fetch to a subgraph carries a ticket signed for that subgraph, with the grants for exactly
// the persons in the fetch (docs/DESIGN.md decision 4).
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { KeyObject } from 'node:crypto';
import { grantsFor, type Access, type PersonFacts, type PersonGrants } from '../shared/policy.ts';
import { documentHash, signTicket, TICKET_EXTENSION, variablesHash } from '../shared/tickets.ts';
import { FACTS_EXTENSION, RELEASE_EXTENSION, type ReleaseReport } from '../shared/subgraph.ts';
import { REGISTERS, type DataCategory, type Register } from '../shared/vocabulary.ts';
import type { GatewayContext } from './context.ts';
import { recordRelease } from './plugins/releases.ts';
import { HeldResponse, subgraphFetcher } from './subgraph-client.ts';
import { subgraphUnavailable } from '../shared/errors.ts';
import type { InProcessGraphQL } from '../shared/http.ts';
import { loggerFor } from '../shared/logger.ts';
import { requestFields } from '../shared/request-scope.ts';
import { describeError } from '../shared/safe-errors.ts';
import { injectTraceparent, inSpan } from '../shared/telemetry.ts';

const log = loggerFor('gateway.fetch');
/** What a subgraph's error answer said (its status and codes, never its messages), for the log line. */
const failures = new WeakMap<GraphQLError, { status: number; codes: string[] | undefined }>();

export interface TicketSigner {
  key: KeyObject;
  kid: string;
}

/** Thrown by a person whose facts are not loaded, when a decision reads them. */
const FACTS_NEEDED = Symbol('facts needed');

/**
 * The grants for a person when the policy decides every category without the person's facts (their
 * customership and consents): an official reading their own register (OWN), or a request refused for
 * reasons that do not depend on the person. null when any decision reads the facts. The policy itself
 * tells: it decides against a person whose facts cannot be read, so no rule is repeated here.
 */
export function grantsWithoutFacts(
  access: Access,
  hetu: string,
  register: Register,
  categories: Iterable<DataCategory>,
): PersonGrants | null {
  const unread = new Proxy({ hetu } as PersonFacts, {
    get(target, property) {
      if (property === 'hetu') return target.hetu;
      throw FACTS_NEEDED;
    },
  });
  try {
    return grantsFor(access, unread, register, categories);
  } catch (e) {
    if (e === FACTS_NEEDED) return null;
    throw e;
  }
}

/** Each person's grants per register as this request's tickets carried them, by `<register>\0<hetu>`. */
const grantsDecided = new WeakMap<GatewayContext, Map<string, PersonGrants>>();
const decidedIn = (context: GatewayContext): Map<string, PersonGrants> => {
  let decided = grantsDecided.get(context);
  if (!decided) grantsDecided.set(context, (decided = new Map()));
  return decided;
};

/**
 * A person's grants in a register for this request, for every category the register carries: those its
 * ticket carried when the register was fetched for the person, else decided now as a fetch would (with the
 * request's facts when they are needed), and kept for the rest of the request.
 */
export function requestGrants(
  context: GatewayContext,
  hetu: string,
  register: Register,
  categories: Iterable<DataCategory>,
): PersonGrants | Promise<PersonGrants> {
  const access = context.access;
  if (!access) throw new Error('no access context');
  const decided = decidedIn(context);
  const key = `${register}\u0000${hetu}`;
  const known = decided.get(key) ?? grantsWithoutFacts(access, hetu, register, categories);
  if (known) {
    decided.set(key, known);
    return known;
  }
  return context.facts.load(hetu).then((facts) => {
    const grants = grantsFor(access, facts, register, categories);
    decided.set(key, grants);
    return grants;
  });
}

/**
 * A fetch that hands the request, as the subgraph would read it off the wire (the same JSON body, ticket
 * and headers), to the subgraph's /graphql in this process, and its answer back as a Response: everything
 * the data source does before and after (the ticket, the release report, the errors) stays as over HTTP.
 */
export function inProcessFetcher(inProcess: InProcessGraphQL): typeof fetch {
  return (async (_url: unknown, init?: { body?: unknown; headers?: unknown }) => {
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init?.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const answer = await inProcess(body, headers);
    // Its JSON value is the subgraph's own fresh result, which nothing in the subgraph touches once answered.
    return new HeldResponse(answer.status, new Headers(answer.headers), answer);
  }) as unknown as typeof fetch;
}

/** The shape of the facts the joint subgraph reports; anything else is not taken for facts. */
function isPersonFacts(value: unknown): value is PersonFacts {
  const f = value as Partial<PersonFacts> | null;
  return (
    typeof f?.hetu === 'string' &&
    Array.isArray(f.consents) &&
    (f.activeCustomership === null || typeof f.activeCustomership?.area === 'string')
  );
}

export class TicketedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly signer: TicketSigner,
    /** the categories this subgraph's fields carry, from the supergraph */
    private readonly categories: ReadonlySet<DataCategory>,
    /** the subgraph's /graphql in this process (`tym start`): the same request, without the loopback HTTP */
    inProcess?: InProcessGraphQL,
  ) {
    super({ url, fetcher: inProcess ? inProcessFetcher(inProcess) : subgraphFetcher(url) });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context.access) throw new Error('no access context: the operation should have been refused before any fetch');
    const representations = (request.variables?.representations ?? []) as { hetu?: unknown }[];
    const hetus = [...new Set(representations.map((r) => r.hetu).filter((h): h is string => typeof h === 'string'))];
    const grants = await inSpan('policy.grants', { 'tym.subgraph': this.subgraph, 'tym.persons': hetus.length }, () =>
      this.grantsFor(context as GatewayContext, hetus),
    );
    const ticket = await signTicket(this.signer.key, this.signer.kid, this.subgraph, {
      caller: context.caller,
      purpose: context.access.purpose,
      caseReference: context.caseReference,
      requestId: context.requestId,
      doc: documentHash(request.query ?? ''),
      // The persons of an entity fetch and a mutation's arguments travel as variables: bound too.
      vars: variablesHash(request.variables),
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      ...(grants ? { grants } : {}),
    });
    request.extensions = { ...(request.extensions ?? {}), [TICKET_EXTENSION]: ticket };
    // The subgraph's spans join this fetch's trace (W3C traceparent); nothing is added with tracing off.
    if (request.http) injectTraceparent(request.http.headers);
  }

  /** The policy's decision for each person of the fetch, with the facts of only those whose grants need them. */
  private async grantsFor(context: GatewayContext, hetus: string[]): Promise<Record<string, PersonGrants> | undefined> {
    if (hetus.length === 0 || !context.access) return undefined;
    const grants: Record<string, PersonGrants> = {};
    const register = this.subgraph as Register;
    const decided = decidedIn(context);
    // Facts only for the persons whose grants depend on them: an OWN read costs no round trip to the joint subgraph.
    const needFacts: string[] = [];
    for (const hetu of hetus) {
      const known =
        decided.get(`${register}\u0000${hetu}`) ?? grantsWithoutFacts(context.access, hetu, register, this.categories);
      if (known) grants[hetu] = known;
      else needFacts.push(hetu);
    }
    if (needFacts.length > 0) {
      // fail closed: no facts, no fetch
      for (const facts of await context.facts.all(needFacts))
        grants[facts.hetu] = grantsFor(context.access, facts, register, this.categories);
    }
    for (const [hetu, g] of Object.entries(grants)) decided.set(`${register}\u0000${hetu}`, g);
    return grants;
  }

  /** Collects the subgraph's report of what it released; the gateway logs it before answering. */
  override async didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const extensions = response.extensions as Record<string, unknown> | undefined;
    const facts = extensions?.[FACTS_EXTENSION];
    if (facts !== undefined) {
      delete extensions![FACTS_EXTENSION];
      // Only the joint record holds the facts: a register's own would decide that register's grants.
      if (this.subgraph !== 'joint') throw new Error(`${this.subgraph} sends person facts but holds none`);
      // The facts the joint subgraph read for this request's own decisions: the registers' grants and
      // the log's entries are decided from them, with no second look-up (the loader is this request's).
      if (Array.isArray(facts)) for (const f of facts) if (isPersonFacts(f)) context.facts.prime(f.hetu, f);
    }
    const report = extensions?.[RELEASE_EXTENSION];
    if (Array.isArray(report)) {
      if (this.subgraph === 'audit' || !(REGISTERS as readonly string[]).includes(this.subgraph))
        throw new Error(`${this.subgraph} reports releases but keeps no register`);
      const register = this.subgraph as Register;
      // Field by field, not `{ ...r, register }`: a spread copy takes V8's slow path, for every person of a page.
      for (const r of report as ReleaseReport[]) {
        recordRelease(context, { kind: r.kind, hetu: r.hetu, categories: r.categories, bases: r.bases, register });
      }
      delete extensions![RELEASE_EXTENSION];
    }
    return response;
  }

  /** A subgraph that cannot be reached is named in the answer (SUBGRAPH_UNAVAILABLE); the cause stays in the log. */
  override didEncounterError(
    error: Error,
    _fetchRequest: unknown,
    _fetchResponse?: unknown,
    context?: GatewayContext,
  ): void {
    const request = requestFields(context?.scope);
    if (error instanceof GraphQLError) {
      // errorFromResponse's answer
      const failure = failures.get(error);
      if (failure) log.error({ ...request, subgraph: this.subgraph, ...failure }, 'subgraph answered with an error');
      throw error;
    }
    log.error({ ...request, subgraph: this.subgraph, error: describeError(error) }, 'subgraph could not be reached');
    throw subgraphUnavailable(this.subgraph);
  }

  /**
   * A subgraph answers 400 for the caller's own mistakes (a malformed variable, a query too large): pass its code and
   * message on. Anything else (a refused ticket, a crash) stays an opaque internal error.
   */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    if (response.status === 400) {
      try {
        type Reply = {
          errors?: { message?: string; extensions?: { code?: string; reason?: unknown; field?: unknown } }[];
        };
        const first = ((await response.clone().json()) as Reply).errors?.[0];
        const code = first?.extensions?.code;
        if ((code === 'BAD_USER_INPUT' || code === 'QUERY_TOO_COMPLEX') && first?.message) {
          const { reason, field } = first.extensions ?? {};
          const detail = {
            ...(typeof reason === 'string' ? { reason } : {}),
            ...(typeof field === 'string' ? { field } : {}),
          };
          return new GraphQLError(first.message, { extensions: { code, ...detail, serviceName: this.subgraph } });
        }
      } catch {
        // not a GraphQL body: fall through
      }
    }
    // The subgraph's error codes stay in the gateway's log; not its messages, which may describe internals.
    const codes = await response
      .clone()
      .json()
      .then((r: { errors?: { extensions?: { code?: unknown } }[] }) => r.errors?.map((e) => String(e.extensions?.code)))
      .catch(() => undefined);
    const error = new GraphQLError(`The ${this.subgraph} register could not answer`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph },
    });
    // Logged by didEncounterError, which knows the request.
    failures.set(error, { status: response.status, codes });
    return error;
  }
}
