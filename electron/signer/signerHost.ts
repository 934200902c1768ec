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
  type SignerParams,
  type SignerResult,
  type TokenSummary,
} from '../../shared/signer/index.js';
import type { Logger } from '../core/logger.js';
import { CallQueue } from './callQueue.js';
import { discoverModule, finalizeQuietly, initialize, tryLoad, type LoadedModule } from './moduleDiscovery.js';
import { P, type Pkcs11PortFactory } from './pkcs11Port.js';
import { hasPinPad, keyOnLogin, knownOnLogin, signingObjects, type ActiveSession } from './loginSession.js';
import { SessionKeeper } from './sessionKeeper.js';
import { signOnToken } from './signOperation.js';
import { alwaysAuthenticateOf, tokenState, type TokenState } from './tokenObjects.js';
import { SlotMemory, TOKEN_INFO_FRESH_MS } from './slotMemory.js';
import { SlotWatcher } from './slotWatcher.js';
import { handleSignerRequest } from './signerRequests.js';
import { TokenObjectCache, readTokenObjects } from './tokenCache.js';
import { summariseToken } from './tokenListing.js';
import { pinForLogin, tokenFailure } from './tokenLogin.js';

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

/**
 * How long a token's objects read without login answer a listing or a sign (tokenCache.ts): the
 * signing dialog lists the token, and the signing action lists it again and signs moments later.
 */
const OBJECTS_MAX_AGE_MS = 30_000;

export class SignerHost {
  private readonly queue = new CallQueue();
  private readonly opts: SignerHostOptions;
  private readonly now: () => number;
  private module: LoadedModule | null = null;
  private report: ModuleReport | null = null;
  private readonly sessions: SessionKeeper;
  private readonly watcher: SlotWatcher;
  private readonly objects: TokenObjectCache;
  /** Slots and token info as last read: `sign` asks a known slot directly, or uses its listing's read. */
  private readonly slots: SlotMemory;

