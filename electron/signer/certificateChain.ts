/**
 * The CA certificates sent after the facility's in the batch's x5chain (RFC 9360 §2: leaf first,
 * each next one the issuer of the one before), taken from what the token holds. An issuer is the
 * certificate whose KEY signed the one below it, not merely one of that name: CAs re-key under the
 * same name ("Viettel-CA SHA-256" of 2019 and of 2024) and tokens keep both intermediates, and a
 * chain through the other one is CERT_UNTRUSTED at the platform, for the whole batch (probe of
 * session 25: chosen by name, it was the wrong one about half the time).
 */
import { X509Certificate } from 'node:crypto';
import { equalBytes } from '../../shared/crypto/index.js';
import type { TokenCertificate } from './tokenObjects.js';

/** A path longer than this is no CA's (root, one or two intermediates): a loop, or junk. */
const MAX_DEPTH = 5;

function x509(c: TokenCertificate, parsed: Map<TokenCertificate, X509Certificate | null>): X509Certificate | null {
  if (!parsed.has(c)) {
    let x: X509Certificate | null = null;
    try {
      x = new X509Certificate(c.der);
    } catch {
      // A certificate OpenSSL cannot read signs nothing here.
    }
    parsed.set(c, x);
  }
  return parsed.get(c)!;
}

/**
 * The certificates of `certs` whose key signed another certificate there: CAs, though an old
 * intermediate may say so nowhere (no basicConstraints, no keyUsage). Computed once per list.
 */
const issuersOf = new WeakMap<readonly TokenCertificate[], Set<TokenCertificate>>();
export function issuersOnToken(certs: readonly TokenCertificate[]): Set<TokenCertificate> {
  let found = issuersOf.get(certs);
  if (found) return found;
  found = new Set();
  const parsed = new Map<TokenCertificate, X509Certificate | null>();
  for (const below of certs) {
    if (!below.cert || equalBytes(below.cert.issuerDer, below.cert.subjectDer)) continue;
    const x = x509(below, parsed);
    if (!x) continue;
    for (const c of certs) {
      if (c === below || found.has(c) || !c.cert || !equalBytes(c.cert.subjectDer, below.cert.issuerDer)) continue;
      const issuer = x509(c, parsed);
      try {
        if (issuer && x.verify(issuer.publicKey)) found.add(c);
      } catch {
        // A key OpenSSL cannot use verifies nothing.
      }
    }
  }
  issuersOf.set(certs, found);
  return found;
}

/**
 * The issuers of `leaf` among `certs`, nearest first, up to a self-issued root (included when the
 * token holds it). Of several that verify (a CA certificate renewed on the same key), the one valid
 * at `at`, else the one that ends last. A certificate no certificate on the token verifies ends
 * the chain: nothing is sent that the platform would not build on.
 */
export function issuerChain(leaf: TokenCertificate, certs: readonly TokenCertificate[], at: Date): Uint8Array[] {
  const parsed = new Map<TokenCertificate, X509Certificate | null>();
  const chain: Uint8Array[] = [];
  const seen = new Set<TokenCertificate>([leaf]);
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH && current.cert; depth++) {
    if (equalBytes(current.cert.issuerDer, current.cert.subjectDer)) break;
    const below = x509(current, parsed);
    if (!below) break;
    const signers = certs.filter((c) => {
      if (seen.has(c) || !c.cert || !equalBytes(c.cert.subjectDer, current.cert!.issuerDer)) return false;
      const x = x509(c, parsed);
      try {
        return x !== null && below.verify(x.publicKey);
      } catch {
        return false;
      }
    });
    const validAt = (c: TokenCertificate) => c.cert!.notBefore.getTime() <= at.getTime() && at.getTime() <= c.cert!.notAfter.getTime();
    const issuer = signers.find(validAt) ?? [...signers].sort((a, b) => b.cert!.notAfter.getTime() - a.cert!.notAfter.getTime())[0];
    if (!issuer) break;
    chain.push(issuer.der);
    seen.add(issuer);
    current = issuer;
  }
  return chain;
}
