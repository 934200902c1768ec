/** COSE algorithm numbers → WebCrypto signature schemes (RFC 9053 §2.1, RFC 8230 §2). */
import type { SignatureScheme } from '../crypto/verifySignature.js';
import { COSE_ALG, type CoseAlg } from './sign1.js';

/** hcert spec §3.3.2: PS256 uses a salt as long as the hash (32 bytes). */
export const PSS_SALT_LENGTH = 32;

export function isCoseAlg(alg: unknown): alg is CoseAlg {
  return alg === COSE_ALG.ES256 || alg === COSE_ALG.PS256 || alg === COSE_ALG.RS256;
}

export function schemeForAlg(alg: CoseAlg): SignatureScheme {
  switch (alg) {
    case COSE_ALG.ES256:
      return { name: 'ECDSA', hash: 'SHA-256', curve: 'P-256' };
    case COSE_ALG.PS256:
      return { name: 'RSA-PSS', hash: 'SHA-256', saltLength: PSS_SALT_LENGTH };
    case COSE_ALG.RS256:
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  }
}

export function algName(alg: CoseAlg): 'ES256' | 'PS256' | 'RS256' {
  return alg === COSE_ALG.ES256 ? 'ES256' : alg === COSE_ALG.PS256 ? 'PS256' : 'RS256';
}
