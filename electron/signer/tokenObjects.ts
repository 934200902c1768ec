/**
 * Reading what a token holds: its info and flags, certificates, private keys. Attributes are read
 * one at a time where a token may not know one (CKA_ALWAYS_AUTHENTICATE is PKCS#11 2.20+, and
 * pkcs11js fails the whole template on one CKR_ATTRIBUTE_TYPE_INVALID).
 */
import { createHash } from 'node:crypto';
import type { Template } from 'pkcs11js';
import { parseCertificate, type Certificate } from '../../shared/x509/index.js';
import { isRemoval } from './ckr.js';
import { P, type Pkcs11Port } from './pkcs11Port.js';

type Handle = Buffer;

export interface TokenState {
  slot: Handle;
  serial: string;
  label: string;
  manufacturer: string;
  model: string;
  flags: number;
  pinMinLength: number | null;
  pinMaxLength: number | null;
}

/**
 * A fixed-width PKCS#11 text field as shown: padding gone (spaces, or NULs from some drivers), and
 * a UTF-8 character that the 32-byte label field cut in half (read as U+FFFD) dropped: a
 * Vietnamese label of more than 32 bytes ends inside a letter.
 */
const trimPadding = (s: string) => s.replace(/[\s\0\uFFFD]+$/, '').replace(/^\s+/, '');

/** PKCS#11 pads with spaces; some drivers (and pkcs11js's own C_InitToken) pad with NULs. */
export function tokenState(port: Pkcs11Port, slot: Handle): TokenState {
  const info = port.C_GetTokenInfo(slot);
  const sane = (n: number, max: number) => (Number.isSafeInteger(n) && n > 0 && n <= max ? n : null);
  const min = sane(info.minPinLen, 64);
  const max = sane(info.maxPinLen, 255);
  return {
    slot,
    serial: trimPadding(info.serialNumber),
    label: trimPadding(info.label),
    manufacturer: trimPadding(info.manufacturerID),
    model: trimPadding(info.model),
    flags: info.flags,
    pinMinLength: min,
    pinMaxLength: max !== null && (min === null || max >= min) ? max : null,
  };
}

/** Tokens present AND initialised: SoftHSM always lists one extra empty slot, readers list blank cards. */
export function presentTokens(port: Pkcs11Port): TokenState[] {
  return port
    .C_GetSlotList(true)
    .map((slot) => tokenState(port, slot))
    .filter((t) => (t.flags & P.CKF_TOKEN_INITIALIZED) !== 0);
}

export function findObjects(port: Pkcs11Port, session: Handle, template: Template): Handle[] {
  port.C_FindObjectsInit(session, template);
  try {
    const all: Handle[] = [];
    for (;;) {
      const batch = port.C_FindObjects(session, 64);
      if (batch.length === 0) break;
      all.push(...batch);
    }
    return all;
  } finally {
    port.C_FindObjectsFinal(session);
  }
}

function attribute(port: Pkcs11Port, session: Handle, object: Handle, type: number): Buffer | null {
  try {
    const [a] = port.C_GetAttributeValue(session, object, [{ type }]);
    return a?.value ?? null;
  } catch {
    return null;
  }
}

/** CK_ULONG is 8 bytes on 64-bit Unix and 4 on Windows; both little-endian on the PCs we run on. */
function ulong(value: Buffer | null): number | null {
  if (!value || value.length === 0) return null;
  let n = 0;
  for (let i = Math.min(value.length, 6) - 1; i >= 0; i--) n = n * 256 + value[i]!;
  return n;
}

const bool = (value: Buffer | null) => value !== null && value.length > 0 && value[0] !== 0;

export interface TokenCertificate {
  id: Uint8Array;
  label: string;
  der: Uint8Array;
  fingerprint: string;
  cert: Certificate | null;
}

