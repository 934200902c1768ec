/**
 * `tokens.list`: every initialised token with its certificates and, for each, usable for this
 * facility or why not. Works without a PIN: private keys are often hidden until login, so
 * "has a private key" may honestly be unknown (null) until then. The objects are read by the host
 * (tokenCache.ts); this only says what they mean.
 */
import { ekuName, signerNotice, type CertificateSummary, type Facility, type TokenSummary } from '../../shared/signer/index.js';
import { certificateProblems, certificateWarnings, taxCodeOf } from './certificateUsability.js';
import { P } from './pkcs11Port.js';
import { signingPlans } from './signingPlans.js';
import type { TokenObjectsRead } from './tokenCache.js';
import { isSigningCandidate, keyForCertificate, publicKeyFound, type TokenState } from './tokenObjects.js';
import { pinWarnings, tokenFlags } from './tokenLogin.js';

export function summariseToken(token: TokenState, objects: TokenObjectsRead, facility: Facility | undefined, at: Date): TokenSummary {
  const { certs, keys, publicKeys, mechanisms } = objects;
  // Without login a private key is invisible on most tokens: absent means "unknown", unless
  // we are logged in or the token does not require a login at all.
  const keysVisible = objects.underLogin || (token.flags & P.CKF_LOGIN_REQUIRED) === 0;
  const certificates: CertificateSummary[] = certs
    .filter((c) => isSigningCandidate(c, certs))
    .map((c) => {
      const key = keyForCertificate(c, certs, keys, publicKeys);
      // Before login: no public key of this certificate among those the token shows means no key
      // either (a certificate left behind), said now rather than after a PIN entry.
      const hasPrivateKey = key ? true : keysVisible ? false : publicKeyFound(c, publicKeys) === false ? false : null;
      const cert = c.cert;
      const problems = certificateProblems({ cert, hasPrivateKey, facility, at });
      // Read with the key (before login on tokens that show keys, else on the login): never a PIN spent on it.
      if (key?.canSign === false) problems.push(signerNotice('KEY_NOT_ALLOWED_TO_SIGN'));
      return {
        fingerprint: c.fingerprint,
        label: c.label,
        subject: cert?.subject.text ?? '',
        issuer: cert?.issuer.text ?? '',
        serialNumber: cert?.serialNumber ?? '',
        taxCode: cert ? taxCodeOf(cert) : null,
        notBefore: cert?.notBefore.toISOString() ?? '',
        notAfter: cert?.notAfter.toISOString() ?? '',
        keyType: cert?.publicKey.type ?? 'OTHER',
        keyBits: cert?.publicKey.bits ?? 0,
        // An OTHER key's name stands in its curve's place ("Ed25519", "EC secp256k1"), not its bits.
        curve: cert?.publicKey.curve ?? cert?.publicKey.name ?? null,
        keyUsage: cert?.keyUsage ?? null,
        extKeyUsage: cert?.extKeyUsage?.map(ekuName) ?? null,
        hasPrivateKey,
        alwaysAuthenticate: key?.alwaysAuthenticate ?? false,
        usable: problems.length === 0,
        problems,
        warnings: certificateWarnings({ cert, at }),
        alg: cert ? (signingPlans(cert.publicKey, mechanisms)[0]?.alg ?? null) : null,
      };
    });
  const warnings = pinWarnings(token.flags);
  // A token that requires login may keep its certificates private until then (CKA_PRIVATE).
  if (certificates.length === 0) warnings.push(signerNotice(keysVisible ? 'CERT_NOT_FOUND' : 'CERT_AFTER_LOGIN'));
  return {
    serial: token.serial,
    label: token.label,
    manufacturer: token.manufacturer,
    model: token.model,
    flags: tokenFlags(token.flags),
    pinMinLength: token.pinMinLength,
    pinMaxLength: token.pinMaxLength,
    loggedIn: objects.underLogin,
    warnings,
    certificates,
  };
}
