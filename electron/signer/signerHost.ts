/**
 * The signer host: owns the PKCS#11 module, one FIFO queue for every call, at most one logged-in
 * session, and the slot poller. Messages in are parsed with the shared signer protocol; replies
 * and events go out through `emit`/the returned reply. Runs in its own process so a vendor DLL
 * that blocks or crashes cannot take the core with it (DESIGN §2).
 */
import { StationError } from '../../shared/errors.js';
import type { RpcReply } from '../../shared/rpc/protocol.js';
import {
  signerError,
  type Facility,
  type ModuleReport,
  type SignParams,
  type SignResult,
  type SignerEventData,
  type SignerEventName,
  type SignerMethod,
  type SignerResult,
  type TokenSummary,
} from '../../shared/signer/index.js';
import type { Logger } from '../core/logger.js';
import { CallQueue } from './callQueue.js';
import { discoverModule, finalizeQuietly, initialize, tryLoad, type LoadedModule } from './moduleDiscovery.js';
import { P, type Pkcs11PortFactory } from './pkcs11Port.js';
import { signOnToken } from './signOperation.js';
import { presentTokens, type TokenState } from './tokenObjects.js';
import { SlotWatcher } from './slotWatcher.js';
import { handleSignerRequest } from './signerRequests.js';
import { summariseToken } from './tokenListing.js';
import { login, pinForLogin, tokenFailure } from './tokenLogin.js';

export interface SignerHostOptions {
  createPort: Pkcs11PortFactory;
  /** The configured module (settings `pkcs11.module`), tried before the built-in table. */
  modulePath?: string | null;
  /** A logged-in session is kept this long after its last signature (one login per batch). */
  idleTimeoutMs?: number;
  /** DESIGN §5 hot-plug: C_GetSlotList(true) every 1–2 s; 0 turns polling off. */
  pollIntervalMs?: number;
  logger: Logger;
  emit<E extends SignerEventName>(event: E, data: SignerEventData<E>): void;
  now?: () => number;
  platform?: NodeJS.Platform;
  systemRoot?: string;
}

interface ActiveSession {
  token: TokenState;
  handle: Buffer;
  lastUsed: number;
}

export class SignerHost {
  private readonly queue = new CallQueue();
  private readonly opts: SignerHostOptions;
  private readonly now: () => number;
  private module: LoadedModule | null = null;
  private report: ModuleReport | null = null;
  private session: ActiveSession | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly watcher: SlotWatcher;

  constructor(opts: SignerHostOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.watcher = new SlotWatcher({
      queue: this.queue,
      intervalMs: opts.pollIntervalMs ?? 1500,
      read: () => (this.module ? presentTokens(this.module.port) : null),
      inserted: (t) => opts.emit('token.inserted', t),
      removed: (t) => {
        opts.emit('token.removed', t);
        if (this.session?.token.serial === t.serial) this.endSession('TOKEN_REMOVED');
      },
      logger: opts.logger,
    });
  }

  /** Polls the slots once now (the timer does it every pollIntervalMs). */
  poll(): Promise<void> {
    return this.watcher.poll();
  }

  /** One message in, one reply out. Never throws; the params of `sign` are never logged. */
  handle(message: unknown): Promise<RpcReply> {
    return handleSignerRequest(message, (method, params) => this.dispatch(method, params), this.opts.logger, this.now);
  }

  private dispatch(method: SignerMethod, params: unknown): Promise<unknown> {
    switch (method) {
      case 'modules.diagnose':
        return this.queue.run(() => this.diagnose((params as { modulePath?: string }).modulePath));
      case 'tokens.list': {
        const p = params as { modulePath?: string; facility?: Facility; at?: number };
        return this.queue.run(() => this.listTokens(p.modulePath, p.facility, new Date(p.at ?? this.now())));
      }
      case 'sign':
        return this.queue.run(() => this.sign(params as SignParams));
      case 'session.logout':
        return this.queue.run(() => ({ loggedOut: this.endSession('LOGOUT') }));
      case 'status':
        return Promise.resolve(this.status());
      case 'host.shutdown':
        return this.queue.run(() => {
          this.shutdown();
          return { ok: true as const };
        });
    }
  }

