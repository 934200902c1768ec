/**
 * Hot-plug (DESIGN §5): C_GetSlotList(true) every 1–2 s, because SoftHSM and many CA drivers do
 * not implement C_WaitForSlotEvent. Polls run through the host's one queue, one at a time, so a
 * poll never lands between C_SignInit and C_Sign. Any fresh listing is diffed the same way.
 * A timed poll is skipped while the host is using the token (a listing or a signature within the
 * interval): those calls notice a removal themselves, and on a USB token a poll queued in the
 * middle of a signing action would make it wait one slot listing longer.
 */
import type { Logger } from '../core/logger.js';
import type { CallQueue } from './callQueue.js';

export interface PresentToken {
  serial: string;
  label: string;
}

export interface SlotWatcherDeps {
  queue: CallQueue;
  intervalMs: number;
  now(): number;
  /** The tokens present now; null when no module is loaded. Throws on a PKCS#11 failure. */
  read(): PresentToken[] | null;
  inserted(token: PresentToken): void;
  removed(token: PresentToken): void;
  logger: Logger;
}

export class SlotWatcher {
  private present = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  /** When the host last used the token (start or end of a listing or signature). */
  private lastUse = Number.NEGATIVE_INFINITY;
  private readonly deps: SlotWatcherDeps;

  constructor(deps: SlotWatcherDeps) {
    this.deps = deps;
  }

  tokens(): PresentToken[] {
    return [...this.present].map(([serial, label]) => ({ serial, label }));
  }

  /** A new module: what it shows now is the starting point, not news. */
  reset(tokens: PresentToken[]): void {
    this.present = new Map(tokens.map((t) => [t.serial, t.label]));
  }

  /** Reports what changed since the last look. */
  observe(tokens: PresentToken[]): void {
    const now = new Map(tokens.map((t) => [t.serial, t.label]));
    for (const [serial, label] of now) if (!this.present.has(serial)) this.deps.inserted({ serial, label });
    const gone = [...this.present].filter(([serial]) => !now.has(serial));
    this.present = now;
    for (const [serial, label] of gone) this.deps.removed({ serial, label });
  }

  /** Runs a task that uses the token (inside the queue), noting the use before and after it. */
  busy<T>(task: () => T): T {
    this.lastUse = this.deps.now();
    try {
      return task();
    } finally {
      this.lastUse = this.deps.now();
    }
  }

  start(): void {
    if (this.deps.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.deps.now() - this.lastUse >= this.deps.intervalMs && this.deps.queue.length === 0) void this.poll();
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.deps.queue.run(() => {
        let tokens: PresentToken[] | null;
        try {
          tokens = this.deps.read();
        } catch (err) {
          this.deps.logger.log('debug', 'slot poll failed', { message: err instanceof Error ? err.message : String(err) });
          return;
        }
        if (tokens) this.observe(tokens);
      });
    } finally {
      this.polling = false;
    }
  }
}
