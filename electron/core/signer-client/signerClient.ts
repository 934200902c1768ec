/**
 * The core's side of the signer host: one call at a time, request ids, a time limit per call.
 * A call that blocks past its limit gets the host killed and restarted (SIGNER_HUNG); a host that
 * exits mid-call is restarted too (SIGNER_CRASHED). Either way the token is logged out and an
 * event says so. A host that keeps dying is restarted with backoff and then left down
 * (restartPolicy.ts) until the next call. The PIN exists only inside `sign` params: never logged
 * here, never kept.
 */
import { StationError } from '../../../shared/errors.js';
import { RpcEvent, RpcReply } from '../../../shared/rpc/protocol.js';
import {
  signerError,
  signerEventSchemas,
  signerMethods,
  type SignerEventData,
  type SignerEventName,
  type SignerMethod,
  type SignerParams,
  type SignerResult,
} from '../../../shared/signer/index.js';
import { silentLogger, type LogLevel, type Logger } from '../logger.js';
import type { HostProcess, HostSpawner } from './hostProcess.js';
import { DEFAULT_RESTART_POLICY, restartDelay, restartsStoppedError, type RestartPolicy } from './restartPolicy.js';

export type SignerClientEvent =
  | { [E in Exclude<SignerEventName, 'host.ready'>]: { type: E; data: SignerEventData<E> } }[Exclude<SignerEventName, 'host.ready'>]
  | { type: 'signer.hung'; method: SignerMethod }
  | { type: 'signer.crashed'; code: number | null; signal: string | null }
  /** Automatic restarts stopped after `crashes` deaths in a row; the next call tries once more. */
  | { type: 'signer.unavailable'; crashes: number; error: { code: 'SIGNER_UNAVAILABLE'; message_vi: string; message_en: string } }
  | { type: 'signer.started'; pid: number };

export interface SignerClientOptions {
  spawn: HostSpawner;
  logger?: Logger;
  /** Per-method limits in ms; `default` for the rest. `sign` waits longer: a PIN-pad user is typing. */
  timeouts?: Partial<Record<SignerMethod | 'default' | 'ready', number>>;
  /** Backoff and limit for restarting a host that died on its own (tests shorten it). */
  restart?: Partial<RestartPolicy>;
}

const DEFAULT_TIMEOUTS: Record<string, number> = { default: 30_000, sign: 120_000, 'session.login': 120_000, ready: 15_000 };

interface InFlight {
  id: number;
  method: SignerMethod;
  resolve(value: unknown): void;
  reject(err: StationError): void;
  timer: NodeJS.Timeout;
}

interface Running {
  process: HostProcess;
  ready: Promise<void>;
}

export class SignerClient {
  private readonly opts: SignerClientOptions;
  private readonly logger: Logger;
  private running: Running | null = null;
  private inFlight: InFlight | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private listeners = new Set<(e: SignerClientEvent) => void>();
  private closed = false;
  private closing = false;
  private session = false;
  private readonly restartPolicy: RestartPolicy;
  /** Host deaths in a row with no call completed since: drives the backoff and the stop. */
  private crashes = 0;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(opts: SignerClientOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
    this.restartPolicy = { ...DEFAULT_RESTART_POLICY, ...opts.restart };
  }

  /** The client's view: true after a signature until logout, idle end, removal, hang or crash. */
  get loggedIn(): boolean {
    return this.session;
  }

