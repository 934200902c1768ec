/**
 * The upload body of `PUT /v1/batches/{id}` (DESIGN §6), also what `station batches export`
 * writes: `{manifest: COSE_Sign1 bytes, items: [{record, index, proof}]}` as deterministic CBOR.
 * `record` is the byte string of the record's deterministic CBOR (the Merkle leaf is its hash);
 * `proof` is the RFC 9162 §2.1.3 audit path, leaf side first.
 */
import { z } from 'zod';
import { decodeCbor } from '../cbor/decodeCbor.js';
import { encodeCanonical } from '../cbor/encodeCanonical.js';
import { Writer } from '../cbor/writer.js';
import { StationError } from '../errors.js';
import { merkleLevels, type Sha256, type Sha256Into } from './merkleLevels.js';
import { scanUploadBody } from './scanUploadBody.js';
import { KEY_INDEX, KEY_ITEMS, KEY_MANIFEST, KEY_PROOF, KEY_RECORD, MAX_BLOB, MAX_ITEMS, MAX_PROOF } from './uploadLayout.js';

/** Any Uint8Array (z.instanceof would narrow the type to an ArrayBuffer-backed one). */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');

export const UploadItemSchema = z
  .object({
    record: bytes.refine((b) => b.length > 0 && b.length <= MAX_BLOB, 'record must be 1 byte to 64 KiB'),
    index: z.number().int().nonnegative(),
    proof: z.array(bytes.refine((b) => b.length === 32, 'proof hashes are 32 bytes')).max(MAX_PROOF),
  })
  .strict();
export type UploadItem = z.infer<typeof UploadItemSchema>;

export const UploadBodySchema = z
  .object({
    manifest: bytes.refine((b) => b.length > 0 && b.length <= MAX_BLOB, 'manifest must be 1 byte to 64 KiB'),
    items: z.array(UploadItemSchema).min(1).max(MAX_ITEMS),
  })
  .strict();
export type UploadBody = z.infer<typeof UploadBodySchema>;

export function encodeUploadBody(body: UploadBody): Uint8Array {
  return encodeCanonical(body);
}

function isBlob(v: unknown, min: number, max: number): v is Uint8Array {
  return v instanceof Uint8Array && v.length >= min && v.length <= max;
}

/** A plain decoded object holding exactly `keys` (the decoder gives text-keyed maps as plain objects). */
function hasExactly(v: unknown, keys: readonly string[]): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
}

