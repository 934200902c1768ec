/**
 * A strict CBOR decoder (RFC 8949) for untrusted input: HC1 codes from QR images, platform
 * replies, batch files. Written by hand rather than over cbor-x because cbor-x interprets tags
 * on its own (28/29 shared references, 258 sets, 57344+ records, 1 dates), returns Buffer in Node
 * and Uint8Array in browsers, and accepts duplicate map keys; COSE (RFC 9052 §3) needs them
 * rejected.
 *
 * Shapes returned:
 * - integers and tag 2/3 bignums: `number` when a safe integer, else `bigint`;
 * - byte strings: `Uint8Array` (a copy, never a view of the input);
 * - maps: a plain object when every key is a text string (a `__proto__` key is kept as an own
 *   property), else a `Map` in wire order; `{ alwaysMap: true }` always gives `Map` (COSE headers);
 * - other tags: `Tagged`; unassigned simple values: `CborSimple`; floats: `number`.
 * Indefinite-length items are accepted (they are well-formed); duplicate map keys, trailing bytes,
 * truncation, invalid UTF-8, reserved additional-information values and nesting deeper than 256
 * are CBOR_INVALID. Nothing else is ever thrown.
 */
import { StationError } from '../errors.js';
import { bytesToHex } from '../crypto/bytes.js';
import { invalid } from './cborInvalid.js';
import { halfToNumber } from './float16.js';
import { keyIdentity, shortKey } from './mapKeys.js';
import { CborSimple, Tagged } from './tagged.js';

export interface DecodeOptions {
  /** Decode every map as `Map`, text keys included. */
  alwaysMap?: boolean;
}

