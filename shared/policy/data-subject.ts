// The client's own views (docs/LAW.md rules 12, 19): the data subject reads their own record and who
// received their data, under DATA_SUBJECT_ACCESS; nobody else reads them through these views.
import type { Access } from '../policy.ts';
import { deny, permit, type Permission } from './permission.ts';

export function decideDataSubjectView(access: Access): Permission {
  const { caller, purpose } = access;
  if (caller.org === 'citizen') {
    return purpose === 'DATA_SUBJECT_ACCESS'
      ? permit('LAW 12, 19: the client learns who used or received their data, and on what basis')
      : deny('PURPOSE_NOT_ALLOWED', 'LAW 12: the client reads their own data under DATA_SUBJECT_ACCESS');
  }
  if (purpose === 'DATA_SUBJECT_ACCESS')
    return deny('PURPOSE_NOT_ALLOWED', "LAW 12: DATA_SUBJECT_ACCESS is the data subject's own purpose");
  return deny('NO_LEGAL_BASIS', "LAW 19: the client's own view; supervisors read the log through `disclosures`");
}
