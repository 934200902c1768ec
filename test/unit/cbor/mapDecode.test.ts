// Maps: the text-key fast path and the general path must accept and refuse the same inputs and
// give the same shapes: an object when every key is text, else a Map in wire order, and a
// duplicate refused at the repeated key — also when the first non-text key comes late.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../../../shared/cbor/cbor.js';
import { hexToBytes } from '../../../shared/crypto/crypto.js';
import { StationError } from '../../../shared/errors.js';

type Key = string | number;

/** A map with keys as given, in wire order; each key or value a one-byte head. */
function mapBytes(entries: readonly [Key, number][], indefinite: boolean): { bytes: Uint8Array; keyAt: number[] } {
  const out: number[] = [indefinite ? 0xbf : 0xa0 + entries.length];
  const keyAt: number[] = [];
  for (const [k, v] of entries) {
    keyAt.push(out.length);
    if (typeof k === 'number') out.push(k);
    else out.push(0x60 + k.length, ...[...k].map((c) => c.charCodeAt(0)));
    out.push(v);
  }
  if (indefinite) out.push(0xff);
  return { bytes: Uint8Array.from(out), keyAt };
}

function outcome(bytes: Uint8Array): unknown {
  try {
    const v = decodeCbor(bytes);
    return v instanceof Map ? { map: [...v] } : { object: Object.entries(v as object), proto: Object.getPrototypeOf(v) === Object.prototype };
  } catch (e) {
    if (!(e instanceof StationError)) throw e;
    return { error: e.code, ...(e.details as object) };
  }
}

/** What the decoder must answer, from the entries alone. */
function expected(entries: readonly [Key, number][], keyAt: number[]): unknown {
  const seen = new Set<Key>();
  for (let i = 0; i < entries.length; i++) {
    const k = entries[i]![0];
    if (seen.has(k)) return { error: 'CBOR_INVALID', reason: 'duplicate map key', offset: keyAt[i] };
    seen.add(k);
  }
  if (entries.every(([k]) => typeof k === 'string')) {
    const obj: Record<string, number> = {};
    for (const [k, v] of entries) Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
    return { object: Object.entries(obj), proto: true };
  }
  return { map: entries.map(([k, v]) => [k, v]) };
}

describe('decodeCbor: maps', () => {
  it('text keys first, then another key: a Map in wire order (definite and indefinite)', () => {
    expect(decodeCbor(hexToBytes('a3616101616202030a'))).toEqual(new Map<Key, number>([['a', 1], ['b', 2], [3, 10]]));
    expect([...(decodeCbor(hexToBytes('bf616101616202030aff')) as Map<Key, number>)]).toEqual([['a', 1], ['b', 2], [3, 10]]);
    // A __proto__ text key handed over to the Map keeps its value.
    expect([...(decodeCbor(hexToBytes('a2695f5f70726f746f5f5f0101f5')) as Map<Key, unknown>)]).toEqual([['__proto__', 1], [1, true]]);
  });

  it('a text key repeated after the first non-text key is still a duplicate, at its offset', () => {
    expect(outcome(hexToBytes('a36161010102616103'))).toEqual({ error: 'CBOR_INVALID', reason: 'duplicate map key', offset: 6 });
    expect(outcome(hexToBytes('a3616101616202616103'))).toEqual({ error: 'CBOR_INVALID', reason: 'duplicate map key', offset: 7 });
  });

  it('a map claiming more entries than it holds is truncated, on either path', () => {
    expect(outcome(hexToBytes('a3616101'))).toMatchObject({ error: 'CBOR_INVALID', reason: 'truncated' });
    expect(outcome(hexToBytes('a3616101616202'))).toMatchObject({ error: 'CBOR_INVALID', reason: 'truncated' });
  });

  it('any mix of text and integer keys, duplicates included: the shape or refusal the entries call for', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', '1', '__proto__', 'toString'), fc.integer({ min: 0, max: 5 }));
    const entries = fc.array(fc.tuple(key, fc.integer({ min: 0, max: 23 })), { maxLength: 8 });
    fc.assert(
      fc.property(entries, fc.boolean(), (list, indefinite) => {
        const { bytes, keyAt } = mapBytes(list, indefinite);
        expect(outcome(bytes)).toEqual(expected(list, keyAt));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('decodeCbor: reused short keys', () => {
  it('keys that share a cache slot (same length, first and last byte) stay apart', () => {
    // {"axb": 1, "ayb": 2} then {"ayb": 3, "axb": 4}: each decode must read the bytes, not the slot.
    expect(decodeCbor(hexToBytes('a2636178620163617962 02'.replace(/ /g, '')))).toEqual({ axb: 1, ayb: 2 });
    expect(Object.entries(decodeCbor(hexToBytes('a2636179620363617862 04'.replace(/ /g, ''))) as object)).toEqual([['ayb', 3], ['axb', 4]]);
    expect(outcome(hexToBytes('a2636178620163617862 02'.replace(/ /g, '')))).toMatchObject({ reason: 'duplicate map key', offset: 6 });
  });

  it('non-ASCII, invalid UTF-8 and truncated keys take the general reading', () => {
    expect(decodeCbor(hexToBytes('a162c3a901'))).toEqual({ é: 1 });
    expect(outcome(hexToBytes('a162c3c301'))).toMatchObject({ error: 'CBOR_INVALID', reason: 'invalid UTF-8 in text string' });
    expect(outcome(hexToBytes('a1636178'))).toMatchObject({ error: 'CBOR_INVALID', reason: 'truncated' });
  });

  it('a key at the nesting limit is refused at the key, as before', () => {
    // 256 arrays: the map is at depth 256, the deepest allowed, and its key one deeper.
    expect(outcome(hexToBytes(`${'81'.repeat(256)}a1616101`))).toEqual({ error: 'CBOR_INVALID', reason: 'nesting too deep', offset: 257 });
    expect(() => decodeCbor(hexToBytes(`${'81'.repeat(255)}a1616101`))).not.toThrow();
  });
});
