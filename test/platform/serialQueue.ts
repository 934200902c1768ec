/**
 * The simulator's one-writer rule as a queue: uploads and certificate issuance run one at a time,
 * in arrival order. Issuance decides from the records it reads and commits certificates for them;
 * an upload in between (a correction superseding the dose being certified) would make that
 * decision stale, so the two never interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
