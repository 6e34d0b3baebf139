// A fault nothing caught ends the process, as Node.js would end it (a supervisor then restarts it), but
// reported as the server log wants it: a structured line with the error's kind, codes, message and frames
// (shared/safe-errors.ts). Node.js's own report prints the error object whole, and a failed statement's
// error carries the statement and its bound parameters, which name persons (docs/LAW.md rule 20).
import { loggerFor } from './logger.ts';
import { describeError } from './safe-errors.ts';

const log = loggerFor('process');

/** For the long-running commands (`tym start`, `tym serve`): set once, before the services start. */
export function exitOnUncaughtFaults(): void {
  const fatal = (what: string) => (e: unknown) => {
    log.fatal({ error: describeError(e) }, `${what}: the process ends`);
    process.exit(1); // the logger writes its buffered lines out on exit
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled rejection'));
}
