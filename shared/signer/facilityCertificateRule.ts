/**
 * The ONE rule for "is this a facility certificate for signing documents", read by the station
 * before the PIN (electron/signer/certificateUsability.ts) and by the platform simulator on every
 * batch (test/platform/batch/facilityCertificate.ts), so the two cannot drift: a certificate the
 * station signs with is never one the platform refuses for its key usage or its tax code
 * (probe of session 24: they disagreed on five issuing layouts, and every such batch came back
 * rejected whole).
 *
 * Tax code: Vietnamese CAs (Viettel-CA, VNPT-CA, BKAV-CA, FPT-CA) write the organisation's tax
 * code as `UID=MST:<code>` (a branch `-001` suffix included); a personal certificate carries
 * `UID=CCCD:`/`CMND:`/`HC:` instead. Only that attribute in that form is read: free text (CN, O,
 * OU) is whatever the applicant typed, and `MST=` is no CA's convention, so a tax code found
 * there is named to the user (ask the CA to reissue) rather than trusted.
 *
 * Key usage: a document-signing certificate has keyUsage with digitalSignature or nonRepudiation
 * (Decree 130/2018 profiles; every CA's signing certificate carries it). RFC 5280 §4.2.1.3 reads
 * a missing extension as "no restriction", but that is a certificate made without a profile, and
 * the platform refuses it: so does this rule. An extendedKeyUsage, when present, must allow
 * document signing: an authentication certificate (clientAuth only) beside the signing one on a
 * token does not.
 */
import type { Certificate } from '../x509/index.js';

/** Tax codes compare without spaces or case (`MST: 0301234567-001`). */
export const normaliseTaxCode = (code: string): string => code.replace(/\s+/g, '').toUpperCase();

const UID_TAX_CODE = /^\s*MST\s*:\s*([0-9A-Za-z-]+)\s*$/i;

/** The tax codes in `UID=MST:<code>` attributes: the only place the platform reads one. */
export function facilityTaxCodes(cert: Certificate): string[] {
  return cert.subject.attributes
    .filter((a) => a.name === 'UID')
    .flatMap((a) => {
      const m = UID_TAX_CODE.exec(a.value);
      return m ? [normaliseTaxCode(m[1]!)] : [];
    });
}

/** A tax code written where the platform does not read it: `CN=… - MST:…`, `OU=MST:…`, `UID=MST=…`. */
export interface MisplacedTaxCode {
  attribute: string;
  value: string;
  taxCode: string;
}

export function misplacedTaxCode(cert: Certificate): MisplacedTaxCode | null {
  for (const a of cert.subject.attributes) {
    if (a.name === 'UID' && UID_TAX_CODE.test(a.value)) continue;
    const m = /\bMST\s*[:=]\s*([0-9A-Za-z-]+)/i.exec(a.value);
    if (m) return { attribute: a.name, value: a.value, taxCode: normaliseTaxCode(m[1]!) };
  }
  return null;
}

/** RFC 5280 §4.2.1.12 purposes, and the document-signing ones (RFC 9336, Microsoft, Adobe). */
export const EKU = {
  any: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  documentSigning: '1.3.6.1.5.5.7.3.36',
  msDocumentSigning: '1.3.6.1.4.1.311.10.3.12',
  adobeAuthenticDocuments: '1.2.840.113583.1.1.5',
} as const;

const EKU_NAMES: Record<string, string> = Object.fromEntries(Object.entries(EKU).map(([name, oid]) => [oid, name]));

/** An extendedKeyUsage OID by its name when known (clientAuth, emailProtection, …), else the OID. */
export const ekuName = (oid: string): string => EKU_NAMES[oid] ?? oid;

/**
 * Purposes under which a CA lets a key sign documents. Vietnamese signing certificates that carry
 * the extension list emailProtection (S/MIME signing) beside clientAuth; an authentication
 * certificate lists clientAuth (or serverAuth) alone.
 */
const SIGNING_PURPOSES: ReadonlySet<string> = new Set([EKU.any, EKU.emailProtection, EKU.documentSigning, EKU.msDocumentSigning, EKU.adobeAuthenticDocuments]);

/** `UID=CCCD:…`, `CMND:…`, `HC:…`: a certificate issued to a person (an employee), not to an organisation. */
export function personalIdOf(cert: Certificate): { kind: string; number: string } | null {
  for (const a of cert.subject.attributes) {
    if (a.name !== 'UID') continue;
    const m = /^\s*(CCCD|CMND|HC|PASSPORT)\s*[:=]\s*(\S+)\s*$/i.exec(a.value);
    if (m) return { kind: m[1]!.toUpperCase(), number: m[2]! };
  }
  return null;
}

