/**
 * Is this token certificate usable to sign for THIS facility, and if not, why (DESIGN §5:
 * certificate checks before signing, refuse with a clear message)? Each reason is a stable code
 * with both messages, listed all at once so the user fixes everything in one go.
 */
import { vietnamTime } from '../../shared/domain/dates.js';
import { FIRST_VACCINATION_DATE } from '../../shared/domain/doseValidation.js';
import type { Certificate } from '../../shared/x509/index.js';
import {
  facilityTaxCodes,
  misplacedTaxCode,
  normaliseTaxCode,
  personalIdOf,
  signerNotice,
  signingUsage,
  type Facility,
  type MisplacedTaxCode,
  type SignerNotice,
} from '../../shared/signer/index.js';

/**
 * The tax code the platform reads (`UID=MST:0301234567`, a branch suffix `-001` included), the
 * first one when a certificate carries several: the shared rule (facilityCertificateRule.ts).
 */
export function taxCodeOf(cert: Certificate): string | null {
  return facilityTaxCodes(cert)[0] ?? null;
}

const normaliseName = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** A tax code the platform would not read (only in CN, in OU, written `MST=`): where it is, and the form it needs. */
function misplaced(found: MisplacedTaxCode, taxCode: string | null): SignerNotice {
  const want = `UID=MST:${taxCode ?? found.taxCode}`;
  const other = taxCode !== null && found.taxCode !== taxCode ? { vi: `; MST của cơ sở: ${taxCode}`, en: `; the facility's: ${taxCode}` } : { vi: '', en: '' };
  const where =
    found.attribute === 'UID'
      ? { vi: `ghi "${found.value}" trong UID thay vì "MST:"`, en: `written "${found.value}" in UID instead of "MST:"` }
      : { vi: `MST ${found.taxCode} chỉ có trong ${found.attribute} ("${found.value}")`, en: `tax code ${found.taxCode} only in ${found.attribute} ("${found.value}")` };
  return signerNotice('CERT_TAX_CODE_MISPLACED', {
    vi: `${where.vi}${other.vi}; hệ thống quốc gia chỉ đọc ${want}: hãy đề nghị nhà cung cấp chứng thư số (CA) cấp lại chứng thư`,
    en: `${where.en}${other.en}; the national platform reads only ${want}: ask your CA to reissue the certificate`,
  });
}

/** true / the problem (with what differs, in both languages) / null: no facility configured to compare. */
function issuedToFacility(cert: Certificate, facility: Facility | undefined): true | SignerNotice | null {
  const taxCode = facility?.taxCode ? normaliseTaxCode(facility.taxCode) : '';
  const codes = facilityTaxCodes(cert);
  if (taxCode) {
    if (codes.includes(taxCode)) return true;
    if (codes.length > 0) {
      return signerNotice('CERT_OTHER_FACILITY', { vi: `MST trên chứng thư: ${codes.join(', ')}; MST của cơ sở: ${taxCode}`, en: `tax code on the certificate: ${codes.join(', ')}; the facility's: ${taxCode}` });
    }
    const person = personalIdOf(cert);
    if (person) {
      // An employee's own certificate, often with the facility's name in O (probe: it read "another organisation").
      const holder = cert.subject.attributes.find((a) => a.name === 'CN')?.value ?? person.number;
      return signerNotice('CERT_PERSONAL', {
        vi: `chứng thư số cá nhân của ${holder} (${person.kind}), không phải chứng thư số tổ chức của cơ sở; MST của cơ sở: ${taxCode}`,
        en: `a personal certificate of ${holder} (${person.kind}), not the facility's organisation certificate; the facility's tax code: ${taxCode}`,
      });
    }
    const elsewhere = misplacedTaxCode(cert);
    if (elsewhere) return misplaced(elsewhere, taxCode);
    return signerNotice('CERT_OTHER_FACILITY', { vi: `chứng thư không ghi MST; MST của cơ sở: ${taxCode}`, en: `the certificate carries no tax code; the facility's: ${taxCode}` });
  }
  const name = facility?.name ? normaliseName(facility.name) : '';
  if (name) {
    if (cert.subject.attributes.some((a) => (a.name === 'O' || a.name === 'CN') && normaliseName(a.value) === name)) {
      // The name matches, but the platform knows the facility by the UID=MST: it reads.
      if (codes.length > 0) return true;
      const elsewhere = misplacedTaxCode(cert);
      if (elsewhere) return misplaced(elsewhere, null);
      return signerNotice('CERT_OTHER_FACILITY', { vi: 'chứng thư không ghi MST (UID=MST:…) nên hệ thống quốc gia không nhận ra cơ sở', en: 'the certificate carries no tax code (UID=MST:…), so the national platform cannot tell the facility' });
    }
    const on = cert.subject.attributes.find((a) => a.name === 'O') ?? cert.subject.attributes.find((a) => a.name === 'CN');
    const shown = facility!.name!.trim();
    return signerNotice(
      'CERT_OTHER_FACILITY',
      on
        ? { vi: `chứng thư cấp cho "${on.value}"; tên cơ sở: "${shown}"`, en: `the certificate names "${on.value}"; the facility is "${shown}"` }
        : { vi: `tên cơ sở: "${shown}"`, en: `the facility is "${shown}"` },
    );
  }
  return null;
}

