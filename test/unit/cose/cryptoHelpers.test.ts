// shared/crypto helpers used by COSE and X.509: exact conversions, no Buffer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  compareBytes,
  concatBytes,
  ecdsaDerToRaw,
  ecdsaRawToDer,
  equalBytes,
  hexToBytes,
  sha256,
} from '../../../shared/crypto/crypto.js';
import { StationError } from '../../../shared/errors.js';

describe('hex and base64', () => {
  it('agree with Node Buffer on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(bytesToHex(b)).toBe(Buffer.from(b).toString('hex'));
        expect(bytesToBase64(b)).toBe(Buffer.from(b).toString('base64'));
        expect(hexToBytes(bytesToHex(b))).toEqual(b);
        expect(base64ToBytes(bytesToBase64(b))).toEqual(b);
        expect(base64ToBytes(Buffer.from(b).toString('base64url'))).toEqual(b);
      }),
    );
  });

  it('base64 ignores line breaks (PEM) and rejects foreign characters', () => {
    expect(base64ToBytes('AQID\nBA==\r\n')).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(() => base64ToBytes('AQ*D')).toThrow(StationError);
    expect(() => base64ToBytes('A')).toThrow(StationError);
  });

  it('hex rejects odd length and non-hex', () => {
    expect(hexToBytes('0aFF')).toEqual(Uint8Array.of(10, 255));
    expect(() => hexToBytes('abc')).toThrow(StationError);
    expect(() => hexToBytes('zz')).toThrow(StationError);
  });

  it('concat, equal, compare', () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
    expect(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBeLessThan(0);
    expect(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 0))).toBeGreaterThan(0);
  });

  it('sha256 of "abc" (FIPS 180-2 example)', async () => {
    expect(bytesToHex(await sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('ECDSA signature formats', () => {
  it('raw → DER → raw round-trips, with sign padding and leading zeros', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (raw) => {
        const der = ecdsaRawToDer(raw);
        expect(ecdsaDerToRaw(der, 32)).toEqual(raw);
      }),
    );
    const raw = new Uint8Array(64);
    raw[0] = 0x80; // needs a 00 sign byte
    raw[63] = 1; // s = 1 with 31 leading zeros
    expect(bytesToHex(ecdsaRawToDer(raw))).toBe('3026022100' + '80' + '00'.repeat(31) + '020101');
  });

  it('DER from WebCrypto-equivalent OpenSSL signatures converts for P-384 width too', () => {
    const raw = new Uint8Array(96).fill(0x7f);
    expect(ecdsaDerToRaw(ecdsaRawToDer(raw), 48)).toEqual(raw);
  });

  it('malformed DER is ECDSA_SIGNATURE_INVALID', () => {
    for (const hex of ['', '30', '3006020101020101ff', '3003020101', '300602010102', '31060201010201 01', '3008020900' + 'ff'.repeat(8) + '020101']) {
      expect(() => ecdsaDerToRaw(hexToBytes(hex.replace(/ /g, '')), 4)).toThrow(expect.objectContaining({ code: 'ECDSA_SIGNATURE_INVALID' }));
    }
  });
});
