// The decoder reads untrusted bytes (HC1 codes, platform replies): it must return the documented
// shapes and fail only with CBOR_INVALID.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborSimple, Tagged, cborToJson, decodeCbor, encodeCanonical } from '../../../shared/cbor/cbor.js';
import { hexToBytes } from '../../../shared/crypto/crypto.js';
import { StationError } from '../../../shared/errors.js';

const dec = (hex: string) => decodeCbor(hexToBytes(hex));

function failure(hex: string): { code: string; reason?: unknown } | 'no error' {
  try {
    dec(hex);
    return 'no error';
  } catch (e) {
    if (!(e instanceof StationError)) return { code: `raw ${String(e)}` };
    return { code: e.code, reason: (e.details as { reason?: unknown }).reason };
  }
}

describe('decodeCbor: shapes', () => {
  it('integers are numbers when safe, bigint beyond', () => {
    expect(dec('1b001fffffffffffff')).toBe(Number.MAX_SAFE_INTEGER);
    expect(dec('1b0020000000000000')).toBe(2n ** 53n);
    expect(dec('3b001ffffffffffffe')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(dec('3b001fffffffffffff')).toBe(-(2n ** 53n));
    expect(dec('3bffffffffffffffff')).toBe(-(2n ** 64n));
    expect(dec('c249010000000000000000')).toBe(2n ** 64n);
    expect(dec('c349010000000000000000')).toBe(-(2n ** 64n) - 1n);
    expect(dec('c24101')).toBe(1);
  });

  it('non-preferred heads still decode (0x1801 is 1)', () => {
    expect(dec('1801')).toBe(1);
    expect(dec('1a00000001')).toBe(1);
  });

  it('floats of every width, NaN and infinities', () => {
    expect(dec('f93c00')).toBe(1);
    expect(dec('f97bff')).toBe(65504);
    expect(dec('f90001')).toBe(5.960464477539063e-8);
    expect(dec('f98000')).toBe(-0);
    expect(dec('f97c00')).toBe(Infinity);
    expect(dec('f9fc00')).toBe(-Infinity);
    expect(dec('f97e00')).toBeNaN();
    expect(dec('fa47c35000')).toBe(100000);
    expect(dec('fb3ff199999999999a')).toBe(1.1);
  });

  it('byte strings are plain Uint8Array copies, not views of the input', () => {
    const input = hexToBytes('4401020304');
    const out = dec('4401020304') as Uint8Array;
    expect(out.constructor).toBe(Uint8Array);
    const fromInput = decodeCbor(input) as Uint8Array;
    input[1] = 99;
    expect(Array.from(fromInput)).toEqual([1, 2, 3, 4]);
  });

  it('a Node Buffer input gives plain Uint8Array byte strings', () => {
    const out = decodeCbor(Buffer.from('4401020304', 'hex')) as Uint8Array;
    expect(out.constructor).toBe(Uint8Array);
    expect(Buffer.isBuffer(out)).toBe(false);
  });

  it('text-key maps are objects, any other key makes a Map; alwaysMap forces Map', () => {
    expect(dec('a26161016162820203')).toEqual({ a: 1, b: [2, 3] });
    const m = dec('a2016161616202');
    expect(m).toBeInstanceOf(Map);
    expect([...(m as Map<unknown, unknown>)]).toEqual([[1, 'a'], ['b', 2]]);
    const forced = decodeCbor(hexToBytes('a1616101'), { alwaysMap: true });
    expect(forced).toEqual(new Map([['a', 1]]));
  });

  it('a __proto__ key is an own property, never the prototype', () => {
    const obj = dec('a1695f5f70726f746f5f5fa1617801') as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.keys(obj)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('tags are Tagged, except bignums', () => {
    expect(dec('d81843a10101')).toEqual(new Tagged(24, Uint8Array.of(0xa1, 1, 1)));
    expect(dec('c11a514b67b0')).toEqual(new Tagged(1, 1363896240));
    expect(dec('d83dd28440a0f6f6')).toEqual(new Tagged(61, new Tagged(18, [new Uint8Array(0), {}, null, null])));
  });

  it('simple values', () => {
    expect(dec('f4')).toBe(false);
    expect(dec('f5')).toBe(true);
    expect(dec('f6')).toBe(null);
    expect(dec('f7')).toBe(undefined);
    expect(dec('f0')).toEqual(new CborSimple(16));
    expect(dec('f8ff')).toEqual(new CborSimple(255));
  });

  it('indefinite-length items (RFC 8949 Appendix A)', () => {
    expect(dec('5f42010243030405ff')).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    expect(dec('7f657374726561646d696e67ff')).toBe('streaming');
    expect(dec('9fff')).toEqual([]);
    expect(dec('9f018202039f0405ffff')).toEqual([1, [2, 3], [4, 5]]);
    expect(dec('bf61610161629f0203ffff')).toEqual({ a: 1, b: [2, 3] });
  });
});

describe('decodeCbor: malformed input is CBOR_INVALID (RFC 8949 Appendix F)', () => {
  const malformed = [
    // truncated heads and contents
    '', '18', '1901', '1a010203', '1b01020304050607', '38', '58', '78', '98', '9a01ff00', 'b8', 'd8', 'f8', 'f900', 'fa0000', 'fb000000',
    '41', '61', '5affffffff00', '5bffffffffffffffff0102', '81', '818181818181818181', '8200', 'a1', 'a20102', 'a100', 'a2000000',
    // unclosed indefinite items
    '5f4100', '7f6100', '9f', '9f0102', 'bf', 'bf01020102', '819f', '9f8000', '9f9f9f9f9fffffffff', '9f819f819f9fffffff',
    // reserved additional information
    '1c', '1d', '1e', '3c', '5c', '7c', '9c', 'bc', 'dc', 'fc', 'fd', 'fe',
    // two-byte simple values below 32
    'f800', 'f81f',
    // wrong chunks inside indefinite strings
    '5f00ff', '5f21ff', '5f6100ff', '5f80ff', '5fa0ff', '5fc000ff', '5fe0ff', '7f4100ff', '5f5f4100ffff',
    // break where no indefinite item is open, odd indefinite map
    'ff', '81ff', '8200ff', 'a1ff', 'a1ff00', 'a100ff', 'a20000ff', '9f81ff', 'bf00ff',
    // indefinite integers and tags
    '1f', '3f', 'df',
    // invalid UTF-8
    '62c328', '61ff',
  ];
  it.each(malformed)('%s', (hex) => {
    expect(failure(hex)).toMatchObject({ code: 'CBOR_INVALID' });
  });

  it('rejects trailing bytes after the item', () => {
    expect(failure('0000')).toEqual({ code: 'CBOR_INVALID', reason: 'trailing bytes after the data item' });
  });

  it('rejects duplicate map keys, also when written differently', () => {
    expect(failure('a2616101616102')).toEqual({ code: 'CBOR_INVALID', reason: 'duplicate map key' });
    expect(failure('a201001801ff')).toMatchObject({ code: 'CBOR_INVALID', reason: 'duplicate map key' });
    expect(failure('a2410100410102')).toMatchObject({ code: 'CBOR_INVALID', reason: 'duplicate map key' });
  });

  it('rejects nesting beyond 256 levels without a stack overflow', () => {
    expect(failure('81'.repeat(100_000) + '00')).toEqual({ code: 'CBOR_INVALID', reason: 'nesting too deep' });
    expect(decodeCbor(hexToBytes('81'.repeat(200) + '00'))).toBeDefined();
  });

  it('rejects a huge claimed length without allocating it', () => {
    expect(failure('9bffffffffffffffff')).toMatchObject({ code: 'CBOR_INVALID', reason: 'truncated' });
    expect(failure('bb00000000ffffffff')).toMatchObject({ code: 'CBOR_INVALID', reason: 'truncated' });
  });

  it('rejects what is not bytes at all', () => {
    expect(() => decodeCbor('a1' as unknown as Uint8Array)).toThrow(StationError);
  });
});

describe('decodeCbor: properties', () => {
  const onlyCborInvalid = (bytes: Uint8Array) => {
    try {
      decodeCbor(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(StationError);
      expect((e as StationError).code).toBe('CBOR_INVALID');
    }
  };

  it('random bytes never throw anything but CBOR_INVALID', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), onlyCborInvalid), { numRuns: 2000 });
  });

  it('truncated or corrupted valid encodings never throw anything but CBOR_INVALID', () => {
    const doc = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(doc, fc.nat(), fc.nat(255), (v, at, byte) => {
        const bytes = encodeCanonical(v);
        onlyCborInvalid(bytes.subarray(0, at % (bytes.length + 1)));
        const corrupted = bytes.slice();
        corrupted[at % bytes.length] = byte;
        onlyCborInvalid(corrupted);
      }),
      { numRuns: 500 },
    );
  });
});

describe('cborToJson', () => {
  it('turns Maps into objects with string keys and safe bigints into numbers', () => {
    const v = new Map<unknown, unknown>([
      [1, 'VN'],
      [-260, new Map([[1, { ver: '1.3.0', v: [{ dn: 2 }] }]])],
      [Uint8Array.of(0xab), 2n ** 70n],
      ['n', 7n],
    ]);
    expect(cborToJson(v)).toEqual({ '1': 'VN', '-260': { '1': { ver: '1.3.0', v: [{ dn: 2 }] } }, ab: 2n ** 70n, n: 7 });
  });

  it('keeps bytes and tags', () => {
    const out = cborToJson([Uint8Array.of(1), new Tagged(1004, new Map([[1, 2]]))]) as unknown[];
    expect(out[0]).toEqual(Uint8Array.of(1));
    expect(out[1]).toEqual(new Tagged(1004, { '1': 2 }));
  });

  it('agrees with JSON.parse for decoded JSON-like documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const json = JSON.parse(JSON.stringify(v)) as unknown;
        expect(cborToJson(decodeCbor(encodeCanonical(json), { alwaysMap: true }))).toEqual(json);
      }),
      { numRuns: 200 },
    );
  });
});
