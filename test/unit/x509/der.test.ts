// DER reader and writer: exact encodings (X.690), and bad input only ever as DER_INVALID/CERT_INVALID.
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../shared/crypto/crypto.js';
import { StationError } from '../../../shared/errors.js';
import { TAG, children, decodeInteger, decodeOid, decodeString, decodeTime, readSingle, readTlv } from '../../../shared/x509/der.js';
import {
  bitString,
  bmpString,
  explicit,
  generalizedTime,
  implicit,
  int,
  octetString,
  oid,
  printableString,
  seq,
  set,
  tlv,
  utcTime,
  utf8String,
  x509Time,
} from '../../../shared/x509/derWriter.js';
import { parseCertificate } from '../../../shared/x509/x509.js';
import { createCertificate, generateKeyPair } from '../../fixtures/pki.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof StationError ? e.code : `raw ${String(e)}`;
  }
};

describe('DER writer: exact encodings', () => {
  it('INTEGER is minimal two’s complement', () => {
    expect(bytesToHex(int(0))).toBe('020100');
    expect(bytesToHex(int(127))).toBe('02017f');
    expect(bytesToHex(int(128))).toBe('02020080');
    expect(bytesToHex(int(256))).toBe('02020100');
    expect(bytesToHex(int(-1))).toBe('0201ff');
    expect(bytesToHex(int(-128))).toBe('020180');
    expect(bytesToHex(int(-129))).toBe('0202ff7f');
    expect(bytesToHex(int(Uint8Array.of(0, 0, 0x80)))).toBe('02020080');
  });

  it('OID (X.690 §8.19)', () => {
    expect(bytesToHex(oid('1.2.840.10045.2.1'))).toBe('06072a8648ce3d0201');
    expect(bytesToHex(oid('2.5.29.37'))).toBe('0603551d25');
    expect(bytesToHex(oid('1.3.6.1.4.1.1847.2021.1.2'))).toBe('060b2b060104018e378f650102');
    expect(code(() => oid('1'))).toBe('DER_INVALID');
    expect(code(() => oid('1.2.x'))).toBe('DER_INVALID');
  });

  it('long lengths, SET OF sorting, tagging', () => {
    expect(bytesToHex(octetString(new Uint8Array(200))).slice(0, 6)).toBe('0481c8');
    expect(bytesToHex(octetString(new Uint8Array(300))).slice(0, 8)).toBe('0482012c');
    expect(bytesToHex(set(int(2), int(1)))).toBe('3106020101020102');
    expect(bytesToHex(explicit(0, int(2)))).toBe('a003020102');
    expect(bytesToHex(implicit(0, octetString(Uint8Array.of(1))))).toBe('800101');
    expect(bytesToHex(implicit(1, seq(int(1))))).toBe('a103020101');
    expect(bytesToHex(bitString(Uint8Array.of(0x80), 7))).toBe('03020780');
  });

  it('times: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    const d = new Date('2049-12-31T23:59:59Z');
    expect(new TextDecoder().decode(x509Time(d).subarray(2))).toBe('491231235959Z');
    expect(bytesToHex(x509Time(d))).toBe(bytesToHex(utcTime(d)));
    expect(x509Time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(TAG.GENERALIZED_TIME);
    expect(x509Time(new Date('1949-12-31T00:00:00Z'))[0]).toBe(TAG.GENERALIZED_TIME);
  });

  it('PrintableString refuses characters outside its set', () => {
    expect(code(() => printableString('Hồ'))).toBe('DER_INVALID');
    expect(code(() => printableString('a@b'))).toBe('DER_INVALID');
  });
});

