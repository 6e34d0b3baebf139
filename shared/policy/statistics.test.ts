import { describe, expect, it } from 'vitest';
import { decideStatistics } from './statistics.ts';
import { access, callers, outcome, withRoles } from './test-callers.ts';

const IU = 'ita-uusimaa';

describe('decideStatistics (docs/LAW.md rules 7, 9)', () => {
  it('allows the configured roles aggregates of their own area under STATISTICS, citing the law', () => {
    for (const who of [callers.analyst, callers.networkLead, callers.supervisor, callers.kelaAnalyst]) {
      const d = decideStatistics(access(who, 'STATISTICS'), IU);
      expect(outcome(d), who.role).toEqual({ allowed: true });
      expect(d.rule).toMatch(/^LAW \d/);
    }
  });

  it('refuses in the contract order: purpose, then role, then area', () => {
    // An analyst of another area under a TYM purpose: the purpose is refused first.
    expect(outcome(decideStatistics(access(callers.analyst, 'PLANNING'), 'keski-uusimaa'))).toEqual({
      allowed: false,
      reason: 'PURPOSE_NOT_ALLOWED',
    });
    expect(outcome(decideStatistics(access(callers.analyst, 'DATA_SUBJECT_ACCESS'), IU))).toEqual({
      allowed: false,
      reason: 'PURPOSE_NOT_ALLOWED',
    });
    // A caseworker, a municipality worker or a citizen: the role, whatever the area.
    for (const who of [callers.specialist, callers.municipal, callers.citizen]) {
      expect(outcome(decideStatistics(access(who, 'STATISTICS'), 'keski-uusimaa')), who.role).toEqual({
        allowed: false,
        reason: 'NOT_NECESSARY_FOR_ROLE',
      });
    }
    expect(outcome(decideStatistics(access(callers.analyst, 'STATISTICS'), 'keski-uusimaa'))).toEqual({
      allowed: false,
      reason: 'NO_LEGAL_BASIS',
    });
    expect(outcome(decideStatistics(access(callers.analyst, 'STATISTICS'), 'lappi'))).toEqual({
      allowed: false,
      reason: 'NO_LEGAL_BASIS',
    });
  });

  it('follows the configured `statistics` list', () => {
    const onlyAnalysts = withRoles('statistics', ['analyst']);
    expect(decideStatistics(access(callers.supervisor, 'STATISTICS', onlyAnalysts), IU).allowed).toBe(false);
    expect(
      decideStatistics(access(callers.specialist, 'STATISTICS', withRoles('statistics', ['employment-specialist'])), IU)
        .allowed,
    ).toBe(true);
  });
});
