// Builds and serves one organisation's subgraph: type-graphql classes → Federation 2 SDL with the
// `@tymData` category directive → an Apollo subgraph whose categorised fields are all wrapped by the
// same enforcement, and which answers only requests carrying a valid gateway ticket.
import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  GraphQLError,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import type { VerifyKey } from './keys.ts';
import { controllersOf } from './areas.ts';
import { categoriesAndBases } from './releases.ts';
import { DEFAULT_TICKET_MAX_LIFETIME_SECONDS } from './config.ts';
import { maskError, requestOfError, tieErrors } from './error-masking.ts';
import { forbidden, unauthenticated } from './errors.ts';
import {
  inProcessGraphQL,
  resultText,
  serveGraphQL,
  sendJson,
  type HttpService,
  type InProcessGraphQL,
  type Route,
} from './http.ts';
import { assertStorableArguments } from './input-text.ts';
import { describeError } from './safe-errors.ts';
import { countTicketRefused } from './metrics.ts';
import { requestFields, type RequestScope as ServedRequest, type Scoped } from './request-scope.ts';
import { countRefusals, refusedCategory, requestTelemetry, traceRootResolvers } from './request-telemetry.ts';
import { inSpan, tracingOn } from './telemetry.ts';
import type { Policy } from './policy-config.ts';
import {
  decide,
  decideWithoutPerson,
  finnishDate,
  readGrant,
  type Access,
  type Decision,
  type FieldRef,
  type PersonFacts,
} from './policy.ts';
import {
  MemoryTicketUses,
  TICKET_EXTENSION,
  TicketError,
  TicketGate,
  type Ticket,
  type TicketUses,
} from './tickets.ts';
import { DATA_CATEGORIES, type Basis, type DataCategory, type Register } from './vocabulary.ts';
import { compactText } from './compact-text.ts';
import { apolloLogger, loggerFor } from './logger.ts';

export const TYM_SPEC_URL = 'https://specs.tym-gateway.invalid/tym/v1.0';

const log = loggerFor('subgraph');

const FEDERATION_HEADER =
  `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible", ` +
  `"@composeDirective"])
  @link(url: "${TYM_SPEC_URL}", import: ["@tymData"])
  @composeDirective(name: "@tymData")

"The section 11(2) data category of a field holding personal data (act 381/2023); ORG_INTERNAL never leaves ` +
  `its organisation."
directive @tymData(category: DataCategory!) on FIELD_DEFINITION
`;
const DATA_CATEGORY_ENUM = `enum DataCategory {\n${DATA_CATEGORIES.map((c) => `  ${c}`).join('\n')}\n}\n`;

/** The category a field carries in the SDL, if any. */
export function categoryOf(field: { astNode?: FieldDefinitionNode | null }): DataCategory | undefined {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'tymData');
  const arg = directive?.arguments?.find((a) => a.name.value === 'category');
  return arg && (arg.value.kind === Kind.ENUM || arg.value.kind === Kind.STRING)
    ? (compactText(arg.value.value) as DataCategory)
    : undefined;
}

export interface SubgraphContext<L = unknown> extends Scoped {
  ticket: Ticket;
  access: Access;
  loaders: L;
  /**
   * Whether this person's field may be returned; decided from the ticket (and, in the joint subgraph, its own facts).
   */
  decide(hetu: string, field: FieldRef): Decision | Promise<Decision>;
  /**
   * Reads the person's facts ahead of their fields, when this subgraph decides from its own facts and the
   * ticket carries no grant for the person: each field of the person is then decided at once, without
   * a promise of its own (a page of persons has thousands of such fields). Nothing to wait for otherwise.
   */
  prefetch(hetu: string): Promise<void> | undefined;
  /**
   * What this request released, per person: the organisation's own record of its disclosures. One
   * category may leave on several bases at once: own rows as OWN, another controller's as SECTION_15.
   */
  released: Map<string, Map<DataCategory, Set<Basis>>>;
  /** What this request wrote, per person: logged as use. */
  used: Map<string, Map<DataCategory, Set<Basis>>>;
  note(kind: 'released' | 'used', hetu: string, category: DataCategory, basis: Basis): void;
  /**
   * The joint subgraph's facts read for this request's decisions, per person: sent back to the gateway
   * (FACTS_EXTENSION), which decides the registers' grants from them instead of asking for them again. A
   * resolver that read them along with its own rows (the caseload page) sets them here: then its persons'
   * fields are decided from them at once.
   */
  factsRead: Map<string, PersonFacts>;
}

