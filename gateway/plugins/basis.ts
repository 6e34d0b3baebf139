// The legal basis of every datum in an answer, as a response extension (`tymBasis`), so that a frontend can
// label each datum with the basis it was released on (OWN, SECTION_15, CONSENT, DATA_SUBJECT) and, in the
// registers, the controller that stored it (docs/LAW.md rules 10, 14, 17). Worked out from the answer
// itself, after the disclosure log: an entry names only a path whose value the caller received, with the
// decision the grants of that very request made for it, so it tells nothing the data does not.
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { controllersOf } from '../../shared/areas.ts';
import type { PersonGrants } from '../../shared/policy.ts';
import { REGISTERS, type Basis, type DataCategory, type Register } from '../../shared/vocabulary.ts';
import type { CategoryMap } from '../categories.ts';
import type { GatewayContext } from '../context.ts';
import { requestGrants } from '../datasource.ts';
import { loggerFor } from '../../shared/logger.ts';
import { requestFields } from '../../shared/request-scope.ts';
import { describeError } from '../../shared/safe-errors.ts';

const log = loggerFor('basis');

export const BASIS_EXTENSION = 'tymBasis';

export interface BasisEntry {
  /** the datum's path in `data`, as in a GraphQL error's path */
  path: (string | number)[];
  register: Register;
  category: DataCategory;
  basis: Basis;
  /** in an authority's register: the controller that stored the row (docs/LAW.md rule 10) */
  controller?: string;
}

type Json = Record<string, unknown>;
type Path = (string | number)[];
type Fields = Map<string, { name: string; sets: SelectionSetNode[] }>;

/** Field selections of one object, fragments flattened: response key → field name and sub-selections. */
function fieldsOf(
  type: GraphQLObjectType,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  out: Fields = new Map(),
): Fields {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const key = s.alias?.value ?? s.name.value;
      const entry = out.get(key) ?? { name: s.name.value, sets: [] };
      if (s.selectionSet) entry.sets.push(s.selectionSet);
      out.set(key, entry);
    } else {
      const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments[s.name.value];
      if (!fragment) continue;
      const on = fragment.typeCondition?.name.value;
      if (on && on !== type.name) continue;
      fieldsOf(type, fragment.selectionSet, fragments, out);
    }
  }
  return out;
}

/** What is known of a selected categorised field before any answer: where its values belong and who stored them. */
interface DatumPlan {
  register: Register;
  category: DataCategory;
  /** the categories the register's grants are decided for, and the key of that decision for a person */
  grantCategories: Iterable<DataCategory>;
  grantsKey: string;
  /** the response key of the rows' `controller`, when selected, in an authority's register */
  controllerKey: string | undefined;
}

interface FieldPlan {
  /** the response key (the alias, if any) */
  key: string;
  name: string;
  /** set when the field's values are a register's categorised data */
  datum: DatumPlan | undefined;
  /** the selections of the object below, when there are any */
  below: ObjectPlan | undefined;
}

/**
 * One object's selections, worked out once per operation rather than once per row of each answer: the
 * fields to look at, in the order the caller asked for them, each with what its values are.
 */
interface ObjectPlan {
  /** the response key of a Person's hetu */
  hetuKey: string | undefined;
  /** the response key of `controller`, for the field above when it is categorised */
  controllerKey: string | undefined;
  fields: FieldPlan[];
}

function planOf(
  categories: CategoryMap,
  fragments: Record<string, FragmentDefinitionNode>,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
): ObjectPlan {
  const fields: Fields = new Map();
  for (const set of sets) fieldsOf(type, set, fragments, fields);
  const keyOf = (name: string) => [...fields].find(([, f]) => f.name === name)?.[0];
  const plan: ObjectPlan = {
    hetuKey: type.name === 'Person' ? keyOf('hetu') : undefined,
    controllerKey: keyOf('controller'),
    fields: [],
  };
  const defs = type.getFields();
  for (const [key, field] of fields) {
    const def = field.name.startsWith('__') ? undefined : defs[field.name];
    if (!def) continue;
    const named = getNamedType(def.type);
    const below =
      isObjectType(named) && field.sets.length > 0 ? planOf(categories, fragments, named, field.sets) : undefined;
    const categorised = categories.fields.get(`${type.name}.${field.name}`);
    const register = categorised?.subgraphs[0] as Register | undefined;
    let datum: DatumPlan | undefined;
    if (categorised && register && (REGISTERS as readonly string[]).includes(register)) {
      const carried = categories.bySubgraph.get(register);
      datum = {
        register,
        category: categorised.category,
        grantCategories: carried ?? [categorised.category],
        // One decision per person and register when it covers all the register carries, as the tickets did.
        grantsKey: carried ? register : `${register}\u0000${categorised.category}`,
        controllerKey: register === 'joint' ? undefined : below?.controllerKey,
      };
    }
    plan.fields.push({ key, name: field.name, datum, below });
  }
  return plan;
}