describe('DER reader', () => {
  it('round-trips integers, OIDs, strings and times (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), (n) => {
        expect(decodeInteger(readSingle(int(n)).value)).toBe(n);
      }),
    );
    const arcs = fc.tuple(fc.constantFrom(0, 1, 2), fc.nat(39), fc.array(fc.bigInt({ min: 0n, max: 2n ** 70n }), { maxLength: 8 }));
    fc.assert(
      fc.property(arcs, ([a, b, rest]) => {
        const dotted = [a, b, ...rest].join('.');
        expect(decodeOid(readSingle(oid(dotted)).value)).toBe(dotted);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(decodeString(readSingle(utf8String(s)))).toBe(s);
      }),
    );
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
        expect(decodeTime(readSingle(x509Time(whole)))).toEqual(whole);
        expect(decodeTime(readSingle(generalizedTime(whole)))).toEqual(whole);
      }),
    );
  });

  it('decodes the string types Vietnamese CA certificates use', () => {
    expect(decodeString(readSingle(bmpString('Bộ Y tế')))).toBe('Bộ Y tế');
    expect(decodeString(readSingle(hexToBytes('0c0a4de1bb99742068616920')))).toBe('Một hai ');
    expect(decodeString(readSingle(hexToBytes('1403e9e8e0')))).toBe('éèà'); // TeletexString as Latin-1
    expect(decodeString(readSingle(hexToBytes('1c080000004100001ea1')))).toBe('Aạ'); // UniversalString
    expect(decodeString(readSingle(hexToBytes('020101')))).toBeNull();
    expect(code(() => decodeString(readSingle(hexToBytes('0c01ff'))))).toBe('DER_INVALID');
    expect(code(() => decodeString(readSingle(hexToBytes('1e0100'))))).toBe('DER_INVALID');
  });

  it('a TeletexString is its UTF-8 when its bytes are UTF-8 with a character past ASCII, else Latin-1', () => {
    const t61 = (bytes: Uint8Array) => decodeString(readSingle(tlv(TAG.TELETEX_STRING, bytes)));
    expect(t61(new TextEncoder().encode('Quận Một'))).toBe('Quận Một');
    expect(t61(hexToBytes('436166e9'))).toBe('Café'); // é alone (0xe9) is no UTF-8: Latin-1
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (s) => {
        expect(t61(new TextEncoder().encode(s))).toBe(s);
      }),
    );
    // Latin-1 text that is not UTF-8 stays Latin-1 (a byte 0x80–0xFF with no valid continuation).
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        const latin1 = String.fromCharCode(...bytes);
        let utf8: string | null = null;
        try {
          utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          // not UTF-8
        }
        expect(t61(bytes)).toBe(utf8 ?? latin1);
      }),
    );
  });

  it('times with offsets and without seconds (old certificates)', () => {
    expect(decodeTime(readSingle(hexToBytes('170d3231303130313030303030305a')))).toEqual(new Date('2021-01-01T00:00:00Z'));
    const tlv = (s: string, tag: number) => readSingle(Uint8Array.of(tag, s.length, ...new TextEncoder().encode(s)));
    expect(decodeTime(tlv('2101010700+0700', TAG.UTC_TIME))).toEqual(new Date('2021-01-01T00:00:00Z'));
    expect(decodeTime(tlv('20210101000000.5Z', TAG.GENERALIZED_TIME))).toEqual(new Date('2021-01-01T00:00:00.500Z'));
    expect(decodeTime(tlv('500101000000Z', TAG.UTC_TIME)).getUTCFullYear()).toBe(1950);
    expect(code(() => decodeTime(tlv('2021-01-01', TAG.UTC_TIME)))).toBe('DER_INVALID');
  });

  it('refuses truncation, indefinite length, trailing bytes, high tags', () => {
    expect(code(() => readTlv(hexToBytes('30')))).toBe('DER_INVALID');
    expect(code(() => readTlv(hexToBytes('3005020101')))).toBe('DER_INVALID');
    expect(code(() => readTlv(hexToBytes('3080020101' + '0000')))).toBe('DER_INVALID');
    expect(code(() => readTlv(hexToBytes('3085ffffffffff')))).toBe('DER_INVALID');
    expect(code(() => readSingle(hexToBytes('02010100')))).toBe('DER_INVALID');
    expect(code(() => readTlv(hexToBytes('1f0100')))).toBe('DER_INVALID');
    expect(code(() => children(readSingle(hexToBytes('0201ff'))))).toBe('DER_INVALID');
    expect(code(() => children(readSingle(hexToBytes('30030201'))))).toBe('DER_INVALID');
  });
});

describe('parseCertificate on bad input', () => {
  it('garbage, truncation and corruption give CERT_INVALID and nothing else', async () => {
    const { der } = await createCertificate({ subject: [{ attr: 'CN', value: 'x' }], keys: await generateKeyPair('EC') });
    const onlyCertInvalid = (bytes: Uint8Array) => {
      const c = code(() => parseCertificate(bytes));
      if (c !== null) expect(c).toBe('CERT_INVALID');
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), onlyCertInvalid), { numRuns: 500 });
    fc.assert(
      fc.property(fc.nat(), fc.nat(255), (at, byte) => {
        onlyCertInvalid(der.subarray(0, at % der.length));
        const b = der.slice();
        b[at % b.length] = byte;
        onlyCertInvalid(b);
      }),
      { numRuns: 1000 },
    );
  });

  it('an outer signature algorithm that differs from the signed one is refused (RFC 5280 §4.1.1.2)', async () => {
    const { der, cert } = await createCertificate({ subject: [{ attr: 'CN', value: 'x' }], keys: await generateKeyPair('EC') });
    const [tbs, , sig] = children(readSingle(der));
    const swapped = seq(tbs!.raw, seq(oid('1.2.840.10045.4.3.3')), sig!.raw);
    expect(cert.signatureAlgorithm).toBe('1.2.840.10045.4.3.2');
    expect(code(() => parseCertificate(swapped))).toBe('CERT_INVALID');
    expect(() => new X509Certificate(Buffer.from(der))).not.toThrow();
  });

  it('reports the DER reason inside the error details', () => {
    try {
      parseCertificate(hexToBytes('3003020101'));
      expect.unreachable();
    } catch (e) {
      expect((e as StationError).details).toMatchObject({ cause: { code: 'DER_INVALID' } });
    }
  });
});

