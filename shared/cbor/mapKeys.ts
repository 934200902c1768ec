/**
 * Map keys for the decoder (decodeCbor.ts): when two keys are duplicates, and the short ASCII
 * text keys that records repeat thousands of times, read once into a string that is reused.
 */
import { bytesToHex } from '../crypto/bytes.js';
import { invalid } from './cborInvalid.js';
import { encodeCanonical } from './encodeCanonical.js';

/** Recently seen short keys (shortKey): a power of two. */
const KEY_SLOTS = 512;
const keyCache: (string | undefined)[] = new Array<string | undefined>(KEY_SLOTS).fill(undefined);

/**
 * The short ASCII text key whose head is at `at` (0x61-0x77, its bytes all in the input), as the
 * same string object as the last time these bytes were a key: the decoded object's keyed store
 * then meets an internalised string and a shape it has made before (decoding a record took ~40 %
 * less). Anything else — another head, non-ASCII, truncated — is undefined: the caller reads the
 * key as any item, with its checks and refusals. The key takes 1 + length bytes.
 */
export function shortKey(b: Uint8Array, at: number): string | undefined {
  const head = b[at];
  if (head === undefined || head <= 0x60 || head >= 0x78) return undefined;
  const len = head - 0x60;
  const from = at + 1;
  if (from + len > b.length) return undefined;
  const slot = (len * 31 + b[from]! * 7 + b[from + len - 1]!) & (KEY_SLOTS - 1);
  const cached = keyCache[slot];
  if (cached !== undefined && cached.length === len) {
    let same = true;
    for (let i = 0; i < len && same; i++) same = cached.charCodeAt(i) === b[from + i];
    if (same) return cached;
  }
  let s = '';
  for (let i = from; i < from + len; i++) {
    const c = b[i]!;
    if (c >= 0x80) return undefined;
    s += String.fromCharCode(c);
  }
  keyCache[slot] = s;
  return s;
}

/** Two keys are duplicates when they mean the same value (0x01 and 0x1801 are both 1). */
export function keyIdentity(k: unknown): string {
  switch (typeof k) {
    case 'string':
      return 's' + k;
    case 'number':
      return Number.isSafeInteger(k) ? 'i' + k : 'f' + (Object.is(k, -0) ? '-0' : String(k));
    case 'bigint':
      return 'i' + k.toString();
    case 'boolean':
    case 'undefined':
      return 'p' + String(k);
    default:
      if (k === null) return 'pnull';
      if (k instanceof Uint8Array) return 'b' + bytesToHex(k);
      // Array, map and tagged keys: compare their deterministic encodings.
      try {
        return 'x' + bytesToHex(encodeCanonical(k));
      } catch {
        throw invalid('unsupported map key', -1);
      }
  }
}
