/**
 * A decoded DCC payload as JSON can carry it. The EU DCC is a JSON document, so a value JSON has
 * no form for (an integer beyond 2^53, a byte string, a CBOR tag but a date-time text's, `undefined`, NaN) makes it no
 * DCC; it is also what would make a verification report impossible to send (JSON.stringify
 * throws on a BigInt). Each such value is replaced by a JSON one and its place is told, for the
 * schema step to report. Nesting past MAX_DEPTH and arrays past MAX_ITEMS are cut (a small hostile
 * code can nest arrays, or hold a quarter of a million empty entries, for nothing).
 */
import { bytesToHex } from '../crypto/bytes.js';
import { put } from '../cbor/cborToJson.js';
import { Tagged } from '../cbor/tagged.js';

const MAX_DEPTH = 32;
/** Items of one array kept in a report: a certificate's groups hold one entry, a name a few letters. */
const MAX_ITEMS = 100;

export interface NotJson {
  path: string;
  what: { vi: string; en: string };
}

export function jsonSafe(value: unknown, found: NotJson[], path = '', depth = 0): unknown {
  const at = path === '' ? 'payload' : path;
  if (typeof value === 'bigint') {
    found.push({ path: at, what: { vi: 'số nguyên vượt quá giới hạn của JSON (2^53)', en: 'an integer beyond what JSON holds (2^53)' } });
    return String(value);
  }
  if (value === undefined) {
    found.push({ path: at, what: { vi: 'giá trị undefined của CBOR', en: "CBOR's undefined" } });
    return null;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    found.push({ path: at, what: { vi: `số ${String(value)}`, en: `the number ${String(value)}` } });
    return null;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) {
    found.push({ path: at, what: { vi: `lồng quá ${MAX_DEPTH} cấp`, en: `nested deeper than ${MAX_DEPTH} levels` } });
    return null;
  }
  if (value instanceof Uint8Array) {
    found.push({ path: at, what: { vi: 'chuỗi byte (JSON không có)', en: 'a byte string (JSON has none)' } });
    return bytesToHex(value);
  }
  // Tag 0 is a date/time written as RFC 3339 text (RFC 8949 §3.4.1), the very text the DCC
  // schema asks of a test's `sc` and `dr`; JSON carries a tag as its content (§6.1). Sweden,
  // Hungary and Romania issued test certificates so (EU dgc-testdata SE/4, HU/2, RO/4): genuine
  // codes, read as the text. Any other tag, or tag 0 around anything but text, is no DCC value.
  if (value instanceof Tagged && value.tag === 0 && typeof value.value === 'string') return value.value;
  if (value instanceof Tagged) {
    found.push({ path: at, what: { vi: `thẻ CBOR ${value.tag}`, en: `CBOR tag ${value.tag}` } });
    return jsonSafe(value.value, found, path, depth + 1);
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) {
      found.push({ path: at, what: { vi: `mảng ${value.length} phần tử, chỉ giữ ${MAX_ITEMS} phần tử đầu`, en: `an array of ${value.length} items, the first ${MAX_ITEMS} kept` } });
    }
    return value.slice(0, MAX_ITEMS).map((v, i) => jsonSafe(v, found, `${path}[${i}]`, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) put(out, k, jsonSafe(v, found, path === '' ? k : `${path}.${k}`, depth + 1));
  return out;
}
