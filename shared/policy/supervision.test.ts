import { describe, expect, it } from 'vitest';
import { decideAreaSupervision, decideClientSupervision, decideSupervisor } from './supervision.ts';
import { access, callers, outcome, withRoles } from './test-callers.ts';

const IU = 'ita-uusimaa';
const KU = 'keski-uusimaa';
const refused = (reason: string) => ({ allowed: false, reason });

describe('decideSupervisor: the part that does not depend on the client (docs/LAW.md rules 13, 16, 19)', () => {
  it('lets a supervisor on for a TYM purpose', () => {
    expect(decideSupervisor(access(callers.supervisor, 'COORDINATION'))).toBeNull();
  });

  it('refuses in the contract order: purpose, then role, then basis', () => {
    expect(outcome(decideSupervisor(access(callers.supervisor, 'STATISTICS'))!)).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideSupervisor(access(callers.supervisor, 'OWN_SERVICE'))!)).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideSupervisor(access(callers.municipal, 'DATA_SUBJECT_ACCESS'))!)).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
    for (const who of [callers.socialWorker, callers.analyst, callers.networkLead]) {
      expect(outcome(decideSupervisor(access(who, 'COORDINATION'))!), who.role).toEqual(
        refused('NOT_NECESSARY_FOR_ROLE'),
      );
    }
    // Municipality workers and citizens are not judged by the role lists: they have no basis at all.
    expect(outcome(decideSupervisor(access(callers.municipal, 'COORDINATION'))!)).toEqual(refused('NO_LEGAL_BASIS'));
    expect(outcome(decideSupervisor(access(callers.citizen, 'COORDINATION'))!)).toEqual(refused('NO_LEGAL_BASIS'));
  });

  it('follows the configured `supervisors` list', () => {
    expect(decideSupervisor(access(callers.supervisor, 'COORDINATION', withRoles('supervisors', [])))).not.toBeNull();
    expect(
      decideSupervisor(access(callers.socialWorker, 'COORDINATION', withRoles('supervisors', ['social-worker']))),
    ).toBeNull();
  });
});

describe("decideClientSupervision: a client of the supervisor's area (docs/LAW.md rules 19, 20)", () => {
  const sup = access(callers.wbSupervisor, 'COORDINATION');

  it('allows a client active in the area now, or served there before according to the log', () => {
    expect(outcome(decideClientSupervision(sup, { activeArea: IU, loggedAreas: [] }))).toEqual({ allowed: true });
    expect(outcome(decideClientSupervision(sup, { activeArea: null, loggedAreas: [IU] }))).toEqual({ allowed: true });
    expect(outcome(decideClientSupervision(sup, { activeArea: KU, loggedAreas: [IU] }))).toEqual({ allowed: true });
  });

  it("refuses another area's client, a non-client and an unknown person alike", () => {
    const answers = [
      { activeArea: KU, loggedAreas: [] },
      { activeArea: null, loggedAreas: [KU] },
      { activeArea: null, loggedAreas: [] },
    ].map((client) => decideClientSupervision(sup, client));
    for (const d of answers) expect(outcome(d)).toEqual(refused('NO_LEGAL_BASIS'));
  });

  it('decides the caller before the client', () => {
    const client = { activeArea: IU, loggedAreas: [IU] };
    expect(outcome(decideClientSupervision(access(callers.socialWorker, 'COORDINATION'), client))).toEqual(
      refused('NOT_NECESSARY_FOR_ROLE'),
    );
    expect(outcome(decideClientSupervision(access(callers.supervisor, 'STATISTICS'), client))).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
  });
});

describe("decideAreaSupervision: the alerts of the supervisor's own area (docs/LAW.md rule 16)", () => {
  it('allows the own area only', () => {
    expect(outcome(decideAreaSupervision(access(callers.supervisor, 'COORDINATION'), IU))).toEqual({ allowed: true });
    expect(outcome(decideAreaSupervision(access(callers.supervisor, 'COORDINATION'), KU))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
    expect(outcome(decideAreaSupervision(access(callers.keskiSupervisor, 'COORDINATION'), IU))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
  });

  it('decides the caller before the area', () => {
    expect(outcome(decideAreaSupervision(access(callers.analyst, 'COORDINATION'), KU))).toEqual(
      refused('NOT_NECESSARY_FOR_ROLE'),
    );
    expect(outcome(decideAreaSupervision(access(callers.supervisor, 'STATISTICS'), IU))).toEqual(
      refused('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideAreaSupervision(access(callers.municipal, 'COORDINATION'), IU))).toEqual(
      refused('NO_LEGAL_BASIS'),
    );
  });
});
