import { describe, expect, it } from 'vitest';
import { decideDataSubjectView } from './data-subject.ts';
import { access, callers, outcome } from './test-callers.ts';

describe('decideDataSubjectView (docs/LAW.md rules 12, 19)', () => {
  it('lets the client read their own log under DATA_SUBJECT_ACCESS only', () => {
    expect(outcome(decideDataSubjectView(access(callers.citizen, 'DATA_SUBJECT_ACCESS')))).toEqual({ allowed: true });
    expect(outcome(decideDataSubjectView(access(callers.citizen, 'COORDINATION')))).toEqual({
      allowed: false,
      reason: 'PURPOSE_NOT_ALLOWED',
    });
  });

  it("refuses everyone else: the data subject's purpose first, then no basis", () => {
    expect(outcome(decideDataSubjectView(access(callers.supervisor, 'DATA_SUBJECT_ACCESS')))).toEqual({
      allowed: false,
      reason: 'PURPOSE_NOT_ALLOWED',
    });
    for (const who of [callers.supervisor, callers.specialist, callers.municipal]) {
      expect(outcome(decideDataSubjectView(access(who, 'COORDINATION'))), who.role).toEqual({
        allowed: false,
        reason: 'NO_LEGAL_BASIS',
      });
    }
  });
});
