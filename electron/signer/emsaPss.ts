/**
 * RSA signature encodings made in Node for tokens that can only do raw RSA:
 * EMSA-PSS-ENCODE (RFC 8017 §9.1.1, SHA-256, MGF1-SHA256, 32-byte salt: what PS256 / RFC 8230
 * expects) for CKM_RSA_X_509, and the SHA-256 DigestInfo (RFC 8017 §9.2 note 1) for CKM_RSA_PKCS.
 */
import { createHash, randomBytes } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** MGF1 (RFC 8017 §B.2.1) with SHA-256. */
export function mgf1Sha256(seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let i = 0, offset = 0; offset < length; i++, offset += 32) {
    new DataView(counter.buffer).setUint32(0, i);
    out.set(sha256(seed, counter).subarray(0, Math.min(32, length - offset)), offset);
  }
  return out;
}

/**
 * EM for a modulus of `modBits` bits, left-padded to the modulus length k so it can go straight
 * into CKM_RSA_X_509 (emLen = k - 1 when modBits ≡ 1 mod 8).
 */
export function emsaPssEncode(mHash: Uint8Array, modBits: number, salt: Uint8Array = new Uint8Array(randomBytes(32))): Uint8Array {
  const hLen = 32;
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (mHash.length !== hLen || emLen < hLen + salt.length + 2) throw new Error('EMSA-PSS: modulus too short');
  const h = sha256(new Uint8Array(8), mHash, salt);
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  const mask = mgf1Sha256(h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  const k = Math.ceil(modBits / 8);
  const em = new Uint8Array(k);
  em.set(db, k - emLen);
  em.set(h, k - hLen - 1);
  em[k - 1] = 0xbc;
  return em;
}

/** DER DigestInfo { sha256, NULL } prefix, followed by the 32-byte digest. */
const SHA256_DIGEST_INFO = Uint8Array.from([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);

export function sha256DigestInfo(digest: Uint8Array): Uint8Array {
  const out = new Uint8Array(SHA256_DIGEST_INFO.length + digest.length);
  out.set(SHA256_DIGEST_INFO);
  out.set(digest, SHA256_DIGEST_INFO.length);
  return out;
}

export { sha256 as sha256Node };
