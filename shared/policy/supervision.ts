// Supervision (docs/LAW.md rules 16, 19): the roles configured in `supervisors` read the disclosure log of
// a client of their area and the unusual-search alerts of their area's officials, for a TYM purpose.
import type { Access } from '../policy.ts';
import { isAuthority, isTymPurpose } from '../vocabulary.ts';
import { deny, hasRole, permit, type Permission } from './permission.ts';

/** The part that does not depend on the client or area, in the contract's order; `null`: go on. */
export function decideSupervisor(access: Access): Permission | null {
  const { caller, purpose } = access;
  if (!isTymPurpose(purpose))
    return deny('PURPOSE_NOT_ALLOWED', 'LAW 9, 14: supervision of the TYM service is a TYM task');
  // As in the necessity matrix, the role list judges the authorities' officials; anyone else has no basis at all.
  if (isAuthority(caller.org) && !hasRole(access, 'supervisors')) {
    return deny('NOT_NECESSARY_FOR_ROLE', 'LAW 13: supervision is for the roles configured in `supervisors`');
  }
  if (!isAuthority(caller.org))
    return deny('NO_LEGAL_BASIS', 'LAW 14: only the three authorities supervise the TYM service');
  return null;
}

/** What the caller's areas have to do with the client, as the joint record and the log tell it. */
export interface SupervisedClient {
  /** The area of the client's active customership, if any. */
  activeArea: string | null;
  /** Areas the log shows the client was served in under section 15 (only the caller's areas need be given). */
  loggedAreas: readonly string[];
}

/**
 * A client of the supervisor's area: active there now, or served there under section 15 before.
 * Anyone else (another area's client, a non-client, an unknown person) is refused alike (docs/LAW.md rule 20).
 */
export function decideClientSupervision(access: Access, client: SupervisedClient): Permission {
  const early = decideSupervisor(access);
  if (early) return early;
  const { areas } = access.caller;
  const ours =
    (client.activeArea !== null && areas.includes(client.activeArea)) ||
    client.loggedAreas.some((a) => areas.includes(a));
  return ours
    ? permit('LAW 19: a supervisor follows who received the data of a client of their area')
    : deny('NO_LEGAL_BASIS', "LAW 19, 20: not a client of the supervisor's area");
}

/** The unusual-search alerts of one area (act 906/2019 §23, docs/LAW.md rule 16): only the supervisor's own. */
export function decideAreaSupervision(access: Access, area: string): Permission {
  const early = decideSupervisor(access);
  if (early) return early;
  return access.caller.areas.includes(area)
    ? permit("LAW 16: a supervisor follows the searches of their own area's officials")
    : deny('NO_LEGAL_BASIS', "LAW 16: not one of the supervisor's cooperation areas");
}
