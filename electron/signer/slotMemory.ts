/**
 * What the host remembers of the slots between calls, so that a signing action (a listing, then
 * `sign` moments later) reads each token's info ONCE. On a USB token every call costs 100 ms+.
 *
 * - Each present token's slot as last enumerated: `sign` asks that slot directly.
 * - The token info a slot read gave, usable ONCE by the next login within `freshMs` (DESIGN §5:
 *   the PIN counters are read before each login; the listing of the same action is that read).
 *   After it serves a login, or once older, `sign` reads C_GetTokenInfo again.
 * - Slots whose token is not initialised (SoftHSM's spare slot, a blank card) are not read again
 *   while they stay in the slot list, for at most `blankMaxAgeMs`: a card initialised in place
 *   shows within that time, one taken out and put back is read at once.
 */
import { P, type Pkcs11Port } from './pkcs11Port.js';
import { tokenState, type TokenState } from './tokenObjects.js';

/**
 * How recent a listing's C_GetTokenInfo must be to serve the login of `sign` (once): the station
 * lists, reads and hashes the batch (~0.3 s for 10k records), then signs. Another application
 * changing the PIN counters within this window is the risk taken for one 100 ms+ call less.
 */
export const TOKEN_INFO_FRESH_MS = 2_000;

export interface SlotMemoryOptions {
  freshMs: number;
  blankMaxAgeMs: number;
  now(): number;
}

const slotKey = (slot: Buffer) => slot.toString('hex');

export class SlotMemory {
  private readonly opts: SlotMemoryOptions;
  private readonly bySerial = new Map<string, { token: TokenState; readAt: number | null }>();
  /** Slots found holding an uninitialised token, and when. */
  private readonly blank = new Map<string, number>();

  constructor(opts: SlotMemoryOptions) {
    this.opts = opts;
  }

  /** C_GetSlotList(true) + C_GetTokenInfo of each slot not known blank: the initialised tokens. */
  read(port: Pkcs11Port): TokenState[] {
    const slots = port.C_GetSlotList(true);
    const listed = new Set(slots.map(slotKey));
    for (const key of this.blank.keys()) if (!listed.has(key)) this.blank.delete(key);
    const tokens: TokenState[] = [];
    for (const slot of slots) {
      const key = slotKey(slot);
      const blankAt = this.blank.get(key);
      if (blankAt !== undefined && this.opts.now() - blankAt < this.opts.blankMaxAgeMs) continue;
      const t = tokenState(port, slot);
      if ((t.flags & P.CKF_TOKEN_INITIALIZED) === 0) this.blank.set(key, this.opts.now());
      else {
        this.blank.delete(key);
        tokens.push(t);
      }
    }
    const at = this.opts.now();
    this.bySerial.clear();
    for (const t of tokens) this.bySerial.set(t.serial, { token: t, readAt: at });
    return tokens;
  }

  /** The token's slot as last enumerated. */
  known(serial: string): TokenState | undefined {
    return this.bySerial.get(serial)?.token;
  }

  /** The token's info if read within freshMs and not yet used by a login; it is used up now. */
  takeFresh(serial: string): TokenState | null {
    const entry = this.bySerial.get(serial);
    if (!entry || entry.readAt === null) return null;
    const fresh = this.opts.now() - entry.readAt < this.opts.freshMs;
    entry.readAt = null;
    return fresh ? entry.token : null;
  }

  /** Forget one token (removed, failed) or everything (module unloaded, rescan). */
  forget(serial?: string): void {
    if (serial !== undefined) {
      this.bySerial.delete(serial);
      return;
    }
    this.bySerial.clear();
    this.blank.clear();
  }
}
