/**
 * A small DER reader (X.690 §8, §10): a TLV walk with length checks and the primitive decoders
 * X.509 needs. Single-byte tags only (X.509 uses no high tag numbers). Every failure is
 * DER_INVALID, never a RangeError.
 */
import { bytesToHex } from '../crypto/bytes.js';
import { StationError } from '../errors.js';

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
} as const;

export interface Tlv {
  /** The identifier byte: class, constructed bit and tag number (e.g. 0x30, 0xa0, 0x80). */
  tag: number;
  /** Content octets (a view into the input). */
  value: Uint8Array;
  /** The whole TLV (a view into the input): what a signature covers. */
  raw: Uint8Array;
}

export function derInvalid(reason: string, details?: Record<string, unknown>): StationError {
  return new StationError('DER_INVALID', 'Dữ liệu DER không hợp lệ', 'Invalid DER data', { reason, ...details });
}

/** Reads the TLV starting at `offset` of `bytes`; `end` bounds it (a parent's content end). */
export function readTlv(bytes: Uint8Array, offset = 0, end = bytes.length): Tlv {
  let pos = offset;
  if (pos + 2 > end) throw derInvalid('truncated header', { offset });
  const tag = bytes[pos++]!;
  if ((tag & 0x1f) === 0x1f) throw derInvalid('high tag number', { offset });
  let length = bytes[pos++]!;
  if (length & 0x80) {
    const n = length & 0x7f;
    // 0x80 is BER's indefinite length, forbidden in DER; more than 4 length bytes cannot fit.
    if (n === 0 || n > 4) throw derInvalid('unsupported length form', { offset });
    if (pos + n > end) throw derInvalid('truncated length', { offset });
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[pos++]!;
  }
  if (pos + length > end) throw derInvalid('truncated content', { offset, length });
  return { tag, value: bytes.subarray(pos, pos + length), raw: bytes.subarray(offset, pos + length) };
}

/** Reads one TLV that must fill `bytes` exactly. */
export function readSingle(bytes: Uint8Array): Tlv {
  const tlv = readTlv(bytes);
  if (tlv.raw.length !== bytes.length) throw derInvalid('trailing bytes', { offset: tlv.raw.length });
  return tlv;
}

/** The TLVs inside a constructed value, in order. */
export function children(tlv: Tlv): Tlv[] {
  if ((tlv.tag & 0x20) === 0) throw derInvalid('expected a constructed value', { tag: tlv.tag });
  const out: Tlv[] = [];
  const v = tlv.value;
  let pos = 0;
  while (pos < v.length) {
    const child = readTlv(v, pos);
    out.push(child);
    pos += child.raw.length;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined) throw derInvalid(`missing ${what}`);
  if (tlv.tag !== tag) throw derInvalid(`unexpected tag for ${what}`, { expected: tag, found: tlv.tag });
  return tlv;
}

export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) throw derInvalid('empty OID');
  const arcs: string[] = [];
  let acc = 0n;
  let first = true;
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    acc = (acc << 7n) | BigInt(b & 0x7f);
    if (b & 0x80) {
      if (i === value.length - 1) throw derInvalid('truncated OID');
      continue;
    }
    if (first) {
      // X.690 §8.19.4: the first subidentifier packs the first two arcs.
      const a = acc < 40n ? 0n : acc < 80n ? 1n : 2n;
      arcs.push(a.toString(), (acc - a * 40n).toString());
      first = false;
    } else arcs.push(acc.toString());
    acc = 0n;
  }
  return arcs.join('.');
}

/** A DER INTEGER as bigint (two's complement). */
export function decodeInteger(value: Uint8Array): bigint {
  if (value.length === 0) throw derInvalid('empty INTEGER');
  const n = BigInt('0x' + bytesToHex(value));
  return value[0]! & 0x80 ? n - (1n << BigInt(value.length * 8)) : n;
}

