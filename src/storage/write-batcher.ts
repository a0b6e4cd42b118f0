// Group writes: single-resource creates (or updates) that arrive together share one statement.
// PostgreSQL pays a large fixed cost per write statement (planning, opening ten tables and their indexes, commit);
// under load, the writes waiting for a connection are sent as one batch, so that cost is paid once per batch.
// With no queue (a quiet server) a write goes out at once, alone: batching never adds latency.

interface Waiting<T> {
  readonly item: T;
  readonly resolve: (written: boolean) => void;
  readonly reject: (error: unknown) => void;
}

export class WriteBatcher<T> {
  private queue: Waiting<T>[] = [];
  private inFlight = 0;

  /**
   * `run` writes items in one statement and returns the positions (in `items`) of those it wrote; two items for
   * the same resource can share a statement, and only one of them is written (new, or at the version it expected). `concurrency` is how many statements may
   * run at once (the rest of the pool stays free for reads); `maxBatch` bounds one statement.
   */
  constructor(
    private readonly run: (items: readonly T[]) => Promise<ReadonlySet<number>>,
    private readonly concurrency: number,
    private readonly maxBatch = 64,
  ) {}

  /** Resolves true when the item was written, false when not (its resource already existed, or is at another version). */
  write(item: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.send(batch);
    }
  }

  /**
   * Writes a batch in one of the `concurrency` slots. The slot is given back, and the next batch sent, before this
   * batch's writers are answered: their responses then run while PostgreSQL works on the next statement, instead of
   * PostgreSQL waiting for all of them (measured: ~25 responses, 3–5 ms of Node, between two statements).
   */
  private async send(batch: readonly Waiting<T>[]): Promise<void> {
    let written: ReadonlySet<number>;
    try {
      written = await this.run(batch.map((w) => w.item));
    } catch (error) {
      // One bad item must not fail the others: each goes again alone (in this slot), and only its own error reaches it.
      if (batch.length > 1) await Promise.all(batch.map((w) => this.retry(w)));
      else batch[0].reject(error);
      return this.release();
    }
    this.release();
    // pg's pool hands a free connection to the next statement in a process.nextTick: answering in a later one lets
    // that statement reach PostgreSQL first (answering at once ran every writer's response before it was sent).
    process.nextTick(() => batch.forEach((w, i) => w.resolve(written.has(i))));
  }

  private async retry(w: Waiting<T>): Promise<void> {
    try {
      w.resolve((await this.run([w.item])).has(0));
    } catch (error) {
      w.reject(error);
    }
  }

  private release(): void {
    this.inFlight--;
    this.drain();
  }
}
