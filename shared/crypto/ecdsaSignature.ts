/**
 * ECDSA signatures come in two shapes: DER `SEQUENCE { r INTEGER, s INTEGER }` (X.509, PKCS#11
 * tokens that return it, OpenSSL) and raw fixed-width r‖s (COSE, RFC 9053 §2.1; WebCrypto).
 */
import { StationError } from '../errors.js';

function derError(reason: string): StationError {
  return new StationError('ECDSA_SIGNATURE_INVALID', 'Chữ ký ECDSA không hợp lệ', 'Invalid ECDSA signature', { reason });
}

/** `size` is the byte width of one coordinate: 32 for P-256, 48 for P-384, 66 for P-521. */
export function ecdsaDerToRaw(der: Uint8Array, size = 32): Uint8Array {
  let pos = 0;
  const readLen = (): number => {
    const first = der[pos++];
    if (first === undefined) throw derError('truncated');
    if (first < 0x80) return first;
    const n = first & 0x7f;
    if (n === 0 || n > 2) throw derError('bad length');
    let len = 0;
    for (let i = 0; i < n; i++) {
      const b = der[pos++];
      if (b === undefined) throw derError('truncated');
      len = (len << 8) | b;
    }
    return len;
  };
  if (der[pos++] !== 0x30) throw derError('not a SEQUENCE');
  const seqLen = readLen();
  if (pos + seqLen !== der.length) throw derError('length mismatch');
  const out = new Uint8Array(size * 2);
  for (let k = 0; k < 2; k++) {
    if (der[pos++] !== 0x02) throw derError('not an INTEGER');
    const len = readLen();
    if (len === 0 || pos + len > der.length) throw derError('truncated');
    let int = der.subarray(pos, pos + len);
    pos += len;
    while (int.length > 1 && int[0] === 0) int = int.subarray(1);
    if (int.length > size) throw derError('integer too large');
    out.set(int, k * size + size - int.length);
  }
  if (pos !== der.length) throw derError('trailing bytes');
  return out;
}

function derInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const body = unsigned.subarray(start);
  const pad = body[0]! >= 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + body.length);
  out[0] = 0x02;
  out[1] = pad + body.length;
  out.set(body, 2 + pad);
  return out;
}

/** Raw r‖s (even length, each half ≤ 66 bytes) to DER. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 132) throw derError('raw length');
  const half = raw.length / 2;
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  const bodyLen = r.length + s.length;
  const head = bodyLen < 0x80 ? [0x30, bodyLen] : [0x30, 0x81, bodyLen];
  const out = new Uint8Array(head.length + bodyLen);
  out.set(head, 0);
  out.set(r, head.length);
  out.set(s, head.length + r.length);
  return out;
}
