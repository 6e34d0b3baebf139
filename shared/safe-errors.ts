// Errors nobody meant for the caller (a database that failed, a bug) reach neither the caller nor
// the log in their own words: a driver's message carries the statement and its parameters, which
// name persons and stored values (docs/LAW.md rule 20). The caller gets a code; the log the error's kind.

/** An error's kind and codes down its chain of causes, e.g. `DrizzleQueryError <- PostgresError 57P01`. */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let cause = e, depth = 0; cause && depth < 5; depth++) {
    const { name, code, cause: next } = cause as { name?: string; code?: unknown; cause?: unknown };
    parts.push([typeof name === 'string' ? name : typeof cause, typeof code === 'string' ? code : ''].join(' ').trim());
    cause = next;
  }
  // Where it was thrown helps whoever reads the log; the frames name code, never data.
  const frames =
    ((e as { stack?: unknown })?.stack as string | undefined)?.split('\n').filter((l) => l.startsWith('    at ')) ?? [];
  return [parts.join(' <- '), ...frames.slice(0, 5)].join('\n');
}
