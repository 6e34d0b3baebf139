// A fault nothing caught in a running service: the process ends as Node.js would end it, and what it
// reports carries no statement parameter (docs/LAW.md rule 20). Real processes: a handler of this test
// runner's own would otherwise catch the fault first.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { safeMessage } from '../shared/safe-errors.ts';

const run = promisify(execFile);
const HETU = '150385-9013';

/** A driver's failed statement as drizzle reports it: the statement, then its bound parameters. */
const FAILED_STATEMENT = `Object.assign(
  new Error('Failed query: select * from persons where hetu = $1\\nparams: ${HETU}'),
  { name: 'DrizzleQueryError', params: ['${HETU}'] })`;

async function child(fault: string, handled: boolean) {
  const code = [
    handled ? `import { exitOnUncaughtFaults } from './shared/fatal.ts'; exitOnUncaughtFaults();` : '',
    fault,
    'setTimeout(() => {}, 5_000);',
  ].join('\n');
  try {
    await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      env: { ...process.env, TYM_LOG_LEVEL: 'info' },
      timeout: 60_000,
    });
    return { code: 0, stdout: '', stderr: '' };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const faults = {
  'an unhandled rejection': `Promise.reject(${FAILED_STATEMENT});`,
  'an uncaught exception': `setTimeout(() => { throw ${FAILED_STATEMENT}; }, 10);`,
};

describe('a fault nothing caught', { timeout: 120_000 }, () => {
  for (const [name, fault] of Object.entries(faults)) {
    it(`${name} ends the process with one log line, without the statement's parameters`, async () => {
      const r = await child(fault, true);
      expect(r.code).toBe(1);
      expect(`${r.stdout}${r.stderr}`).not.toContain(HETU);
      const lines = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'fatal', component: 'process' });
      expect(lines[0].msg).toMatch(/the process ends$/);
      expect(lines[0].error).toContain('DrizzleQueryError: Failed query: select * from persons where hetu = $1');
      expect(lines[0].error).toContain('(parameters left out)');
    });
  }

  it("is needed: Node.js's own report prints the parameters", async () => {
    const r = await child(faults['an unhandled rejection'], false);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(HETU);
  });
});

describe('a command that fails to start', () => {
  it("says why on the terminal without a failed statement's parameters", () => {
    const failed = new Error(`Failed query: insert into persons values ($1)\nparams: ${HETU},Matti`);
    expect(safeMessage(failed)).toBe('Failed query: insert into persons values ($1) (parameters left out)');
    expect(safeMessage('TYM_GATEWAY_PORT must be a port number')).toBe('TYM_GATEWAY_PORT must be a port number');
  });
});
