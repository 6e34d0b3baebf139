// Who may write what in the joint record, and only while the customership is active (§12.2).
import { and, eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { badInput, forbidden } from '../../../shared/errors.ts';
import { decideWithoutPerson } from '../../../shared/policy.ts';
import { isAuthority, isTymPurpose, type DataCategory } from '../../../shared/vocabulary.ts';
import type { Db } from '../../../shared/db.ts';
import { customerships, type JointSchema } from '../db/schema.ts';
import type { JointContext } from '../resolvers.ts';

/** Roles that keep the joint record; supervisors set legal holds, analysts and network leads write nothing (LAW.md rule 13). */
const NON_WRITING_ROLES = new Set(['supervisor', 'analyst', 'network-lead']);

export const conflict = (reason: string, message: string) => new GraphQLError(message, { extensions: { code: 'CONFLICT', reason } });
/** The same answer whether the person is unknown, not a client, ended, or a client elsewhere (LAW.md rule 20). */
export const customershipNotActive = () =>
  new GraphQLError('No active TYM customership in your cooperation areas', { extensions: { code: 'CUSTOMERSHIP_NOT_ACTIVE' } });

export function requireTymOfficial(ctx: JointContext, roles: 'caseworker' | 'supervisor' = 'caseworker'): void {
  const { caller, purpose } = ctx.access;
  if (!isAuthority(caller.org)) throw forbidden('NO_LEGAL_BASIS', 'Only the TYM authorities keep the joint record');
  if (!isTymPurpose(purpose)) throw forbidden('PURPOSE_NOT_ALLOWED');
  const allowed = roles === 'supervisor' ? caller.role === 'supervisor' : !NON_WRITING_ROLES.has(caller.role);
  if (!allowed) throw forbidden('NOT_NECESSARY_FOR_ROLE');
}

type Tx = Parameters<Parameters<Db<JointSchema>['transaction']>[0]>[0];

/**
 * The active customership the caller may write `category` to, locked for the rest of the
 * transaction so that concurrent writes to one person are serialised.
 */
export async function writableCustomership(ctx: JointContext, tx: Tx, hetu: string, category: DataCategory) {
  requireTymOfficial(ctx);
  const refusal = decideWithoutPerson(ctx.access, { register: 'joint', category });
  if (refusal && !refusal.allowed) throw forbidden(refusal.reason);
  const [row] = await tx.select().from(customerships)
    .where(and(eq(customerships.hetu, hetu), eq(customerships.status, 'ACTIVE')))
    .for('update');
  if (!row || !ctx.access.caller.areas.includes(row.area)) throw customershipNotActive();
  ctx.note('used', hetu, category, 'SECTION_15');
  return row;
}

export const stamp = (ctx: JointContext, area: string | null) => ({
  recordedByOrg: ctx.access.caller.org,
  recordedByArea: area,
  recordedByOfficial: ctx.access.caller.sub,
});

/** Free text: trimmed, not empty, bounded. */
export function text(value: string | null | undefined, field: string, { required = true, max = 4000 } = {}): string | null {
  const v = value?.trim() ?? '';
  if (!v) {
    if (required) throw badInput(`EMPTY_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, `${field} must not be empty`);
    return null;
  }
  if (v.length > max) throw badInput('TOO_LONG', `${field} is longer than ${max} characters`);
  return v;
}

export function checkVersion(actual: number, expected: number | null | undefined): void {
  if (expected !== null && expected !== undefined && expected !== actual) {
    throw conflict('VERSION_MISMATCH', `The entry was changed by someone else (version ${actual}, you had ${expected}); reload and try again`);
  }
}
