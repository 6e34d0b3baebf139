// Writes to the joint record, decided by the same policy as reads (docs/LAW.md rules 2, 5, 10, 11, 13,
// 14, 17, 20): who may write, to which customership, and the basis the write is logged with.
import { areaOfMunicipality, controllerIn, controllersOf, type ControlledRegister } from '../areas.ts';
import { decideWithoutPerson, type Access } from '../policy.ts';
import {
  isAuthority,
  isTymPurpose,
  type Basis,
  type Caller,
  type DataCategory,
  type RefusalReason,
} from '../vocabulary.ts';
import { hasRole } from './permission.ts';

/**
 * START a customership; RECORD an entry to the active one (assessments, plans, appointments, consents,
 * the end); REVOKE_CONSENT, the client's right also after the end; LEGAL_HOLD, keeping the record
 * past the deletion.
 */
export type WriteAction = 'START' | 'RECORD' | 'REVOKE_CONSENT' | 'LEGAL_HOLD';
export interface Write {
  action: WriteAction;
  /** The category written (or, for a revocation or a hold, the customership it concerns). */
  category: DataCategory;
}

export type WriteRefusal =
  | { allowed: false; code: 'FORBIDDEN'; reason: RefusalReason; rule: string }
  /** The one answer for a person who is unknown, not a client, ended, or a client elsewhere (docs/LAW.md rule 20). */
  | { allowed: false; code: 'CUSTOMERSHIP_NOT_ACTIVE'; rule: string }
  | { allowed: false; code: 'BAD_USER_INPUT'; reason: InputRefusal; rule: string }
  /** The refusal itself tells the caller of a customership: it is logged as that disclosure. */
  | {
      allowed: false;
      code: 'CONFLICT';
      reason: 'ALREADY_ACTIVE';
      disclosed: { category: 'CUSTOMERSHIP'; basis: Basis };
      rule: string;
    };
export type InputRefusal =
  | 'AREA_NOT_YOURS'
  | 'MUNICIPALITY_REQUIRED'
  | 'MUNICIPALITY_NOT_IN_AREA'
  | 'NOT_STORING_ORGANISATION';
export type WriteDecision = { allowed: true; basis: Basis; rule: string } | WriteRefusal;

const forbidden = (reason: RefusalReason, rule: string): WriteRefusal => ({
  allowed: false,
  code: 'FORBIDDEN',
  reason,
  rule,
});

/**
 * The part of a write's decision that does not depend on the person, in the contract's order;
 * `null` means the person's facts decide.
 */
export function decideWriter(access: Access, write: Write): WriteRefusal | null {
  const { caller, purpose } = access;
  if (!isTymPurpose(purpose))
    return forbidden('PURPOSE_NOT_ALLOWED', 'LAW 9, 14: the joint record is kept for the TYM tasks only');
  if (write.category === 'ORG_INTERNAL')
    return forbidden('ORG_INTERNAL', 'LAW 8: the joint record holds only the seven categories');
  if (isAuthority(caller.org)) {
    // As for reads, the role lists and the matrix judge the authorities' officials.
    const list = write.action === 'LEGAL_HOLD' ? 'legalHolds' : 'writers';
    if (!hasRole(access, list))
      return forbidden('NOT_NECESSARY_FOR_ROLE', `LAW 13: this write is for the roles configured in \`${list}\``);
    // A writer must be entitled to what they write: the entry is returned to them and read later.
    const read = decideWithoutPerson(access, { register: 'joint', category: write.category });
    if (read && !read.allowed) return forbidden(read.reason, read.rule);
    return null;
  }
  return forbidden('NO_LEGAL_BASIS', 'LAW 10, 14: only the three authorities keep the joint record');
}

/** What the joint record holds that a write on an existing customership turns on. */
export interface WriteFacts {
  /** The person's customerships the write could concern, latest first. */
  customerships: readonly { area: string; active: boolean }[];
}

const notActive = (rule: string): WriteRefusal => ({ allowed: false, code: 'CUSTOMERSHIP_NOT_ACTIVE', rule });

