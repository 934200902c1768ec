/**
 * The host's one logged-in session and what it may remember: within ONE login the key handle of a
 * certificate and the objects a listing read on it are reused (DESIGN §5 only forbids trusting a
 * handle across logins). A new login starts with nothing; certificates may come from a recent
 * read without login (tokenCache.ts), the key is always searched again.
 */
import { P, type Pkcs11Port } from './pkcs11Port.js';
import type { SigningKey } from './signOperation.js';
import { mechanismList, type TokenObjectsRead } from './tokenCache.js';
import {
  keyForCertificate,
  keyTwins,
  privateKeyById,
  readCertificates,
  readPrivateKeys,
  readPublicKeys,
  isSigningCandidate,
  type TokenCertificate,
  type TokenPrivateKey,
  type TokenState,
} from './tokenObjects.js';

export interface ActiveSession {
  token: TokenState;
  handle: Buffer;
  lastUsed: number;
  /** What a listing read on this login (keys visible), dropped with the login. */
  objects: TokenObjectsRead | null;
  /** Keys found on this login, by certificate fingerprint (null: it has none). */
  keys: Map<string, SigningKey | null>;
}

export function newSession(token: TokenState, handle: Buffer, at: number): ActiveSession {
  return { token, handle, lastUsed: at, objects: null, keys: new Map() };
}

/**
 * The private key of `cert` on this login: one search by the certificate's CKA_ID (three calls
 * and one attribute), else the pairing rules of keyForCertificate over every key, which also
 * pair a lone certificate and key that a vendor tool left without ids, and tell apart keys a
 * renewal left under one CKA_ID (by public key; those it cannot tell apart go as `twins`).
 */
export function keyOnLogin(port: Pkcs11Port, session: ActiveSession, cert: TokenCertificate, certs: TokenCertificate[]): SigningKey | null {
  const known = session.keys.get(cert.fingerprint);
  if (known !== undefined) return known;
  const byId = privateKeyById(port, session.handle, cert.id);
  let key: SigningKey | null = byId === 'several' ? null : byId;
  if (!key) {
    const keys = readPrivateKeys(port, session.handle);
    const paired = keyForCertificate(cert, certs, keys, readPublicKeys(port, session.handle));
    const twins = paired ? keyTwins(cert, paired, keys) : [];
    key = paired ? { handle: paired.handle, alwaysAuthenticate: paired.alwaysAuthenticate, ...(twins.length > 0 ? { twins: twins.map((t) => ({ handle: t.handle, alwaysAuthenticate: t.alwaysAuthenticate })) } : {}) } : null;
  }
  session.keys.set(cert.fingerprint, key);
  return key;
}

/**
 * The certificates and mechanisms to sign with: this login's listing, else a recent read without
 * login, else read now. A wanted certificate missing from a read without login (some tokens keep
 * certificates private until login) is looked for again on the session.
 */
export function signingObjects(
  port: Pkcs11Port,
  session: ActiveSession,
  recent: TokenObjectsRead | null,
  fingerprint: string | undefined,
): { certs: TokenCertificate[]; mechanisms: Set<number> | null } {
  const read = session.objects ?? recent;
  let certs = read?.certs ?? null;
  if (certs === null || (fingerprint !== undefined && !certs.some((c) => c.fingerprint === fingerprint))) certs = readCertificates(port, session.handle);
  return { certs, mechanisms: read ? read.mechanisms : mechanismList(port, session.token.slot) };
}

/**
 * What a listing on this login would read, without reading: a recent read's certificates when
 * this login has already found the key of every one of them (a signature made on it). Else null,
 * and the listing reads the token on the session.
 */
export function knownOnLogin(session: ActiveSession, recent: TokenObjectsRead | null): TokenObjectsRead | null {
  if (session.objects) return session.objects;
  if (!recent) return null;
  const keys: TokenPrivateKey[] = [];
  for (const c of recent.certs.filter((x) => isSigningCandidate(x, recent.certs))) {
    const key = session.keys.get(c.fingerprint);
    if (!key) return null;
    const type = c.cert?.publicKey.type;
    keys.push({ handle: key.handle, id: c.id, keyType: type === 'EC' || type === 'RSA' ? type : 'OTHER', alwaysAuthenticate: key.alwaysAuthenticate });
  }
  return { ...recent, keys, underLogin: true };
}

/** PIN-pad readers take the PIN on the pad (CKF_PROTECTED_AUTHENTICATION_PATH). */
export function hasPinPad(token: TokenState): boolean {
  return (token.flags & P.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0;
}
