/**
 * RFC 8949 §4.2.1 core deterministic encoding, written by hand rather than over cbor-x: cbor-x
 * keeps insertion order for maps and objects, and sorting its output afterwards costs a second
 * pass. Plain objects with ASCII keys (records, manifests) have their keys sorted before writing;
 * any other map writes every entry once into one growing buffer, then reorders the entries only
 * when they were not already in bytewise key order. Measured on a dose record: about 40× the
 * `cbor` package's encodeCanonical (same bytes), about 1/3 of cbor-x's non-canonical encode.
 *
 * Choices (each tested in test/unit/cbor/encodeCanonical.test.ts):
 * - JS numbers that are safe integers encode as CBOR integers; every other number (fractions,
 *   -0, NaN, ±Infinity, integers beyond 2^53) as the shortest float16/32/64 that keeps the value
 *   exactly; NaN is always 0xf97e00 (§4.2.2).
 * - bigint encodes as an integer (same bytes as the equal number) up to 64 bits, else as a
 *   bignum (tag 2/3) without leading zero bytes.
 * - `undefined` as a value in an array, a Map or at the top encodes as CBOR undefined (0xf7).
 *   A plain-object property whose value is `undefined` is left out, as JSON.stringify does, so
 *   that `{ lot: undefined }` and `{}` (both legal for an optional field) sign identically.
 * - Keys that encode to the same bytes (Map keys 1 and 1n, two equal Uint8Arrays) are rejected:
 *   CBOR_DUPLICATE_KEY. Unsupported values (Date, Set, functions, class instances, lone UTF-16
 *   surrogates, cycles) are rejected: CBOR_UNSUPPORTED.
 */
import { StationError } from '../errors.js';
import { toHalf } from './float16.js';
import { CborSimple, Tagged } from './tagged.js';
import { Writer } from './writer.js';

const MAX_DEPTH = 256;
const TWO_64 = 1n << 64n;
const utf8 = new TextEncoder();

function unsupported(reason: string, details?: Record<string, unknown>): StationError {
  return new StationError(
    'CBOR_UNSUPPORTED',
    `Không mã hóa được giá trị sang CBOR: ${reason}`,
    `Cannot encode value as CBOR: ${reason}`,
    details,
  );
}

/**
 * UTF-8 length of `s` from index `from` on (counting `from` bytes before it), or -1 when it holds
 * a lone surrogate. Counted in JS so the head can be written before the bytes, which then go
 * straight into the buffer (no intermediate array per string).
 */
function utf8Length(s: string, from: number): number {
  let n = from;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return -1;
      n += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return -1;
    else n += 3;
  }
  return n;
}

/** A CBOR text string (major type 3). A lone UTF-16 surrogate is CBOR_UNSUPPORTED. */
export function writeText(w: Writer, s: string): void {
  const len = s.length;
  const start = w.pos;
  w.head(3, len);
  w.ensure(len);
  const b = w.buf;
  let p = w.pos;
  // ASCII fast path: byte length = string length, so the head written above is already right.
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      // Vietnamese names: the UTF-8 length differs from the string length, so the head is rewritten.
      const bytes = utf8Length(s, i);
      if (bytes < 0) throw unsupported('lone UTF-16 surrogate in text');
      w.pos = start;
      w.head(3, bytes);
      w.ensure(bytes);
      w.pos += utf8.encodeInto(s, w.buf.subarray(w.pos, w.pos + bytes)).written;
      return;
    }
    b[p++] = c;
  }
  w.pos = p;
}

function writeFloat(w: Writer, v: number): void {
  w.ensure(9);
  if (Number.isNaN(v)) {
    w.buf[w.pos++] = 0xf9;
    w.buf[w.pos++] = 0x7e;
    w.buf[w.pos++] = 0x00;
    return;
  }
  if (Math.fround(v) === v) {
    const half = toHalf(v);
    if (half >= 0) {
      w.buf[w.pos++] = 0xf9;
      w.buf[w.pos++] = half >> 8;
      w.buf[w.pos++] = half & 0xff;
      return;
    }
    w.buf[w.pos++] = 0xfa;
    w.view.setFloat32(w.pos, v);
    w.pos += 4;
    return;
  }
  w.buf[w.pos++] = 0xfb;
  w.view.setFloat64(w.pos, v);
  w.pos += 8;
}

function writeBigInt(w: Writer, v: bigint): void {
  const negative = v < 0n;
  const n = negative ? -1n - v : v;
  if (n < TWO_64) return w.headBig(negative ? 1 : 0, n);
  // RFC 8949 §3.4.3 bignum; §4.2.1 wants no leading zero bytes in its content.
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const content = new Uint8Array(hex.length / 2);
  for (let i = 0; i < content.length; i++) content[i] = parseInt(hex.substr(i * 2, 2), 16);
  w.head(6, negative ? 3 : 2);
  w.head(2, content.length);
  w.bytes(content);
}

