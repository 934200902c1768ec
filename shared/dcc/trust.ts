import { kidFromCertificate } from '../cose/index.js';
import { base64ToBytes } from '../crypto/bytes.js';
import { isStationError } from '../errors.js';
import { parseCertificate, pemToDer } from '../x509/x509.js';
import { dccError, type Detail } from './dccErrors.js';
import type { TrustEntry } from './trustEntry.js';

/**
 * Trusted DSCs for HC1 verification, from the platform's trust list (`GET /v1/trust-list`,
 * DESIGN §6: `{"certificates":[{"kid": base64, "country": "VN", "certificate": base64 DER}]}`)
 * or from certificate files (PEM, possibly several blocks, or DER).
 */

function invalid(detail: Detail, cause?: unknown) {
  return dccError('TRUST_INVALID', detail, isStationError(cause) ? { cause: cause.toInfo() } : undefined);
}

/** A DSC certificate → its trust entry; the kid defaults to SHA-256(DER)[0..8] (hcert spec App. A). */
export async function trustEntryFromCertificate(der: Uint8Array, opts: { kid?: Uint8Array; country?: string } = {}): Promise<TrustEntry> {
  let certificate;
  try {
    certificate = parseCertificate(der);
  } catch (err) {
    throw invalid({ vi: 'chứng thư X.509 không đọc được', en: 'the X.509 certificate cannot be parsed' }, err);
  }
  const entry: TrustEntry = { kid: opts.kid ?? (await kidFromCertificate(der)), certificate };
  if (opts.country !== undefined) entry.country = opts.country;
  return entry;
}

function base64Field(value: unknown, what: string, index: number): Uint8Array {
  if (typeof value !== 'string' || value === '') {
    throw invalid({ vi: `mục ${index}: thiếu ${what}`, en: `entry ${index}: ${what} is missing` });
  }
  try {
    return base64ToBytes(value);
  } catch (err) {
    throw invalid({ vi: `mục ${index}: ${what} không phải base64`, en: `entry ${index}: ${what} is not base64` }, err);
  }
}

/** The platform trust-list document (already parsed JSON, or its text). */
export async function parseTrustList(doc: unknown): Promise<TrustEntry[]> {
  let value = doc;
  if (typeof doc === 'string') {
    try {
      value = JSON.parse(doc);
    } catch {
      throw invalid({ vi: 'không phải JSON hợp lệ', en: 'not valid JSON' });
    }
  }
  const certificates = typeof value === 'object' && value !== null ? (value as { certificates?: unknown }).certificates : undefined;
  if (!Array.isArray(certificates)) {
    throw invalid({ vi: 'thiếu mảng "certificates"', en: 'the "certificates" array is missing' });
  }
  const entries: TrustEntry[] = [];
  for (const [i, item] of certificates.entries()) {
    if (typeof item !== 'object' || item === null) throw invalid({ vi: `mục ${i} không phải đối tượng`, en: `entry ${i} is not an object` });
    const { kid, country, certificate } = item as Record<string, unknown>;
    const der = base64Field(certificate, 'certificate', i);
    const opts: { kid?: Uint8Array; country?: string } = {};
    if (kid !== undefined) opts.kid = base64Field(kid, 'kid', i);
    if (typeof country === 'string') opts.country = country;
    entries.push(await trustEntryFromCertificate(der, opts));
  }
  return entries;
}

/** What a PEM other than a certificate holds, for the refusal: a key pair's private half is the usual mix-up. */
const PEM_KINDS: [RegExp, { vi: string; en: string }][] = [
  [/PRIVATE KEY/, { vi: 'khóa bí mật', en: 'a private key' }],
  [/CERTIFICATE REQUEST/, { vi: 'yêu cầu cấp chứng thư (CSR)', en: 'a certificate signing request (CSR)' }],
  [/PUBLIC KEY/, { vi: 'khóa công khai', en: 'a public key' }],
];

/** A `--trust` file: trust-list JSON, PEM (one or more certificates) or a DER certificate. */
export async function parseTrustFile(bytes: Uint8Array): Promise<TrustEntry[]> {
  if (bytes[0] === 0x30) return [await trustEntryFromCertificate(bytes)];
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '').trim();
  if (/^[[{"]/.test(text)) return parseTrustList(text);
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    let ders: Uint8Array[];
    try {
      ders = pemToDer(text);
    } catch (err) {
      throw invalid({ vi: 'khối PEM hỏng', en: 'a PEM block is damaged' }, err);
    }
    return Promise.all(ders.map((der) => trustEntryFromCertificate(der)));
  }
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  if (label !== undefined) {
    const what = PEM_KINDS.find(([pattern]) => pattern.test(label))?.[1] ?? { vi: `khối PEM "${label}"`, en: `a "${label}" PEM block` };
    throw invalid({
      vi: `tệp PEM chứa ${what.vi} (BEGIN ${label}), không phải chứng thư: cần chứng thư ký DSC (BEGIN CERTIFICATE) hoặc danh sách tin cậy`,
      en: `the PEM file holds ${what.en} (BEGIN ${label}), not a certificate: give the DSC certificate (BEGIN CERTIFICATE) or the trust list`,
    });
  }
  throw invalid({ vi: 'không phải JSON, PEM hay DER', en: 'neither JSON, PEM nor DER' });
}