/** The response extension in which a subgraph tells the gateway what it released and used. */
export const RELEASE_EXTENSION = 'tymReleased';
/**
 * The response extension in which the joint subgraph gives the gateway the facts it read to decide
 * this request (the same as its facts route answers, read in the same request): the gateway's grants
 * for the registers then need no second round trip. Only the joint subgraph's is read.
 */
export const FACTS_EXTENSION = 'tymFacts';
/** `categories[i]` left on `bases[i]`; a category appears once per basis it left on. */
export interface ReleaseReport {
  kind: 'DISCLOSURE' | 'USE';
  hetu: string;
  categories: DataCategory[];
  bases: Basis[];
}

function releaseReport(ctx: SubgraphContext): ReleaseReport[] {
  const out: ReleaseReport[] = [];
  for (const [kind, map] of [
    ['DISCLOSURE', ctx.released],
    ['USE', ctx.used],
  ] as const) {
    for (const [hetu, cats] of map) out.push({ kind, hetu, ...categoriesAndBases(cats) });
  }
  return out;
}

/** A decorated class type-graphql reads: a resolver or an object type. */
type DecoratedClass = abstract new (...args: any[]) => unknown;

/**
 * What a subgraph is, apart from any running copy of it: its types, resolvers and reference resolvers.
 * Composition reads it without a database; a running service adds its request scope (below).
 */
export interface SubgraphDefinition {
  name: string;
  /** the register its categorised fields belong to; null for a subgraph without personal fields */
  register: Register | null;
  resolvers: NonEmptyArray<DecoratedClass>;
  orphanedTypes?: DecoratedClass[];
  referenceResolvers?: Record<string, Record<string, unknown>>;
}

/** What one request of a running subgraph reads through: fresh DataLoaders over its database. */
export interface RequestScope<L> {
  loaders: L;
  /** The joint subgraph decides from its own facts when a ticket carries no grant for a person. */
  personFacts?: (hetu: string) => Promise<PersonFacts>;
}

export async function buildSubgraphSdl(
  def: Pick<SubgraphDefinition, 'resolvers' | 'orphanedTypes'>,
): Promise<{ sdl: string; typeGraphqlSchema: GraphQLSchema }> {
  // type-graphql gives every plain field a resolver of its own, there to run middlewares and auth checks
  // (no subgraph has any): a page of persons runs thousands of them, each making an object. A plain field
  // then reads its property as GraphQL's default resolver does; field resolvers (methods) are unchanged.
  for (const type of getMetadataStorage().objectTypes) type.simpleResolvers ??= true;
  const typeGraphqlSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    skipCheck: true,
    validate: false,
  });
  // type-graphql prints directive arguments as strings; the directive's argument is an enum.
  let printed = printSchemaWithDirectives(typeGraphqlSchema).replace(
    /@tymData\(category: "([A-Z_]+)"\)/g,
    '@tymData(category: $1)',
  );
  printed = printed.replace(/^schema \{[^}]*\}\s*/m, '');
  const sdl =
    FEDERATION_HEADER + '\n' + (printed.includes('enum DataCategory') ? '' : DATA_CATEGORY_ENUM + '\n') + printed;
  return { sdl, typeGraphqlSchema };
}

export async function buildSubgraph(def: SubgraphDefinition): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const { sdl, typeGraphqlSchema } = await buildSubgraphSdl(def);
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [type, extra] of Object.entries(def.referenceResolvers ?? {}))
    resolvers[type] = { ...(resolvers[type] ?? {}), ...extra };
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  enforceCategories(schema, def.register);
  if (tracingOn()) traceRootResolvers(schema);
  return { schema, sdl };
}