export function readCertificates(port: Pkcs11Port, session: Handle): TokenCertificate[] {
  const handles = findObjects(port, session, [
    { type: P.CKA_CLASS, value: P.CKO_CERTIFICATE },
    { type: P.CKA_CERTIFICATE_TYPE, value: P.CKC_X_509 },
  ]);
  const out: TokenCertificate[] = [];
  for (const h of handles) {
    const value = attribute(port, session, h, P.CKA_VALUE);
    if (!value || value.length === 0) continue;
    const der = new Uint8Array(value);
    let cert: Certificate | null = null;
    try {
      cert = parseCertificate(der);
    } catch {
      // Listed with CERT_UNREADABLE rather than hidden: the user sees the token holds something.
    }
    out.push({
      id: new Uint8Array(attribute(port, session, h, P.CKA_ID) ?? []),
      label: trimPadding((attribute(port, session, h, P.CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8')),
      der,
      fingerprint: createHash('sha256').update(der).digest('hex'),
      cert,
    });
  }
  return out;
}

export interface TokenPrivateKey {
  handle: Handle;
  id: Uint8Array;
  keyType: 'EC' | 'RSA' | 'OTHER';
  alwaysAuthenticate: boolean;
}

export function readPrivateKeys(port: Pkcs11Port, session: Handle): TokenPrivateKey[] {
  const handles = findObjects(port, session, [{ type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY }]);
  return handles.map((handle) => {
    const type = ulong(attribute(port, session, handle, P.CKA_KEY_TYPE));
    return {
      handle,
      id: new Uint8Array(attribute(port, session, handle, P.CKA_ID) ?? []),
      keyType: type === P.CKK_EC ? 'EC' : type === P.CKK_RSA ? 'RSA' : 'OTHER',
      alwaysAuthenticate: bool(attribute(port, session, handle, P.CKA_ALWAYS_AUTHENTICATE)),
    };
  });
}

/** One search on `session` for at most one object matching `template` (three calls). */
function findOne(port: Pkcs11Port, session: Handle, template: Template): Handle | null {
  port.C_FindObjectsInit(session, template);
  let found: Handle[];
  try {
    found = port.C_FindObjects(session, 1);
  } finally {
    port.C_FindObjectsFinal(session);
  }
  return found[0] ?? null;
}

/**
 * The private key with this CKA_ID, found on a logged-in session with one search (three calls)
 * instead of listing every key and its attributes. CKA_ALWAYS_AUTHENTICATE is all signing needs of
 * the key beyond its handle (the key type comes from the certificate), so the search asks for
 * CK_FALSE in its template: a hit is a key that signs without a context-specific login, with no
 * C_GetAttributeValue. No hit (an always-authenticate key, or a PKCS#11 2.11 driver that does not
 * know the attribute and matches nothing or refuses the template) falls back to the search by
 * class and id and reads the attribute. A driver that ignores the attribute in templates is caught
 * when signing: `fromTemplate` marks the answer as unconfirmed (signOperation.ts).
 */
export function privateKeyById(
  port: Pkcs11Port,
  session: Handle,
  id: Uint8Array,
): { handle: Handle; alwaysAuthenticate: boolean; fromTemplate?: true } | null {
  if (id.length === 0) return null;
  const byId: Template = [
    { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
    { type: P.CKA_ID, value: Buffer.from(id) },
  ];
  let plain: Handle | null = null;
  try {
    plain = findOne(port, session, [...byId, { type: P.CKA_ALWAYS_AUTHENTICATE, value: false }]);
  } catch (err) {
    if (isRemoval(err)) throw err;
    // CKR_ATTRIBUTE_TYPE_INVALID and the like: a driver older than the attribute.
  }
  if (plain) return { handle: plain, alwaysAuthenticate: false, fromTemplate: true };
  const handle = findOne(port, session, byId);
  return handle ? { handle, alwaysAuthenticate: bool(attribute(port, session, handle, P.CKA_ALWAYS_AUTHENTICATE)) } : null;
}

/** CKA_ALWAYS_AUTHENTICATE of one key, read (false when the driver does not know it). */
export function alwaysAuthenticateOf(port: Pkcs11Port, session: Handle, key: Handle): boolean {
  return bool(attribute(port, session, key, P.CKA_ALWAYS_AUTHENTICATE));
}

/** Public key ids: visible before login on most tokens, a hint that a matching private key exists. */
export function readPublicKeyIds(port: Pkcs11Port, session: Handle): Uint8Array[] {
  return findObjects(port, session, [{ type: P.CKA_CLASS, value: P.CKO_PUBLIC_KEY }]).map(
    (h) => new Uint8Array(attribute(port, session, h, P.CKA_ID) ?? []),
  );
}

export function sameId(a: Uint8Array, b: Uint8Array): boolean {
  return a.length > 0 && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The private key of a certificate: same CKA_ID (PKCS#11 §4.4 convention every CA tool follows).
 * A token with exactly one certificate and one key is paired even without ids: some vendor tools
 * leave CKA_ID empty, and the signature check after signing catches a wrong pairing.
 */
export function keyForCertificate(cert: TokenCertificate, certs: TokenCertificate[], keys: TokenPrivateKey[]): TokenPrivateKey | null {
  const byId = keys.find((k) => sameId(k.id, cert.id));
  if (byId) return byId;
  const leaves = certs.filter((c) => !c.cert?.isCa);
  if (leaves.length === 1 && keys.length === 1 && (cert.id.length === 0 || keys[0]!.id.length === 0)) return keys[0]!;
  return null;
}
