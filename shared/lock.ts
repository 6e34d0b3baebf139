// One process owns each embedded database. PGlite does not lock its directory: a second process
// that opens it works on its own copy, loses its writes, and can leave the files unreadable
// (docs/DESIGN.md, second round). So every PGlite directory gets a lock file beside it, `<dir>.lock`,
// holding the owner's pid and the URL of its operator endpoint, through which other processes
// (the `tym` commands) reach the data instead of opening it.
//
// Hand-written rather than a library: the lock libraries judge staleness by the file's age, but an
// owner that runs for months must keep its lock, and one killed a second ago must not; only "does
// the pid still run" tells that.
import { dirname } from 'node:path';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface LockInfo {
  pid: number;
  startedAt: string;
  /** the owner's operator endpoint, once it listens */
  operator?: { url: string };
}

export class LockedError extends Error {
  constructor(
    readonly path: string,
    readonly owner: LockInfo,
  ) {
    super(
      `${path.replace(/\.lock$/, '')} is in use by the running system (pid ${owner.pid}); ` +
        'stop it first, or run the command while it runs: it then goes through the system',
    );
  }
}

/** Lock files this process holds, so that its operator URL can be written into each. */
const held = new Map<string, LockInfo>();

export const lockPathOf = (dir: string): string => `${dir}.lock`;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of `dir`, or null when nobody holds it (no lock, or a dead owner's). */
export function lockOwner(dir: string): LockInfo | null {
  const info = readLock(lockPathOf(dir));
  if (!info) return null;
  // Our own pid in a lock this process does not hold: a previous incarnation with the same pid
  // (a container's entry point is always pid 1) died without removing it.
  if (info.pid === process.pid && !held.has(lockPathOf(dir))) return null;
  return alive(info.pid) ? info : null;
}

function readLock(path: string): LockInfo | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    if (Number.isInteger(info.pid) && info.pid > 0) return info;
  } catch {
    /* fall through */
  }
  // Written with O_EXCL in one write, so a partial file means its writer died mid-write, or is
  // writing now: the caller retries before judging it.
  return { pid: 0, startedAt: '' };
}

/**
 * Takes the lock of `dir` for this process, or throws LockedError naming the live owner. A lock
 * whose owner no longer runs is taken over. Returns the release function.
 */
export function acquireLock(dir: string): () => void {
  const path = lockPathOf(dir);
  if (held.has(path)) throw new LockedError(path, held.get(path)!);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(info));
      } finally {
        closeSync(fd);
      }
      held.set(path, info);
      return () => releaseLock(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readLock(path);
    if (owner && owner.pid === 0 && attempt < 10) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // being written: look again
      continue;
    }
    const live = lockOwner(dir);
    if (live) throw new LockedError(path, live);
    // Stale: move it aside under a unique name (only one taker wins the rename), then retry.
    try {
      renameSync(path, `${path}.stale-${process.pid}-${attempt}`);
      rmSync(`${path}.stale-${process.pid}-${attempt}`, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function releaseLock(path: string): void {
  if (!held.delete(path)) return;
  const current = readLock(path);
  if (current?.pid === process.pid) rmSync(path, { force: true });
}

/** Records this process's operator endpoint in every lock it holds (atomically: write, then rename). */
export function announceOperator(url: string | undefined): void {
  for (const [path, info] of held) {
    const next: LockInfo = { ...info, operator: url ? { url } : undefined };
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(next));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    held.set(path, next);
  }
}
