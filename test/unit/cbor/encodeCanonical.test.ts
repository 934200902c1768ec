// RFC 8949 §4.2.1 deterministic encoding: what the facility signs must have exactly one encoding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborSimple, Tagged, decodeCbor, encodeCanonical } from '../../../shared/cbor/cbor.js';
import { bytesToHex, compareBytes, concatBytes } from '../../../shared/crypto/crypto.js';
import { StationError } from '../../../shared/errors.js';

const hex = (v: unknown) => bytesToHex(encodeCanonical(v));

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof StationError ? e.code : `not a StationError: ${String(e)}`;
  }
  return undefined;
}

describe('encodeCanonical: RFC 8949 Appendix A examples', () => {
  const cases: [unknown, string][] = [
    [0, '00'],
    [1, '01'],
    [10, '0a'],
    [23, '17'],
    [24, '1818'],
    [25, '1819'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [18446744073709551615n, '1bffffffffffffffff'],
    [18446744073709551616n, 'c249010000000000000000'],
    [-18446744073709551616n, '3bffffffffffffffff'],
    [-18446744073709551617n, 'c349010000000000000000'],
    [-1, '20'],
    [-10, '29'],
    [-100, '3863'],
    [-1000, '3903e7'],
    [-0, 'f98000'],
    [1.1, 'fb3ff199999999999a'],
    [1.5, 'f93e00'],
    [3.4028234663852886e38, 'fa7f7fffff'],
    [1.0e300, 'fb7e37e43c8800759c'],
    [5.960464477539063e-8, 'f90001'],
    [0.00006103515625, 'f90400'],
    [-4.1, 'fbc010666666666666'],
    [Infinity, 'f97c00'],
    [NaN, 'f97e00'],
    [-Infinity, 'f9fc00'],
    [false, 'f4'],
    [true, 'f5'],
    [null, 'f6'],
    [undefined, 'f7'],
    [new CborSimple(16), 'f0'],
    [new CborSimple(255), 'f8ff'],
    [new Tagged(0, '2013-03-21T20:04:00Z'), 'c074323031332d30332d32315432303a30343a30305a'],
    [new Tagged(1, 1363896240), 'c11a514b67b0'],
    [new Uint8Array(0), '40'],
    [Uint8Array.of(1, 2, 3, 4), '4401020304'],
    ['', '60'],
    ['a', '6161'],
    ['IETF', '6449455446'],
    ['"\\', '62225c'],
    ['\u00fc', '62c3bc'],
    ['\u6c34', '63e6b0b4'],
    ['\ud800\udd51', '64f0908591'],
    [[], '80'],
    [[1, 2, 3], '83010203'],
    [[1, [2, 3], [4, 5]], '8301820203820405'],
    [Array.from({ length: 25 }, (_, i) => i + 1), '98190102030405060708090a0b0c0d0e0f101112131415161718181819'],
    [{}, 'a0'],
    [new Map([[1, 2], [3, 4]]), 'a201020304'],
    [{ a: 1, b: [2, 3] }, 'a26161016162820203'],
    [['a', { b: 'c' }], '826161a161626163'],
    [{ a: 'A', b: 'B', c: 'C', d: 'D', e: 'E' }, 'a56161614161626142616361436164614461656145'],
  ];
  it.each(cases)('%o → %s', (value, expected) => {
    expect(hex(value)).toBe(expected);
  });
});

describe('encodeCanonical: deterministic choices', () => {
  it('integral JS numbers are integers; 1.0 and 1 are the same value', () => {
    expect(hex(1.0)).toBe('01');
    expect(hex(65504)).toBe('19ffe0');
    expect(hex(-4.0)).toBe('23');
  });

  it('numbers beyond the safe range are floats, bigint of the same value is an integer', () => {
    expect(hex(2 ** 60)).toBe('fa5d800000');
    expect(hex(-(2 ** 53))).toBe('fada000000');
    expect(hex(-(2n ** 53n))).toBe('3b001fffffffffffff');
    expect(hex(2n ** 60n)).toBe('1b1000000000000000');
    expect(hex(5n)).toBe(hex(5));
  });

  it('sorts map keys by their encoded bytes, whatever the key types', () => {
    const m = new Map<unknown, unknown>([
      ['aa', 1],
      [false, 2],
      [-1, 3],
      ['z', 4],
      [100, 5],
      [10, 6],
      [Uint8Array.of(0), 7],
    ]);
    // 0a < 1864 < 20 < 4100 < 617a < 626161 < f4: shorter text keys first, then bytewise.
    expect(hex(m)).toBe('a7' + '0a06' + '186405' + '2003' + '410007' + '617a04' + '62616101' + 'f402');
  });

  it('orders text keys by length first (their encoded head), not alphabetically', () => {
    expect(hex({ bb: 1, c: 2 })).toBe('a2616302626262' + '01');
  });

  it('sorts nested maps too', () => {
    const a = { outer: new Map<unknown, unknown>([[2, { y: 1, x: 2 }], [1, 'one']]) };
    expect(hex(a)).toBe('a1656f75746572a201636f6e6502a2617802617901');
  });

  it('drops plain-object properties that are undefined, keeps undefined elsewhere', () => {
    expect(hex({ lot: undefined, dn: 1 })).toBe(hex({ dn: 1 }));
    expect(hex([undefined])).toBe('81f7');
    expect(hex(new Map([[1, undefined]]))).toBe('a101f7');
  });

  it('keeps a __proto__ key as data', () => {
    const obj = JSON.parse('{"__proto__": 1}') as unknown;
    expect(hex(obj)).toBe('a1695f5f70726f746f5f5f01');
  });

  it('returns an independent copy for each call (the buffer is reused internally)', () => {
    const first = encodeCanonical([1, 2, 3]);
    encodeCanonical('overwrite the shared buffer');
    expect(bytesToHex(first)).toBe('83010203');
  });

  it('grows past its initial buffer', () => {
    const big = new Uint8Array(100_000).fill(7);
    const out = encodeCanonical([big, 'x'.repeat(70_000)]);
    expect(out.length).toBe(1 + 5 + 100_000 + 5 + 70_000);
    expect(decodeCbor(out)).toEqual([big, 'x'.repeat(70_000)]);
  });
});

describe('encodeCanonical: refusals', () => {
  it('rejects keys that encode to the same bytes', () => {
    expect(errorCode(() => encodeCanonical(new Map<unknown, unknown>([[1, 'a'], [1n, 'b']])))).toBe('CBOR_DUPLICATE_KEY');
    expect(errorCode(() => encodeCanonical(new Map([[Uint8Array.of(1), 1], [Uint8Array.of(1), 2]])))).toBe('CBOR_DUPLICATE_KEY');
  });

  it.each([
    ['a Date', new Date(0)],
    ['a Set', new Set([1])],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a class instance', new (class Foo {})()],
    ['a lone surrogate', 'a\ud800b'],
    ['a bad tag number', new Tagged(-1, 0)],
  ])('rejects %s with CBOR_UNSUPPORTED', (_name, value) => {
    expect(errorCode(() => encodeCanonical(value))).toBe('CBOR_UNSUPPORTED');
  });

  it('rejects a cycle with CBOR_UNSUPPORTED instead of overflowing the stack', () => {
    const a: unknown[] = [];
    a.push(a);
    expect(errorCode(() => encodeCanonical(a))).toBe('CBOR_UNSUPPORTED');
  });
});

// Values whose decoded form equals the input exactly: maps with an integer key (decode as Map),
// plain objects (text keys), safe integers, doubles, bigints beyond 2^53.
const leaf = fc.oneof(
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double(),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).filter((b) => b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { value: cborValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value').filter((v) => v !== undefined), { maxKeys: 5 }),
    fc
      .uniqueArray(fc.tuple(fc.integer({ min: -1000, max: 1000 }), tie('value')), { selector: (e) => e[0], minLength: 1, maxLength: 5 })
      .map((entries) => new Map<unknown, unknown>(entries)),
    tie('value').map((v) => new Tagged(1000, v)),
  ),
}));

