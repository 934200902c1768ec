/** COSE_Sign1 signature check (RFC 9052 §4.4) through WebCrypto. */
import { importVerifyKey, rsaModulusBits, verifyWithScheme } from '../crypto/verifySignature.js';
import { sha256 } from '../crypto/sha256.js';
import { COSE_ALG, algOf, sigStructure, type Sign1 } from './sign1.js';
import { isCoseAlg, schemeForAlg } from './coseAlgorithms.js';

export type VerifyFailure = 'MISSING_ALG' | 'UNSUPPORTED_ALG' | 'KEY_MISMATCH' | 'BAD_SIGNATURE';
export type VerifyOutcome = { valid: true; alg: number } | { valid: false; reason: VerifyFailure; alg: number | null };

/**
 * Like verifySign1, with the reason for a failure (for `station dcc verify` and the verify
 * screen): MISSING_ALG, UNSUPPORTED_ALG, KEY_MISMATCH (the key cannot verify this alg, e.g. an
 * EC key for PS256 or a P-384 key for ES256), BAD_SIGNATURE.
 */
export async function verifySign1Detailed(
  sign1: Sign1,
  key: CryptoKey | Uint8Array,
  externalAad?: Uint8Array,
): Promise<VerifyOutcome> {
  const alg = algOf(sign1);
  if (alg === null) return { valid: false, reason: 'MISSING_ALG', alg };
  if (!isCoseAlg(alg)) return { valid: false, reason: 'UNSUPPORTED_ALG', alg };
  const scheme = schemeForAlg(alg);
  const verifyKey = await importVerifyKey(key, scheme);
  if (verifyKey === null) return { valid: false, reason: 'KEY_MISMATCH', alg };
  const data = sigStructure(sign1, externalAad);
  if (await verifyWithScheme(verifyKey, scheme, sign1.signature, data)) return { valid: true, alg };
  if (alg === COSE_ALG.PS256) {
    // hcert fixes the PSS salt at 32 bytes, but some signers (OpenSSL's default, several HSMs)
    // use the maximum salt length. WebCrypto checks one salt length per call, so try that one too.
    const emLen = Math.ceil((rsaModulusBits(verifyKey) - 1) / 8);
    const maxSalt = emLen - 32 - 2;
    if (maxSalt > 32 && (await verifyWithScheme(verifyKey, { name: 'RSA-PSS', hash: 'SHA-256', saltLength: maxSalt }, sign1.signature, data))) {
      return { valid: true, alg };
    }
  }
  return { valid: false, reason: 'BAD_SIGNATURE', alg };
}

/** True only for a valid signature; every failure (bad signature, wrong key, unknown alg) is false. */
export async function verifySign1(sign1: Sign1, key: CryptoKey | Uint8Array, externalAad?: Uint8Array): Promise<boolean> {
  return (await verifySign1Detailed(sign1, key, externalAad)).valid;
}

/** hcert spec §3.3.1 / DESIGN §5: the kid is the first 8 bytes of SHA-256 of the certificate DER. */
export async function kidFromCertificate(der: Uint8Array): Promise<Uint8Array> {
  return (await sha256(der)).slice(0, 8);
}
