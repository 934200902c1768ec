/**
 * The simulator's WAL checkpoint, moved out of the upload's answer. SQLite checkpoints on its own
 * inside the commit that takes the log past `wal_autocheckpoint` pages: with 1,000 (4 MB) that was
 * nearly every upload of a few thousand records, and the checkpoint (the pages copied into the
 * database file and that file fsynced) was a third to half of the commit the station waits for.
 * The store raises the threshold (platformStore.ts) and this runs the checkpoint once the
 * platform has been quiet for a while — no upload committed for `quietMs`, no request in flight —
 * on the serial queue, as the one writer. A checkpoint changes nothing a reader or a crash can
 * see: a committed transaction is durable in the fsynced log either way.
 */
export interface QuietCheckpointOptions {
  /** The checkpoint itself (run on the serial queue). */
  run: () => Promise<void>;
  /** Resolves when no request is being served. */
  whenIdle: () => Promise<void>;
  quietMs: number;
  onError?: (error: unknown) => void;
}

export class QuietCheckpoint {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly opts: QuietCheckpointOptions) {}

  /** Something was committed: checkpoint once nothing else is for `quietMs`. */
  kick(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.opts.whenIdle().then(
        () => (this.closed ? undefined : this.opts.run()),
      ).catch((e: unknown) => this.opts.onError?.(e));
    }, this.opts.quietMs);
    // A pending checkpoint never keeps the process alive.
    this.timer.unref?.();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
