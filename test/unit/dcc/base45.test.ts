// Base45 (RFC 9285): the RFC examples, agreement with the `base45` package, round trips for any
// bytes, and for any garbage text either a correct decode or StationError BASE45_INVALID.
import base45 from 'base45';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from '../../../shared/dcc/base45.js';
import { StationError } from '../../../shared/errors.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base45', () => {
  it('encodes the RFC 9285 §4.3 examples', () => {
    expect(base45Encode(utf8('AB'))).toBe('BB8');
    expect(base45Encode(utf8('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(utf8('base-45'))).toBe('UJCLQE7W581');
    expect(base45Encode(new Uint8Array())).toBe('');
  });

  it('decodes the RFC 9285 §4.4 example', () => {
    expect(new TextDecoder().decode(base45Decode('QED8WEX0'))).toBe('ietf!');
  });

  it('round-trips any bytes and matches the base45 package', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const text = base45Encode(bytes);
        expect(text).toBe(base45.encode(bytes));
        expect(base45Decode(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('decoding garbage either succeeds (and re-encodes identically) or throws BASE45_INVALID, nothing else', () => {
    const garbage = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom(...ALPHABET, 'a', '~', '\n', 'é'), maxLength: 40 }));
    fc.assert(
      fc.property(garbage, (text) => {
        let bytes: Uint8Array;
        try {
          bytes = base45Decode(text);
        } catch (err) {
          expect(err).toBeInstanceOf(StationError);
          expect((err as StationError).code).toBe('BASE45_INVALID');
          expect((err as StationError).details).toMatchObject({ position: expect.any(Number) });
          return;
        }
        expect(base45Encode(bytes)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports the position of a bad character, a bad length and an out-of-range group', () => {
    const at = (text: string) => {
      try {
        base45Decode(text);
      } catch (err) {
        return [(err as StationError).code, ((err as StationError).details as { position: number }).position];
      }
      return null;
    };
    expect(at('BB8BB~')).toEqual(['BASE45_INVALID', 5]);
    expect(at('BB8B')).toEqual(['BASE45_INVALID', 3]);
    expect(at('BB8GGW')).toEqual(['BASE45_INVALID', 3]); // 16 + 16·45 + 32·2025 = 65536
    expect(at('BB8:6')).toEqual(['BASE45_INVALID', 3]); // a last pair above 255
  });
});
