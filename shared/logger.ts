// Structured logs (pino, one JSON object a line on standard output). A line written for a request
// carries its request id and trace id (`requestFields` of shared/request-scope.ts, given where the line is
// written), so that the id a caseworker quotes finds every line of their request in every service. No line
// may carry personal data: log kinds, codes, counts and ids, never a hetu, a name or a stored value
// (docs/LAW.md rule 20).
import pino, { type DestinationStream, type Level, type Logger } from 'pino';

/**
 * The level TYM_LOG_LEVEL names, read here and not through shared/config.ts: the logger exists before
 * any configuration is read, and the configuration's own imports log (test/config.test.ts allows this
 * one read). A wrong value is refused by readConfig at start; here it means info.
 */
function startLevel(): Level | 'silent' {
  const named = process.env.TYM_LOG_LEVEL || 'info';
  return named === 'silent' || named in pino.levels.values ? (named as Level | 'silent') : 'info';
}

// Lines go through this indirection so that a test can read them (captureLogs) without a new logger.
let sink: ReturnType<typeof pino.destination> | undefined;
// Buffered, so that a request never waits on a slow reader of standard output; written out on exit.
const stdout = (): DestinationStream => {
  if (sink) return sink;
  const opened = pino.destination({ dest: 1, sync: false });
  process.once('exit', () => {
    try {
      opened.flushSync();
    } catch {
      // nothing more can be done for lines a closed output cannot take
    }
  });
  sink = opened;
  return opened;
};
let capture: ((line: string) => void) | undefined;
const destination: DestinationStream = {
  write(line: string) {
    if (capture) capture(line);
    else stdout().write(line);
  },
};

export const logger: Logger = pino(
  {
    level: startLevel(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Only the error's kind and frames: a driver's message may carry a statement's parameters
    // (shared/safe-errors.ts describes errors for the log).
    serializers: { err: (e: unknown) => ({ type: (e as Error)?.name ?? typeof e }) },
  },
  destination,
);

const components = new Set<Logger>();

/** A logger for one part of the code: its lines name the part (`component`). */
export function loggerFor(component: string): Logger {
  const child = logger.child({ component });
  components.add(child);
  return child;
}

/**
 * The logger Apollo Server and the gateway's query planner are given: their own reports (a request that failed
 * past the resolvers, a schema loaded) become lines of this process's log, under `component` "apollo" and the
 * service's name, instead of bare console text that a log collector cannot parse.
 */
export function apolloLogger(
  service: string,
): Record<'debug' | 'info' | 'warn' | 'error', (message?: unknown) => void> {
  const log = loggerFor('apollo').child({ service });
  components.add(log);
  return {
    debug: (message) => log.debug(String(message)),
    info: (message) => log.info(String(message)),
    warn: (message) => log.warn(String(message)),
    error: (message) => log.error(String(message)),
  };
}

/** Sends every line to `onLine` instead of standard output (tests); returns the function that undoes it. */
export function captureLogs(onLine: (line: string) => void, level: Level = 'trace'): () => void {
  const previous = logger.level;
  // A child logger keeps the level it was made with: each is set too.
  const setLevel = (l: string) => {
    logger.level = l;
    for (const child of components) child.level = l;
  };
  capture = onLine;
  setLevel(level);
  return () => {
    capture = undefined;
    setLevel(previous);
  };
}
