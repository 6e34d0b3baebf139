// The benchmark's guarantee switches (bench/without.ts) still reach what they switch off: a renamed method
// or a ticket signed another way would otherwise leave a `--without` run measuring the project unchanged.
// In a test file of its own: the switches change this process's classes and node:crypto for good.
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GUARANTEES } from '../bench/without.ts';
import { AuditWriter } from '../gateway/audit/writer.ts';
import { ReleaseRecorder } from '../shared/releases.ts';
import { signTicket } from '../shared/tickets.ts';

const methodOf = (prototype: object, name: string) => (prototype as Record<string, unknown>)[name];

describe('bench/without.ts', () => {
  it('replaces the log commit, the release commit and the tickets Ed25519 it names', async () => {
    const flush = methodOf(AuditWriter.prototype, 'flush');
    const commit = methodOf(ReleaseRecorder.prototype, 'commit');
    expect(typeof flush).toBe('function');
    expect(typeof commit).toBe('function');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const claims = {
      caller: { org: 'kela', role: 'work-ability-specialist', sub: 'bench', areas: [] },
      purpose: 'COORDINATION',
      caseReference: null,
      requestId: 'bench',
      doc: 'bench',
    } as const;
    const signature = async () => (await signTicket(privateKey, 'kid', 'kela', claims as never)).split('.')[2];
    const fixed = Buffer.alloc(64).toString('base64url');
    expect(await signature()).not.toBe(fixed);

    for (const switchOff of Object.values(GUARANTEES)) switchOff();

    expect(methodOf(AuditWriter.prototype, 'flush')).not.toBe(flush);
    expect(methodOf(ReleaseRecorder.prototype, 'commit')).not.toBe(commit);
    const resolved: boolean[] = [];
    await (methodOf(ReleaseRecorder.prototype, 'commit') as (c: unknown[]) => Promise<void>)([
      { resolve: (claimed: boolean) => resolved.push(claimed) },
    ]);
    expect(resolved).toEqual([true]);
    // The tickets module's own imports of sign and verify now reach the switched functions.
    expect(await signature()).toBe(fixed);
    expect(verify(null, Buffer.from('x'), publicKey, Buffer.alloc(64))).toBe(true);
    expect(sign(null, Buffer.from('x'), privateKey)).toEqual(Buffer.alloc(64));
  });
});