function headLength(n: number): number {
  return n < 24 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : n < 2 ** 32 ? 5 : 9;
}

describe('encodeCanonical: properties', () => {
  it('round-trips through decodeCbor', () => {
    fc.assert(
      fc.property(cborValue, (v) => {
        expect(decodeCbor(encodeCanonical(v))).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it('re-encoding a decoded value gives the same bytes', () => {
    fc.assert(
      fc.property(cborValue, (v) => {
        const bytes = encodeCanonical(v);
        expect(bytesToHex(encodeCanonical(decodeCbor(bytes)))).toBe(bytesToHex(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('the encoding of a map does not depend on insertion order', () => {
    const entries = fc.uniqueArray(fc.tuple(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), cborValue), {
      selector: (e) => (typeof e[0] === 'number' ? `n${e[0]}` : `s${e[0]}`),
      maxLength: 8,
    });
    fc.assert(
      fc.property(entries, fc.func(fc.integer()), (list, rank) => {
        const shuffled = [...list].sort((a, b) => rank(a[0]) - rank(b[0]));
        expect(hex(new Map(shuffled))).toBe(hex(new Map(list)));
        const textOnly = list.filter((e) => typeof e[0] === 'string');
        const obj = Object.fromEntries(textOnly);
        const objShuffled = Object.fromEntries([...textOnly].reverse());
        expect(hex(objShuffled)).toBe(hex(obj));
      }),
      { numRuns: 200 },
    );
  });

  it('writes map entries in bytewise order of the encoded keys', () => {
    const keys = fc.uniqueArray(fc.oneof(fc.integer(), fc.string({ unit: 'binary', maxLength: 8 }), fc.uint8Array({ maxLength: 4 })), {
      selector: (k) => bytesToHex(encodeCanonical(k)),
      maxLength: 10,
    });
    fc.assert(
      fc.property(keys, (ks) => {
        const m = new Map<unknown, unknown>(ks.map((k, i) => [k, i]));
        const sorted = [...m].map(([k, v]) => [encodeCanonical(k), encodeCanonical(v)] as const).sort((a, b) => compareBytes(a[0], b[0]));
        for (let i = 1; i < sorted.length; i++) expect(compareBytes(sorted[i - 1]![0], sorted[i]![0])).toBeLessThan(0);
        const expected = concatBytes(...sorted.flat());
        const out = encodeCanonical(m);
        expect(bytesToHex(out.subarray(headLength(m.size)))).toBe(bytesToHex(expected));
      }),
    );
  });

  it('a plain object encodes exactly like a Map of the same text keys (fast key order = byte order)', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));
    fc.assert(
      fc.property(fc.dictionary(key, fc.integer(), { maxKeys: 12 }), (obj) => {
        expect(hex(obj)).toBe(hex(new Map(Object.entries(obj))));
      }),
      { numRuns: 300 },
    );
  });

  it('uses the shortest head for integers and lengths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(encodeCanonical(n).length).toBe(headLength(n));
        // -1 - MAX_SAFE = -2^53 is not a safe integer: it is a float by the documented rule.
        if (n < Number.MAX_SAFE_INTEGER) expect(encodeCanonical(-1 - n).length).toBe(headLength(n));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.nat({ max: 70_000 }), (len) => {
        expect(encodeCanonical(new Uint8Array(len)).length).toBe(headLength(len) + len);
        expect(encodeCanonical('a'.repeat(len)).length).toBe(headLength(len) + len);
      }),
      { numRuns: 50 },
    );
  });

  it('encodes floats in the shortest of half/single/double that keeps the value', () => {
    fc.assert(
      fc.property(fc.double().filter((d) => !Number.isSafeInteger(d) || Object.is(d, -0)), (d) => {
        const out = encodeCanonical(d);
        expect(decodeCbor(out)).toBe(d);
        const width = out.length - 1;
        if (width > 2) expect(Number.isNaN(d)).toBe(false);
        if (width === 4) expect(Math.fround(d)).toBe(d);
        if (width === 8) expect(Math.fround(d)).not.toBe(d);
      }),
    );
  });
});
