// What the rule families of this folder answer, beside `Decision` (shared/policy.ts) for a person's
// field: a `Permission` says whether the caller may use a function that carries no basis of its own
// (statistics, supervision). Refusal reasons come in the contract's order, as for reads.
import type { RoleList } from '../policy-config.ts';
import type { RefusalReason } from '../vocabulary.ts';
import type { Access } from '../policy.ts';

/**
 * `rule` names the docs/LAW.md rule a decision applied. It is not written to the disclosure log (the log
 * records the basis, which is what the client is owed: docs/LAW.md rule 18); it is kept so that tests
 * and an operator debugging a refusal can see which branch decided.
 */
export type Permission = { allowed: true; rule: string } | { allowed: false; reason: RefusalReason; rule: string };

export const permit = (rule: string): Permission => ({ allowed: true, rule });
export const deny = (reason: RefusalReason, rule: string): Permission => ({ allowed: false, reason, rule });

/** Whether the caller's role is in one of the configured role lists (config/necessity-matrix.yaml). */
export const hasRole = (access: Access, list: RoleList): boolean => access.policy.roles[list].has(access.caller.role);