  status(): SignerResult<'status'> {
    const s = this.session;
    return {
      pid: process.pid,
      module: this.module?.path ?? null,
      tokens: this.watcher.tokens(),
      session: s ? { tokenSerial: s.token.serial, loggedIn: true, idleExpiresAt: s.lastUsed + this.idleTimeout() } : null,
    };
  }

  private idleTimeout(): number {
    return this.opts.idleTimeoutMs ?? 5 * 60_000;
  }

  // ---- module ----------------------------------------------------------------------------

  private diagnose(modulePath: string | undefined): ModuleReport {
    if (this.module && (!modulePath || modulePath === this.module.path) && this.report) return this.report;
    try {
      this.ensureModule(modulePath);
    } catch (err) {
      if (!(err instanceof StationError) || err.code !== 'MODULE_NOT_FOUND') throw err;
    }
    return this.report!;
  }

  private ensureModule(modulePath: string | undefined): LoadedModule {
    if (this.module && (!modulePath || modulePath === this.module.path)) return this.module;
    if (this.module) this.unloadModule();
    const { report, module } = modulePath
      ? (() => {
          const r = tryLoad({ path: modulePath, source: 'configured', vendor: null }, this.opts);
          return { report: { loaded: r.module?.path ?? null, candidates: [r.report] }, module: r.module };
        })()
      : discoverModule({ ...this.opts, configured: this.opts.modulePath ?? null });
    this.report = report;
    if (!module) throw signerError('MODULE_NOT_FOUND', { candidates: report.candidates });
    this.module = module;
    this.opts.logger.log('info', 'module loaded', { path: module.path });
    try {
      this.watcher.reset(presentTokens(module.port));
    } catch {
      this.watcher.reset([]);
    }
    this.watcher.start();
    return module;
  }

  private unloadModule(): void {
    this.endSession('SHUTDOWN');
    if (this.module) finalizeQuietly(this.module.port);
    this.module = null;
    this.report = null;
    this.watcher.reset([]);
  }

  /**
   * Tokens present now. SoftHSM (and some drivers) only see tokens created after C_Initialize
   * once re-initialised: with no token present and no session, a Finalize + Initialize rescan
   * is the one other time DESIGN §5 allows C_Finalize.
   */
  private tokens(module: LoadedModule): TokenState[] {
    try {
      let tokens = presentTokens(module.port);
      if (tokens.length === 0 && !this.session) {
        module.port.C_Finalize();
        try {
          initialize(module.port);
        } catch (err) {
          // Left finalised: forget it, the next call loads a module afresh.
          this.module = null;
          this.report = null;
          throw err;
        }
        tokens = presentTokens(module.port);
      }
      return tokens;
    } catch (err) {
      throw tokenFailure(err, 'C_GetSlotList');
    }
  }

  // ---- listing ---------------------------------------------------------------------------

  private listTokens(modulePath: string | undefined, facility: Facility | undefined, at: Date): SignerResult<'tokens.list'> {
    const module = this.ensureModule(modulePath);
    const tokens = this.tokens(module);
    const summaries: TokenSummary[] = [];
    for (const token of tokens) {
      const session = this.session?.token.serial === token.serial ? this.session.handle : null;
      try {
        summaries.push(summariseToken(module.port, token, session, facility, at));
      } catch (err) {
        const failure = tokenFailure(err, 'list');
        if (failure.code === 'TOKEN_REMOVED' && session) this.endSession('TOKEN_REMOVED');
        if (failure.code !== 'TOKEN_REMOVED') throw failure;
      }
    }
    this.watcher.observe(tokens);
    return { module: this.report!, tokens: summaries };
  }

