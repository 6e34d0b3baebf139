// The legal basis of one field for one person, for one caller and purpose: the single place where
// the law's access rules are decided (docs/LAW.md rules 12, 14–17, 20). Pure: the gateway and every
// subgraph call it with the same inputs and get the same answer.
import { helsinkiDate } from './dates.ts';
import type { Policy } from './policy-config.ts';
import {
  isAuthority,
  isTymPurpose,
  type Basis,
  type Caller,
  type DataCategory,
  type Org,
  type Purpose,
  type RefusalReason,
  type Register,
} from './vocabulary.ts';

export interface ConsentFact {
  id: string;
  recipientOrg: Org;
  recipientMunicipality: string | null;
  categories: DataCategory[];
  validFrom: string; // YYYY-MM-DD
  validUntil: string; // YYYY-MM-DD, inclusive
  revokedAt: string | null; // ISO timestamp
}

/** What the joint record knows of a person; an unknown person has no customership and no consents. */
export interface PersonFacts {
  hetu: string;
  /** The active customership, or null when there is none (never, ended, or unknown person). */
  activeCustomership: { area: string } | null;
  consents: ConsentFact[];
}

export interface FieldRef {
  register: Register;
  category: DataCategory;
  /**
   * Whether the row was stored by one of the controllers the caller works for (`controllersOf`).
   * docs/LAW.md rule 10: each employment area and each wellbeing county is a controller of its own, so only
   * such rows are the caller's own register; absent means another organisation's data (deny by default).
   * The joint record is jointly controlled (§13) and never the caller's own register.
   */
  storedByCaller?: boolean;
}

/**
 * `rule` names the docs/LAW.md rule that decided. It is not written to the disclosure log, which records
 * the basis (what docs/LAW.md rule 18 asks); it is kept for tests and for debugging a refusal.
 */
export type Decision =
  | { allowed: true; basis: Basis; rule: string }
  | { allowed: false; reason: RefusalReason; rule: string };

export interface Access {
  policy: Policy;
  caller: Caller;
  purpose: Purpose;
  /** The date in Finland (YYYY-MM-DD) on which consents are judged. */
  today: string;
}

const refuse = (reason: RefusalReason, rule: string): Decision => shared(reason, rule, false);
const allow = (basis: Basis, rule: string): Decision => shared(basis, rule, true);

// A page of persons comes to the same few decisions thousands of times (each person, register and category):
// each is made once, frozen, and shared. Bases and refusal reasons are distinct words, so either keys it.
const decisions = new Map<string, Map<string, Decision>>();
function shared(outcome: Basis | RefusalReason, rule: string, allowed: boolean): Decision {
  let byRule = decisions.get(outcome);
  if (!byRule) {
    byRule = new Map();
    if (decisions.size < 64) decisions.set(outcome, byRule);
  }
  let made = byRule.get(rule);
  if (!made) {
    made = Object.freeze(
      allowed
        ? { allowed: true as const, basis: outcome as Basis, rule }
        : { allowed: false as const, reason: outcome as RefusalReason, rule },
    );
    // The rules are this file's own words; bounded all the same.
    if (byRule.size < 64) byRule.set(rule, made);
  }
  return made;
}

/**
 * docs/LAW.md rule 10: a register's own-register use covers only what the caller's own controller stored.
 * The same kind of organisation is not enough: the Keski-Uusimaa wellbeing county reading what the
 * Itä-Uusimaa county stored reads another organisation's data, through section 15 or consent.
 */
const isOwnData = (caller: Caller, field: FieldRef): boolean =>
  field.register === caller.org && field.storedByCaller === true;

/**
 * The part of the decision that does not depend on the person. Refusals come in the contract's
 * order (PURPOSE_NOT_ALLOWED, ORG_INTERNAL, NOT_NECESSARY_FOR_ROLE), so they never reveal anything
 * about the person; `null` means the person's facts decide.
 */
export function decideWithoutPerson(access: Access, field: FieldRef): Decision | null {
  const { caller, purpose, policy } = access;
  const ownRegister = isOwnData(caller, field);

  // PURPOSE_NOT_ALLOWED
  if (purpose === 'STATISTICS') return refuse('PURPOSE_NOT_ALLOWED', 'LAW 9: statistics need no personal data');
  if (caller.org === 'citizen') {
    if (purpose !== 'DATA_SUBJECT_ACCESS' || field.register !== 'joint') {
      return refuse('PURPOSE_NOT_ALLOWED', 'LAW 12: the client reads their own joint record under DATA_SUBJECT_ACCESS');
    }
  } else if (purpose === 'DATA_SUBJECT_ACCESS') {
    return refuse('PURPOSE_NOT_ALLOWED', "LAW 12: DATA_SUBJECT_ACCESS is the data subject's own purpose");
  } else if (purpose === 'OWN_SERVICE' && !ownRegister) {
    return refuse('PURPOSE_NOT_ALLOWED', "LAW 15: OWN_SERVICE reads only the own organisation's register");
  } else if (purpose !== 'OWN_SERVICE' && !isTymPurpose(purpose)) {
    return refuse('PURPOSE_NOT_ALLOWED', 'LAW 9, 14: officials process personal data only for the TYM tasks');
  }

  // ORG_INTERNAL
  if (field.category === 'ORG_INTERNAL' && !ownRegister) {
    return refuse('ORG_INTERNAL', 'LAW 8: data outside the seven categories never leave their organisation');
  }

  // NOT_NECESSARY_FOR_ROLE
  if (ownRegister && isAuthority(caller.org)) {
    if (!policy.ownRegister.get(caller.org)?.has(caller.role)) {
      return refuse(
        'NOT_NECESSARY_FOR_ROLE',
        "LAW 13: the organisation's own rule gives this role no access to its register",
      );
    }
  } else if (isAuthority(caller.org)) {
    if (!policy.section15.get(caller.role)?.has(field.category)) {
      return refuse('NOT_NECESSARY_FOR_ROLE', 'LAW 14: the necessity matrix does not give this role this category');
    }
  }
  return null;
}

