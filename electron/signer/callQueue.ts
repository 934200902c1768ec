/**
 * DESIGN §5: every PKCS#11 call goes through ONE first-in-first-out queue. Vendor modules are
 * rarely safe to re-enter, and an operation is several calls (SignInit, Login, Sign) that the
 * slot poller must never interleave with. A task runs only after the previous one settled.
 */
export class CallQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  get length(): number {
    return this.waiting;
  }

  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }
}
