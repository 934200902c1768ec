import { Inflate, deflate, inflateRaw } from 'pako';

/** zlib's Z_BUF_ERROR (zlib.h): no progress possible, here the input ran out. */
const Z_BUF_ERROR = -5;
import { decodeCbor } from '../cbor/decodeCbor.js';
import { encodeCanonical } from '../cbor/encodeCanonical.js';
import { cborToJson } from '../cbor/cborToJson.js';
import { COSE_HEADER, decodeSign1, signSign1, type CoseSigner, type Sign1 } from '../cose/index.js';
import { StationError, isStationError } from '../errors.js';
import { base45Decode, base45Encode } from './base45.js';
import { isPlainObject } from './dccFinding.js';
import { dccError } from './dccErrors.js';
import { otherCodeKind } from './otherCode.js';
import { hc1Readings } from './pastedHc1.js';

/**
 * The HC1 transport of an EU DCC (hcert spec §3, §4): "HC1:" + base45(zlib(COSE_Sign1(CWT))).
 * Each decoding stage is its own function so that a verifier can report the exact step that
 * failed; `decodeHc1` runs them all.
 */

export const HC1_PREFIX = 'HC1:';
/** QR version 40 holds 4296 alphanumeric characters; leave room for a future larger symbol. */
export const MAX_HC1_LENGTH = 8192;
/** A genuine CWT is a few kB; cap inflation so that a zlib bomb cannot exhaust memory. */
export const MAX_COSE_BYTES = 256 * 1024;

/** CWT claim keys (RFC 8392 §3.1.x) and the hcert claim (hcert spec §3.3.5). */
const CLAIM = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const;

export interface CwtClaims {
  iss: string | null;
  /** NumericDate seconds. */
  iat: number | null;
  exp: number | null;
  /** The DCC payload (hcert -260 / 1) as JSON. */
  payload: Record<string, unknown>;
}

export interface DecodedHc1 {
  base45: string;
  compressed: Uint8Array;
  cose: Uint8Array;
  sign1: Sign1;
  claims: CwtClaims;
}

/**
 * Returns the base45 text after "HC1:". Surrounding whitespace (a trailing newline in a text
 * file) is dropped; anything inside is left for base45 to reject with its position. The prefix
 * must be upper case: QR alphanumeric mode has no lower case, so "hc1:" means retyped data.
 */
export function stripHc1Prefix(input: string): string {
  // Invisible format characters (\p{Cf}: zero-width spaces, BOM, direction marks) that a chat app
  // or a web page leaves in copied text are never Base45 and never seen: dropped (probe 18).
  const text = input.replace(/\p{Cf}/gu, '').trim();
  if (text === '') throw dccError('INPUT_EMPTY');
  if (text.length > MAX_HC1_LENGTH) {
    throw dccError('INPUT_TOO_LARGE', { vi: `${text.length} ký tự`, en: `${text.length} characters` }, { length: text.length, max: MAX_HC1_LENGTH });
  }
  if (!text.startsWith(HC1_PREFIX)) {
    const found = JSON.stringify(text.slice(0, 4));
    if (text.slice(0, 4).toUpperCase() === HC1_PREFIX) {
      // Refused still (docs/decisions.md), but said as what it is: the prefix is there, in lower case.
      throw new StationError(
        'HC1_PREFIX_MISSING',
        `Tiền tố ${found} viết chữ thường: mã QR chỉ chứa chữ in hoa, nên văn bản này đã bị gõ lại hoặc bị đổi chữ; hãy viết "HC1:" in hoa, hoặc quét lại mã`,
        `The prefix ${found} is in lower case: a QR code holds capitals only, so this text was retyped or changed; write "HC1:" in capitals, or scan the code again`,
        { found: text.slice(0, 4) },
      );
    }
    const kind = otherCodeKind(text);
    if (kind !== null) {
      throw dccError(
        'HC1_PREFIX_MISSING',
        { vi: `đây là ${kind.vi}, không phải chứng nhận tiêm chủng; hãy quét mã QR của chứng nhận (văn bản bắt đầu bằng "HC1:")`, en: `this is ${kind.en}, not a vaccination certificate; scan the certificate's QR code (its text starts with "HC1:")` },
        { found: text.slice(0, 4), kind: kind.en },
      );
    }
    throw dccError('HC1_PREFIX_MISSING', { vi: `bắt đầu bằng ${found}`, en: `starts with ${found}` });
  }
  // A text file of several codes, one a line (a clinic's export): joined, they were a Base45
  // error at some position. Said as what it is.
  const codes = text.split(/[\r\n]+/).filter((line) => /^\s*HC1:/i.test(line)).length;
  if (codes > 1) throw dccError('HC1_SEVERAL_CODES', { vi: `có ${codes} mã HC1, mỗi mã một dòng; hãy xác minh từng mã một`, en: `it holds ${codes} HC1 codes, one a line; verify them one at a time` }, { codes });
  // A code copied from an e-mail or a text file may be wrapped over lines: a line break is never
  // Base45 (a space is), so the lines are joined.
  // A space after the colon, as people type "HC1: …" (probe 25), was a Base45 error at position
  // 12: no zlib header (RFC 1950, CINFO ≤ 7) encodes to a Base45 text starting with a space, so
  // one there is never the certificate's own.
  return text.slice(HC1_PREFIX.length).replace(/^[ \t\r\n]+/, '').replace(/[\r\n]+/g, '');
}

