// What the station says about a code it cannot read names the actual cause (probe 24): a
// lower-case prefix (still refused: docs/decisions.md), data compressed another way, a kid written as text, a private key or a CSR
// given as the trust file, two codes in one file, and a schema rule in words, not a regex.
import { deflate, deflateRaw, gzip } from 'pako';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../../shared/cbor/cbor.js';
import { signSign1, webCryptoSigner } from '../../../shared/cose/index.js';
import { base45Encode } from '../../../shared/dcc/base45.js';
import { encodeHc1, stripHc1Prefix } from '../../../shared/dcc/hc1.js';
import { validateDccPayload } from '../../../shared/dcc/schema.js';
import { parseTrustFile, trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import { StationError } from '../../../shared/errors.js';
import { createDccChain, type IssuedCert } from '../../fixtures/pki.js';

const now = Math.floor(Date.now() / 1000);
const PAYLOAD = {
  ver: '1.3.0',
  nam: { fn: 'Trần', fnt: 'TRAN', gn: 'Bình', gnt: 'BINH' },
  dob: '1990-05-04',
  v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2021-10-01', co: 'VN', is: 'BYT', ci: 'URN:UVCI:01:VN:WORDS1' }],
};
const claims = encodeCanonical(new Map<number, unknown>([[1, 'VN'], [4, now + 86400 * 30], [6, now], [-260, new Map([[1, PAYLOAD]])]]));

let dsc: IssuedCert;
let trust: TrustEntry;
let valid: string;
let cose: Uint8Array;
beforeAll(async () => {
  ({ dsc } = await createDccChain('EC'));
  trust = await trustEntryFromCertificate(dsc.der);
  valid = await encodeHc1({ payload: PAYLOAD, signer: webCryptoSigner(dsc.keys.privateKey, -7), kid: trust.kid, iss: 'VN', iat: now, exp: now + 86400 * 30 });
  cose = await signSign1({ protectedHeader: new Map<number, unknown>([[1, -7], [4, trust.kid]]), payload: claims, signer: webCryptoSigner(dsc.keys.privateKey, -7) });
});
const verify = (text: string) => verifyHc1(text, { trust: [trust], at: new Date() });
const thrown = (fn: () => unknown): StationError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof StationError) return err;
    throw err;
  }
  throw new Error('did not throw');
};

describe('transport', () => {
  it('a code retyped in lower case is said to have a lower-case prefix, not a missing one', async () => {
    // Only the prefix in lower case is read (pastedText.test.ts); retyped whole, the code is not.
    const report = await verify(valid.toLowerCase());
    expect(report.errors.map((e) => e.code)).toEqual(['HC1_PREFIX_MISSING']);
    expect(report.errors[0]!.message_en).toContain('lower case');
    expect(report.errors[0]!.message_en).not.toContain('not an EU DCC');
    expect(report.errors[0]!.message_vi).toContain('chữ thường');
  });

  it('data compressed as gzip or raw DEFLATE says so, not that it is not compressed', async () => {
    const gz = (await verify('HC1:' + base45Encode(gzip(cose)))).errors[0]!;
    expect(gz.code).toBe('ZLIB_INVALID');
    expect(gz.message_en).toContain('gzip');
    expect(gz.message_en).not.toContain('not compressed');
    const raw = (await verify('HC1:' + base45Encode(deflateRaw(cose)))).errors[0]!;
    expect(raw.message_en).toContain('raw DEFLATE');
    expect(raw.message_vi).toContain('DEFLATE');
    // Uncompressed COSE (vector Z2) is still "not compressed".
    expect((await verify('HC1:' + base45Encode(cose))).errors[0]!.message_en).toContain('not compressed');
  });

  it('a kid written as a text string is said to be text, not missing', async () => {
    const textKid = await signSign1({ protectedHeader: new Map<number, unknown>([[1, -7], [4, 'DSC-VN-01']]), payload: claims, signer: webCryptoSigner(dsc.keys.privateKey, -7) });
    const report = await verify('HC1:' + base45Encode(deflate(textKid)));
    const kid = report.errors.find((e) => e.code.startsWith('KID_'))!;
    expect(kid.code).toBe('KID_INVALID');
    expect(kid.message_en).toContain('text');
    expect(kid.message_en).toContain('"DSC-VN-01"');
    expect(kid.message_en).not.toContain('missing');
  });

  it('two codes in one text file, one per line, are said to be two codes', () => {
    const err = thrown(() => stripHc1Prefix(`${valid}\r\n${valid}\n`));
    expect(err.code).toBe('HC1_SEVERAL_CODES');
    expect(err.messageEn).toContain('2 HC1 codes');
    expect(err.messageVi).toContain('2 mã HC1');
  });
});

describe('trust files', () => {
  it('a private key or a CSR in PEM is named, and a certificate asked for', async () => {
    const privatePem = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
    const csrPem = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA==\n-----END CERTIFICATE REQUEST-----\n';
    const key = await parseTrustFile(new TextEncoder().encode(privatePem)).catch((e: StationError) => e);
    expect(key).toBeInstanceOf(StationError);
    expect((key as StationError).messageEn).toContain('private key');
    expect((key as StationError).messageEn).toContain('BEGIN CERTIFICATE');
    expect((key as StationError).messageVi).toContain('khóa bí mật');
    const csr = await parseTrustFile(new TextEncoder().encode(csrPem)).catch((e: StationError) => e);
    expect((csr as StationError).messageEn).toContain('certificate signing request');
    expect((csr as StationError).messageEn).not.toContain('neither JSON');
  });
});

describe('schema rules in words', () => {
  const messages = (over: Record<string, unknown>) => validateDccPayload({ ...PAYLOAD, ...over }).map((f) => [f.message_vi, f.message_en]).flat();
  it('a date of birth outside the pattern says what a date of birth looks like', () => {
    const m = messages({ dob: '18xx' });
    expect(m.join(' ')).not.toMatch(/[\^$\\]|\(19\|20\)/);
    expect(m[1]).toContain('YYYY-MM-DD');
    expect(m[1]).toContain('1900');
  });
  it('a lower-case transliteration says capital letters A–Z and <', () => {
    const m = messages({ nam: { fnt: 'tran', gnt: 'BINH' } });
    expect(m.join(' ')).not.toContain('^');
    expect(m[1]).toContain('capital letters A–Z');
    expect(m[0]).toContain('chữ in hoa');
  });
});
