// Applies the policy's write decisions (shared/policy/writes.ts) in the joint subgraph's mutations.
import { and, eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { badInput, forbidden } from '../../../shared/errors.ts';
import {
  decideWrite,
  decideWriter,
  type InputRefusal,
  type WriteAction,
  type WriteDecision,
  type WriteRefusal,
} from '../../../shared/policy.ts';
import type { Basis, DataCategory } from '../../../shared/vocabulary.ts';
import type { Db } from '../../../shared/db.ts';
import { customerships, type JointSchema } from '../db/schema.ts';
import type { JointContext } from '../resolvers.ts';

export const conflict = (reason: string, message: string) =>
  new GraphQLError(message, { extensions: { code: 'CONFLICT', reason } });
/** The same answer whether the person is unknown, not a client, ended, or a client elsewhere (docs/LAW.md rule 20). */
export const customershipNotActive = () =>
  new GraphQLError('No active TYM customership in your cooperation areas', {
    extensions: { code: 'CUSTOMERSHIP_NOT_ACTIVE' },
  });

const INPUT_MESSAGES: Record<InputRefusal, string> = {
  AREA_NOT_YOURS: 'You do not serve that cooperation area',
  MUNICIPALITY_REQUIRED:
    "Give the client's identity with their municipality: your organisation holds none for this person",
  MUNICIPALITY_NOT_IN_AREA: 'The municipality is not in that cooperation area',
  NOT_STORING_ORGANISATION: 'Only the organisation that stored an entry can correct it',
};

/** The error a refused write answers with. */
export function writeRefused(d: WriteRefusal): GraphQLError {
  switch (d.code) {
    case 'FORBIDDEN':
      return forbidden(d.reason);
    case 'CUSTOMERSHIP_NOT_ACTIVE':
      return customershipNotActive();
    case 'BAD_USER_INPUT':
      return badInput(d.reason, INPUT_MESSAGES[d.reason]);
    case 'CONFLICT':
      return conflict(d.reason, 'The person already has an active TYM customership');
  }
}

/**
 * Applies a write decision: a refusal that tells something of the person is logged as that
 * disclosure before it is thrown; an allowed write returns the basis its use is logged with.
 */
export function enforceWrite(ctx: JointContext, hetu: string, d: WriteDecision): Basis {
  if (d.allowed) return d.basis;
  if (d.code === 'CONFLICT') ctx.note('released', hetu, d.disclosed.category, d.disclosed.basis);
  throw writeRefused(d);
}

/** The person-independent part of a write's decision, before any input is looked at. */
export function requireWriter(ctx: JointContext, action: WriteAction, category: DataCategory = 'CUSTOMERSHIP'): void {
  const refusal = decideWriter(ctx.access, { action, category });
  if (refusal) throw writeRefused(refusal);
}

type Tx = Parameters<Parameters<Db<JointSchema>['transaction']>[0]>[0];

/**
 * The active customership the caller may write `category` to, locked for the rest of the
 * transaction so that concurrent writes to one person are serialised; the write is logged as use
 * on the basis the policy decided.
 */
export async function writableCustomership(ctx: JointContext, tx: Tx, hetu: string, category: DataCategory) {
  requireWriter(ctx, 'RECORD', category);
  const [row] = await tx
    .select()
    .from(customerships)
    .where(and(eq(customerships.hetu, hetu), eq(customerships.status, 'ACTIVE')))
    .for('update');
  const facts = { customerships: row ? [{ area: row.area, active: true }] : [] };
  ctx.note(
    'used',
    hetu,
    category,
    enforceWrite(ctx, hetu, decideWrite(ctx.access, facts, { action: 'RECORD', category })),
  );
  return row!;
}

export const stamp = (ctx: JointContext, area: string | null) => ({
  recordedByOrg: ctx.access.caller.org,
  recordedByArea: area,
  recordedByOfficial: ctx.access.caller.sub,
});

/** Free text: trimmed, not empty, bounded. */
export function text(
  value: string | null | undefined,
  field: string,
  { required = true, max = 4000 } = {},
): string | null {
  const v = value?.trim() ?? '';
  if (!v) {
    if (required)
      throw badInput(`EMPTY_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, `${field} must not be empty`);
    return null;
  }
  if (v.length > max) throw badInput('TOO_LONG', `${field} is longer than ${max} characters`);
  return v;
}

export function checkVersion(actual: number, expected: number | null | undefined): void {
  if (expected !== null && expected !== undefined && expected !== actual) {
    throw conflict(
      'VERSION_MISMATCH',
      `The entry was changed by someone else (version ${actual}, you had ${expected}); reload and try again`,
    );
  }
}
