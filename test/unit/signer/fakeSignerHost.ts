/**
 * A scripted stand-in for the signer host process (same HostProcess interface as a forked
 * host): says host.ready on start unless told otherwise, answers each request through `script`.
 */
import type { HostProcess } from '../../../electron/core/signer-client/hostProcess.js';

export type Request = { id: number; method: string; params: Record<string, unknown> };

export class FakeHost implements HostProcess {
  static nextPid = 1000;
  readonly pid = FakeHost.nextPid++;
  killed = false;
  received: Request[] = [];
  private message: ((m: unknown) => void)[] = [];
  private exit: ((code: number | null, signal: string | null) => void)[] = [];
  private log: ((line: string) => void)[] = [];
  /** `start` runs once the client listens: by default the host says it is ready. */
  constructor(
    private readonly script: (req: Request, host: FakeHost) => void,
    start: (host: FakeHost) => void = (h) => h.push({ event: 'host.ready', data: { pid: h.pid } }),
  ) {
    setImmediate(() => start(this));
  }
  send(message: unknown) {
    const req = message as Request;
    this.received.push(req);
    setImmediate(() => this.script(req, this));
  }
  push(message: unknown) {
    this.message.forEach((l) => l(message));
  }
  reply(req: Request, result: unknown) {
    this.push({ id: req.id, ok: true, result });
  }
  die(code: number | null, signal: string | null = null) {
    this.exit.forEach((l) => l(code, signal));
  }
  writeLog(line: string) {
    this.log.forEach((l) => l(line));
  }
  onMessage(l: (m: unknown) => void) {
    this.message.push(l);
  }
  onExit(l: (code: number | null, signal: string | null) => void) {
    this.exit.push(l);
  }
  onLog(l: (line: string) => void) {
    this.log.push(l);
  }
  kill() {
    this.killed = true;
    setImmediate(() => this.die(null, 'SIGKILL'));
  }
}

export const status = (pid: number) => ({ pid, module: null, tokens: [], session: null });
