/**
 * The upload body's limits and its keys as deterministic CBOR (text head, then the ASCII bytes),
 * in one place for the three readers and writers that must agree on them: the schema and its
 * hand-written check (uploadBody.ts), the writer (writeUploadBody) and the in-place scanner
 * (scanUploadBody.ts).
 */

/** A record or a manifest: 1 byte to 64 KiB. */
export const MAX_BLOB = 64 * 1024;
export const MAX_ITEMS = 1_000_000;
/** Hashes in one audit path. */
export const MAX_PROOF = 64;

const key = (s: string): Uint8Array => Uint8Array.of(0x60 | s.length, ...[...s].map((c) => c.charCodeAt(0)));
export const KEY_ITEMS = key('items');
export const KEY_MANIFEST = key('manifest');
export const KEY_INDEX = key('index');
export const KEY_PROOF = key('proof');
export const KEY_RECORD = key('record');
