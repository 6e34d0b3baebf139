// Statistics, staffing and cost shares (docs/LAW.md rules 7, 9): aggregates for the roles configured in
// `statistics`, for purpose STATISTICS, of the caller's own cooperation areas only.
import type { Access } from '../policy.ts';
import { deny, hasRole, permit, type Permission } from './permission.ts';

export function decideStatistics(access: Access, area: string): Permission {
  const { caller, purpose } = access;
  if (purpose !== 'STATISTICS') {
    return deny(
      'PURPOSE_NOT_ALLOWED',
      'LAW 9: statistics, staffing and cost shares are given for purpose STATISTICS only',
    );
  }
  if (!hasRole(access, 'statistics')) {
    return deny('NOT_NECESSARY_FOR_ROLE', 'LAW 9, 13: aggregates are for the roles configured in `statistics`');
  }
  if (!caller.areas.includes(area))
    return deny('NO_LEGAL_BASIS', 'LAW 7: a steering group follows its own cooperation area');
  return permit("LAW 7, 9: aggregates of the caller's own cooperation area, with no personal data");
}