/** CERT_KEY_USAGE with what the certificate has, when it may not sign documents (the shared rule). */
function usageProblem(cert: Certificate): SignerNotice | null {
  const usage = signingUsage(cert);
  if (usage.ok) return null;
  if (usage.reason === 'NO_KEY_USAGE') {
    return signerNotice('CERT_KEY_USAGE', {
      vi: 'chứng thư không có phần mở rộng keyUsage; hệ thống quốc gia chỉ nhận chứng thư ký số ghi digitalSignature hoặc nonRepudiation: hãy đề nghị CA cấp lại',
      en: 'the certificate has no keyUsage extension; the national platform takes only signing certificates that list digitalSignature or nonRepudiation: ask your CA to reissue it',
    });
  }
  if (usage.reason === 'EXTENDED_KEY_USAGE') {
    const purposes = usage.extKeyUsage.join(', ');
    return signerNotice('CERT_AUTHENTICATION_ONLY', { vi: `extendedKeyUsage của chứng thư: ${purposes}`, en: `the certificate's extendedKeyUsage: ${purposes}` });
  }
  const has = usage.keyUsage.join(', ') || '—';
  return signerNotice('CERT_KEY_USAGE', { vi: `keyUsage của chứng thư: ${has}`, en: `the certificate's keyUsage: ${has}` });
}

export function keySupported(cert: Certificate): boolean {
  const k = cert.publicKey;
  return (k.type === 'EC' && k.curve === 'P-256') || (k.type === 'RSA' && k.bits >= 2048);
}

/** The certificate's key as the refusal names it: "EC P-384", "RSA 1024 bits", "Ed25519", "EC secp256k1". */
function keyOfCertificate(cert: Certificate): { vi: string; en: string } {
  const k = cert.publicKey;
  const what = k.type === 'EC' ? `EC ${k.curve ?? ''}`.trim() : k.type === 'RSA' ? `RSA ${k.bits} bit` : (k.name ?? k.algorithm);
  return { vi: `khóa của chứng thư này là ${what}`, en: `this certificate's key is ${k.type === 'RSA' ? `${what}s` : what}` };
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
  // The shared rule, as the platform checks it: a missing keyUsage is refused (facilityCertificateRule.ts).
  const usage = usageProblem(cert);
  if (usage) problems.push(usage);
  const mine = issuedToFacility(cert, input.facility);
  if (mine === null) problems.push(signerNotice('CERT_FACILITY_NOT_CONFIGURED'));
  else if (mine !== true) problems.push(mine);
  if (!keySupported(cert)) problems.push(signerNotice('CERT_KEY_UNSUPPORTED', keyOfCertificate(cert)));
  if (input.hasPrivateKey === false) problems.push(signerNotice('CERT_NO_PRIVATE_KEY'));
  return problems;
}
