/**
 * What the host read of a token's objects (certificates, the private keys it could see, the
 * mechanism list), so that one signing action does not read them three times: the signing dialog
 * lists the token, the signing action lists it again moments later, then `sign` needs the same
 * certificates. On a USB token every PKCS#11 call costs tens to hundreds of milliseconds; a
 * listing is ~15 calls, the sign's own reading ~10 more.
 *
 * Only object DATA is kept (certificate DER, ids, what keys were visible), never a handle across
 * logins: `sign` finds its key handle again after every login (DESIGN §5). Kept at most
 * `maxAgeMs`, and dropped when the token is removed, the module changes or a call on the token
 * fails — so a certificate written onto a plugged-in token shows within that time. The slot list
 * and token info (presence, PIN counters) are never cached: they are read on every call.
 */
import type { Pkcs11Port } from './pkcs11Port.js';
import { readCertificates, readPrivateKeys, readPublicKeys, type TokenCertificate, type TokenPrivateKey, type TokenPublicKey, type TokenState } from './tokenObjects.js';

export interface TokenObjectsRead {
  certs: TokenCertificate[];
  /** The private keys visible when read: without login most tokens hide them. */
  keys: TokenPrivateKey[];
  /** Public-key objects (visible without login on most tokens): which certificates have a key, before the PIN. */
  publicKeys: TokenPublicKey[];
  /** null: the token would not list its mechanisms (try every plan and let it refuse). */
  mechanisms: Set<number> | null;
  /** Read on a logged-in session: keys and login-only certificates were visible. */
  underLogin: boolean;
  at: number;
}

export function mechanismList(port: Pkcs11Port, slot: Buffer): Set<number> | null {
  try {
    return new Set(port.C_GetMechanismList(slot));
  } catch {
    return null;
  }
}

/**
 * Reads the objects on `session`: a logged-in one, or one without login that the caller keeps
 * open for the next login (sessionKeeper.ts), so the read costs no C_OpenSession/C_CloseSession.
 */
export function readTokenObjects(port: Pkcs11Port, token: TokenState, session: Buffer, underLogin: boolean, at: number): TokenObjectsRead {
  return {
    certs: readCertificates(port, session),
    keys: readPrivateKeys(port, session),
    publicKeys: readPublicKeys(port, session),
    mechanisms: mechanismList(port, token.slot),
    underLogin,
    at,
  };
}

/** Reads made WITHOUT a login, per token serial; a logged-in session keeps its own (signerHost.ts). */
export class TokenObjectCache {
  private readonly bySerial = new Map<string, TokenObjectsRead>();
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(maxAgeMs: number, now: () => number) {
    this.maxAgeMs = maxAgeMs;
    this.now = now;
  }

  get(serial: string): TokenObjectsRead | null {
    const read = this.bySerial.get(serial);
    return read && this.now() - read.at < this.maxAgeMs ? read : null;
  }

  put(serial: string, read: TokenObjectsRead): TokenObjectsRead {
    if (!read.underLogin) this.bySerial.set(serial, read);
    return read;
  }

  /** Forget one token (removed, failed) or every token (module unloaded). */
  drop(serial?: string): void {
    if (serial === undefined) this.bySerial.clear();
    else this.bySerial.delete(serial);
  }
}