export type SigningUsage =
  | { ok: true }
  | { ok: false; reason: 'NO_KEY_USAGE' }
  | { ok: false; reason: 'KEY_USAGE'; keyUsage: string[] }
  | { ok: false; reason: 'EXTENDED_KEY_USAGE'; extKeyUsage: string[] };

/**
 * May this certificate's key sign documents? keyUsage first, then the extendedKeyUsage when
 * present (RFC 5280 §4.2.1.12: the key is for the purposes listed only).
 */
export function signingUsage(cert: Certificate): SigningUsage {
  if (cert.keyUsage === null) return { ok: false, reason: 'NO_KEY_USAGE' };
  if (!cert.keyUsage.includes('digitalSignature') && !cert.keyUsage.includes('nonRepudiation')) return { ok: false, reason: 'KEY_USAGE', keyUsage: cert.keyUsage };
  if (cert.extKeyUsage !== null && !cert.extKeyUsage.some((p) => SIGNING_PURPOSES.has(p))) {
    return { ok: false, reason: 'EXTENDED_KEY_USAGE', extKeyUsage: cert.extKeyUsage.map(ekuName) };
  }
  return { ok: true };
}

/**
 * A root or CA certificate, never a signing candidate: basicConstraints cA=true, or self-signed
 * (subject = issuer) without basicConstraints, as an old v1 root stored on a token is.
 */
/**
 * Of several certificates that can sign, the one with nonRepudiation when it is the only one: a
 * token with an authentication certificate beside the signing one (both digitalSignature) holds
 * the CA's certificate for signing documents in that one. Otherwise all of them, for the signer to
 * choose. The station's pick (signBatch.ts) and the signer host's (signOperation.ts) both ask here.
 */
export function preferForDocuments<T>(usable: readonly T[], keyUsageOf: (t: T) => readonly string[] | null | undefined): readonly T[] {
  if (usable.length < 2) return usable;
  const forDocuments = usable.filter((t) => keyUsageOf(t)?.includes('nonRepudiation') === true);
  return forDocuments.length === 1 ? forDocuments : usable;
}

/** What tells a renewal from another certificate: the same holder, CA and profile; and its dates. */
export interface RenewalFacts {
  subject: string;
  issuer: string;
  keyUsage: readonly string[] | null;
  extKeyUsage: readonly string[] | null;
  notBefore: number;
  notAfter: number;
}

const profileOf = (f: RenewalFacts) => JSON.stringify([f.subject, f.issuer, f.keyUsage, f.extKeyUsage]);

/**
 * Of several that can sign, the renewed one when they are all one certificate renewed: the same
 * subject, issuer, keyUsage and extendedKeyUsage (a CA renews, gia hạn, before the old one ends
 * and the old one stays on the token). The one that ends last, then the one issued last: the
 * batches it signs stay acceptable longest, and asking the signer to choose between two
 * certificates that read the same only invites the one that expires in days. Certificates that
 * differ in any of those stay for the signer to choose.
 */
export function preferRenewed<T>(usable: readonly T[], factsOf: (t: T) => RenewalFacts | null): readonly T[] {
  if (usable.length < 2) return usable;
  const facts = usable.map(factsOf);
  if (facts.some((f) => f === null) || new Set(facts.map((f) => profileOf(f!))).size !== 1) return usable;
  let best = 0;
  for (let i = 1; i < usable.length; i++) {
    const a = facts[i]!;
    const b = facts[best]!;
    if (a.notAfter > b.notAfter || (a.notAfter === b.notAfter && a.notBefore > b.notBefore)) best = i;
  }
  return [usable[best]!];
}

/**
 * A certificate that is a CA's, or no CA issued: never a facility's signing certificate, so not
 * listed as one (a refused candidate the platform would never build on). Older CAs leave
 * basicConstraints out of their intermediates and roots, so it is also one whose keyUsage allows
 * keyCertSign (RFC 5280 §4.2.1.3: the key signs certificates), or one issued in its own name
 * (a root, or the self-signed placeholder a CSR tool leaves on the key). One that signed another
 * certificate on the token is told by the signer host, which can check signatures.
 */
export function isAuthorityCertificate(cert: Certificate): boolean {
  if (cert.isCa) return true;
  if (cert.keyUsage?.includes('keyCertSign')) return true;
  return cert.subjectDer.length === cert.issuerDer.length && cert.subjectDer.every((b, i) => b === cert.issuerDer[i]);
}
