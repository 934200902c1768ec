/**
 * DESIGN §5: verify EVERY signature with the certificate's public key before it leaves the host.
 * A token that signs with another key than its certificate names, or a driver that mangles PSS,
 * is caught here and never reaches a stored batch.
 */
import { constants, createPublicKey, verify } from 'node:crypto';
import type { CoseAlg } from './signingPlans.js';

export function verifyWithCertificate(alg: CoseAlg, spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (alg === -7) return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    if (alg === -37) return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
    return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}
