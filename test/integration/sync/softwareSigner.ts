/**
 * A software TokenSigner for the sync tests: the same port the signer host fills, backed by a
 * WebCrypto EC P-256 key and a certificate from a test CA. It keeps the sync tests fast and
 * lets them sign with certificates a real token would refuse (expired, another facility's, an
 * untrusted CA): the platform must refuse those, which is what the tests check. The PKCS#11
 * path itself is covered by test/integration/signing and test/integration/e2e-flow (SoftHSM).
 */
import { createHash } from 'node:crypto';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import type { SignerResult } from '../../../shared/signer/index.js';
import type { IssuedCert } from '../../fixtures/pki.js';

export function softwareSigner(cert: IssuedCert, opts: { taxCode?: string } = {}): TokenSigner {
  if (cert.keys.type !== 'EC') throw new Error('softwareSigner signs ES256 only');
  const fingerprint = createHash('sha256').update(cert.der).digest('hex');
  const summary = {
    fingerprint,
    label: 'software key',
    subject: JSON.stringify(cert.cert.subject),
    issuer: JSON.stringify(cert.cert.issuer),
    serialNumber: cert.cert.serialNumber,
    taxCode: opts.taxCode ?? null,
    notBefore: cert.cert.notBefore.toISOString(),
    notAfter: cert.cert.notAfter.toISOString(),
    keyType: 'EC' as const,
    keyBits: 256,
    curve: 'P-256',
    keyUsage: cert.cert.keyUsage,
    extKeyUsage: null,
    hasPrivateKey: true,
    alwaysAuthenticate: false,
    usable: true,
    problems: [],
    warnings: [],
    alg: -7,
  };
  const listing: SignerResult<'tokens.list'> = {
    module: { loaded: 'software', candidates: [] },
    tokens: [{
      serial: 'SOFTWARE-0001', label: 'software token', manufacturer: 'test', model: 'WebCrypto',
      flags: { loginRequired: false, userPinInitialized: true, pinCountLow: false, pinFinalTry: false, pinLocked: false, protectedAuthenticationPath: false },
      pinMinLength: null, pinMaxLength: null, loggedIn: true, warnings: [], certificates: [summary],
    }],
  };
  return {
    listTokens: async () => listing,
    logIn: async () => ({ token: listing.tokens[0]! }),
    sign: async (params) => {
      // ES256 = ECDSA P-256 over SHA-256 of the Sig_structure; WebCrypto returns raw r‖s as COSE wants.
      const signature = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, cert.keys.privateKey, params.toBeSigned as BufferSource));
      return { signature, alg: -7, mechanism: 'WebCrypto ECDSA', certificateDer: cert.der, certificateChain: [], certFingerprint: fingerprint, tokenSerial: 'SOFTWARE-0001' };
    },
  };
}