/**
 * Why data without a zlib header is refused, as far as it can be told: gzip (RFC 1952, magic
 * 1f 8b) and raw DEFLATE (RFC 1951, no header at all) are compressed, just not as hcert §3.2.2
 * says; anything else is taken as not compressed (vector Z2: bare COSE).
 */
function notZlib(data: Uint8Array): { vi: string; en: string } {
  if (data[0] === 0x1f && data[1] === 0x8b) {
    return { vi: 'dữ liệu được nén dạng gzip, không phải zlib như chứng nhận EU DCC yêu cầu', en: 'the data is compressed as gzip, not zlib as an EU DCC requires' };
  }
  if (inflatesRaw(data)) {
    return { vi: 'dữ liệu được nén DEFLATE thô, thiếu phần đầu zlib mà chứng nhận EU DCC yêu cầu', en: 'the data is compressed as raw DEFLATE, without the zlib header an EU DCC requires' };
  }
  return { vi: 'không có phần đầu zlib (dữ liệu không được nén)', en: 'no zlib header (the data is not compressed)' };
}

function inflatesRaw(data: Uint8Array): boolean {
  try {
    const out = inflateRaw(data.subarray(0, MAX_COSE_BYTES));
    return out instanceof Uint8Array && out.length > 0;
  } catch {
    return false;
  }
}

/** zlib (RFC 1950) only: uncompressed COSE is refused, as the EU vector Z2 expects. */
export function inflateHc1(compressed: Uint8Array): Uint8Array {
  const [cmf, flg] = [compressed[0], compressed[1]];
  if (cmf === undefined || flg === undefined || (cmf & 0x0f) !== 8 || (cmf * 256 + flg) % 31 !== 0) {
    throw dccError('ZLIB_INVALID', notZlib(compressed));
  }
  const inflator = new Inflate({ windowBits: 15 });
  let total = 0;
  const base = inflator.onData.bind(inflator);
  inflator.onData = (chunk) => {
    total += chunk.length;
    if (total > MAX_COSE_BYTES) throw dccError('INPUT_TOO_LARGE', { vi: 'dữ liệu giải nén quá lớn', en: 'the inflated data is too large' });
    base(chunk);
  };
  try {
    inflator.push(compressed, true);
  } catch (err) {
    if (isStationError(err)) throw err;
    throw dccError('ZLIB_INVALID', { vi: 'không giải nén được', en: 'cannot inflate' });
  }
  if (inflator.err || !inflator.ended || !(inflator.result instanceof Uint8Array)) {
    // zlib's own reason ("buffer error", "invalid distance too far back") is English: it stays
    // in the English text; the Vietnamese one says what it means for the code (probe 19).
    // With the whole input given (Z_FINISH), zlib's Z_BUF_ERROR means the input ran out before
    // the stream's end: a code cut short (a partial copy, a scan of part of the QR), which the
    // user can mend by giving the whole code, unlike data that is damaged.
    const truncated = inflator.err === Z_BUF_ERROR || (!inflator.err && !inflator.ended);
    if (truncated) {
      throw dccError('ZLIB_INVALID', {
        vi: 'mã bị cắt ngắn: dữ liệu nén dừng trước khi hết. Hãy quét lại cả mã QR, hoặc sao chép cả chuỗi HC1',
        en: 'the code is cut short: the compressed data stops before its end. Scan the whole QR code again, or copy the whole HC1 text',
      });
    }
    const reason = inflator.msg || 'error';
    throw dccError('ZLIB_INVALID', { vi: 'không giải nén được (dữ liệu nén bị hỏng)', en: `cannot inflate (${reason})` });
  }
  return inflator.result;
}