function isItem(v: unknown): v is UploadItem {
  if (!hasExactly(v, ITEM_KEYS)) return false;
  const { record, index, proof } = v;
  if (!isBlob(record, 1, MAX_BLOB) || typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return false;
  if (!Array.isArray(proof) || proof.length > MAX_PROOF) return false;
  for (const p of proof) if (!(p instanceof Uint8Array) || p.length !== 32) return false;
  return true;
}

const ITEM_KEYS = ['record', 'index', 'proof'] as const;
const BODY_KEYS = ['manifest', 'items'] as const;

/**
 * The schema's checks written out by hand, for the body of a 100k-record batch: zod walking every
 * item was a tenth of the platform's time per upload. It accepts only what the schema accepts
 * (the test checks both agree); anything it does not accept goes to the schema, which decides and
 * words the refusal, so refusals and their details are the schema's.
 */
function fastBody(v: unknown): UploadBody | null {
  if (!hasExactly(v, BODY_KEYS)) return null;
  const { manifest, items } = v;
  if (!isBlob(manifest, 1, MAX_BLOB) || !Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) return null;
  for (const item of items) if (!isItem(item)) return null;
  // Fresh objects in the schema's key order, as the schema's own output would be.
  return { manifest, items: items.map((i: UploadItem) => ({ record: i.record, index: i.index, proof: i.proof })) };
}

/**
 * The body's manifest and items. A body in the layout the station writes is read in place
 * (scanUploadBody.ts): its byte strings are then views of `data`, which must not change while
 * they are in use; any other body is decoded into copies and checked against the schema.
 */
export function decodeUploadBody(data: Uint8Array): UploadBody {
  const scanned = scanUploadBody(data);
  if (scanned) return scanned;
  const value = decodeCbor(data);
  const fast = fastBody(value);
  if (fast) return fast;
  const parsed = UploadBodySchema.safeParse(value);
  if (!parsed.success) {
    throw new StationError(
      'UPLOAD_BODY_INVALID',
      'Nội dung tải lên không đúng định dạng',
      'Upload body is not in the expected format',
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** A stored item: its record's bytes and its audit path, or null for "derive it from the leaves". */
export interface StoredUploadItem {
  index: number;
  record: Uint8Array;
  proof: readonly Uint8Array[] | null;
}

/** Whether a Uint32Array reads its bytes little-endian here (it uses the machine's order). */
const NATIVE_LE = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * auditPath(levels, size, index) as CBOR (an array of 32-byte strings) copied straight from the
 * levels: a view per hash was 13 objects a record, 65,000 for a batch of 5,000.
 */
function writeDerivedPath(w: Writer, levels: readonly Uint32Array[], size: number, index: number): void {
  let n = 0;
  for (let m = index, count = size; count > 1; count = Math.ceil(count / 2), m = Math.floor(m / 2)) if ((m ^ 1) < count) n++;
  w.head(4, n);
  let m = index;
  for (let depth = 0, count = size; count > 1; depth++, count = Math.ceil(count / 2)) {
    const sibling = m ^ 1;
    if (sibling < count) {
      w.head(2, 32);
      w.ensure(32);
      // Eight 32-bit words: a level starts its own buffer, so its nodes are 4-byte aligned.
      const words = levels[depth]!;
      const view = w.view;
      const at = w.pos;
      for (let k = 0, from = sibling * 8; k < 8; k++) view.setUint32(at + 4 * k, words[from + k]!, NATIVE_LE);
      w.pos = at + 32;
    }
    m = Math.floor(m / 2);
  }
}

/**
 * The bytes `encodeUploadBody` gives for these items (tested against it), written straight into
 * one buffer: keys in deterministic order (items < manifest; index < proof < record), no object
 * per item, and a path that is not stored taken from the tree of the items' leaves as views of its
 * levels. The items must be in index order 0..n-1, as a batch stores them. `sha256Into`: a digest
 * that allocates nothing for that tree (the station's; the same hashes).
 */
export function writeUploadBody(manifest: Uint8Array, items: readonly StoredUploadItem[], sha256: Sha256, sha256Into?: Sha256Into): Uint8Array {
  // The tree's levels as words in the machine's byte order, written back in it: the same bytes.
  let levels: Uint32Array[] | null = null;
  // The exact size but for the heads: a path holds at most ceil(log2 n) hashes of 34 bytes.
  const depth = Math.ceil(Math.log2(Math.max(items.length, 1)));
  let size = 32 + manifest.length;
  for (const item of items) size += 40 + item.record.length + 34 * (item.proof?.length ?? depth);
  const w = new Writer(size);
  w.head(5, 2);
  w.bytes(KEY_ITEMS);
  w.head(4, items.length);
  for (const item of items) {
    w.head(5, 3);
    w.bytes(KEY_INDEX);
    w.head(0, item.index);
    w.bytes(KEY_PROOF);
    if (item.proof === null) {
      levels ??= merkleLevels(items.map((i) => i.record), sha256, sha256Into).map((l) => new Uint32Array(l.buffer, l.byteOffset, l.length / 4));
      writeDerivedPath(w, levels, items.length, item.index);
    } else {
      w.head(4, item.proof.length);
      for (const p of item.proof) {
        w.head(2, p.length);
        w.bytes(p);
      }
    }
    w.bytes(KEY_RECORD);
    w.head(2, item.record.length);
    w.bytes(item.record);
  }
  w.bytes(KEY_MANIFEST);
  w.head(2, manifest.length);
  w.bytes(manifest);
  return w.buf.slice(0, w.pos);
}