function compareRegions(b: Uint8Array, a0: number, a1: number, b0: number, b1: number): number {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let i = 0; i < n; i++) {
    const d = b[a0 + i]! - b[b0 + i]!;
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

/** Writes each entry once, then reorders the written entries by their key bytes if needed. */
function writeMap(w: Writer, size: number, entries: Iterable<readonly [unknown, unknown]>, depth: number): void {
  w.head(5, size);
  const regionStart = w.pos;
  // For entry i: key starts at bounds[3i], key ends at bounds[3i+1], value ends at bounds[3i+2].
  const bounds = new Array<number>(size * 3);
  let i = 0;
  for (const [k, v] of entries) {
    bounds[i * 3] = w.pos;
    writeValue(w, k, depth);
    bounds[i * 3 + 1] = w.pos;
    writeValue(w, v, depth);
    bounds[i * 3 + 2] = w.pos;
    i++;
  }
  if (size < 2) return;
  const cmp = (x: number, y: number) =>
    compareRegions(w.buf, bounds[x * 3]!, bounds[x * 3 + 1]!, bounds[y * 3]!, bounds[y * 3 + 1]!);
  let sorted = true;
  for (let j = 1; j < size; j++) {
    const c = cmp(j - 1, j);
    if (c === 0) throw duplicateKey();
    if (c > 0) sorted = false;
  }
  if (sorted) return;
  const order: number[] = [];
  for (let j = 0; j < size; j++) order.push(j);
  order.sort(cmp);
  for (let j = 1; j < size; j++) if (cmp(order[j - 1]!, order[j]!) === 0) throw duplicateKey();
  const copy = w.buf.slice(regionStart, w.pos);
  let p = regionStart;
  for (const j of order) {
    const from = bounds[j * 3]! - regionStart;
    const to = bounds[j * 3 + 2]! - regionStart;
    w.buf.set(copy.subarray(from, to), p);
    p += to - from;
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * For ASCII text keys the encoded order is known without encoding: shorter first (the head
 * holds the length), then code-unit order (= byte order for ASCII). Records and manifests have
 * only ASCII keys, so this path writes them in order with no reordering afterwards.
 */
function canonicalAsciiOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function writeObject(w: Writer, obj: Record<string, unknown>, depth: number): void {
  const keys: string[] = [];
  let ascii = true;
  for (const k of Object.keys(obj)) {
    if (obj[k] === undefined) continue;
    keys.push(k);
    if (ascii && !isAscii(k)) ascii = false;
  }
  if (!ascii) return writeMap(w, keys.length, keys.map((k) => [k, obj[k]] as const), depth);
  keys.sort(canonicalAsciiOrder);
  w.head(5, keys.length);
  for (const k of keys) {
    writeText(w, k);
    writeValue(w, obj[k], depth);
  }
}

function duplicateKey(): StationError {
  return new StationError(
    'CBOR_DUPLICATE_KEY',
    'Bản đồ CBOR có khóa trùng lặp',
    'CBOR map has duplicate keys',
  );
}

function writeValue(w: Writer, v: unknown, depth: number): void {
  switch (typeof v) {
    case 'string':
      return writeText(w, v);
    case 'number':
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) return v >= 0 ? w.head(0, v) : w.head(1, -1 - v);
      return writeFloat(w, v);
    case 'boolean':
      w.ensure(1);
      w.buf[w.pos++] = v ? 0xf5 : 0xf4;
      return;
    case 'undefined':
      w.ensure(1);
      w.buf[w.pos++] = 0xf7;
      return;
    case 'bigint':
      return writeBigInt(w, v);
    case 'object':
      break;
    default:
      throw unsupported(`type ${typeof v}`, { type: typeof v });
  }
  if (v === null) {
    w.ensure(1);
    w.buf[w.pos++] = 0xf6;
    return;
  }
  if (depth >= MAX_DEPTH) throw unsupported('nesting too deep (a cycle?)', { maxDepth: MAX_DEPTH });
  const d = depth + 1;
  if (v instanceof Uint8Array) {
    w.head(2, v.length);
    return w.bytes(v);
  }
  if (Array.isArray(v)) {
    w.head(4, v.length);
    for (let i = 0; i < v.length; i++) writeValue(w, v[i], d);
    return;
  }
  if (v instanceof Map) return writeMap(w, v.size, v, d);
  if (v instanceof Tagged) {
    if (!Number.isSafeInteger(v.tag) || v.tag < 0) throw unsupported('bad tag number', { tag: v.tag });
    w.head(6, v.tag);
    return writeValue(w, v.value, d);
  }
  if (v instanceof CborSimple) {
    const n = v.value;
    if (!Number.isInteger(n) || n < 0 || n > 255 || (n >= 20 && n < 32)) throw unsupported('bad simple value', { simple: n });
    if (n < 20) w.head(7, n);
    else {
      w.ensure(2);
      w.buf[w.pos++] = 0xf8;
      w.buf[w.pos++] = n;
    }
    return;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto === Object.prototype || proto === null) return writeObject(w, v as Record<string, unknown>, d);
  const name = (v as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw unsupported(`type ${name}`, { type: name });
}

// One reusable buffer: the signing hot path encodes many small records in a row.
let shared: Writer | null = new Writer(4096);

/** RFC 8949 §4.2.1 deterministic encoding of `value` (see the file comment for the choices). */
export function encodeCanonical(value: unknown): Uint8Array {
  // A getter could call back into the encoder while the shared buffer is in use: take it out.
  const w = shared ?? new Writer(256);
  shared = null;
  w.pos = 0;
  try {
    writeValue(w, value, 0);
    return w.buf.slice(0, w.pos);
  } finally {
    if (w.buf.length <= 1 << 20) shared = w;
    else shared ??= new Writer(4096);
  }
}