function cwtInvalid(vi: string, en: string) {
  return dccError('CWT_INVALID', { vi, en });
}

function numericDate(claims: Map<unknown, unknown>, key: number, name: string): number | null {
  const v = claims.get(key);
  if (v === undefined) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw cwtInvalid(`${name} không phải NumericDate`, `${name} is not a NumericDate`);
}

/** The CWT claims map with its hcert claim; `CWT_INVALID` for any other shape. */
export function decodeCwtClaims(payload: Uint8Array): CwtClaims {
  let claims: unknown;
  try {
    claims = decodeCbor(payload, { alwaysMap: true });
  } catch {
    throw cwtInvalid('nội dung không phải CBOR hợp lệ', 'the payload is not valid CBOR');
  }
  if (!(claims instanceof Map)) throw cwtInvalid('nội dung không phải bản đồ claim', 'the payload is not a claims map');
  const iss = claims.get(CLAIM.iss);
  if (iss !== undefined && typeof iss !== 'string') throw cwtInvalid('iss không phải chuỗi', 'iss is not a string');
  const iat = numericDate(claims, CLAIM.iat, 'iat');
  const exp = numericDate(claims, CLAIM.exp, 'exp');
  const hcert = claims.get(CLAIM.hcert);
  if (!(hcert instanceof Map)) throw cwtInvalid('thiếu claim hcert (-260)', 'the hcert claim (-260) is missing');
  const dcc = cborToJson(hcert.get(1));
  if (!isPlainObject(dcc)) throw cwtInvalid('hcert không chứa chứng nhận DCC (khóa 1)', 'hcert holds no DCC (key 1)');
  return { iss: iss ?? null, iat, exp, payload: dcc };
}

/**
 * All stages at once, for the first reading of the text that passes them (pastedHc1.ts, the text as
 * given first); throws the StationError of the first stage that fails for the text as given.
 */
export function decodeHc1(text: string): DecodedHc1 {
  let failure: unknown;
  for (const reading of hc1Readings(text)) {
    try {
      return decodeOnce(reading.text);
    } catch (err) {
      failure ??= err;
    }
  }
  throw failure;
}

function decodeOnce(text: string): DecodedHc1 {
  const b45 = stripHc1Prefix(text);
  const compressed = base45Decode(b45);
  const cose = inflateHc1(compressed);
  const sign1 = decodeSign1(cose);
  return { base45: b45, compressed, cose, sign1, claims: decodeCwtClaims(sign1.payload) };
}

export interface EncodeHc1Options {
  /** The DCC JSON (hcert -260 / 1). */
  payload: Record<string, unknown>;
  signer: CoseSigner;
  kid: Uint8Array;
  iss: string;
  /** Date, or NumericDate seconds. */
  iat: Date | number;
  exp: Date | number;
  /** Put the kid in the unprotected header (allowed by hcert spec §3.3.1; verifiers accept both). */
  kidInUnprotected?: boolean;
}

function seconds(t: Date | number): number {
  return typeof t === 'number' ? Math.floor(t) : Math.floor(t.getTime() / 1000);
}

export async function encodeHc1(opts: EncodeHc1Options): Promise<string> {
  const claims = new Map<number, unknown>([
    [CLAIM.iss, opts.iss],
    [CLAIM.exp, seconds(opts.exp)],
    [CLAIM.iat, seconds(opts.iat)],
    [CLAIM.hcert, new Map([[1, opts.payload]])],
  ]);
  const protectedHeader = new Map<number, unknown>([[COSE_HEADER.alg, opts.signer.alg]]);
  const unprotectedHeader = new Map<number, unknown>();
  (opts.kidInUnprotected ? unprotectedHeader : protectedHeader).set(COSE_HEADER.kid, opts.kid);
  const cose = await signSign1({ protectedHeader, unprotectedHeader, payload: encodeCanonical(claims), signer: opts.signer });
  return HC1_PREFIX + base45Encode(deflate(cose, { level: 9 }));
}
