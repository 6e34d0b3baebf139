// Errors nobody meant for the caller (a database that failed, a bug) never reach the caller in their
// own words (docs/LAW.md rule 20): the caller gets a code and a request id. The server log gets enough
// to find the fault under that id (the kind, codes, the message and where it was thrown) but never a
// statement's bound parameters, which name persons and stored values.

/** Cuts the parameter list a driver appends to a failed statement (`…\nparams: 150385-9013,ACTIVE`). */
const withoutParameters = (message: string): string => message.replace(/\s*params:[\s\S]*$/, ' (parameters left out)');

/** An error's own message for an operator's terminal, parameters left out (a command that failed to start). */
export const safeMessage = (e: unknown): string => withoutParameters(e instanceof Error ? e.message : String(e));

/**
 * An error for the server log: its kind, code and message (parameters left out) down its chain of
 * causes, e.g. `DrizzleQueryError: Failed query: select … <- PostgresError 57P01: terminating…`,
 * then the first frames of where it was thrown.
 */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let cause = e, depth = 0; cause && depth < 5; depth++) {
    const {
      name,
      code,
      message,
      cause: next,
    } = cause as { name?: string; code?: unknown; message?: unknown; cause?: unknown };
    const kind = [typeof name === 'string' ? name : typeof cause, typeof code === 'string' ? code : '']
      .join(' ')
      .trim();
    parts.push(typeof message === 'string' && message ? `${kind}: ${withoutParameters(message).slice(0, 500)}` : kind);
    cause = next;
  }
  // Where it was thrown helps whoever reads the log; the frames name code, never data.
  const stack = (e as { stack?: unknown })?.stack;
  const frames = typeof stack === 'string' ? stack.split('\n').filter((l) => l.startsWith('    at ')) : [];
  return [parts.join(' <- '), ...frames.slice(0, 5)].join('\n');
}
