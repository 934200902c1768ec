/**
 * Is this token certificate usable to sign for THIS facility, and if not, why (DESIGN §5:
 * certificate checks before signing, refuse with a clear message)? Each reason is a stable code
 * with both messages, listed all at once so the user fixes everything in one go.
 */
import { vietnamTime } from '../../shared/domain/dates.js';
import type { Certificate } from '../../shared/x509/index.js';
import { signerNotice, type Facility, type SignerNotice } from '../../shared/signer/index.js';

/**
 * Vietnamese CAs put the organisation's tax code in the subject as `UID=MST:0301234567`
 * (sometimes in another attribute, sometimes with a space or a branch suffix `-001`).
 */
export function taxCodeOf(cert: Certificate): string | null {
  const uid = cert.subject.attributes.filter((a) => a.name === 'UID');
  for (const a of [...uid, ...cert.subject.attributes]) {
    const m = /\bMST\s*[:=]\s*([0-9A-Za-z-]+)/i.exec(a.value);
    if (m) return m[1]!.toUpperCase();
  }
  return null;
}

const normaliseName = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** true / false (with what differs, in both languages) / null: no facility configured to compare. */
function issuedToFacility(cert: Certificate, facility: Facility | undefined): true | { vi: string; en: string } | null {
  const taxCode = facility?.taxCode?.replace(/\s+/g, '').toUpperCase();
  if (taxCode) {
    const found = taxCodeOf(cert);
    if (found === taxCode) return true;
    return found === null
      ? { vi: `chứng thư không ghi MST; MST của cơ sở: ${taxCode}`, en: `the certificate carries no tax code; the facility's: ${taxCode}` }
      : { vi: `MST trên chứng thư: ${found}; MST của cơ sở: ${taxCode}`, en: `tax code on the certificate: ${found}; the facility's: ${taxCode}` };
  }
  const name = facility?.name ? normaliseName(facility.name) : '';
  if (name) {
    if (cert.subject.attributes.some((a) => (a.name === 'O' || a.name === 'CN') && normaliseName(a.value) === name)) return true;
    const on = cert.subject.attributes.find((a) => a.name === 'O') ?? cert.subject.attributes.find((a) => a.name === 'CN');
    const shown = facility!.name!.trim();
    return on
      ? { vi: `chứng thư cấp cho "${on.value}"; tên cơ sở: "${shown}"`, en: `the certificate names "${on.value}"; the facility is "${shown}"` }
      : { vi: `tên cơ sở: "${shown}"`, en: `the facility is "${shown}"` };
  }
  return null;
}

export function keySupported(cert: Certificate): boolean {
  const k = cert.publicKey;
  return (k.type === 'EC' && k.curve === 'P-256') || (k.type === 'RSA' && k.bits >= 2048);
}

/** How long before its end a certificate is said to expire soon: a CA renewal takes days, and batches signed with it must still reach the platform. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * What does not stop signing but the signer should act on: a certificate within
 * EXPIRY_WARNING_DAYS of its end (the time as the clinic reads it, and the days left).
 */
export function certificateWarnings(input: { cert: Certificate | null; at: Date }): SignerNotice[] {
  const { cert, at } = input;
  if (!cert) return [];
  const left = cert.notAfter.getTime() - at.getTime();
  if (left < 0 || left > EXPIRY_WARNING_DAYS * DAY_MS || at.getTime() < cert.notBefore.getTime()) return [];
  const days = Math.floor(left / DAY_MS);
  const when = vietnamTime(cert.notAfter.toISOString());
  return [
    signerNotice(
      'CERT_EXPIRES_SOON',
      days === 0
        ? { vi: `hết hạn lúc ${when}, trong hôm nay`, en: `it expires at ${when}, within a day` }
        : { vi: `hết hạn lúc ${when}, còn ${days} ngày`, en: `it expires at ${when}, in ${days} day${days === 1 ? '' : 's'}` },
    ),
  ];
}

export function certificateProblems(input: {
  cert: Certificate | null;
  hasPrivateKey: boolean | null;
  facility?: Facility | undefined;
  at: Date;
}): SignerNotice[] {
  const { cert } = input;
  if (!cert) return [signerNotice('CERT_UNREADABLE')];
  const problems: SignerNotice[] = [];
  if (input.at.getTime() > cert.notAfter.getTime()) problems.push(signerNotice('CERT_EXPIRED'));
  if (input.at.getTime() < cert.notBefore.getTime()) problems.push(signerNotice('CERT_NOT_YET_VALID'));
  // RFC 5280 §4.2.1.3: no keyUsage extension means no restriction.
  if (cert.keyUsage !== null && !cert.keyUsage.includes('digitalSignature') && !cert.keyUsage.includes('nonRepudiation')) {
    problems.push(signerNotice('CERT_KEY_USAGE'));
  }
  const mine = issuedToFacility(cert, input.facility);
  if (mine === null) problems.push(signerNotice('CERT_FACILITY_NOT_CONFIGURED'));
  else if (mine !== true) problems.push(signerNotice('CERT_OTHER_FACILITY', mine));
  if (!keySupported(cert)) problems.push(signerNotice('CERT_KEY_UNSUPPORTED'));
  if (input.hasPrivateKey === false) problems.push(signerNotice('CERT_NO_PRIVATE_KEY'));
  return problems;
}