/** The full decision for one person's field. */
export function decide(access: Access, person: PersonFacts, field: FieldRef): Decision {
  const early = decideWithoutPerson(access, field);
  if (early) return early;
  const { caller, purpose } = access;

  if (caller.org === 'citizen') {
    return person.hetu === caller.sub
      ? allow('DATA_SUBJECT', "LAW 12: the client's right of access to their joint-record data")
      : refuse('NO_LEGAL_BASIS', 'LAW 12: a citizen reads only their own data');
  }
  if (isOwnData(caller, field)) {
    return allow('OWN', "LAW 10, 15: what the caller's own controller stored, for its own service");
  }

  const customership = person.activeCustomership;
  if (isAuthority(caller.org) && isTymPurpose(purpose) && customership && caller.areas.includes(customership.area)) {
    return allow('SECTION_15', "LAW 14: an active TYM client of the caller's cooperation area, for a TYM task");
  }
  if (consentCovers(access, person, field.category)) {
    return allow('CONSENT', "LAW 17: the client's specific, valid consent names this recipient and category");
  }
  return refuse('NO_LEGAL_BASIS', "LAW 14, 17: no active customership in the caller's area and no consent");
}

/** A consent counts only while valid, unrevoked, and naming this recipient and category (docs/LAW.md rule 17). */
export function consentCovers(access: Access, person: PersonFacts, category: DataCategory): boolean {
  const { caller, today } = access;
  return person.consents.some(
    (c) =>
      c.revokedAt === null &&
      c.validFrom <= today &&
      today <= c.validUntil &&
      c.recipientOrg === caller.org &&
      (c.recipientOrg !== 'municipality' ||
        (c.recipientMunicipality !== null &&
          caller.municipality !== undefined &&
          c.recipientMunicipality.toLocaleLowerCase('fi') === caller.municipality.toLocaleLowerCase('fi'))) &&
      c.categories.includes(category),
  );
}

/** The calendar date in Finland, on which consent validity and deadlines are judged. */
export const finnishDate = (at: Date = new Date()): string => helsinkiDate(at);

/** A per-category decision for one person in one register, as carried in a ticket. */
export type GrantEntry = Basis | `!${RefusalReason}`;
export type CategoryGrants = Partial<Record<DataCategory, GrantEntry>>;
/**
 * One person's grants in one register: per category, the decision for data another controller stored
 * (and for the jointly controlled joint record); under `own`, present only in the caller's own kind of
 * register, the decision for rows the caller's own controllers stored (docs/LAW.md rule 10). The gateway does
 * not know which rows exist: the subgraph applies one or the other to each row by its controller.
 */
export type PersonGrants = CategoryGrants & { own?: CategoryGrants };

export function grantsFor(
  access: Access,
  person: PersonFacts,
  register: Register,
  categories: Iterable<DataCategory>,
): PersonGrants {
  const list = [...categories];
  const other = categoryGrants(access, person, register, list, false);
  return register === access.caller.org
    ? { ...other, own: categoryGrants(access, person, register, list, true) }
    : other;
}

// A function of its own rather than a closure inside grantsFor: the loader this service runs TypeScript
// through names every closure as it is made, a cost paid for each person of every fetch.
function categoryGrants(
  access: Access,
  person: PersonFacts,
  register: Register,
  categories: readonly DataCategory[],
  storedByCaller: boolean,
): CategoryGrants {
  const out: CategoryGrants = {};
  for (const category of categories) {
    const d = decide(access, person, { register, category, storedByCaller });
    out[category] = d.allowed ? d.basis : `!${d.reason}`;
  }
  return out;
}

export function readGrant(entry: GrantEntry | undefined): Decision {
  if (entry === undefined) return NOTHING_GRANTED;
  // A page of persons reads the same few entries thousands of times: each is made once, frozen, and shared.
  let decision = grantDecisions.get(entry);
  if (!decision) {
    decision = Object.freeze(
      entry.startsWith('!')
        ? refuse(entry.slice(1) as RefusalReason, 'decided by the gateway')
        : allow(entry as Basis, 'decided by the gateway'),
    );
    // Entries come from verified tickets, but bounded all the same: past this, decisions are made anew.
    if (grantDecisions.size < 256) grantDecisions.set(entry, decision);
  }
  return decision;
}
const NOTHING_GRANTED: Decision = Object.freeze(
  refuse('NO_LEGAL_BASIS', 'deny by default: the ticket grants nothing for this field'),
);
const grantDecisions = new Map<string, Decision>();

// The other rule families, one file each (shared/policy/): writes, supervision, statistics, caseload,
// the data subject's own views.
export { decideCaseload } from './policy/caseload.ts';
export { decideDataSubjectView } from './policy/data-subject.ts';
export { deny, hasRole, permit, type Permission } from './policy/permission.ts';
export { decideStatistics } from './policy/statistics.ts';
export {
  decideAreaSupervision,
  decideClientSupervision,
  decideSupervisor,
  type SupervisedClient,
} from './policy/supervision.ts';
export {
  decideCorrection,
  decideStart,
  decideWrite,
  decideWriter,
  storedByOwnController,
  type InputRefusal,
  type StartFacts,
  type Write,
  type WriteAction,
  type WriteDecision,
  type WriteFacts,
  type WriteRefusal,
} from './policy/writes.ts';