/** A person's grants still being decided (their facts are being loaded). */
class Deciding {
  grants: PersonGrants | undefined;
  readonly decided: Promise<void>;
  constructor(grants: Promise<PersonGrants>) {
    this.decided = grants.then((g) => void (this.grants = g));
  }
}

/** A value whose basis waits for its person's grants. */
class Undecided {
  constructor(
    readonly path: Path,
    readonly datum: DatumPlan,
    readonly controller: string | undefined,
    readonly deciding: Deciding,
  ) {}
}

/** The entry of one value, `controller` only when the answer shows it. */
const entryOf = (path: Path, { register, category }: DatumPlan, basis: Basis, controller: string | undefined) =>
  controller !== undefined ? { path, register, category, basis, controller } : { path, register, category, basis };

/** A person under whom values are found, and their grants per register as looked up so far. */
interface PersonSeen {
  hetu: string;
  grants: Map<string, PersonGrants | Deciding>;
}

/**
 * One walk over an answer along the operation, deciding each non-null categorised value under a known
 * person as it is found. The path is one stack, copied only for the values that get an entry.
 */
class BasisWalk {
  readonly path: Path = [];
  readonly entries: (BasisEntry | Undecided)[] = [];
  readonly deciding: Promise<void>[] = [];
  private readonly persons = new Map<string, PersonSeen>();
  private mine: string[] | undefined;

  constructor(private readonly context: GatewayContext) {}

  personOf(hetu: string): PersonSeen {
    let person = this.persons.get(hetu);
    if (!person) this.persons.set(hetu, (person = { hetu, grants: new Map() }));
    return person;
  }

  object(plan: ObjectPlan, value: Json, person: PersonSeen | undefined): void {
    if (plan.hetuKey !== undefined) {
      const hetu = value[plan.hetuKey];
      if (typeof hetu === 'string') person = hetu ? this.personOf(hetu) : undefined;
    }
    // Indexed loops: this runs for every object of the answer, and an iterator each time is garbage.
    const fields = plan.fields;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!;
      const v = value[field.key];
      if (v === null || v === undefined) continue;
      this.path.push(field.key);
      if (field.datum && person) this.rows(field.datum, v, person);
      if (field.below) this.below(field.below, v, person);
      this.path.pop();
    }
  }

  /** A value of an object type, or a list of them: each item walked with its index. */
  below(plan: ObjectPlan, v: unknown, person: PersonSeen | undefined): void {
    if (!Array.isArray(v)) {
      if (v && typeof v === 'object') this.object(plan, v as Json, person);
      return;
    }
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (!item || typeof item !== 'object') continue;
      this.path.push(i);
      this.object(plan, item as Json, person);
      this.path.pop();
    }
  }

  /** A categorised value, or each row of a list of them. */
  private rows(datum: DatumPlan, v: unknown, person: PersonSeen): void {
    if (!Array.isArray(v)) {
      this.describe(datum, v, this.grantsOf(person, datum));
      return;
    }
    // An empty list holds nothing to describe: its person's grants are not looked up for it.
    if (v.length === 0) return;
    const grants = this.grantsOf(person, datum);
    for (let i = 0; i < v.length; i++) {
      this.path.push(i);
      this.describe(datum, v[i], grants);
      this.path.pop();
    }
  }

  /** One categorised value's entry, if it gets one; or its place among them until its grants are known. */
  private describe(datum: DatumPlan, row: unknown, grants: PersonGrants | Deciding): void {
    const stored = datum.controllerKey === undefined ? undefined : (row as Json | null)?.[datum.controllerKey];
    const controller = typeof stored === 'string' ? stored : undefined;
    if (grants instanceof Deciding) {
      this.entries.push(new Undecided(this.path.slice(), datum, controller, grants));
      return;
    }
    const basis = this.basisOf(datum, controller, grants);
    // The path is copied only here: most values the walk passes through get no entry of their own.
    if (basis) this.entries.push(entryOf(this.path.slice(), datum, basis, controller));
  }

  /**
   * A value's basis by the same decision the request's tickets carried, or none. A row of an authority's
   * register is OWN only when it records one of the caller's own controllers; when the answer does not show
   * the controller and the two decisions differ, no basis is claimed for it.
   */
  private basisOf(datum: DatumPlan, controller: string | undefined, g: PersonGrants): Basis | undefined {
    const other = g[datum.category];
    const own = g.own?.[datum.category];
    let basis: string | undefined;
    if (datum.register === 'joint' || !own) basis = other;
    else if (controller !== undefined) basis = this.mineOf().includes(controller) ? own : other;
    else basis = own === other ? own : undefined;
    return !basis || basis.startsWith('!') ? undefined : (basis as Basis);
  }

  private mineOf(): string[] {
    return (this.mine ??= controllersOf(this.context.access!.caller));
  }

  /**
   * The person's grants in the register as this request's tickets carried them (gateway/datasource.ts):
   * looked up once per person and register, and waited for only when they are not known yet.
   */
  private grantsOf(person: PersonSeen, datum: DatumPlan): PersonGrants | Deciding {
    let grants = person.grants.get(datum.grantsKey);
    if (grants) return grants;
    const known = requestGrants(this.context, person.hetu, datum.register, datum.grantCategories);
    if (known instanceof Promise) {
      const deciding = new Deciding(known);
      this.deciding.push(deciding.decided);
      grants = deciding;
    } else grants = known;
    person.grants.set(datum.grantsKey, grants);
    return grants;
  }

  /** The entries in the order their values stand in the answer, once every grant is known. */
  async decided(): Promise<BasisEntry[]> {
    // Usually every grant was known as the walk went (the request's tickets decided them): nothing to wait for.
    if (this.deciding.length === 0) return this.entries as BasisEntry[];
    await Promise.all(this.deciding);
    const out: BasisEntry[] = [];
    for (const e of this.entries) {
      if (!(e instanceof Undecided)) out.push(e);
      else {
        const basis = this.basisOf(e.datum, e.controller, e.deciding.grants!);
        if (basis) out.push(entryOf(e.path, e.datum, basis, e.controller));
      }
    }
    return out;
  }
}