/**
 * Wraps every field that carries a category: the person is the parent's `hetu`; a refused field
 * resolves to an error (null in the response) and the wrapped resolver never runs, so no query for
 * refused data is even made. A categorised field whose parent has no hetu is refused (deny by default).
 *
 * In an authority's register every row records the controller that stored it, and the decision is
 * made per row (docs/LAW.md rule 10): rows of the caller's own controllers on the ticket's `own` grant,
 * everyone else's on its other grant. A field is refused only when both refuse, with the own grant's
 * reason (never the person's: own-register refusals do not depend on the person). Otherwise a row
 * whose grant refuses is left out without a word: an error or a marker for it would tell
 * the caller that another controller holds data about the person, i.e. that the person is or was its
 * client, which is itself secret (docs/LAW.md rule 20). So whether a field is refused depends on the
 * grants alone, never on which rows exist. A list field keeps its allowed rows; a single-row field's
 * resolver may return candidate rows, newest first, and the newest allowed one is returned.
 */
function enforceCategories(schema: GraphQLSchema, register: Register | null): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const category = categoryOf(field);
      if (!category) continue;
      if (!register)
        throw new Error(`${type.name}.${field.name} carries a category but its subgraph keeps no register`);
      const inner = field.resolve ?? defaultFieldResolver;
      const list = isListType(getNullableType(field.type));
      // The field as the policy is asked about it (for a register's rows, by who stored them), made once
      // rather than for every person.
      const asked: RegisterField = {
        register,
        category,
        own: { register, category, storedByCaller: true },
        other: { register, category, storedByCaller: false },
      };
      // Synchronous wherever the decision is (the ticket's grants are): a page of persons has thousands of
      // these fields, and each promise and await costs. A refusal thrown here is the field's error all the same.
      const resolve: GraphQLFieldResolver<unknown, SubgraphContext> = (parent, args, ctx, info) => {
        const hetu = (parent as { hetu?: unknown } | null)?.hetu;
        if (typeof hetu !== 'string') throw refusedCategory(forbidden('NO_LEGAL_BASIS'), category);
        if (register === 'joint') {
          // The joint record is jointly controlled (§13): one decision for the whole field.
          return settle(ctx.decide(hetu, asked), (decision) => {
            if (!decision.allowed) throw refusedCategory(forbidden(decision.reason), category);
            return settle(inner(parent, args, ctx, info), (value: unknown) => {
              const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
              if (!empty) ctx.note('released', hetu, category, decision.basis);
              return value;
            });
          });
        }
        return settle(rowDecider(ctx, hetu, asked), (decideRow) =>
          settle(inner(parent, args, ctx, info), (value: unknown) => {
            const rows = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
            const released: unknown[] = [];
            for (const row of rows) {
              const decision = decideRow(row);
              if (!decision.allowed) continue;
              released.push(row);
              ctx.note('released', hetu, category, decision.basis);
              if (!list) break;
            }
            return list ? released : (released[0] ?? null);
          }),
        );
      };
      field.resolve = resolve;
    }
  }
}

/**
 * The decision for each row of one person's field in an authority's register, by the controller the
 * row records; throws the field's refusal when no row could be returned whatever its controller.
 */
function rowDecider(
  ctx: SubgraphContext,
  hetu: string,
  field: RegisterField,
): ((row: unknown) => Decision) | Promise<(row: unknown) => Decision> {
  const own = ctx.access.caller.org === field.register ? ctx.decide(hetu, field.own) : null;
  const other = ctx.decide(hetu, field.other);
  if (isPromise(own) || isPromise(other))
    return Promise.all([own, other]).then(([o, t]) => rowDeciderOf(ctx, field.category, o, t));
  return rowDeciderOf(ctx, field.category, own, other);
}

/** A field of a register, and as asked about rows the caller stored and rows another controller stored. */
interface RegisterField extends FieldRef {
  own: FieldRef;
  other: FieldRef;
}

