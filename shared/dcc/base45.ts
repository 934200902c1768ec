import { dccError } from './dccErrors.js';

/**
 * Base45 (RFC 9285), the text layer of an HC1 QR code: every 2 bytes become 3 characters of
 * the QR alphanumeric alphabet, a trailing single byte becomes 2. On the hot path of every
 * scan, so it works on typed arrays and a lookup table, never on per-character strings.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const ENCODE = new Uint8Array(45);
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 45; i++) {
  const code = ALPHABET.charCodeAt(i);
  ENCODE[i] = code;
  DECODE[code] = i;
}

// Base45 output is ASCII, so a single-byte decoder turns the buffer into a string in one call.
const ascii = new TextDecoder('latin1');

export function base45Encode(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.floor(n / 2) * 3 + (n % 2) * 2);
  let o = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let v = bytes[i]! * 256 + bytes[i + 1]!;
    const e = Math.floor(v / 2025);
    v -= e * 2025;
    const d = Math.floor(v / 45);
    out[o++] = ENCODE[v - d * 45]!;
    out[o++] = ENCODE[d]!;
    out[o++] = ENCODE[e]!;
  }
  if (i < n) {
    const v = bytes[i]!;
    const d = Math.floor(v / 45);
    out[o++] = ENCODE[v - d * 45]!;
    out[o++] = ENCODE[d]!;
  }
  return ascii.decode(out);
}

function valueAt(text: string, pos: number): number {
  const code = text.charCodeAt(pos);
  const v = code < 128 ? DECODE[code]! : -1;
  if (v < 0) {
    const shown = JSON.stringify(text.charAt(pos));
    throw dccError(
      'BASE45_INVALID',
      { vi: `ký tự ${shown} không hợp lệ tại vị trí ${pos} của chuỗi Base45`, en: `invalid character ${shown} at position ${pos} of the Base45 text` },
      { position: pos },
    );
  }
  return v;
}

/** Throws `BASE45_INVALID` (with the position) for a bad character, length or value. */
export function base45Decode(text: string): Uint8Array {
  const len = text.length;
  if (len % 3 === 1) {
    throw dccError(
      'BASE45_INVALID',
      // A length no Base45 text has: a code cut short, or one character added, when copied.
      {
        vi: `độ dài ${len} không hợp lệ (dư 1 ký tự): mã có thể bị cắt ngắn hoặc thừa một ký tự khi sao chép. Hãy quét lại cả mã QR, hoặc sao chép cả chuỗi HC1`,
        en: `length ${len} is not valid (one character left over): the code may be cut short, or have a character added when copied. Scan the whole QR code again, or copy the whole HC1 text`,
      },
      { position: len - 1 },
    );
  }
  const out = new Uint8Array(Math.floor(len / 3) * 2 + (len % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 2 < len; i += 3) {
    const v = valueAt(text, i) + valueAt(text, i + 1) * 45 + valueAt(text, i + 2) * 2025;
    if (v > 0xffff) throw outOfRange(i, v);
    out[o++] = v >> 8;
    out[o++] = v & 0xff;
  }
  if (i < len) {
    const v = valueAt(text, i) + valueAt(text, i + 1) * 45;
    if (v > 0xff) throw outOfRange(i, v);
    out[o] = v;
  }
  return out;
}

function outOfRange(pos: number, value: number) {
  return dccError(
    'BASE45_INVALID',
    { vi: `nhóm ký tự tại vị trí ${pos} của chuỗi Base45 vượt quá giới hạn (${value})`, en: `the group at position ${pos} of the Base45 text is out of range (${value})` },
    { position: pos },
  );
}