  constructor(opts: SignerHostOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.objects = new TokenObjectCache(OBJECTS_MAX_AGE_MS, this.now);
    this.slots = new SlotMemory({ freshMs: TOKEN_INFO_FRESH_MS, blankMaxAgeMs: OBJECTS_MAX_AGE_MS, now: this.now });
    this.sessions = new SessionKeeper({
      port: () => this.module?.port ?? null,
      queue: this.queue,
      idleTimeoutMs: opts.idleTimeoutMs ?? 5 * 60_000,
      now: this.now,
      logger: opts.logger,
      ended: (data) => opts.emit('session.ended', data),
    });
    this.watcher = new SlotWatcher({
      queue: this.queue,
      intervalMs: opts.pollIntervalMs ?? 1500,
      now: this.now,
      read: () => (this.module ? this.present(this.module) : null),
      inserted: (t) => opts.emit('token.inserted', t),
      removed: (t) => {
        opts.emit('token.removed', t);
        this.forget(t.serial);
        if (this.sessions.current?.token.serial === t.serial) this.sessions.end('TOKEN_REMOVED');
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
        return this.queue.run(() => this.watcher.busy(() => this.listTokens(p.modulePath, p.facility, new Date(p.at ?? this.now()))));
      }
      case 'sign':
        return this.queue.run(() => this.watcher.busy(() => this.sign(params as SignParams)));
      case 'session.login':
        return this.queue.run(() => this.watcher.busy(() => this.logInAndList(params as SignerParams<'session.login'>)));
      case 'session.logout':
        return this.queue.run(() => ({ loggedOut: this.sessions.end('LOGOUT') }));
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
    const s = this.sessions.current;
    return {
      pid: process.pid,
      module: this.module?.path ?? null,
      tokens: this.watcher.tokens(),
      session: s ? { tokenSerial: s.token.serial, loggedIn: true, idleExpiresAt: this.sessions.idleExpiresAt(s) } : null,
    };
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
      this.watcher.reset(this.present(module));
    } catch {
      this.watcher.reset([]);
    }
    this.watcher.start();
    return module;
  }

  private unloadModule(): void {
    this.sessions.end('SHUTDOWN');
    if (this.module) finalizeQuietly(this.module.port);
    this.module = null;
    this.report = null;
    this.watcher.reset([]);
    this.forget();
  }

  /**
   * Drops what was read of one token (or of all): slot, objects, the spare session (left to
   * C_Finalize when all are dropped: the module is closing or rescanning). Never a login's state.
   */
  private forget(serial?: string): void {
    this.objects.drop(serial);
    this.sessions.dropSpare(serial, serial !== undefined);
    this.slots.forget(serial);
  }

  /** C_GetSlotList(true) + C_GetTokenInfo of each (slotMemory.ts): the initialised tokens. */
  private present(module: LoadedModule): TokenState[] {
    return this.slots.read(module.port);
  }

  /**
   * Tokens present now. SoftHSM (and some drivers) only see tokens created after C_Initialize
   * once re-initialised: with no token present and no session, a Finalize + Initialize rescan
   * is the one other time DESIGN §5 allows C_Finalize.
   */
  private tokens(module: LoadedModule): TokenState[] {
    try {
      let tokens = this.present(module);
      if (tokens.length === 0 && !this.sessions.current) {
        // Slot ids and everything read may change across a re-initialisation.
        this.forget();
        module.port.C_Finalize();
        try {
          initialize(module.port);
        } catch (err) {
          // Left finalised: forget it, the next call loads a module afresh.
          this.module = null;
          this.report = null;
          throw err;
        }
        tokens = this.present(module);
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
      const live = this.sessions.current?.token.serial === token.serial ? this.sessions.current : null;
      try {
        // On the live login: what this login read. Without: a read without login, if recent.
        const objects = live
          ? (live.objects ??= knownOnLogin(live, this.objects.get(token.serial)) ?? readTokenObjects(module.port, token, live.handle, true, this.now()))
          : (this.objects.get(token.serial) ?? this.objects.put(token.serial, readTokenObjects(module.port, token, this.sessions.openSpare(module.port, token), false, this.now())));
        summaries.push(summariseToken(token, objects, facility, at));
      } catch (err) {
        this.objects.drop(token.serial);
        this.sessions.dropSpare(token.serial);
        const failure = tokenFailure(err, 'list');
        if (failure.code === 'TOKEN_REMOVED' && live) this.sessions.end('TOKEN_REMOVED');
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
    const current = tokens.find((t) => t.serial === this.sessions.current?.token.serial);
    if (current) return current;
    throw ambiguous(tokens);
  }

  /**
   * The token to sign with, its PIN counters read before this login: by the listing of the same
   * action (slotMemory.ts), else on its known slot (one C_GetTokenInfo: still there, same serial),
   * else — first use, no serial given, gone from that slot — by enumerating every slot.
   */
  private signingToken(module: LoadedModule, serial: string | undefined): TokenState {
    const fresh = serial === undefined ? null : this.slots.takeFresh(serial);
    if (fresh) return fresh;
    const known = serial === undefined ? undefined : this.slots.known(serial);
    if (known) {
      try {
        const now = tokenState(module.port, known.slot);
        if (now.serial === serial && (now.flags & P.CKF_TOKEN_INITIALIZED) !== 0) return now;
      } catch {
        // Removed or moved: the enumeration below says which.
      }
    }
    return this.pickToken(this.tokens(module), serial);
  }

  private sign(params: SignParams): SignResult {
    const module = this.ensureModule(params.modulePath);
    const port = module.port;
    const live = this.sessions.live();
    // A PIN in the call means "log in for this batch": it is checked by the token, never waved
    // through on an older session. Without one, a live session of the same token is reused as it
    // is (a token pulled out makes C_SignInit fail with a removal code).
    const token = params.pin === undefined && live !== null && params.tokenSerial === live.token.serial ? live.token : this.signingToken(module, params.tokenSerial);
    const reuse = params.pin === undefined && live !== null && live.token.serial === token.serial;
    let pin: string | null = null;
    if (!reuse || hasPinPad(token)) pin = pinForLogin(token, params.pin, params.confirmFinalTry);
    const session = reuse && live ? live : this.sessions.logIn(port, token, pin!);
    return this.signOn(port, session, pin, params);
  }

  /**
   * `session.login`: one C_Login, then the token read on that login, for a token that keeps its
   * certificates private until login. The login stays, as a signature's would: a `sign` without
   * a PIN signs on it, and the idle timeout ends it.
   */
  private logInAndList(params: SignerParams<'session.login'>): SignerResult<'session.login'> {
    const module = this.ensureModule(params.modulePath);
    const port = module.port;
    const token = this.signingToken(module, params.tokenSerial);
    const session = this.sessions.logIn(port, token, pinForLogin(token, params.pin, params.confirmFinalTry));
    try {
      session.objects = readTokenObjects(port, token, session.handle, true, this.now());
      this.sessions.used(session);
      // The counters as they are after this login (a good PIN clears COUNT_LOW).
      let now = token;
      try {
        now = tokenState(port, token.slot);
      } catch {
        // The summary then shows the counters read before the login.
      }
      return { token: summariseToken(now, session.objects, params.facility, new Date(params.at ?? this.now())) };
    } catch (err) {
      const failure = tokenFailure(err, 'list');
      this.forget(token.serial);
      this.sessions.end(failure.code === 'TOKEN_REMOVED' ? 'TOKEN_REMOVED' : 'LOGOUT');
      throw failure;
    }
  }

  private signOn(port: LoadedModule['port'], session: ActiveSession, pin: string | null, params: SignParams): SignResult {
    const { token } = session;
    try {
      const { certs, mechanisms } = signingObjects(port, session, this.objects.get(token.serial), params.certFingerprint);
      const result = signOnToken(
        { port, session: session.handle, token, pin, logger: this.opts.logger, certs, mechanisms, keyFor: (c) => keyOnLogin(port, session, c, certs), readAlwaysAuthenticate: (k) => alwaysAuthenticateOf(port, session.handle, k.handle) },
        { toBeSigned: params.toBeSigned, certFingerprint: params.certFingerprint, facility: params.facility, at: new Date(params.at ?? this.now()) },
      );
      this.sessions.used(session);
      return result;
    } catch (err) {
      const failure = tokenFailure(err, 'sign');
      // A refused certificate leaves the login usable; anything after C_SignInit may leave an
      // operation active or the session broken, so it goes (the next batch logs in again), and
      // what was read of the token is read again.
      if (!failure.code.startsWith('CERT_')) {
        this.forget(token.serial);
        this.sessions.end(failure.code === 'TOKEN_REMOVED' ? 'TOKEN_REMOVED' : 'LOGOUT');
      }
      throw failure;
    }
  }

  /** Process exit: the only other time C_Finalize is called (DESIGN §5). */
  shutdown(): void {
    this.watcher.stop();
    this.unloadModule();
  }
}

/** A slot's CK_SLOT_ID as token tools show it (pkcs11js gives a CK_ULONG's bytes: 8, or 4 on Windows). */
function slotNumber(slot: Buffer): string {
  if (slot.length >= 8) return slot.readBigUInt64LE(0).toString();
  if (slot.length >= 4) return String(slot.readUInt32LE(0));
  return slot.toString('hex');
}

/**
 * Several tokens and none named: each is said by what the signer can see (its label, printed on
 * many tokens' stickers too), its serial (what to pass) and its slot (which reader or port).
 */
function ambiguous(tokens: readonly TokenState[]): StationError {
  const named = tokens.map((t) => ({ label: t.label, serial: t.serial, slot: slotNumber(t.slot) }));
  return signerError('TOKEN_AMBIGUOUS', { serials: named.map((t) => t.serial), tokens: named }, {
    vi: named.map((t) => `${t.label || '(không nhãn)'}: số sê-ri ${t.serial}, khe ${t.slot}`).join('; '),
    en: named.map((t) => `${t.label || '(no label)'}: serial ${t.serial}, slot ${t.slot}`).join('; '),
  });
}
