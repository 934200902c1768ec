/**
 * Turns decoded CBOR into what JSON.parse of the same document gives, so that a DCC payload
 * can be compared with the JSON of the EU test vectors and shown as JSON:
 * Map → plain object with `String(key)` keys (byte-string keys as hex), safe bigint → number.
 * Byte strings stay `Uint8Array` and tags stay `Tagged` (with their content converted): JSON has
 * no equivalent and a silent conversion would hide a difference.
 */
import { bytesToHex } from '../crypto/bytes.js';
import { Tagged } from './tagged.js';

function keyText(k: unknown): string {
  return k instanceof Uint8Array ? bytesToHex(k) : String(k);
}

/** Sets an own property, `__proto__` included (as JSON.parse does), never the prototype. */
export function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function cborToJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
      return Number(value);
    }
    return value;
  }
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(cborToJson);
  if (value instanceof Tagged) return new Tagged(value.tag, cborToJson(value.value));
  const out: Record<string, unknown> = {};
  if (value instanceof Map) {
    for (const [k, v] of value) put(out, keyText(k), cborToJson(v));
    return out;
  }
  for (const [k, v] of Object.entries(value)) put(out, k, cborToJson(v));
  return out;
}