const MAX_DEPTH = 256;
const INDEFINITE = -1;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Reader {
  pos = 0;
  readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly alwaysMap: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number): void {
    if (this.pos + n > this.bytes.length) throw invalid('truncated', this.pos);
  }

  /** The argument of a head (§3): a number, a bigint beyond 2^53, or INDEFINITE for ai 31. */
  argument(ai: number): number | bigint {
    if (ai < 24) return ai;
    const v = this.view;
    const p = this.pos;
    switch (ai) {
      case 24:
        this.need(1);
        this.pos += 1;
        return v.getUint8(p);
      case 25:
        this.need(2);
        this.pos += 2;
        return v.getUint16(p);
      case 26:
        this.need(4);
        this.pos += 4;
        return v.getUint32(p);
      case 27: {
        this.need(8);
        this.pos += 8;
        const big = v.getBigUint64(p);
        return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      }
      case 31:
        return INDEFINITE;
      default:
        throw invalid(`reserved additional information ${ai}`, p - 1);
    }
  }

  /** A definite length that the remaining input can hold (each item takes ≥ `unit` bytes). */
  length(arg: number | bigint, unit: number): number {
    if (typeof arg === 'bigint' || arg * unit > this.bytes.length - this.pos) throw invalid('truncated', this.pos);
    return arg;
  }

  item(depth: number): unknown {
    if (depth > MAX_DEPTH) throw invalid('nesting too deep', this.pos);
    this.need(1);
    const start = this.pos;
    const ib = this.bytes[this.pos++]!;
    const major = ib >> 5;
    const ai = ib & 31;
    if (major === 7) return this.simple(ai, start);
    const arg = this.argument(ai);
    switch (major) {
      case 0:
        if (arg === INDEFINITE) throw invalid('indefinite integer', start);
        return arg;
      case 1: {
        if (arg === INDEFINITE) throw invalid('indefinite integer', start);
        if (typeof arg === 'number' && arg < Number.MAX_SAFE_INTEGER) return -1 - arg;
        return -1n - BigInt(arg);
      }
      case 2:
        return arg === INDEFINITE ? this.chunks(major) : this.take(this.length(arg, 1));
      case 3:
        if (arg === INDEFINITE) return this.text(this.chunks(major), start);
        return this.textAt(this.length(arg, 1), start);
      case 4:
        return this.array(arg, depth);
      case 5:
        return this.map(arg, depth);
      default:
        return this.tag(arg, depth, start);
    }
  }

  take(len: number): Uint8Array {
    const out = this.bytes.slice(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  text(raw: Uint8Array, start: number): string {
    try {
      return utf8.decode(raw);
    } catch {
      throw invalid('invalid UTF-8 in text string', start);
    }
  }

  /** Short ASCII strings (map keys, codes, dates) skip TextDecoder: the decode hot path. */
  textAt(len: number, start: number): string {
    const b = this.bytes;
    const from = this.pos;
    this.pos += len;
    if (len <= 32) {
      let s = '';
      for (let i = from; i < from + len; i++) {
        const c = b[i]!;
        if (c >= 0x80) return this.text(b.subarray(from, from + len), start);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.text(b.subarray(from, from + len), start);
  }

  chunks(major: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      this.need(1);
      const ib = this.bytes[this.pos++]!;
      if (ib === 0xff) break;
      if (ib >> 5 !== major || (ib & 31) === 31) throw invalid('bad chunk in indefinite string', this.pos - 1);
      const part = this.take(this.length(this.argument(ib & 31), 1));
      parts.push(part);
      total += part.length;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  atBreak(): boolean {
    this.need(1);
    if (this.bytes[this.pos] !== 0xff) return false;
    this.pos++;
    return true;
  }

  array(arg: number | bigint, depth: number): unknown[] {
    const out: unknown[] = [];
    if (arg === INDEFINITE) {
      while (!this.atBreak()) out.push(this.item(depth + 1));
      return out;
    }
    const n = this.length(arg, 1);
    for (let i = 0; i < n; i++) out.push(this.item(depth + 1));
    return out;
  }

  map(arg: number | bigint, depth: number): unknown {
    const n = arg === INDEFINITE ? -1 : this.length(arg, 2);
    return this.alwaysMap ? this.generalMap(n, depth, [], []) : this.textMap(n, depth);
  }

  /**
   * The common case, every key a text string: entries go straight into the object, and a key
   * already there is a duplicate (a text key can only equal another text key). The general path
   * kept key and value arrays and a Set of one prefixed string per key: most of decoding a
   * record. At the first key of another type it hands over what it has, in wire order.
   */
  textMap(n: number, depth: number): unknown {
    const obj: Record<string, unknown> = {};
    const order: string[] = [];
    // While the keys come in deterministic order (shorter first, then code units: how the
    // station writes them), each is greater than every key before it, so none can be a repeat.
    let prev = '';
    let ascending = true;
    for (let i = 0; n === INDEFINITE ? !this.atBreak() : i < n; i++) {
      const keyAt = this.pos;
      // (At the depth limit the key goes to item(), which refuses it there, as it always did.)
      const short = depth < MAX_DEPTH ? shortKey(this.bytes, keyAt) : undefined;
      if (short !== undefined) this.pos = keyAt + 1 + short.length;
      const k = short ?? this.item(depth + 1);
      if (typeof k !== 'string') {
        const values = order.map((key) => obj[key]);
        return this.generalMap(n === INDEFINITE ? n : n - i, depth, order, values, { key: k, at: keyAt });
      }
      if (ascending && (i === 0 || k.length > prev.length || (k.length === prev.length && k > prev))) prev = k;
      else {
        ascending = false;
        if (Object.hasOwn(obj, k)) throw invalid('duplicate map key', keyAt);
      }
      order.push(k);
      const v = this.item(depth + 1);
      if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[k] = v;
    }
    return obj;
  }

  /**
   * Any keys: `n` entries left (or INDEFINITE) after `keys`/`values` already read, and `pending`
   * a key read but not yet checked (the text path met it).
   */
  generalMap(n: number, depth: number, keys: unknown[], values: unknown[], pending?: { key: unknown; at: number }): unknown {
    const seen = new Set<string>(keys.map(keyIdentity));
    let allText = keys.every((k) => typeof k === 'string');
    const add = (k: unknown, keyAt: number) => {
      const id = keyIdentity(k);
      if (seen.has(id)) throw invalid('duplicate map key', keyAt);
      seen.add(id);
      if (typeof k !== 'string') allText = false;
      keys.push(k);
      values.push(this.item(depth + 1));
    };
    let left = n;
    if (pending) {
      add(pending.key, pending.at);
      if (left !== INDEFINITE) left -= 1;
    }
    const entry = () => {
      const keyAt = this.pos;
      add(this.item(depth + 1), keyAt);
    };
    if (left === INDEFINITE) while (!this.atBreak()) entry();
    else for (let i = 0; i < left; i++) entry();
    if (this.alwaysMap || !allText) {
      const m = new Map<unknown, unknown>();
      for (let i = 0; i < keys.length; i++) m.set(keys[i], values[i]);
      return m;
    }
    const obj: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      if (k === '__proto__') Object.defineProperty(obj, k, { value: values[i], enumerable: true, writable: true, configurable: true });
      else obj[k] = values[i];
    }
    return obj;
  }

  tag(arg: number | bigint, depth: number, start: number): unknown {
    if (arg === INDEFINITE) throw invalid('indefinite tag', start);
    if (typeof arg === 'bigint') throw invalid('tag number beyond 2^53', start);
    const value = this.item(depth + 1);
    // RFC 8949 §3.4.3 bignums: the only tags given a JS meaning (integers have one type here).
    if ((arg === 2 || arg === 3) && value instanceof Uint8Array) {
      const n = value.length === 0 ? 0n : BigInt('0x' + bytesToHex(value));
      const big = arg === 2 ? n : -1n - n;
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    return new Tagged(arg, value);
  }

  simple(ai: number, start: number): unknown {
    switch (ai) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 24: {
        this.need(1);
        const v = this.bytes[this.pos++]!;
        // §3.3: simple values below 32 must use the one-byte form.
        if (v < 32) throw invalid('two-byte simple value below 32', start);
        return new CborSimple(v);
      }
      case 25: {
        this.need(2);
        const h = this.view.getUint16(this.pos);
        this.pos += 2;
        return halfToNumber(h);
      }
      case 26: {
        this.need(4);
        const f = this.view.getFloat32(this.pos);
        this.pos += 4;
        return f;
      }
      case 27: {
        this.need(8);
        const f = this.view.getFloat64(this.pos);
        this.pos += 8;
        return f;
      }
      case 31:
        throw invalid('unexpected break', start);
      default:
        if (ai < 20) return new CborSimple(ai);
        throw invalid(`reserved additional information ${ai}`, start);
    }
  }
}

/** Decodes exactly one CBOR data item that fills `bytes` (trailing bytes are an error). */
export function decodeCbor(bytes: Uint8Array, options: DecodeOptions = {}): unknown {
  if (!(bytes instanceof Uint8Array)) throw invalid('input is not bytes', 0);
  // A Node Buffer's slice() is a view; normalise so that byte strings come out as copies.
  const plain = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(plain, options.alwaysMap === true);
  let value: unknown;
  try {
    value = r.item(0);
  } catch (e) {
    if (e instanceof StationError) throw e;
    throw invalid(e instanceof Error ? e.message : 'decoder failure', r.pos);
  }
  if (r.pos !== plain.length) throw invalid('trailing bytes after the data item', r.pos);
  return value;
}
