/**
 * Small stand-ins for Electron's objects, enough for the shell's code paths (no Electron binary
 * runs in these tests). Each records what was done to it so a test can assert on it.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { PortLike, PortMessageEvent } from '../../electron/main/processMessages.js';

/** A MessagePortMain look-alike that only records (no delivery). */
export class FakePort extends EventEmitter {
  static count = 0;
  readonly name = `port${++FakePort.count}`;
  readonly sent: unknown[] = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
}

export function fakeChannel() {
  return { port1: new FakePort(), port2: new FakePort() };
}

/** A UtilityProcess look-alike: records posts (with transferred ports), can spawn/exit on demand. */
export class FakeUtilityProcess extends EventEmitter {
  static nextPid = 1000;
  pid: number | undefined = FakeUtilityProcess.nextPid++;
  readonly posted: { message: unknown; ports: unknown[] }[] = [];
  readonly stderr = new PassThrough();
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  postMessage(message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ message, ports: transfer });
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  /** What the process sends to main (process.parentPort.postMessage in the child). */
  say(message: unknown): void {
    this.emit('message', message);
  }
  exit(code: number): void {
    this.emit('exit', code);
  }
  messages(): unknown[] {
    return this.posted.map((p) => p.message);
  }
}

/**
 * A real message channel (node:worker_threads) wrapped to look like Electron's MessagePortMain:
 * 'message' listeners get `{ data, ports }`, a closed peer emits 'close'.
 */
export function electronLikeChannel(): { port1: PortLike & { raw: MessagePort }; port2: PortLike & { raw: MessagePort } } {
  const { port1, port2 } = new MessageChannel();
  return { port1: wrap(port1), port2: wrap(port2) };
}

function wrap(port: MessagePort): PortLike & { raw: MessagePort } {
  return {
    raw: port,
    postMessage: (message: unknown) => port.postMessage(message),
    on(event: 'message' | 'close', listener: ((e: PortMessageEvent) => void) | (() => void)) {
      if (event === 'message') port.on('message', (data: unknown) => (listener as (e: PortMessageEvent) => void)({ data, ports: [] }));
      else port.on('close', listener as () => void);
      return this;
    },
    start: () => port.start(),
    close: () => port.close(),
  } as PortLike & { raw: MessagePort };
}

/** process.parentPort of a utility process, seen from both sides. */
export class FakeParentPort extends EventEmitter {
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
    this.emit('posted', message);
  }
  /** main → this process. */
  deliver(data: unknown, ports: PortLike[] = []): void {
    this.emit('message', { data, ports });
  }
  /** Resolves with the first posted message matching `predicate`. */
  next(predicate: (m: { type?: string }) => boolean): Promise<{ type?: string; [k: string]: unknown }> {
    const found = this.posted.find((m) => predicate(m as { type?: string }));
    if (found) return Promise.resolve(found as { type?: string });
    return new Promise((resolve) => {
      const on = (m: unknown) => {
        if (!predicate(m as { type?: string })) return;
        this.off('posted', on);
        resolve(m as { type?: string });
      };
      this.on('posted', on);
    });
  }
}
