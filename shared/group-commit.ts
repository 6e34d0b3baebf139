// Group commit, for the disclosure log (gateway/audit/writer.ts) and the registers' release records
// (shared/releases.ts): when no commit is in flight, one starts with what this turn of the event loop
// brought (after `gather`, if given); what arrives while it runs waits and shares the next, which starts
// as soon as it ends. One commit at a time.

export class GroupCommit<T> {
  private queue: T[] = [];
  /** the commits in flight and those queued behind them; null when idle */
  private running: Promise<void> | null = null;

  constructor(
    private readonly opts: {
      /** Commits one batch and settles each item's waiter; it must not throw (each item is told its outcome). */
      commit(batch: T[]): Promise<void>;
      /** Waits, before the first commit of a run, for more items to arrive. */
      gather?(): Promise<void>;
    },
  ) {}

  add(item: T): void {
    this.queue.push(item);
    this.drain();
  }

  /** Waits for the commits in flight and queued (before the database closes). */
  async close(): Promise<void> {
    while (this.running) await this.running;
  }

  private drain(): void {
    if (this.running) return;
    this.running = (async () => {
      // Items of requests answered together arrive in the same turn of the event loop: one turn lets them.
      await new Promise((resolve) => setImmediate(resolve));
      await this.opts.gather?.();
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        await this.opts.commit(batch);
      }
    })().finally(() => {
      this.running = null;
      if (this.queue.length > 0) this.drain();
    });
  }
}
