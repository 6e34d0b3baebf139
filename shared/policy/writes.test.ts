import { describe, expect, it } from 'vitest';
import {
  decideCorrection,
  decideStart,
  decideWrite,
  decideWriter,
  storedByOwnController,
  type Write,
  type WriteAction,
} from './writes.ts';
import { access, callers, outcome, withRoles } from './test-callers.ts';

const IU = 'ita-uusimaa';
const KU = 'keski-uusimaa';
const forbidden = (reason: string) => ({ allowed: false, code: 'FORBIDDEN', reason });
const record = (category: Write['category'] = 'SERVICE_NEED'): Write => ({ action: 'RECORD', category });
const activeIn = (area: string) => ({ customerships: [{ area, active: true }] });
const endedIn = (...areas: string[]) => ({ customerships: areas.map((area) => ({ area, active: false })) });
const nobody = { customerships: [] };

describe('decideWriter: the part of a write that does not depend on the person', () => {
  it('lets the configured writers write the categories the matrix gives them, for a TYM purpose', () => {
    for (const who of [callers.specialist, callers.socialWorker, callers.kelaSpecialist, callers.decisionSpecialist]) {
      expect(decideWriter(access(who, 'PLANNING'), record('PLAN')), who.role).toBeNull();
    }
    expect(
      decideWriter(access(callers.supervisor, 'COORDINATION'), { action: 'LEGAL_HOLD', category: 'CUSTOMERSHIP' }),
    ).toBeNull();
  });

  it('refuses in the contract order: PURPOSE_NOT_ALLOWED, ORG_INTERNAL, NOT_NECESSARY_FOR_ROLE, NO_LEGAL_BASIS', () => {
    // An analyst writing ORG_INTERNAL under OWN_SERVICE fails every check: the purpose is named.
    expect(outcome(decideWriter(access(callers.analyst, 'OWN_SERVICE'), record('ORG_INTERNAL'))!)).toEqual(
      forbidden('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideWriter(access(callers.citizen, 'DATA_SUBJECT_ACCESS'), record())!)).toEqual(
      forbidden('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideWriter(access(callers.specialist, 'STATISTICS'), record())!)).toEqual(
      forbidden('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideWriter(access(callers.analyst, 'PLANNING'), record('ORG_INTERNAL'))!)).toEqual(
      forbidden('ORG_INTERNAL'),
    );
    for (const who of [callers.supervisor, callers.analyst, callers.networkLead]) {
      expect(outcome(decideWriter(access(who, 'PLANNING'), record())!), who.role).toEqual(
        forbidden('NOT_NECESSARY_FOR_ROLE'),
      );
    }
    // The necessity matrix: a decision specialist neither reads nor writes work capacity.
    expect(
      outcome(decideWriter(access(callers.decisionSpecialist, 'PLANNING'), record('HEALTH_WORK_CAPACITY'))!),
    ).toEqual(forbidden('NOT_NECESSARY_FOR_ROLE'));
    // Legal holds are the `legalHolds` roles' alone.
    expect(
      outcome(
        decideWriter(access(callers.specialist, 'PLANNING'), { action: 'LEGAL_HOLD', category: 'CUSTOMERSHIP' })!,
      ),
    ).toEqual(forbidden('NOT_NECESSARY_FOR_ROLE'));
    expect(outcome(decideWriter(access(callers.municipal, 'COORDINATION'), record())!)).toEqual(
      forbidden('NO_LEGAL_BASIS'),
    );
    expect(outcome(decideWriter(access(callers.citizen, 'COORDINATION'), record())!)).toEqual(
      forbidden('NO_LEGAL_BASIS'),
    );
  });

  it('follows the configured lists', () => {
    expect(
      decideWriter(access(callers.specialist, 'PLANNING', withRoles('writers', ['social-worker'])), record()),
    ).not.toBeNull();
    expect(
      decideWriter(access(callers.supervisor, 'PLANNING', withRoles('writers', ['supervisor'])), record('PLAN')),
    ).toBeNull();
    expect(
      decideWriter(access(callers.supervisor, 'PLANNING', withRoles('legalHolds', [])), {
        action: 'LEGAL_HOLD',
        category: 'CUSTOMERSHIP',
      }),
    ).not.toBeNull();
  });
});

describe("decideWrite: the person's customership decides, and names the basis the write is logged with", () => {
  const caseworker = access(callers.specialist, 'PLANNING');

  it("RECORD: only to an active customership of the caller's area, on section 15", () => {
    const d = decideWrite(caseworker, activeIn(IU), record());
    expect(outcome(d)).toEqual({ allowed: true, basis: 'SECTION_15' });
    expect(d.rule).toMatch(/^LAW 14/);
    // Another area's client, an ended customership and an unknown person answer alike (docs/LAW.md rule 20).
    for (const facts of [activeIn(KU), endedIn(IU), nobody]) {
      expect(outcome(decideWrite(caseworker, facts, record()))).toEqual({
        allowed: false,
        code: 'CUSTOMERSHIP_NOT_ACTIVE',
      });
    }
  });

  it('REVOKE_CONSENT: where the client was served last, also after the end', () => {
    const revoke = { action: 'REVOKE_CONSENT' as WriteAction, category: 'CUSTOMERSHIP' as const };
    expect(outcome(decideWrite(caseworker, endedIn(IU), revoke))).toEqual({ allowed: true, basis: 'SECTION_15' });
    expect(outcome(decideWrite(caseworker, activeIn(IU), revoke))).toEqual({ allowed: true, basis: 'SECTION_15' });
    expect(
      decideWrite(
        caseworker,
        {
          customerships: [
            { area: KU, active: true },
            { area: IU, active: false },
          ],
        },
        revoke,
      ).allowed,
    ).toBe(false);
    expect(decideWrite(caseworker, nobody, revoke).allowed).toBe(false);
  });

  it("LEGAL_HOLD: any customership the caller's area kept", () => {
    const hold = { action: 'LEGAL_HOLD' as WriteAction, category: 'CUSTOMERSHIP' as const };
    const sup = access(callers.supervisor, 'COORDINATION');
    expect(outcome(decideWrite(sup, endedIn(KU, IU), hold))).toEqual({ allowed: true, basis: 'SECTION_15' });
    expect(outcome(decideWrite(sup, endedIn(KU), hold))).toEqual({ allowed: false, code: 'CUSTOMERSHIP_NOT_ACTIVE' });
    expect(outcome(decideWrite(caseworker, endedIn(IU), hold))).toEqual(forbidden('NOT_NECESSARY_FOR_ROLE'));
  });

  it('decides the caller before the person', () => {
    expect(outcome(decideWrite(access(callers.analyst, 'PLANNING'), activeIn(IU), record()))).toEqual(
      forbidden('NOT_NECESSARY_FOR_ROLE'),
    );
    expect(outcome(decideWrite(access(callers.analyst, 'PLANNING'), nobody, record()))).toEqual(
      forbidden('NOT_NECESSARY_FOR_ROLE'),
    );
  });

  it('leaves a start to decideStart', () => {
    expect(() => decideWrite(caseworker, nobody, { action: 'START', category: 'CUSTOMERSHIP' })).toThrow(/decideStart/);
  });
});

describe('decideStart (docs/LAW.md rules 2, 5, 7, 14, 20)', () => {
  const caseworker = access(callers.specialist, 'ASSESSMENT');

  it('starts for a resident of the area who has no active customership, on section 15', () => {
    expect(outcome(decideStart(caseworker, IU, { municipality: 'Porvoo', active: null }))).toEqual({
      allowed: true,
      basis: 'SECTION_15',
    });
    expect(decideStart(caseworker, IU, { municipality: 'loviisa', active: null }).allowed).toBe(true);
  });

  it('always checks residence: a municipality is needed, and it must lie in the area', () => {
    expect(outcome(decideStart(caseworker, IU, { municipality: null, active: null }))).toEqual({
      allowed: false,
      code: 'BAD_USER_INPUT',
      reason: 'MUNICIPALITY_REQUIRED',
    });
    for (const municipality of ['Hyvinkää', 'Helsinki']) {
      expect(outcome(decideStart(caseworker, IU, { municipality, active: null }))).toEqual({
        allowed: false,
        code: 'BAD_USER_INPUT',
        reason: 'MUNICIPALITY_NOT_IN_AREA',
      });
    }
  });

  it('checks residence before it looks at a running customership, so a non-resident learns nothing', () => {
    for (const active of [null, { area: KU }, { area: IU }]) {
      expect(outcome(decideStart(caseworker, IU, { municipality: 'Hyvinkää', active }))).toEqual({
        allowed: false,
        code: 'BAD_USER_INPUT',
        reason: 'MUNICIPALITY_NOT_IN_AREA',
      });
      expect(outcome(decideStart(caseworker, IU, { municipality: null, active }))).toEqual({
        allowed: false,
        code: 'BAD_USER_INPUT',
        reason: 'MUNICIPALITY_REQUIRED',
      });
    }
  });

  it('answers a running customership, here or elsewhere, with CONFLICT disclosing CUSTOMERSHIP (section 15)', () => {
    for (const area of [IU, KU]) {
      expect(outcome(decideStart(caseworker, IU, { municipality: 'Porvoo', active: { area } }))).toEqual({
        allowed: false,
        code: 'CONFLICT',
        reason: 'ALREADY_ACTIVE',
        disclosed: { category: 'CUSTOMERSHIP', basis: 'SECTION_15' },
      });
    }
  });

  it('refuses an area the caller does not serve before anything about the person', () => {
    expect(outcome(decideStart(caseworker, KU, { municipality: null, active: { area: KU } }))).toEqual({
      allowed: false,
      code: 'BAD_USER_INPUT',
      reason: 'AREA_NOT_YOURS',
    });
  });

  it('decides the writer first', () => {
    const facts = { municipality: 'Porvoo', active: { area: KU } };
    expect(outcome(decideStart(access(callers.supervisor, 'ASSESSMENT'), IU, facts))).toEqual(
      forbidden('NOT_NECESSARY_FOR_ROLE'),
    );
    expect(outcome(decideStart(access(callers.specialist, 'OWN_SERVICE'), IU, facts))).toEqual(
      forbidden('PURPOSE_NOT_ALLOWED'),
    );
    expect(outcome(decideStart(access(callers.municipal, 'ASSESSMENT'), IU, facts))).toEqual(
      forbidden('NO_LEGAL_BASIS'),
    );
  });
});

describe('decideCorrection (docs/LAW.md rules 10, 12)', () => {
  it('lets only the controller that stored the entry correct it', () => {
    const caseworker = access(callers.specialist, 'ASSESSMENT');
    expect(decideCorrection(caseworker, { recordedByOrg: 'employment', recordedByArea: IU })).toBeNull();
    for (const entry of [
      { recordedByOrg: 'wellbeing', recordedByArea: IU },
      { recordedByOrg: 'employment', recordedByArea: KU },
    ]) {
      expect(outcome(decideCorrection(caseworker, entry)!)).toEqual({
        allowed: false,
        code: 'BAD_USER_INPUT',
        reason: 'NOT_STORING_ORGANISATION',
      });
    }
  });
});

describe('storedByOwnController (docs/LAW.md rule 10)', () => {
  const stamp = (recordedByOrg: string, recordedByArea: string | null) => ({ recordedByOrg, recordedByArea });

  it('an employment area or wellbeing county owns what it stored in its own areas', () => {
    expect(storedByOwnController(callers.specialist, stamp('employment', IU))).toBe(true);
    expect(storedByOwnController(callers.specialist, stamp('employment', KU))).toBe(false);
    expect(storedByOwnController(callers.specialist, stamp('employment', null))).toBe(false);
    expect(storedByOwnController(callers.specialist, stamp('wellbeing', IU))).toBe(false);
  });

  it('Kela is one national controller', () => {
    const kelaIu = { ...callers.kelaSpecialist, areas: [IU] };
    expect(storedByOwnController(kelaIu, stamp('kela', KU))).toBe(true);
    expect(storedByOwnController(kelaIu, stamp('employment', IU))).toBe(false);
  });

  it('a municipality or a citizen controls nothing in the joint record', () => {
    expect(storedByOwnController(callers.municipal, stamp('municipality', IU))).toBe(false);
    expect(storedByOwnController(callers.citizen, stamp('citizen', null))).toBe(false);
  });
});