export function decodeBoolean(value: Uint8Array): boolean {
  if (value.length !== 1) throw derInvalid('BOOLEAN length');
  return value[0] !== 0;
}

export interface BitString {
  unusedBits: number;
  bytes: Uint8Array;
}

export function decodeBitString(value: Uint8Array): BitString {
  const unusedBits = value[0];
  if (unusedBits === undefined || unusedBits > 7 || (value.length === 1 && unusedBits !== 0)) {
    throw derInvalid('bad BIT STRING');
  }
  return { unusedBits, bytes: value.subarray(1) };
}

/**
 * UTCTime (YYMMDDHHMM[SS]Z, years 1950–2049 per RFC 5280 §4.1.2.5.1) or GeneralizedTime
 * (YYYYMMDDHHMMSS[.fff]Z). Offsets (+hhmm) are accepted: old CA certificates still carry them.
 */
export function decodeTime(tlv: Tlv): Date {
  if (tlv.value.length > 32) throw derInvalid('bad time length');
  const text = String.fromCharCode(...tlv.value);
  const re =
    tlv.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})$/
      : tlv.tag === TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?(Z|[+-]\d{4})$/
        : null;
  const m = re?.exec(text);
  if (!m) throw derInvalid('bad time', { text });
  let year = Number(m[1]);
  if (tlv.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000;
  const fraction = tlv.tag === TAG.GENERALIZED_TIME && m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const zone = tlv.tag === TAG.UTC_TIME ? m[7]! : m[8]!;
  let ms = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), fraction);
  if (zone !== 'Z') {
    const sign = zone[0] === '+' ? 1 : -1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  if (!Number.isFinite(ms)) throw derInvalid('bad time', { text });
  return new Date(ms);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// A TeletexString's bytes are kept whole: a U+FEFF at its start is a character, not a mark to drop.
const teletexUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function latin1(v: Uint8Array): string {
  let s = '';
  for (let i = 0; i < v.length; i++) s += String.fromCharCode(v[i]!);
  return s;
}

/**
 * A TeletexString (T.61) in practice holds Latin-1, or the UTF-8 of a name written by CA
 * software that took "string" for "UTF-8": read as Latin-1, "Trung tâm Y tế" showed as
 * "Trung tÃ¢m Y táº¿". Bytes that are valid UTF-8 are read as UTF-8 (as Go's crypto/x509 keeps
 * them; OpenSSL and Node show Latin-1); Latin-1 text is rarely valid UTF-8 (an accented letter
 * alone, 0xC0–0xFF, needs a continuation byte after it), and ASCII reads the same either way.
 */
function decodeTeletex(v: Uint8Array): string {
  try {
    return teletexUtf8.decode(v);
  } catch {
    return latin1(v);
  }
}

/**
 * Directory strings. Vietnamese CA certificates use UTF8String and BMPString (UTF-16BE) for
 * names; TeletexString is UTF-8 when its bytes are, else Latin-1 (decodeTeletex).
 * Returns null for a tag that is not a string type.
 */
export function decodeString(tlv: Tlv): string | null {
  const v = tlv.value;
  switch (tlv.tag) {
    case TAG.UTF8_STRING:
      try {
        return utf8.decode(v);
      } catch {
        throw derInvalid('invalid UTF-8 in UTF8String');
      }
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.NUMERIC_STRING:
    case TAG.VISIBLE_STRING:
      return latin1(v);
    case TAG.TELETEX_STRING:
      return decodeTeletex(v);
    case TAG.BMP_STRING: {
      if (v.length % 2) throw derInvalid('odd BMPString length');
      let s = '';
      for (let i = 0; i < v.length; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      if (v.length % 4) throw derInvalid('bad UniversalString length');
      let s = '';
      for (let i = 0; i < v.length; i += 4) {
        const cp = ((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0;
        if (cp > 0x10ffff) throw derInvalid('bad UniversalString code point');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return null;
  }
}
