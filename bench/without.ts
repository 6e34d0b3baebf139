// Switches guarantees off in this process, to measure what each costs (`bench/compare.ts --without`). Only a
// benchmark imports it; nothing the services run can: a switch that skips the log or the release records
// would be a way to disclose unlogged, so none exists outside this file. Each switch replaces one method
// of a class (or the Ed25519 functions of node:crypto) in this process only, after the system has started.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { AuditWriter } from '../gateway/audit/writer.ts';
import { ReleaseRecorder } from '../shared/releases.ts';

export const GUARANTEES = {
  /** the disclosure log: a request's entries are acknowledged without being hashed, written or committed */
  log: () => {
    patch(AuditWriter.prototype, 'flush', async (batch: { resolve(): void }[]) => {
      for (const p of batch) p.resolve();
    });
  },
  /** the subgraphs' ticket claims with their release records: every claim succeeds, nothing is written */
  releases: () => {
    patch(ReleaseRecorder.prototype, 'commit', async (claims: { resolve(claimed: boolean): void }[]) => {
      for (const p of claims) p.resolve(true);
    });
  },
  /** the tickets' Ed25519 signatures: a fixed signature, and every signature verifies */
  signatures: () => {
    const crypto = createRequire(import.meta.url)('node:crypto') as Record<string, unknown>;
    crypto.sign = () => Buffer.alloc(64);
    crypto.verify = () => true;
    syncBuiltinESMExports(); // the modules that imported sign and verify by name now call these
  },
} as const;
export type Guarantee = keyof typeof GUARANTEES;

function patch(prototype: object, method: string, replacement: (...args: never[]) => Promise<void>): void {
  if (typeof (prototype as Record<string, unknown>)[method] !== 'function')
    throw new Error(`bench/without.ts: ${method} is no longer a method it can replace; update this file`);
  (prototype as Record<string, unknown>)[method] = replacement;
}

/** The guarantees named in `--without a,b`, checked; none when the flag is absent. */
export function guaranteesToSwitchOff(argv: string[]): Guarantee[] {
  const i = argv.indexOf('--without');
  if (i < 0) return [];
  const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(n in GUARANTEES));
  if (names.length === 0 || unknown.length > 0) {
    console.error(`--without takes some of ${Object.keys(GUARANTEES).join(', ')}, separated by commas`);
    process.exit(2);
  }
  return names as Guarantee[];
}
