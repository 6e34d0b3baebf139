// The caseload (docs/LAW.md rule 14): listing who is a client discloses their identity and customership,
// so the caller must be entitled to both under section 15 for the listed area.
import { decideWithoutPerson, type Access, type Decision } from '../policy.ts';
import { isAuthority, isTymPurpose } from '../vocabulary.ts';

/** `area` absent: all the caller's areas. The basis is what each listed person's entry is logged with. */
export function decideCaseload(access: Access, area: string | null | undefined): Decision {
  for (const category of ['CUSTOMERSHIP', 'IDENTITY'] as const) {
    const refusal = decideWithoutPerson(access, { register: 'joint', category });
    if (refusal && !refusal.allowed) return refusal;
  }
  const { caller, purpose } = access;
  if (!isAuthority(caller.org) || !isTymPurpose(purpose)) {
    return {
      allowed: false,
      reason: 'NO_LEGAL_BASIS',
      rule: 'LAW 14, 17: only the authorities list clients, and a consent names one person',
    };
  }
  if (area !== null && area !== undefined && !caller.areas.includes(area)) {
    return {
      allowed: false,
      reason: 'NO_LEGAL_BASIS',
      rule: "LAW 14: only the active clients of the caller's own cooperation areas",
    };
  }
  return {
    allowed: true,
    basis: 'SECTION_15',
    rule: "LAW 14: the active TYM clients of the caller's cooperation areas, for a TYM task",
  };
}