function rowDeciderOf(
  ctx: SubgraphContext,
  category: DataCategory,
  own: Decision | null,
  other: Decision,
): (row: unknown) => Decision {
  if (!own?.allowed && !other.allowed) throw refusedCategory(forbidden((own ?? other).reason), category);
  const mine = own ? callerControllers(ctx) : [];
  return (row) => {
    const controller = (row as { controller?: unknown } | null)?.controller;
    if (typeof controller !== 'string' || controller === '') return unrecorded;
    return own && mine.includes(controller) ? own : other;
  };
}

const unrecorded: Decision = Object.freeze({
  allowed: false,
  reason: 'NO_LEGAL_BASIS',
  rule: 'deny by default: no controller recorded',
});

/** The controllers the caller works for, worked out once per request rather than once per person and field. */
const controllersByRequest = new WeakMap<SubgraphContext, readonly string[]>();
function callerControllers(ctx: SubgraphContext): readonly string[] {
  let mine = controllersByRequest.get(ctx);
  if (!mine) controllersByRequest.set(ctx, (mine = controllersOf(ctx.access.caller)));
  return mine;
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** `then(value)` at once for a value, after it for a promise. */
function settle<T, R>(value: T | Promise<T>, then: (v: T) => R): R | Promise<Awaited<R>> {
  return isPromise(value) ? (value.then(then) as Promise<Awaited<R>>) : then(value);
}

/** `__resolveReference` for Person in a register subgraph: only persons the ticket names exist here. */
export function personReference(ref: { hetu?: unknown }, ctx: SubgraphContext): { hetu: string } | null {
  return typeof ref.hetu === 'string' && ctx.ticket.grants?.[ref.hetu] ? { hetu: ref.hetu } : null;
}

export interface RunningSubgraph extends HttpService {
  sdl: string;
  /**
   * Its /graphql called in this process, for a gateway running beside it (`tym start`): the same ticket
   * check, single use, enforcement and release record as over HTTP, without the loopback round trip.
   */
  inProcess: InProcessGraphQL;
}

export async function serveSubgraph<L>(
  def: SubgraphDefinition,
  opts: {
    host: string;
    port: number;
    policy: Policy;
    ticketKeys: readonly VerifyKey[];
    /** Each request's own loaders over the running service's database (shared/service.ts). */
    requestScope: () => RequestScope<L>;
    /**
     * Where accepted tickets are remembered. Default: this process's memory, right only while the
     * subgraph runs as one process; the services pass their database's store (shared/ticket-uses.ts).
     */
    ticketUses?: TicketUses;
    /** The longest ticket lifetime accepted (the process's TYM_TICKET_MAX_LIFETIME_SECONDS; default 30 s). */
    ticketMaxLifetimeSeconds?: number;
    /** Extra JSON routes (the joint subgraph's facts endpoint); /health is always there. */
    routes?: Record<string, Route>;
    onRelease?: (ctx: SubgraphContext<L>) => Promise<void> | void;
    /**
     * Claims a read's ticket and records its releases in one statement, the releases only if the claim
     * succeeds (shared/releases.ts `ReleaseRecorder`); without it, the claim and `onRelease` run in turn.
     */
    claimWithRelease?: (ctx: SubgraphContext<L>) => (id: string, until: number) => Promise<boolean>;
  },
): Promise<RunningSubgraph> {
  const { schema, sdl } = await buildSubgraph(def);
  const gate = new TicketGate({
    keys: opts.ticketKeys,
    audience: def.name,
    uses: opts.ticketUses ?? new MemoryTicketUses(),
    maxLifetimeSeconds: opts.ticketMaxLifetimeSeconds ?? DEFAULT_TICKET_MAX_LIFETIME_SECONDS,
  });
  const apollo = new ApolloServer<SubgraphContext<L>>({
    // The process stops on signals by itself (cli/tym.ts): Apollo's own handler would stop this server
    // and send the signal again, which the command reads as a second signal.
    stopOnTerminationSignals: false,
    logger: apolloLogger(def.name),
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    // The gateway of `tym start` reads the result as a value, not as JSON text (shared/http.ts).
    stringifyResult: resultText,
    // An error met in a request is masked under the request's id, the ticket's (the gateway's) once accepted.
    formatError: (formatted, error) => maskError(def.name, formatted, error, requestOfError(error)),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // Every answer is personal or per caller, never to be kept by an HTTP cache: working out a
      // cache policy field by field is wasted work (a long statistics table has thousands).
      ApolloServerPluginCacheControlDisabled(),
      {
        async requestDidStart() {
          return {
            // Before any resolver, so before any SQL: text the database cannot store is the caller's mistake.
            async didResolveOperation({ document, request, operation, contextValue }) {
              assertStorableArguments(document, request.variables);
              // A write claims its ticket before it runs: replayed, it would apply twice. A read claims it as its
              // answer leaves, with its release record (below): replayed, it is refused and nothing leaves.
              if (operation?.operation !== 'query') await claimNow(contextValue);
            },
            async didEncounterErrors({ errors, contextValue }) {
              if (contextValue?.ticket?.requestId) tieErrors(errors, contextValue.scope);
              countRefusals(def.name, errors);
            },
            // Both ends log: the gateway's disclosure log reads this report; the register keeps its own.
            async willSendResponse({ contextValue, response, operation }) {
              if (response.body.kind !== 'single') {
                // No answer in parts is ever made here (no @defer); were one made, its ticket is still used up.
                if (unclaimed.delete(contextValue.ticket)) await claimNow(contextValue);
                return;
              }
              const report = releaseReport(contextValue);
              // No answer leaves unrecorded; the failure is logged by kind, never with the statement.
              const unrecorded = (e: unknown) => {
                // Under the request's id, which Apollo's own report of the failure (thrown below) cannot name.
                log.error(
                  { ...requestFields(contextValue.scope), service: def.name, error: describeError(e) },
                  'the register could not record the release; nothing answered',
                );
                throw new Error(`the register could not record the release (${describeError(e)})`);
              };
              if (unclaimed.delete(contextValue.ticket)) {
                // A read's ticket is claimed now, in the same statement as its release record when the
                // service keeps one: a replayed ticket gets the refusal a used one always got, and nothing else.
                const claimed = await claimNow(contextValue, true).then(
                  () => true,
                  (e) => {
                    if (e instanceof GraphQLError) return false;
                    return unrecorded(e);
                  },
                );
                if (!claimed) {
                  response.body.singleResult = {
                    errors: [maskError(def.name, refusedTicket().toJSON(), undefined, contextValue.scope)],
                  };
                  if (response.http) response.http.status = 401;
                  return;
                }
              } else if (report.length > 0) {
                await Promise.resolve(opts.onRelease?.(contextValue)).catch(unrecorded);
              }
              // Not after a write: what it changed (a consent, a customership) must be read anew.
              if (contextValue.factsRead.size > 0 && operation?.operation === 'query') {
                response.body.singleResult.extensions = {
                  ...response.body.singleResult.extensions,
                  [FACTS_EXTENSION]: [...contextValue.factsRead.values()],
                };
              }
              if (report.length === 0) return;
              response.body.singleResult.extensions = {
                ...response.body.singleResult.extensions,
                [RELEASE_EXTENSION]: report,
              };
            },
          };
        },
      },
      requestTelemetry(),
    ],
  });
  await apollo.start();
  /** The refusal of a ticket; the reason is in this subgraph's log (TicketGate), the caller learns only this. */
  const refusedTicket = () => unauthenticated('The request carries no valid ticket');
  const refusal = (e: unknown) => {
    if (!(e instanceof TicketError)) return e;
    countTicketRefused(def.name, e.message);
    return refusedTicket();
  };
  /**
   * The verified tickets not yet claimed: each is claimed before its request's answer leaves. (Kept by the
   * ticket: Apollo hands the plugins a copy of the context.)
   */
  const unclaimed = new WeakSet<Ticket>();
  const claimNow = async (ctx: SubgraphContext<L>, withRelease = false) => {
    unclaimed.delete(ctx.ticket);
    try {
      if (withRelease && opts.claimWithRelease) await gate.claim(ctx.ticket, opts.claimWithRelease(ctx), ctx.scope);
      else {
        await gate.claim(ctx.ticket, undefined, ctx.scope);
        if (withRelease && ctx.released.size > 0) await opts.onRelease?.(ctx);
      }
    } catch (e) {
      throw refusal(e);
    }
  };
  // Every request, over HTTP or in process, passes the ticket gate here before anything else runs.
  const contextOf = async (
    body: Record<string, unknown> | undefined,
    served: ServedRequest,
  ): Promise<SubgraphContext<L>> => {
    let ticket: Ticket;
    try {
      const ext = (body?.extensions ?? {}) as Record<string, unknown>;
      ticket = await inSpan('ticket.verify', { 'tym.service': def.name }, () =>
        gate.verify(ext[TICKET_EXTENSION], body?.query as string | undefined, body?.variables, served),
      );
    } catch (e) {
      throw refusal(e);
    }
    // From here on this request's log lines, its X-Request-Id and its errors carry the gateway's request id.
    served.requestId = ticket.requestId;
    const ctx = createSubgraphContext(opts.requestScope(), ticket, opts.policy, served);
    unclaimed.add(ticket);
    return ctx;
  };
  const http = await serveGraphQL<SubgraphContext<L>>({
    apollo,
    service: def.name,
    host: opts.host,
    port: opts.port,
    routes: { '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: def.name }), ...opts.routes },
    context: (_req: IncomingMessage, body, served) => contextOf(body, served),
  });
  const inProcess = inProcessGraphQL<SubgraphContext<L>>({ apollo, service: def.name, context: contextOf });
  return {
    ...http,
    close: async () => {
      inProcess.stop();
      await http.close();
      await apollo.stop();
    },
    sdl,
    inProcess,
  };
}

export function createSubgraphContext<L>(
  scope: RequestScope<L>,
  ticket: Ticket,
  policy: Policy,
  /** the request as the HTTP front serves it: its id, trace and telemetry */
  served: ServedRequest,
): SubgraphContext<L> {
  const access: Access = { policy, caller: ticket.caller, purpose: ticket.purpose, today: finnishDate() };
  const { loaders, personFacts } = scope;
  const released = new Map<string, Map<DataCategory, Set<Basis>>>();
  const used = new Map<string, Map<DataCategory, Set<Basis>>>();
  const factsRead = new Map<string, PersonFacts>();
  // Read once per person and request (the loader batches the persons of a page), then kept in `factsRead`.
  const readFacts = (hetu: string): Promise<PersonFacts> =>
    personFacts!(hetu).then((facts) => {
      factsRead.set(hetu, facts);
      return facts;
    });
  return {
    scope: served,
    ticket,
    access,
    loaders,
    released,
    used,
    factsRead,
    note(kind, hetu, category, basis) {
      const map = kind === 'released' ? released : used;
      let person = map.get(hetu);
      if (!person) map.set(hetu, (person = new Map()));
      let bases = person.get(category);
      if (!bases) person.set(category, (bases = new Set()));
      bases.add(basis);
    },
    decide(hetu, field) {
      // Defence in depth: the rules that do not depend on the person are checked here again.
      const early = decideWithoutPerson(access, field);
      if (early) return early;
      const grant = ticket.grants?.[hetu];
      if (grant) {
        // docs/LAW.md rule 10: OWN never covers a row another controller stored, whatever a ticket says.
        const entry = field.storedByCaller ? grant.own?.[field.category] : grant[field.category];
        return entry === 'OWN' && !field.storedByCaller ? readGrant(undefined) : readGrant(entry);
      }
      if (!personFacts) return readGrant(undefined);
      const known = factsRead.get(hetu);
      if (known) return decide(access, known, field);
      return readFacts(hetu).then((facts) => decide(access, facts, field));
    },
    prefetch(hetu) {
      if (!personFacts || ticket.grants?.[hetu] || factsRead.has(hetu)) return undefined;
      return readFacts(hetu).then(() => undefined);
    },
  };
}
