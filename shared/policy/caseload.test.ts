import { describe, expect, it } from 'vitest';
import { decideCaseload } from './caseload.ts';
import { access, callers, outcome } from './test-callers.ts';

const refused = (reason: string) => ({ allowed: false, reason });

describe('decideCaseload (docs/LAW.md rule 14)', () => {
  it("lists the active clients of the caller's areas on section 15", () => {
    for (const area of [null, undefined, 'ita-uusimaa']) {
      expect(outcome(decideCaseload(access(callers.specialist, 'COORDINATION'), area))).toEqual({
        allowed: true,
        basis: 'SECTION_15',
      });
    }
    // Supervisors may read IDENTITY and CUSTOMERSHIP: they follow their area's deadlines.
    expect(decideCaseload(access(callers.supervisor, 'PLAN_REVIEW'), null).allowed).toBe(true);
    expect(decideCaseload(access(callers.kelaSpecialist, 'PLANNING'), 'keski-uusimaa').allowed).toBe(true);
  });

  it('refuses in the contract order: purpose, then role, then basis', () => {
    expect(outcome(decideCaseload(access(callers.specialist, 'STATISTICS'), 'keski-uusimaa'))).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideCaseload(access(callers.specialist, 'OWN_SERVICE'), null))).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideCaseload(access(callers.citizen, 'DATA_SUBJECT_ACCESS'), null))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
    expect(outcome(decideCaseload(access(callers.analyst, 'COORDINATION'), 'keski-uusimaa'))).toEqual(
      refused('NOT_NECESSARY_FOR_ROLE'),
    );
    expect(outcome(decideCaseload(access(callers.networkLead, 'COORDINATION'), null))).toEqual(
      refused('NOT_NECESSARY_FOR_ROLE'),
    );
    // A consent names one person: it never lists clients.
    expect(outcome(decideCaseload(access(callers.municipal, 'COORDINATION'), null))).toEqual(refused('NO_LEGAL_BASIS'));
    expect(outcome(decideCaseload(access(callers.specialist, 'COORDINATION'), 'keski-uusimaa'))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
  });
});