/** A write to a person's existing customership (every action but START, which `decideStart` decides). */
export function decideWrite(access: Access, person: WriteFacts, write: Write): WriteDecision {
  const early = decideWriter(access, write);
  if (early) return early;
  const ours = (c: { area: string }) => access.caller.areas.includes(c.area);
  switch (write.action) {
    case 'RECORD':
      return person.customerships.some((c) => c.active && ours(c))
        ? {
            allowed: true,
            basis: 'SECTION_15',
            rule: "LAW 14: an active TYM client of the caller's cooperation area, for a TYM task",
          }
        : notActive(
            "LAW 2, 20: nothing is stored outside an active customership of the caller's area, and the " +
              'answer does not say why',
          );
    case 'REVOKE_CONSENT':
      return person.customerships[0] && ours(person.customerships[0])
        ? {
            allowed: true,
            basis: 'SECTION_15',
            rule: 'LAW 17: a consent is revocable at any time, also after the end, where the client was served last',
          }
        : notActive('LAW 17, 20: only the area that served the client last records the revocation');
    case 'LEGAL_HOLD':
      return person.customerships.some(ours)
        ? {
            allowed: true,
            basis: 'SECTION_15',
            rule: 'LAW 11: the area that kept the record decides whether a statutory task needs it kept',
          }
        : notActive("LAW 11, 20: only a record the caller's area kept");
    case 'START':
      throw new Error('decideWrite: a start is decided by decideStart');
  }
}

/** What a start turns on: where the client lives, and whether a customership already runs. */
export interface StartFacts {
  /** The client's municipality: from the identity given, else from the caller's own controller's record. */
  municipality: string | null;
  /** The person's active customership, in any area. */
  active: { area: string } | null;
}

/**
 * A start in `area` (docs/LAW.md rules 2, 7, 14). The residence check always runs, before anything about
 * the person is looked at: a cooperation area serves the residents of its municipalities (§9).
 *
 * A person already active anywhere gets CONFLICT: the authorities must not open a second customership
 * (§4; docs/LAW.md rules 2, 5), so the answer cannot be the same as for a non-client. That answer
 * discloses the CUSTOMERSHIP category, on section 15: knowing that a customership runs is necessary
 * for organising TYM for a resident of the caller's area (docs/LAW.md rule 14). It is logged as that
 * disclosure, so that the client and the supervisors of the client's area see it (docs/LAW.md rules 18,
 * 19) and it counts toward the unusual-search alerts (docs/LAW.md rule 16).
 */
export function decideStart(access: Access, area: string, person: StartFacts): WriteDecision {
  const early = decideWriter(access, { action: 'START', category: 'CUSTOMERSHIP' });
  if (early) return early;
  if (!access.caller.areas.includes(area)) {
    return {
      allowed: false,
      code: 'BAD_USER_INPUT',
      reason: 'AREA_NOT_YOURS',
      rule: 'LAW 7, 14: an official serves their own cooperation areas',
    };
  }
  if (person.municipality === null) {
    return {
      allowed: false,
      code: 'BAD_USER_INPUT',
      reason: 'MUNICIPALITY_REQUIRED',
      rule: "LAW 7: a start needs the client's municipality, given or held by the caller's own controller",
    };
  }
  if (areaOfMunicipality(person.municipality) !== area) {
    return {
      allowed: false,
      code: 'BAD_USER_INPUT',
      reason: 'MUNICIPALITY_NOT_IN_AREA',
      rule: 'LAW 7: the area serves the residents of its municipalities',
    };
  }
  if (person.active) {
    return {
      allowed: false,
      code: 'CONFLICT',
      reason: 'ALREADY_ACTIVE',
      disclosed: { category: 'CUSTOMERSHIP', basis: 'SECTION_15' },
      rule:
        'LAW 2, 5, 14: one customership at a time; that one runs is disclosed, and logged, for organising TYM ' +
        'for a resident',
    };
  }
  return {
    allowed: true,
    basis: 'SECTION_15',
    rule: "LAW 2, 14: the customership starts with the assessment, for a resident of the caller's area",
  };
}

/**
 * A correction, once `decideWrite` allowed the RECORD: only the controller that stored the entry
 * corrects it, and the earlier version is kept (docs/LAW.md rules 10, 12). `null`: go on.
 */
export function decideCorrection(
  access: Access,
  entry: { recordedByOrg: string; recordedByArea: string | null },
): WriteRefusal | null {
  return storedByOwnController(access.caller, entry)
    ? null
    : {
        allowed: false,
        code: 'BAD_USER_INPUT',
        reason: 'NOT_STORING_ORGANISATION',
        rule: 'LAW 10, 12: the controller that stored an entry handles its correction',
      };
}

/**
 * Whether an entry was stored by the caller's own controller (docs/LAW.md rule 10): each employment area
 * and wellbeing county is a controller of its own, Kela one national controller.
 */
export function storedByOwnController(
  caller: Caller,
  entry: { recordedByOrg: string; recordedByArea: string | null },
): boolean {
  if (entry.recordedByOrg !== caller.org || !isControlledRegister(caller.org)) return false;
  // Kela is one national controller; an employment area's or county's entry is known by its area.
  const controller = controllerIn(caller.org, entry.recordedByArea ?? '');
  return controller !== undefined && controllersOf(caller).includes(controller);
}

const isControlledRegister = (org: string): org is ControlledRegister =>
  org === 'employment' || org === 'wellbeing' || org === 'kela';
