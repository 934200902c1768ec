/**
 * Is this token certificate usable to sign for THIS facility, and if not, why (DESIGN §5:
 * certificate checks before signing, refuse with a clear message)? Each reason is a stable code
 * with both messages, listed all at once so the user fixes everything in one go.
 */
import { vietnamTime } from '../../shared/domain/dates.js';
import { FIRST_VACCINATION_DATE } from '../../shared/domain/doseValidation.js';
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

const DAY_MS = 86_400_000;

/** The programme's first day: a PC whose clock says earlier is wrong, whatever a certificate says. */
const PROGRAMME_START_MS = Date.parse(`${FIRST_VACCINATION_DATE}T00:00:00+07:00`);

/** A PC clock off by more than this against a certificate's dates is worth naming as the cause. */
const CLOCK_HINT_MS = 366 * DAY_MS;

/**
 * When it ended, as the clinic reads it. A certificate "expired" long before the clock says
 * (more than a year past its end) or a clock before the programme began: the PC's clock may be
 * wrong, not the certificate (probe 16: a clock a year ahead told the signer to renew the token).
 */
function expiredWhen(cert: Certificate, at: Date): { vi: string; en: string } {
  const when = vietnamTime(cert.notAfter.toISOString());
  const now = vietnamTime(at.toISOString());
  if (at.getTime() - cert.notAfter.getTime() > CLOCK_HINT_MS) {
    return {
      vi: `hết hạn lúc ${when}; máy tính đang chỉ ${now}: nếu ngày giờ máy tính sai, hãy chỉnh lại trước khi gia hạn`,
      en: `it ended at ${when}; this PC says ${now}: if the PC's date is wrong, correct it before renewing`,
    };
  }
  return { vi: `hết hạn lúc ${when}`, en: `it ended at ${when}` };
}

/** When it starts, and the clock hint when the PC's clock is behind the programme or far behind the start. */
function validFrom(cert: Certificate, at: Date): { vi: string; en: string } {
  const when = vietnamTime(cert.notBefore.toISOString());
  const now = vietnamTime(at.toISOString());
  if (at.getTime() < PROGRAMME_START_MS || cert.notBefore.getTime() - at.getTime() > DAY_MS) {
    return {
      vi: `có hiệu lực từ ${when}; máy tính đang chỉ ${now}: nếu thời điểm đó đã qua, ngày giờ máy tính đang sai, hãy chỉnh lại`,
      en: `valid from ${when}; this PC says ${now}: if that time has passed, the PC's date and time are wrong, correct them`,
    };
  }
  return { vi: `có hiệu lực từ ${when}`, en: `valid from ${when}` };
}

/** How long before its end a certificate is said to expire soon: a CA renewal takes days, and batches signed with it must still reach the platform. */
export const EXPIRY_WARNING_DAYS = 30;

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
  if (input.at.getTime() > cert.notAfter.getTime()) problems.push(signerNotice('CERT_EXPIRED', expiredWhen(cert, input.at)));
  if (input.at.getTime() < cert.notBefore.getTime()) problems.push(signerNotice('CERT_NOT_YET_VALID', validFrom(cert, input.at)));
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
