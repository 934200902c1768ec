/**
 * WebCrypto signature verification shared by COSE (RFC 9053) and X.509 (RFC 5280/4055/5758).
 * The WebCrypto key is bound to one algorithm and hash at import time, so a key is (re)imported
 * per scheme; a key that does not fit the scheme gives `null`, never an exception.
 */
import { asBufferSource } from './bytes.js';

export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type NamedCurve = 'P-256' | 'P-384' | 'P-521';

export type SignatureScheme =
  | { name: 'ECDSA'; hash: HashName; curve: NamedCurve }
  | { name: 'RSA-PSS'; hash: HashName; saltLength: number }
  | { name: 'RSASSA-PKCS1-v1_5'; hash: HashName };

/** Byte width of one ECDSA coordinate (raw signatures are twice this). */
export const CURVE_SIZE: Record<NamedCurve, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

function importParams(scheme: SignatureScheme): EcKeyImportParams | RsaHashedImportParams {
  return scheme.name === 'ECDSA'
    ? { name: 'ECDSA', namedCurve: scheme.curve }
    : { name: scheme.name, hash: scheme.hash };
}

function fits(key: CryptoKey, scheme: SignatureScheme): boolean {
  const alg = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } };
  if (key.type !== 'public' || alg.name !== scheme.name || !key.usages.includes('verify')) return false;
  return scheme.name === 'ECDSA' ? alg.namedCurve === scheme.curve : alg.hash?.name === scheme.hash;
}

/** A verify key for `scheme` from SPKI DER or from a public CryptoKey of another algorithm. */
export async function importVerifyKey(key: CryptoKey | Uint8Array, scheme: SignatureScheme): Promise<CryptoKey | null> {
  const subtle = globalThis.crypto.subtle;
  try {
    let spki: Uint8Array;
    if (key instanceof Uint8Array) spki = key;
    else {
      if (fits(key, scheme)) return key;
      if (key.type !== 'public') return null;
      spki = new Uint8Array(await subtle.exportKey('spki', key));
    }
    return await subtle.importKey('spki', asBufferSource(spki), importParams(scheme), true, ['verify']);
  } catch {
    return null;
  }
}

/** RSA modulus length in bits of a WebCrypto RSA key, or 0. */
export function rsaModulusBits(key: CryptoKey): number {
  const alg = key.algorithm as { modulusLength?: number };
  return alg.modulusLength ?? 0;
}

/** False for a wrong signature, a wrong raw ECDSA length or a key WebCrypto refuses. */
export async function verifyWithScheme(
  key: CryptoKey,
  scheme: SignatureScheme,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  let params: AlgorithmIdentifier | EcdsaParams | RsaPssParams;
  if (scheme.name === 'ECDSA') {
    if (signature.length !== 2 * CURVE_SIZE[scheme.curve]) return false;
    params = { name: 'ECDSA', hash: scheme.hash };
  } else if (scheme.name === 'RSA-PSS') {
    params = { name: 'RSA-PSS', saltLength: scheme.saltLength };
  } else {
    params = { name: 'RSASSA-PKCS1-v1_5' };
  }
  try {
    return await globalThis.crypto.subtle.verify(params, key, asBufferSource(signature), asBufferSource(data));
  } catch {
    return false;
  }
}
