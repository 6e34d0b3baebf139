// The embedded system as an operator runs it: real processes on a real data directory. One process
// owns each database; the `tym` commands go through it while it runs; a stop is clean; a kill -9
// right after answers loses no acknowledged disclosure-log entry (docs/LAW.md rules 18–19). The same
// on PostgreSQL: test/embedded-postgres.test.ts (a file of its own, so that the two run side by side).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileP, killAndRecover, listening, setup, start, token, tym } from './support/embedded.ts';

describe('embedded PGlite: one owner, operator commands through it, clean stop, nothing acknowledged lost', () => {
  const s = setup('pglite');
  afterAll(() => rmSync(s.dataDir, { recursive: true, force: true }));

  it('while `npm start` runs: a second opener refuses, commands go through the system, printed commands work, ' +
    'SIGTERM stops all', async () => {
    // Nothing there yet: the command says so, and creates nothing.
    const none = await tym(s, ['audit', 'verify']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no disclosure log at /);
    expect(none.stdout).not.toMatch(/intact/);
    expect(existsSync(join(s.dataDir, 'db', 'tym_audit'))).toBe(false);

    const system = await start(s, 'npm', ['start']); // a small first-start world (TYM_SEED_CLIENTS)
    const owner = JSON.parse(readFileSync(join(s.dataDir, 'db', 'tym_audit.lock'), 'utf8'));
    expect(owner.operator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // A log without entries is no proof of anything: said so, exit 1, through the running system.
    const empty = await tym(s, ['audit', 'verify']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no disclosure log in .*tym_audit: it holds no entries/);
    const seeded = await tym(s, ['seed', '--clients', '8']);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toMatch(
      /^seeded 15 persons \(8 generated \+ fixtures, seed 1, today \d{4}-\d\d-\d\d\) in [\d.]+ s$/m,
    );

    // Item 1: a second system on the same directory refuses, naming the owner, and opens nothing.
    const second = await tym(s, ['start']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`pid ${owner.pid}`);
    expect(await listening(s.port)).toBe(true);

    // Item 8: the printed commands, pasted into another shell as printed, get data.
    const printed = system.output();
    const tokenLine = /^\s*(TOKEN=\$\(.*\))$/m.exec(printed)![1]!;
    const curl = printed.slice(printed.indexOf('  curl -s')).split('\n').slice(0, 3).join('\n');
    // Another shell: none of the system's environment, only what a login shell has.
    const shell = { PATH: process.env.PATH, HOME: process.env.HOME };
    const { stdout: answer } = await execFileP('bash', ['-c', `${tokenLine} && ${curl}`], {
      env: shell,
      timeout: 120_000,
    });
    expect(JSON.parse(answer).data.client.joint.identity.lastName).toBeTruthy();

    // Item 2: the commands reach the running system and print what they print without it.
    const verify = await tym(s, ['audit', 'verify']);
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toMatch(/^disclosure log intact: [1-9]\d* entries verified; head [0-9a-f]{64}$/m);
    const head = await tym(s, ['audit', 'head']);
    expect(head.stdout).toMatch(/^[1-9]\d* [0-9a-f]{64}$/m);
    const dry = await tym(s, ['retention', '--dry-run']);
    expect(dry.stdout).toMatch(/^dry run: would delete/);
    const deletable = Number(/total: (\d+) person/.exec(dry.stdout)![1]);
    expect(deletable).toBeGreaterThan(0); // the fixture whose customership ended over four years ago
    const real = await tym(s, ['retention']);
    expect(real.stdout).toMatch(new RegExp(`total: ${deletable} person`));
    const after = await tym(s, ['retention', '--dry-run']);
    expect(after.stdout).toMatch(/total: 0 person/); // deleted in the database the system serves from
    const pruned = await tym(s, ['audit', 'prune']);
    expect(pruned.stdout).toMatch(/^pruned 0 entries older than/);

    // The endpoint answers only the operator credential, never a caseworker's token.
    const caseworker = await token(s);
    const refused = await fetch(`${owner.operator.url}/audit/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${caseworker}` },
    });
    expect(refused.status).toBe(401);
    expect((await fetch(`${owner.operator.url}/audit/verify`, { method: 'POST' })).status).toBe(401);

    // Item 5: SIGTERM to the process the user started (npm) stops the whole system.
    process.kill(system.child.pid!, 'SIGTERM');
    // npm passes the signal on, waits for the system, then ends itself by that signal, as is its way.
    expect([0, 'SIGTERM']).toContain(await system.exited);
    for (let i = 0; i < 5; i++) expect(await listening(s.port + i)).toBe(false);
    expect(readdirSync(join(s.dataDir, 'db')).filter((f) => f.endsWith('.lock'))).toEqual([]);
    // Nothing runs now: the command opens the data itself, and finds the same log.
    const direct = await tym(s, ['audit', 'verify']);
    expect(direct.stdout).toBe(verify.stdout);
    expect(direct.code).toBe(0);
  }, 900_000);

  it('kill -9 of the whole system right after answers loses no acknowledged log entry', async () => {
    await killAndRecover(s);
    expect(existsSync(join(s.dataDir, 'db', 'tym_audit.lock'))).toBe(false);
  }, 900_000);
});
