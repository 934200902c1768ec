/**
 * Reading what a token holds: its info and flags, certificates, private keys. Attributes are read
 * one at a time where a token may not know one (CKA_ALWAYS_AUTHENTICATE is PKCS#11 2.20+, and
 * pkcs11js fails the whole template on one CKR_ATTRIBUTE_TYPE_INVALID).
 */
import { createHash, createPublicKey } from 'node:crypto';
import type { Template } from 'pkcs11js';
import { isAuthorityCertificate } from '../../shared/signer/index.js';
import { parseCertificate, type Certificate } from '../../shared/x509/index.js';
import { issuersOnToken } from './certificateChain.js';
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
const signFlag = (value: Buffer | null): boolean | null => (value === null || value.length === 0 ? null : value[0] !== 0);

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
  /** CKA_SIGN: false when the CA made a key that may not sign; null when the token does not say. */
  canSign?: boolean | null;
  /** The public key it pairs with (publicKeyOf), when the token shows it on the private key (RSA CKA_MODULUS). */
  publicKey?: string | null;
}

/** A public-key object: visible without login on most tokens, with its CKA_ID and key material. */
export interface TokenPublicKey {
  id: Uint8Array;
  publicKey: string | null;
}

const unsigned = (b: Uint8Array): string => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return Buffer.from(b.subarray(i)).toString('hex');
};

/** RSA: modulus and exponent; EC: the uncompressed point. One string, compared as is. */
const rsaKey = (n: Uint8Array, e: Uint8Array) => `rsa:${unsigned(n)}:${unsigned(e)}`;
const ecKey = (point: Uint8Array) => `ec:${Buffer.from(point).toString('hex')}`;

/** CKA_EC_POINT is a DER OCTET STRING around 04‖X‖Y (PKCS#11 §2.3.3); some drivers give it raw. */
function ecPoint(value: Uint8Array): Uint8Array {
  if (value[0] === 0x04 && value.length > 2) {
    const short = value[1]! < 0x80 && value[1] === value.length - 2;
    const long = value[1] === 0x81 && value[2] === value.length - 3;
    if (short || long) return value.subarray(short ? 2 : 3);
  }
  return value;
}

/** The certificate's public key in the form publicKeyOf reads from the token. */
export function certificatePublicKey(cert: Certificate): string | null {
  try {
    const jwk = createPublicKey({ key: Buffer.from(cert.publicKey.spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    if (jwk.kty === 'RSA' && jwk.n && jwk.e) return rsaKey(Buffer.from(jwk.n, 'base64url'), Buffer.from(jwk.e, 'base64url'));
    if (jwk.kty === 'EC' && jwk.x && jwk.y) return ecKey(Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]));
  } catch {
    // A key Node cannot read (another curve): paired by CKA_ID only.
  }
  return null;
}

/** A key object's public half as certificatePublicKey writes it: CKA_MODULUS + CKA_PUBLIC_EXPONENT, or CKA_EC_POINT. */
function publicKeyOf(port: Pkcs11Port, session: Handle, object: Handle): string | null {
  const n = attribute(port, session, object, P.CKA_MODULUS);
  const e = attribute(port, session, object, P.CKA_PUBLIC_EXPONENT);
  if (n && e && n.length > 0 && e.length > 0) return rsaKey(n, e);
  const point = attribute(port, session, object, P.CKA_EC_POINT);
  return point && point.length > 0 ? ecKey(ecPoint(point)) : null;
}

/** Public-key objects with their ids and key material: read without login, they say which certificates have a key. */
export function readPublicKeys(port: Pkcs11Port, session: Handle): TokenPublicKey[] {
  return findObjects(port, session, [{ type: P.CKA_CLASS, value: P.CKO_PUBLIC_KEY }]).map((h) => ({
    id: new Uint8Array(attribute(port, session, h, P.CKA_ID) ?? []),
    publicKey: publicKeyOf(port, session, h),
  }));
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
      canSign: signFlag(attribute(port, session, handle, P.CKA_SIGN)),
      // RSA private keys carry the modulus (PKCS#11 §2.1.4); an EC private key has no point.
      publicKey: type === P.CKK_RSA ? publicKeyOf(port, session, handle) : null,
    };
  });
}