  on(listener: (e: SignerClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: SignerClientEvent): void {
    for (const l of this.listeners) l(e);
  }

  private limit(key: string): number {
    return this.opts.timeouts?.[key as SignerMethod] ?? this.opts.timeouts?.default ?? DEFAULT_TIMEOUTS[key] ?? DEFAULT_TIMEOUTS.default!;
  }

  diagnoseModules(params: SignerParams<'modules.diagnose'> = {}) {
    return this.call('modules.diagnose', params);
  }
  listTokens(params: SignerParams<'tokens.list'> = {}) {
    return this.call('tokens.list', params);
  }
  sign(params: SignerParams<'sign'>) {
    return this.call('sign', params);
  }
  /** Logs in and lists the token on that login (certificates kept private until login). */
  logIn(params: SignerParams<'session.login'>) {
    return this.call('session.login', params);
  }
  logout() {
    return this.call('session.logout', {});
  }
  status() {
    return this.call('status', {});
  }

  /** Serialised: a call starts only after the previous one settled (the host has one token queue anyway). */
  call<K extends SignerMethod>(method: K, params: SignerParams<K>): Promise<SignerResult<K>> {
    const run = this.tail.then(() => this.send(method, params));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async send<K extends SignerMethod>(method: K, params: SignerParams<K>): Promise<SignerResult<K>> {
    if (this.closed) throw signerError('SIGNER_UNAVAILABLE', { reason: 'closed' });
    const running = this.ensureHost();
    await running.ready;
    const id = this.nextId++;
    const started = Date.now();
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => this.hung(running, method), this.limit(method));
        this.inFlight = { id, method, resolve, reject, timer };
        running.process.send({ id, method, params });
      });
      const parsed = signerMethods[method].result.safeParse(result);
      if (!parsed.success) throw signerError('SIGNER_BAD_REPLY', { method, issues: parsed.error.issues.map((i) => i.path.join('.')) });
      if (method === 'sign' || method === 'session.login') this.session = true;
      if (method === 'session.logout') this.session = false;
      this.logger.log('info', 'signer call', { id, method, ok: true, ms: Date.now() - started });
      return parsed.data as SignerResult<K>;
    } catch (err) {
      const error = err instanceof StationError ? err : signerError('SIGNER_INTERNAL', { message: String(err) });
      if (error.code === 'TOKEN_REMOVED') this.session = false;
      this.logger.log('warn', 'signer call', { id, method, ok: false, code: error.code, ms: Date.now() - started });
      throw error;
    }
  }

  private ensureHost(): Running {
    if (this.running) return this.running;
    // A call does not wait out a pending backoff: it is paced by the user, not by the host dying.
    this.cancelRestart();
    let child: HostProcess;
    try {
      child = this.opts.spawn();
    } catch (err) {
      throw signerError('SIGNER_UNAVAILABLE', { message: err instanceof Error ? err.message : String(err) });
    }
    let readyResolve!: () => void;
    let readyReject!: (e: StationError) => void;
    const ready = new Promise<void>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    ready.catch(() => undefined);
    const readyTimer = setTimeout(() => {
      readyReject(signerError('SIGNER_UNAVAILABLE', { reason: 'no ready message' }));
      this.discard(running, 'SIGNER_UNAVAILABLE');
      child.kill();
    }, this.limit('ready'));
    const running: Running = { process: child, ready };
    this.running = running;

    child.onLog((line) => this.forwardLog(line));
    child.onMessage((message) => {
      if (this.running !== running) return;
      const event = RpcEvent.safeParse(message);
      if (event.success && !('id' in (message as object))) {
        if (event.data.event === 'host.ready') {
          clearTimeout(readyTimer);
          readyResolve();
          this.emit({ type: 'signer.started', pid: child.pid ?? 0 });
        } else this.onEvent(event.data.event, event.data.data);
        return;
      }
      const reply = RpcReply.safeParse(message);
      const current = this.inFlight;
      if (!reply.success || !current || reply.data.id !== current.id) {
        this.logger.log('warn', 'signer: unexpected message', { id: reply.success ? reply.data.id : null });
        return;
      }
      clearTimeout(current.timer);
      this.inFlight = null;
      // The host answered a call (even with a coded error such as PIN_INCORRECT): it works.
      this.crashes = 0;
      if (reply.data.ok) current.resolve(reply.data.result);
      else {
        const e = reply.data.error;
        current.reject(new StationError(e.code, e.message_vi ?? e.message, e.message_en ?? e.message, e.details));
      }
    });
    child.onExit((code, signal) => {
      clearTimeout(readyTimer);
      if (this.running !== running) return;
      if (this.closing) {
        readyReject(signerError('SIGNER_UNAVAILABLE', { code, signal }));
        this.discard(running, 'SIGNER_UNAVAILABLE');
        return;
      }
      this.crashes++;
      const delay = restartDelay(this.crashes, this.restartPolicy);
      const stopped = delay === null ? restartsStoppedError(this.crashes, { code, signal }) : null;
      readyReject(stopped ?? signerError('SIGNER_UNAVAILABLE', { code, signal }));
      this.logger.log('error', 'signer host exited', { code, signal, crashes: this.crashes, restartInMs: delay });
      this.discard(running, 'SIGNER_CRASHED', stopped ?? undefined);
      this.emit({ type: 'signer.crashed', code, signal });
      if (stopped) {
        this.logger.log('error', 'signer host restarts stopped', { crashes: this.crashes });
        this.emit({ type: 'signer.unavailable', crashes: this.crashes, error: { code: 'SIGNER_UNAVAILABLE', message_vi: stopped.messageVi, message_en: stopped.messageEn } });
      } else this.scheduleRestart(delay ?? 0);
    });
    return running;
  }

  /** Forgets a host: the in-flight call fails with `code` (or `error`), the session is gone. */
  private discard(running: Running, code: 'SIGNER_HUNG' | 'SIGNER_CRASHED' | 'SIGNER_UNAVAILABLE', error?: StationError): void {
    if (this.running !== running) return;
    this.running = null;
    const current = this.inFlight;
    this.inFlight = null;
    if (current) {
      clearTimeout(current.timer);
      current.reject(error ?? signerError(code, { method: current.method }));
    }
    if (this.session) {
      this.session = false;
      if (code !== 'SIGNER_UNAVAILABLE') this.emit({ type: 'session.ended', data: { tokenSerial: null, reason: code } });
    }
  }

  private hung(running: Running, method: SignerMethod): void {
    if (this.running !== running) return;
    this.logger.log('error', 'signer host hung', { method, limitMs: this.limit(method) });
    this.discard(running, 'SIGNER_HUNG');
    running.process.kill();
    this.emit({ type: 'signer.hung', method });
    this.restart();
  }

  private scheduleRestart(delayMs: number): void {
    if (delayMs <= 0) return this.restart();
    this.cancelRestart();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.restart();
    }, delayMs);
    // A pending restart alone must not keep a CLI process alive.
    this.restartTimer.unref?.();
  }

  private cancelRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  /** A fresh host, so the next call (and hot-plug events) do not wait for it. */
  private restart(): void {
    if (this.closed || this.closing || this.running) return;
    try {
      this.ensureHost();
    } catch (err) {
      this.logger.log('error', 'signer host restart failed', { code: err instanceof StationError ? err.code : 'UNKNOWN' });
    }
  }

  private onEvent(name: string, data: unknown): void {
    if (!Object.hasOwn(signerEventSchemas, name) || name === 'host.ready') return;
    const parsed = signerEventSchemas[name as SignerEventName].safeParse(data);
    if (!parsed.success) return;
    if (name === 'session.ended') this.session = false;
    this.emit({ type: name, data: parsed.data } as SignerClientEvent);
  }

  private forwardLog(line: string): void {
    let level: LogLevel = 'info';
    let message = line;
    let fields: Record<string, unknown> | undefined;
    try {
      const parsed = JSON.parse(line) as { level?: LogLevel; message?: string; [k: string]: unknown };
      const { level: l, message: m, at: _at, ...rest } = parsed;
      level = l ?? 'info';
      message = m ?? line;
      fields = rest;
    } catch {
      // A native module may print plain text on stderr; keep it as it is.
    }
    this.logger.log(level, `signer host: ${message}`, fields);
  }

  /** Asks the host to finalise the module and leave; kills it if it does not. */
  async close(timeoutMs = 3000): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    this.cancelRestart();
    const running = this.running;
    if (running) {
      const exited = new Promise<void>((resolve) => running.process.onExit(() => resolve()));
      try {
        await Promise.race([this.call('host.shutdown', {}), new Promise((r) => setTimeout(r, timeoutMs))]);
      } catch {
        // A host that cannot shut down cleanly is killed below.
      }
      this.closed = true;
      this.running = null;
      const timer = setTimeout(() => running.process.kill(), timeoutMs);
      await exited;
      clearTimeout(timer);
    }
    this.closed = true;
    this.session = false;
  }
}