export const basisExtension = (categories: CategoryMap): ApolloServerPlugin<GatewayContext> => {
  /** Each operation's plan, made when it is first answered: a document is parsed once and kept for reuse. */
  const plans = new WeakMap<SelectionSetNode, Map<GraphQLObjectType, ObjectPlan>>();
  const planFor = (root: GraphQLObjectType, operation: OperationDefinitionNode, document: DocumentNode) => {
    let byRoot = plans.get(operation.selectionSet);
    if (!byRoot) plans.set(operation.selectionSet, (byRoot = new Map()));
    let plan = byRoot.get(root);
    if (!plan) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      byRoot.set(root, (plan = planOf(categories, fragments, root, [operation.selectionSet])));
    }
    return plan;
  };
  const listener: GraphQLRequestListener<GatewayContext> = {
    async willSendResponse({ response, contextValue, document, schema, operation }) {
      if (response.body.kind !== 'single' || !contextValue?.access || !document || !operation) return;
      const data = response.body.singleResult.data;
      const root = schema.getRootType(operation.operation);
      if (!data || !root) return;
      const plan = planFor(root, operation, document);
      let entries: BasisEntry[];
      try {
        const walk = new BasisWalk(contextValue);
        for (let f = 0; f < plan.fields.length; f++) {
          const field = plan.fields[f]!;
          const v = data[field.key];
          if (!v || typeof v !== 'object' || !field.below) continue;
          // The person of `me` is the caller; `client(hetu)`'s is in the answer when the app asks for it.
          const person =
            field.name === 'me' && contextValue.caller.sub ? walk.personOf(contextValue.caller.sub) : undefined;
          walk.path.push(field.key);
          walk.below(field.below, v, person);
          walk.path.pop();
        }
        entries = await walk.decided();
      } catch (e) {
        // No basis is claimed when it cannot be worked out; the answer itself stands.
        log.error({ ...requestFields(contextValue.scope), error: describeError(e) }, 'basis extension left out');
        return;
      }
      // The disclosure log may have withheld the whole answer meanwhile: then nothing of it is described.
      if (!response.body.singleResult.data || entries.length === 0) return;
      response.body.singleResult.extensions = {
        ...response.body.singleResult.extensions,
        [BASIS_EXTENSION]: entries,
      };
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
};
