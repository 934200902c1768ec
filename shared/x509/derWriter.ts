/**
 * A small DER writer (X.690 §10): each function returns one complete TLV, so a structure reads
 * like its ASN.1 (`seq(int(2n), oid('1.2.3'))`). Used by the test PKI and by anything that has to
 * build a certificate request or a certificate.
 */
import { StationError } from '../errors.js';
import { compareBytes, concatBytes } from '../crypto/bytes.js';
import { TAG } from './der.js';

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = contents.length === 1 ? contents[0]! : concatBytes(...contents);
  return concatBytes(Uint8Array.of(tag, ...lengthBytes(body.length)), body);
}

export const seq = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...items);

/** DER SET OF: elements sorted by their encodings (X.690 §11.6). */
export const set = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, ...[...items].sort(compareBytes));

/** Two's-complement minimal INTEGER from a bigint or number, or an unsigned magnitude in bytes. */
export function int(value: bigint | number | Uint8Array): Uint8Array {
  if (value instanceof Uint8Array) {
    let i = 0;
    while (i < value.length - 1 && value[i] === 0) i++;
    const body = value.subarray(i);
    return body.length === 0 ? tlv(TAG.INTEGER, Uint8Array.of(0)) : tlv(TAG.INTEGER, body[0]! & 0x80 ? concatBytes(Uint8Array.of(0), body) : body);
  }
  let v = BigInt(value);
  const bytes: number[] = [];
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return tlv(TAG.INTEGER, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new StationError('DER_INVALID', 'OID không hợp lệ', 'Invalid OID', { oid: dotted });
    return BigInt(a);
  });
  if (arcs.length < 2 || arcs[0]! > 2n) throw new StationError('DER_INVALID', 'OID không hợp lệ', 'Invalid OID', { oid: dotted });
  const body: number[] = [];
  const sub = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  for (const a of sub) {
    const chunk: number[] = [Number(a & 0x7fn)];
    for (let v = a >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    body.push(...chunk);
  }
  return tlv(TAG.OID, Uint8Array.from(body));
}

const utf8 = new TextEncoder();

export const utf8String = (s: string): Uint8Array => tlv(TAG.UTF8_STRING, utf8.encode(s));
export const ia5String = (s: string): Uint8Array => tlv(TAG.IA5_STRING, ascii(s, /^[\x00-\x7f]*$/, 'IA5String'));

/** PrintableString allows only A–Z a–z 0–9 space and '()+,-./:=? (X.680 §41.4). */
export const printableString = (s: string): Uint8Array =>
  tlv(TAG.PRINTABLE_STRING, ascii(s, /^[A-Za-z0-9 '()+,\-./:=?]*$/, 'PrintableString'));

/** BMPString: UTF-16BE, BMP code points only (what older Vietnamese CA certificates use). */
export function bmpString(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) throw new StationError('DER_INVALID', 'Ký tự ngoài BMP', 'Character outside the BMP', { index: i });
    out[i * 2] = c >> 8;
    out[i * 2 + 1] = c & 0xff;
  }
  return tlv(TAG.BMP_STRING, out);
}

function ascii(s: string, allowed: RegExp, what: string): Uint8Array {
  if (!allowed.test(s)) throw new StationError('DER_INVALID', `Ký tự không hợp lệ cho ${what}`, `Invalid character for ${what}`);
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array => tlv(TAG.BIT_STRING, Uint8Array.of(unusedBits), bytes);
export const bool = (b: boolean): Uint8Array => tlv(TAG.BOOLEAN, Uint8Array.of(b ? 0xff : 0));
export const nullValue = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function utcTime(d: Date): Uint8Array {
  const s = `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(TAG.UTC_TIME, utf8.encode(s));
}

export function generalizedTime(d: Date): Uint8Array {
  const s = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(TAG.GENERALIZED_TIME, utf8.encode(s));
}

/** RFC 5280 §4.1.2.5: UTCTime for 1950–2049, GeneralizedTime otherwise. */
export function x509Time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050 ? utcTime(d) : generalizedTime(d);
}

/** [n] EXPLICIT: a constructed context tag around the complete inner TLV. */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);

/**
 * [n] IMPLICIT: the inner TLV with its tag replaced by the context tag (constructed bit kept).
 */
export function implicit(n: number, inner: Uint8Array): Uint8Array {
  const out = inner.slice();
  out[0] = 0x80 | (inner[0]! & 0x20) | n;
  return out;
}
