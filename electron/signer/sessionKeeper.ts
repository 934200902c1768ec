/**
 * The host's at most one logged-in session (DESIGN §5: login once per batch, keep the session for
 * an idle timeout): opening it with a login, noting each use, ending it on logout, idle, removal
 * or shutdown with a `session.ended` event. Every handle found on a login lives in its
 * ActiveSession and goes with it.
 */
import type { SignerEventData } from '../../shared/signer/index.js';
import type { Logger } from '../core/logger.js';
import type { CallQueue } from './callQueue.js';
import { newSession, type ActiveSession } from './loginSession.js';
import { P, type Pkcs11Port } from './pkcs11Port.js';
import type { TokenState } from './tokenObjects.js';
import { login, tokenFailure } from './tokenLogin.js';

type EndReason = SignerEventData<'session.ended'>['reason'];

export interface SessionKeeperDeps {
  /** The loaded module's port, null when none is loaded. */
  port(): Pkcs11Port | null;
  queue: CallQueue;
  idleTimeoutMs: number;
  now(): number;
  logger: Logger;
  ended(data: SignerEventData<'session.ended'>): void;
}

export class SessionKeeper {
  private session: ActiveSession | null = null;
  /**
   * One open session WITHOUT login, kept from a listing's read of a token so that the next login
   * on that token is one C_Login instead of C_OpenSession + C_Login. Not logged in, so it holds
   * nothing a login would; dropped when the token goes, fails, or the module changes.
   */
  private spare: { serial: string; slot: Buffer; handle: Buffer } | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly deps: SessionKeeperDeps;

  constructor(deps: SessionKeeperDeps) {
    this.deps = deps;
  }

  /** The session, idle or not (status, listing, a removal). */
  get current(): ActiveSession | null {
    return this.session;
  }

  /** The session if its idle time has not run out. */
  live(): ActiveSession | null {
    const s = this.session;
    return s !== null && this.deps.now() - s.lastUsed < this.deps.idleTimeoutMs ? s : null;
  }

  idleExpiresAt(s: ActiveSession): number {
    return s.lastUsed + this.deps.idleTimeoutMs;
  }

  /**
   * A session without login on `token` for reading its objects: the spare (opened now if there is
   * none for this token, replacing another token's). It stays open for the next login.
   */
  openSpare(port: Pkcs11Port, token: TokenState): Buffer {
    if (this.spareOf(token)) return this.spare!.handle;
    this.dropSpare();
    const handle = port.C_OpenSession(token.slot, P.CKF_SERIAL_SESSION);
    this.spare = { serial: token.serial, slot: token.slot, handle };
    return handle;
  }

  /** Closes the spare (of this token, or any); `close` false when the module closes them all. */
  dropSpare(serial?: string, close = true): void {
    const s = this.spare;
    if (!s || (serial !== undefined && s.serial !== serial)) return;
    this.spare = null;
    if (close) this.closeQuietly(s.handle);
  }

  /**
   * A fresh login for this batch, one attempt with `pin`. On the token's logged-in session:
   * C_Logout + C_Login; on its spare (a listing's session): C_Login; otherwise a new session.
   */
  logIn(port: Pkcs11Port, token: TokenState, pin: string): ActiveSession {
    const same = this.session?.token.serial === token.serial ? this.session.handle : null;
    this.end('LOGOUT', same !== null);
    let handle: Buffer;
    try {
      handle = same ?? this.takeSpare(token) ?? port.C_OpenSession(token.slot, P.CKF_SERIAL_SESSION);
    } catch (err) {
      throw tokenFailure(err, 'C_OpenSession');
    }
    try {
      login(port, handle, token, pin);
    } catch (err) {
      this.closeQuietly(handle);
      throw err;
    }
    this.session = newSession(token, handle, this.deps.now());
    this.deps.logger.log('info', 'logged in', { tokenSerial: token.serial });
    return this.session;
  }

  /** A signature was made on it: the idle time starts again. */
  used(s: ActiveSession): void {
    s.lastUsed = this.deps.now();
    this.armIdle(this.deps.idleTimeoutMs);
  }

  /**
   * Ends the login once it has been idle for idleTimeoutMs. A timer may fire a little before the
   * clock `now()` reads says the time is up (timers and the wall clock differ by a millisecond or
   * so, more on a loaded PC): it then waits for the rest instead of leaving the login open for good.
   */
  private armIdle(delayMs: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      void this.deps.queue.run(() => {
        if (!this.session) return;
        const left = this.session.lastUsed + this.deps.idleTimeoutMs - this.deps.now();
        if (left <= 0) this.end('IDLE');
        else this.armIdle(left);
      });
    }, delayMs);
    this.idleTimer.unref();
  }

  /**
   * Ends the login and drops every handle found on it; logs out politely unless the token is gone.
   * `keepOpen`: the session handle stays open for the next login on it (logIn).
   */
  end(reason: EndReason, keepOpen = false): boolean {
    const s = this.session;
    if (!s) return false;
    this.session = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const port = this.deps.port();
    if (reason !== 'TOKEN_REMOVED' && port) {
      try {
        port.C_Logout(s.handle);
      } catch {
        // Already logged out or gone: the session is closed next (or the login on it fails).
      }
      if (!keepOpen) this.closeQuietly(s.handle);
    }
    this.deps.logger.log('info', 'session ended', { tokenSerial: s.token.serial, reason });
    this.deps.ended({ tokenSerial: s.token.serial, reason });
    return true;
  }

  /** The spare is this token's on the same slot (a token plugged back elsewhere is a new session). */
  private spareOf(token: TokenState): boolean {
    return this.spare !== null && this.spare.serial === token.serial && this.spare.slot.equals(token.slot);
  }

  private takeSpare(token: TokenState): Buffer | null {
    if (!this.spareOf(token)) return null;
    const handle = this.spare!.handle;
    this.spare = null;
    return handle;
  }

  private closeQuietly(handle: Buffer): void {
    try {
      this.deps.port()?.C_CloseSession(handle);
    } catch {
      // The session is being thrown away either way.
    }
  }
}