/** One search on `session` for at most `max` objects matching `template` (three calls). */
function findSome(port: Pkcs11Port, session: Handle, template: Template, max: number): Handle[] {
  port.C_FindObjectsInit(session, template);
  try {
    return port.C_FindObjects(session, max);
  } finally {
    port.C_FindObjectsFinal(session);
  }
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
 *
 * Two hits (asked for in the same call) mean a key pair renewed under the old CKA_ID: `several`,
 * and the caller pairs by public key instead (keyForCertificate).
 */
export function privateKeyById(
  port: Pkcs11Port,
  session: Handle,
  id: Uint8Array,
): { handle: Handle; alwaysAuthenticate: boolean; fromTemplate?: true } | 'several' | null {
  if (id.length === 0) return null;
  const byId: Template = [
    { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
    { type: P.CKA_ID, value: Buffer.from(id) },
  ];
  let plain: Handle[] = [];
  try {
    plain = findSome(port, session, [...byId, { type: P.CKA_ALWAYS_AUTHENTICATE, value: false }], 2);
  } catch (err) {
    if (isRemoval(err)) throw err;
    // CKR_ATTRIBUTE_TYPE_INVALID and the like: a driver older than the attribute.
  }
  if (plain.length > 1) return 'several';
  if (plain[0]) return { handle: plain[0], alwaysAuthenticate: false, fromTemplate: true };
  const found = findSome(port, session, byId, 2);
  if (found.length > 1) return 'several';
  const handle = found[0];
  return handle ? { handle, alwaysAuthenticate: bool(attribute(port, session, handle, P.CKA_ALWAYS_AUTHENTICATE)) } : null;
}

/** CKA_ALWAYS_AUTHENTICATE of one key, read (false when the driver does not know it). */
export function alwaysAuthenticateOf(port: Pkcs11Port, session: Handle, key: Handle): boolean {
  return bool(attribute(port, session, key, P.CKA_ALWAYS_AUTHENTICATE));
}

export function sameId(a: Uint8Array, b: Uint8Array): boolean {
  return a.length > 0 && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * A certificate that may sign, among the token's `certs`: not a CA's by what it says
 * (isAuthorityCertificate), nor one whose key signed another certificate there (an intermediate
 * that says nothing). Listed otherwise, it was a refused candidate the platform would never accept.
 */
export function isSigningCandidate(c: TokenCertificate, certs: readonly TokenCertificate[]): boolean {
  if (c.cert && isAuthorityCertificate(c.cert)) return false;
  return !issuersOnToken(certs).has(c);
}

/**
 * The private key of a certificate: same CKA_ID (PKCS#11 §4.4 convention every CA tool follows);
 * else the same public key (a key id 3031 under a certificate id 3032, ids left empty): the RSA
 * modulus of the private key, or the public-key object of the certificate's key and the private
 * key with ITS id. A token with exactly one certificate and one key is paired even without ids:
 * some vendor tools leave CKA_ID empty, and the signature check after signing catches a wrong
 * pairing.
 */
export function keyForCertificate(cert: TokenCertificate, certs: TokenCertificate[], keys: TokenPrivateKey[], publicKeys: readonly TokenPublicKey[] = []): TokenPrivateKey | null {
  // No private key in sight (before login): none to pair, and the certificate's key is not parsed for nothing.
  if (keys.length === 0) return null;
  const byId = keys.filter((k) => sameId(k.id, cert.id));
  if (byId.length === 1) return byId[0]!;
  const mine = cert.cert ? certificatePublicKey(cert.cert) : null;
  if (byId.length > 1) {
    // A key pair renewed under the old CKA_ID: the one with this certificate's public key (an RSA
    // key shows its modulus), else one that does not show it (EC): keyTwins lists the others.
    const own = byId.find((k) => mine !== null && k.publicKey === mine) ?? byId.find((k) => !k.publicKey);
    if (own) return own;
  }
  if (mine !== null) {
    const byKey = keys.find((k) => k.publicKey === mine);
    if (byKey) return byKey;
    for (const pub of publicKeys.filter((p) => p.publicKey === mine)) {
      const paired = keys.find((k) => sameId(k.id, pub.id));
      if (paired) return paired;
    }
  }
  const leaves = certs.filter((c) => isSigningCandidate(c, certs));
  if (leaves.length === 1 && keys.length === 1 && (cert.id.length === 0 || keys[0]!.id.length === 0)) return keys[0]!;
  return null;
}

/**
 * The other keys `key` cannot be told from by what the token shows: same CKA_ID, and no public key
 * that differs from the certificate's (an EC private key shows none). Signing tries them in turn
 * when the signature does not verify (signOperation.ts); an empty list in every usual layout.
 */
export function keyTwins(cert: TokenCertificate, key: TokenPrivateKey, keys: readonly TokenPrivateKey[]): TokenPrivateKey[] {
  if (!sameId(key.id, cert.id)) return [];
  const mine = cert.cert ? certificatePublicKey(cert.cert) : null;
  return keys.filter((k) => k !== key && sameId(k.id, cert.id) && (!k.publicKey || mine === null || k.publicKey === mine));
}

/**
 * Before login, when the private keys are hidden: does a public-key object say this certificate
 * has a key (same CKA_ID or same public key)? null when the token shows no public key at all
 * (nothing can be told); false when it shows some, none of them this certificate's.
 */
export function publicKeyFound(cert: TokenCertificate, publicKeys: readonly TokenPublicKey[]): boolean | null {
  if (publicKeys.length === 0) return null;
  const mine = cert.cert ? certificatePublicKey(cert.cert) : null;
  return publicKeys.some((p) => sameId(p.id, cert.id) || (mine !== null && p.publicKey === mine));
}
