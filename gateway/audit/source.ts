// The disclosure log's views run inside the gateway process, in the manner of Apollo's
// LocalGraphQLDataSource: the planner's fetch to the `audit` subgraph is executed here against the
// views' schema, with the request's own caller, purpose and person facts. No port, no ticket: nothing
// leaves the process, and the views decide on the same access the rest of the request was decided on.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { execute, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import type { Db } from '../../shared/db.ts';
import { maskError } from '../../shared/error-masking.ts';
import { assertStorableArguments } from '../../shared/input-text.ts';
import { buildSubgraph } from '../../shared/subgraph.ts';
import type { GatewayContext } from '../context.ts';
import type { AuditSchema } from './db/schema.ts';
import { type AuditContext, auditViews } from './views.ts';

type Response = ReturnType<GraphQLDataSource<GatewayContext>['process']>;

export class AuditViewsSource implements GraphQLDataSource<GatewayContext> {
  private constructor(
    private readonly schema: GraphQLSchema,
    private readonly db: Db<AuditSchema>,
  ) {}

  static async over(db: Db<AuditSchema>): Promise<AuditViewsSource> {
    return new AuditViewsSource((await buildSubgraph(auditViews)).schema, db);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Response {
    // The gateway loads its schema from the static supergraph: the only fetches are an operation's.
    if (!('incomingRequestContext' in options))
      throw new Error(`the log views answer operations only (${options.kind})`);
    const { request, context } = options;
    const { access, facts, scope } = context;
    if (!access) throw new Error('no access context: the operation should have been refused before any fetch');
    // The same single masking point a subgraph's answer passes, then the gateway's own.
    const mask = (errors: readonly GraphQLError[]) => errors.map((e) => maskError('audit', e.toJSON(), e, scope));
    try {
      const document = parse(request.query ?? '');
      const invalid = validate(this.schema, document);
      if (invalid.length > 0) return { errors: mask(invalid) };
      assertStorableArguments(document, request.variables);
      const contextValue: AuditContext = { access, db: this.db, facts: (hetu) => facts.load(hetu) };
      const result = await execute({
        schema: this.schema,
        document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue,
      });
      return { data: result.data, ...(result.errors ? { errors: mask(result.errors) } : {}) };
    } catch (e) {
      if (e instanceof GraphQLError) return { errors: mask([e]) };
      throw e;
    }
  }
}
