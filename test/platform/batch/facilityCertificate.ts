/**
 * Is the certificate in the manifest's x5chain (RFC 9360) a facility signing certificate the
 * platform accepts? It must chain to a configured CA (`--trust-ca`), be usable for signatures
 * and carry the facility's tax code (`UID=MST:<taxcode>`, as Vietnamese CAs issue them): key usage
 * and tax code by the rule the station also checks (shared/signer/facilityCertificateRule.ts).
 *
 * Time: the certificate (and its CA) must be valid when the batch was signed (`created`), and
 * not expired for longer than a grace period now. Facilities are often offline for days; a
 * batch signed the day before the token expired must still upload, but `created` is what the
 * station claims, so the grace period bounds how far a stolen expired key could backdate.
 */
import { equalBytes } from '../../../shared/crypto/bytes.js';
import { isStationError } from '../../../shared/errors.js';
import { facilityTaxCodes, normaliseTaxCode, signingUsage } from '../../../shared/signer/facilityCertificateRule.js';
import { parseCertificate, verifyCertificateSignature, type Certificate } from '../../../shared/x509/x509.js';
import { PlatformFailure } from '../platformFailure.js';

const MAX_CHAIN = 6;

export interface FacilityCertificateCheck {
  chain: readonly Uint8Array[];
  anchors: readonly Certificate[];
  signedAt: Date;
  now: Date;
  graceMs: number;
  taxCode: string;
}

function parse(der: Uint8Array, position: number): Certificate {
  try {
    return parseCertificate(der);
  } catch (e) {
    throw new PlatformFailure('CERT_INVALID', { position, cause: isStationError(e) ? e.toInfo() : String(e) });
  }
}

async function issuerOf(cert: Certificate, candidates: readonly Certificate[]): Promise<Certificate | undefined> {
  for (const c of candidates) {
    if (equalBytes(c.subjectDer, cert.issuerDer) && c.isCa && (await verifyCertificateSignature(cert, c))) return c;
  }
  return undefined;
}

/** The path leaf → ... → anchor, each signature verified; CERT_UNTRUSTED when there is none. */
async function buildPath(leaf: Certificate, intermediates: readonly Certificate[], anchors: readonly Certificate[]): Promise<Certificate[]> {
  const path = [leaf];
  let current = leaf;
  while (path.length <= MAX_CHAIN) {
    const anchor = await issuerOf(current, anchors);
    if (anchor) return [...path, anchor];
    const next = await issuerOf(current, intermediates);
    if (!next || path.includes(next)) break;
    path.push(next);
    current = next;
  }
  throw new PlatformFailure('CERT_UNTRUSTED', { subject: leaf.subject.text, issuer: leaf.issuer.text });
}

function checkTimes(path: readonly Certificate[], signedAt: Date, now: Date, graceMs: number): void {
  for (const [i, cert] of path.entries()) {
    const which = i === 0 ? 'facility' : 'ca';
    const details = { certificate: which, subject: cert.subject.text, notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString() };
    if (signedAt.getTime() < cert.notBefore.getTime()) throw new PlatformFailure('CERT_NOT_YET_VALID', { ...details, signedAt: signedAt.toISOString() });
    if (signedAt.getTime() > cert.notAfter.getTime()) throw new PlatformFailure('CERT_EXPIRED', { ...details, signedAt: signedAt.toISOString() });
    if (now.getTime() > cert.notAfter.getTime() + graceMs) throw new PlatformFailure('CERT_EXPIRED', { ...details, now: now.toISOString() });
  }
}

export async function checkFacilityCertificate(check: FacilityCertificateCheck): Promise<Certificate> {
  if (check.chain.length === 0) throw new PlatformFailure('CERT_MISSING');
  const [leaf, ...intermediates] = check.chain.map(parse) as [Certificate, ...Certificate[]];
  const path = await buildPath(leaf, intermediates, check.anchors);
  checkTimes(path, check.signedAt, check.now, check.graceMs);
  // The station checks the same rule before the PIN (shared/signer/facilityCertificateRule.ts).
  const usage = signingUsage(leaf);
  if (!usage.ok) throw new PlatformFailure('CERT_KEY_USAGE', { keyUsage: leaf.keyUsage, extKeyUsage: leaf.extKeyUsage, reason: usage.reason });
  const taxCodes = facilityTaxCodes(leaf);
  if (!taxCodes.includes(normaliseTaxCode(check.taxCode))) {
    throw new PlatformFailure('CERT_WRONG_FACILITY', { expected: `MST:${check.taxCode}`, found: taxCodes.map((t) => `MST:${t}`) });
  }
  return leaf;
}
