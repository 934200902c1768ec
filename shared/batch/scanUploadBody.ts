/**
 * The upload body read straight from its bytes when it has the exact layout the station writes
 * (writeUploadBody: `{items: [{index, proof, record}], manifest}`, keys in deterministic order,
 * definite lengths), its byte strings as views of the body instead of copies. The general decoder
 * made a copy (an ArrayBuffer) of every proof hash and record — 14 a record, 70,000 for a batch
 * of 5,000, most of decoding a body and much of the platform's garbage. Anything else (another
 * key order, indefinite lengths, a wrong type or size) is null: the caller decodes it the general
 * way, which decides and words the refusal. So a body this accepts is one the general path
 * accepts, with the same items (test/unit/platform/inPlaceDecode.test.ts checks both agree).
 */
import type { UploadBody, UploadItem } from './uploadBody.js';
import { KEY_INDEX, KEY_ITEMS, KEY_MANIFEST, KEY_PROOF, KEY_RECORD, MAX_BLOB, MAX_ITEMS, MAX_PROOF } from './uploadLayout.js';

const H = 32;

class Scan {
  pos = 0;
  constructor(readonly b: Uint8Array) {}

  /** The argument of a definite head of `major` (RFC 8949 §3), or -1 for anything else. */
  head(major: number): number {
    const b = this.b;
    if (this.pos >= b.length) return -1;
    const ib = b[this.pos++]!;
    if (ib >> 5 !== major) return -1;
    const ai = ib & 31;
    if (ai < 24) return ai;
    const size = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : ai === 27 ? 8 : 0;
    if (size === 0 || this.pos + size > b.length) return -1;
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + b[this.pos++]!;
    // Past 2^53 the general decoder gives a bigint, which no field here accepts.
    return Number.isSafeInteger(n) ? n : -1;
  }

  key(expected: Uint8Array): boolean {
    const b = this.b;
    if (this.pos + expected.length > b.length) return false;
    for (let i = 0; i < expected.length; i++) if (b[this.pos + i] !== expected[i]) return false;
    this.pos += expected.length;
    return true;
  }

  /** A byte string of min..max bytes as a view, or null. */
  blob(min: number, max: number): Uint8Array | null {
    const len = this.head(2);
    if (len < min || len > max || this.pos + len > this.b.length) return null;
    this.pos += len;
    return this.b.subarray(this.pos - len, this.pos);
  }

  item(): UploadItem | null {
    if (this.head(5) !== 3 || !this.key(KEY_INDEX)) return null;
    const index = this.head(0);
    if (index < 0 || !this.key(KEY_PROOF)) return null;
    const n = this.head(4);
    if (n < 0 || n > MAX_PROOF) return null;
    const proof: Uint8Array[] = new Array<Uint8Array>(n);
    for (let k = 0; k < n; k++) {
      const hash = this.blob(H, H);
      if (!hash) return null;
      proof[k] = hash;
    }
    if (!this.key(KEY_RECORD)) return null;
    const record = this.blob(1, MAX_BLOB);
    return record && { record, index, proof };
  }
}

/** The body's items and manifest as views of `data`, or null: decode it the general way. */
export function scanUploadBody(data: Uint8Array): UploadBody | null {
  // Views of a plain Uint8Array (a Buffer's subarray would be a Buffer).
  const s = new Scan(data.constructor === Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (s.head(5) !== 2 || !s.key(KEY_ITEMS)) return null;
  const count = s.head(4);
  if (count < 1 || count > MAX_ITEMS) return null;
  const items: UploadItem[] = [];
  for (let i = 0; i < count; i++) {
    const item = s.item();
    if (!item) return null;
    items.push(item);
  }
  if (!s.key(KEY_MANIFEST)) return null;
  const manifest = s.blob(1, MAX_BLOB);
  if (!manifest || s.pos !== data.length) return null;
  return { manifest, items };
}