  // ---- signing ---------------------------------------------------------------------------

  private pickToken(tokens: TokenState[], serial: string | undefined): TokenState {
    if (serial) {
      const t = tokens.find((x) => x.serial === serial);
      if (!t) throw signerError('TOKEN_NOT_FOUND', { tokenSerial: serial });
      return t;
    }
    if (tokens.length === 0) throw signerError('TOKEN_NOT_FOUND');
    if (tokens.length === 1) return tokens[0]!;
    const current = tokens.find((t) => t.serial === this.session?.token.serial);
    if (current) return current;
    throw signerError('TOKEN_AMBIGUOUS', { serials: tokens.map((t) => t.serial) });
  }

  private sign(params: SignParams): SignResult {
    const module = this.ensureModule(params.modulePath);
    const token = this.pickToken(this.tokens(module), params.tokenSerial);
    const port = module.port;
    // A PIN in the call means "log in for this batch": it is checked by the token, never waved
    // through on an older session. Without one, a live session of the same token is reused.
    const reuse =
      params.pin === undefined &&
      this.session !== null &&
      this.session.token.serial === token.serial &&
      this.now() - this.session.lastUsed < this.idleTimeout();
    let pin: string | null = null;
    if (!reuse || (token.flags & P.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0) {
      pin = pinForLogin(token, params.pin, params.confirmFinalTry);
    }
    if (!reuse) {
      this.endSession('LOGOUT');
      let handle: Buffer;
      try {
        handle = port.C_OpenSession(token.slot, P.CKF_SERIAL_SESSION);
      } catch (err) {
        throw tokenFailure(err, 'C_OpenSession');
      }
      try {
        login(port, handle, token, pin!);
      } catch (err) {
        this.closeQuietly(handle);
        throw err;
      }
      this.session = { token, handle, lastUsed: this.now() };
      this.opts.logger.log('info', 'logged in', { tokenSerial: token.serial });
    }
    const session = this.session!;
    try {
      const result = signOnToken(
        { port, session: session.handle, token, pin, logger: this.opts.logger },
        { toBeSigned: params.toBeSigned, certFingerprint: params.certFingerprint, facility: params.facility, at: new Date(params.at ?? this.now()) },
      );
      session.lastUsed = this.now();
      this.armIdleTimer();
      return result;
    } catch (err) {
      const failure = tokenFailure(err, 'sign');
      // A refused certificate leaves the login usable; anything after C_SignInit may leave an
      // operation active or the session broken, so it goes (the next batch logs in again).
      if (!failure.code.startsWith('CERT_')) this.endSession(failure.code === 'TOKEN_REMOVED' ? 'TOKEN_REMOVED' : 'LOGOUT');
      throw failure;
    }
  }

  private closeQuietly(handle: Buffer): void {
    try {
      this.module?.port.C_CloseSession(handle);
    } catch {
      // The session is being thrown away either way.
    }
  }

  /** Drops the session and every handle; logs out politely unless the token is gone. */
  private endSession(reason: SignerEventData<'session.ended'>['reason']): boolean {
    const s = this.session;
    if (!s) return false;
    this.session = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (reason !== 'TOKEN_REMOVED' && this.module) {
      try {
        this.module.port.C_Logout(s.handle);
      } catch {
        // Already logged out or gone: the session is closed next anyway.
      }
      this.closeQuietly(s.handle);
    }
    this.opts.logger.log('info', 'session ended', { tokenSerial: s.token.serial, reason });
    this.opts.emit('session.ended', { tokenSerial: s.token.serial, reason });
    return true;
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      void this.queue.run(() => {
        if (this.session && this.now() - this.session.lastUsed >= this.idleTimeout()) this.endSession('IDLE');
      });
    }, this.idleTimeout());
    this.idleTimer.unref();
  }

  /** Process exit: the only other time C_Finalize is called (DESIGN §5). */
  shutdown(): void {
    this.watcher.stop();
    this.unloadModule();
  }
}
