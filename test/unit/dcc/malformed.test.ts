// Every kind of broken HC1 input gets its own stable code on the step where it breaks, and
// verifyHc1 never throws (DESIGN §9).
import { deflate } from 'pako';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tagged, encodeCanonical } from '../../../shared/cbor/cbor.js';
import { signSign1, webCryptoSigner } from '../../../shared/cose/index.js';
import { base45Encode } from '../../../shared/dcc/base45.js';
import { encodeHc1 } from '../../../shared/dcc/hc1.js';
import { trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import type { StepName } from '../../../shared/dcc/report.js';
import { OID } from '../../../shared/x509/x509.js';
import { readSingle, children } from '../../../shared/x509/der.js';
import { oid, seq, tlv } from '../../../shared/x509/derWriter.js';
import { createCertificate, createDccChain, generateKeyPair, type IssuedCert } from '../../fixtures/pki.js';

const DAY = 86400_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const iat = new Date(now);
const exp = new Date(now + 200 * DAY);
const at = new Date(now + DAY);

const PAYLOAD = {
  ver: '1.3.0',
  nam: { fn: 'Trần', fnt: 'TRAN', gn: 'Văn Bình', gnt: 'VAN<BINH' },
  dob: '1990',
  v: [
    {
      tg: '840539006',
      vp: '1119349007',
      mp: 'EU/1/20/1528',
      ma: 'ORG-100030215',
      dn: 2,
      sd: 2,
      dt: '2021-10-01',
      co: 'VN',
      is: 'Bộ Y tế Việt Nam',
      ci: 'URN:UVCI:01:VN:TEST0001',
    },
  ],
};

let dsc: IssuedCert;
let trust: TrustEntry;
let valid: string;

const hc1Of = (cose: Uint8Array) => 'HC1:' + base45Encode(deflate(cose));
const claims = (extra: [number, unknown][] = [[-260, new Map([[1, PAYLOAD]])]]) =>
  encodeCanonical(new Map<number, unknown>([[1, 'VN'], [4, exp.getTime() / 1000], [6, iat.getTime() / 1000], ...extra]));

function issue(payload: Record<string, unknown> = PAYLOAD, over: Partial<Parameters<typeof encodeHc1>[0]> = {}) {
  return encodeHc1({ payload, signer: webCryptoSigner(dsc.keys.privateKey, -7), kid: trust.kid, iss: 'VN', iat, exp, ...over });
}

beforeAll(async () => {
  ({ dsc } = await createDccChain('EC'));
  trust = await trustEntryFromCertificate(dsc.der);
  valid = await issue();
});

async function expectFailure(text: string, step: StepName, code: string, opts: { trust?: TrustEntry[]; at?: Date } = {}) {
  const report = await verifyHc1(text, { trust: opts.trust ?? [trust], at: opts.at ?? at });
  expect(report.valid).toBe(false);
  expect(report.steps[step]).toBe(false);
  expect(report.errors.map((e) => e.code)).toContain(code);
  for (const e of report.errors) {
    expect(e.message_vi).toBeTruthy();
    expect(e.message_en).toBeTruthy();
  }
  return report;
}

describe('the valid reference certificate', () => {
  it('verifies, so that each case below fails only for its own defect', async () => {
    const report = await verifyHc1(valid, { trust: [trust], at });
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('verifies wrapped over lines, as a code pasted into an e-mail or a text file is', async () => {
    for (const eol of ['\n', '\r\n']) {
      const wrapped = valid.match(/.{1,76}/g)!.join(eol);
      expect(wrapped).toContain(eol);
      expect((await verifyHc1(wrapped, { trust: [trust], at })).valid).toBe(true);
    }
  });

  it('verifies with invisible characters a chat app leaves in copied text (probe 18)', async () => {
    const pasted = `\u200b${valid.slice(0, 40)}\u200b${valid.slice(40, 90)}\u2060\u200e${valid.slice(90)}\ufeff`;
    expect((await verifyHc1(pasted, { trust: [trust], at })).valid).toBe(true);
  });
});

describe('transport defects stop the pipeline at their step', () => {
  const cases: [string, () => string, StepName, string][] = [
    ['empty input', () => '', 'prefix', 'INPUT_EMPTY'],
    ['only whitespace', () => ' \r\n\t', 'prefix', 'INPUT_EMPTY'],
    ['wrong context HC2:', () => 'HC2:' + valid.slice(4), 'prefix', 'HC1_PREFIX_MISSING'],
    // Only the prefix in lower case is read (test/unit/dcc/pastedText.test.ts); a code retyped whole in lower case is not.
    ['lower-case code hc1:…', () => 'hc1:' + valid.slice(4).toLowerCase(), 'prefix', 'HC1_PREFIX_MISSING'],
    ['no prefix, only base45', () => valid.slice(4), 'prefix', 'HC1_PREFIX_MISSING'],
    ['huge input (1 MB)', () => 'HC1:' + 'A'.repeat(1 << 20), 'prefix', 'INPUT_TOO_LARGE'],
    ['a tab inside', () => valid.slice(0, 41) + '\t' + valid.slice(41), 'base45', 'BASE45_INVALID'],
    ['a character outside base45', () => valid.slice(0, 30) + '~' + valid.slice(31), 'base45', 'BASE45_INVALID'],
    ['lower-case base45', () => 'HC1:' + valid.slice(4).toLowerCase(), 'base45', 'BASE45_INVALID'],
    ['truncated to length 3n+1', () => valid.slice(0, 4 + 3 * 50 + 1), 'base45', 'BASE45_INVALID'],
    ['triplet above 65535 (":::")', () => 'HC1:' + ':::', 'base45', 'BASE45_INVALID'],
    ['truncated on a group boundary', () => valid.slice(0, 4 + 3 * 60), 'zlib', 'ZLIB_INVALID'],
    ['valid base45, not zlib', () => 'HC1:' + base45Encode(new TextEncoder().encode('not compressed at all')), 'zlib', 'ZLIB_INVALID'],
    ['zlib header, garbage body', () => 'HC1:' + base45Encode(new Uint8Array([0x78, 0xda, 1, 2, 3, 4, 5, 6, 7, 8, 9])), 'zlib', 'ZLIB_INVALID'],
    ['uncompressed COSE (vector Z2)', () => 'HC1:' + base45Encode(new Uint8Array([0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40])), 'zlib', 'ZLIB_INVALID'],
    ['zlib bomb (2 MB of zeros)', () => 'HC1:' + base45Encode(deflate(new Uint8Array(2 << 20), { level: 9 })), 'zlib', 'INPUT_TOO_LARGE'],
    ['zlib of random bytes', () => hc1Of(Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff | 0x1c)), 'cose', 'COSE_INVALID'],
    ['CBOR but not COSE', () => hc1Of(encodeCanonical({ hello: 'world' })), 'cose', 'COSE_INVALID'],
    ['COSE array of 3', () => hc1Of(encodeCanonical(new Tagged(18, [new Uint8Array(0), new Map(), new Uint8Array(1)]))), 'cose', 'COSE_INVALID'],
  ];
  it.each(cases)('%s', async (_name, make, step, code) => {
    const report = await expectFailure(make(), step, code);
    expect(report.payload).toBeNull();
    expect(report.errors).toHaveLength(1);
  });
});

// Probe 19: the verify screen said "Dữ liệu nén zlib không hợp lệ: không giải nén được (buffer
// error)", zlib's English reason in the Vietnamese text. It stays in the English one.
it('a code that does not inflate says why in Vietnamese without zlib’s English reason', async () => {
  const [error] = (await expectFailure('HC1:' + base45Encode(new Uint8Array([0x78, 0xda, 1, 2, 3, 4, 5, 6, 7, 8, 9])), 'zlib', 'ZLIB_INVALID')).errors;
  expect(error!.message_vi).toBe('Dữ liệu nén zlib không hợp lệ: không giải nén được (dữ liệu nén bị hỏng)');
  expect(error!.message_en).toMatch(/^Invalid zlib-compressed data: cannot inflate \(.+\)$/);
});

// A code copied or scanned in part ended in "cannot inflate (buffer error)", as if damaged: it
// says it is cut short, and what to do, at every length the cut can leave a readable Base45.
it('a code cut short says so, with what to do, wherever it is cut', async () => {
  let seen = 0;
  for (let groups = 4; 4 + 3 * groups < valid.length - 3; groups += 17) {
    const [error] = (await expectFailure(valid.slice(0, 4 + 3 * groups), 'zlib', 'ZLIB_INVALID')).errors;
    expect(error!.message_vi).toContain('mã bị cắt ngắn');
    expect(error!.message_en).toContain('the code is cut short');
    expect(error!.message_en).toContain('Scan the whole QR code again');
    seen++;
  }
  expect(seen).toBeGreaterThan(3);
  // Cut one character past a group: no Base45 text has that length.
  const [error] = (await expectFailure(valid.slice(0, 4 + 3 * 60 + 1), 'base45', 'BASE45_INVALID')).errors;
  expect(error!.message_vi).toContain('mã có thể bị cắt ngắn');
  expect(error!.message_en).toContain('the code may be cut short');
});

describe('COSE and CWT content defects', () => {
  async function signed(payload: Uint8Array, protectedHeader = new Map<number, unknown>([[4, trust.kid]])) {
    return hc1Of(await signSign1({ protectedHeader, payload, signer: webCryptoSigner(dsc.keys.privateKey, -7) }));
  }

  it('COSE whose payload is not a CWT claims map → CWT_INVALID', async () => {
    await expectFailure(await signed(encodeCanonical('just a string')), 'cose', 'CWT_INVALID');
  });

  it('CWT without the hcert claim -260 → CWT_INVALID', async () => {
    await expectFailure(await signed(claims([])), 'cose', 'CWT_INVALID');
  });

  it('hcert -260 whose key 1 is a byte string, not a DCC (vector CBO1) → CWT_INVALID', async () => {
    await expectFailure(await signed(claims([[-260, new Map([[1, new Uint8Array([0xff, 0xff])]])]])), 'cose', 'CWT_INVALID');
  });

  it('exp that is not a NumericDate → CWT_INVALID', async () => {
    const bad = encodeCanonical(new Map<number, unknown>([[1, 'VN'], [4, 'tomorrow'], [6, 1], [-260, new Map([[1, PAYLOAD]])]]));
    await expectFailure(await signed(bad), 'cose', 'CWT_INVALID');
  });

  it('an algorithm other than ES256/PS256 → ALG_UNSUPPORTED, payload still shown', async () => {
    const protectedBytes = encodeCanonical(new Map<number, unknown>([[1, -35], [4, trust.kid]]));
    const cose = encodeCanonical(new Tagged(18, [protectedBytes, new Map(), claims(), new Uint8Array(96)]));
    const report = await expectFailure(hc1Of(cose), 'cose', 'ALG_UNSUPPORTED');
    expect(report.payload).toEqual(PAYLOAD);
    expect(report.steps.signature).toBeNull();
  });

  it('no kid in either header → KID_MISSING', async () => {
    await expectFailure(await signed(claims(), new Map()), 'kid', 'KID_MISSING');
  });
});

describe('trust, signature, time and key-usage defects', () => {
  it('a kid that is not in the trust list → KID_UNKNOWN, signature not reached', async () => {
    const report = await expectFailure(valid, 'kid', 'KID_UNKNOWN', { trust: [] });
    expect(report.steps.signature).toBeNull();
  });

  it('a kid that no entry of a non-empty list has → KID_UNKNOWN, even when a listed DSC signed it', async () => {
    // The kid names the DSC (hcert spec §3.3.1): a code whose kid is not listed is not checked
    // against the other DSCs, and the clinic is told to update its trust list, not "forged".
    const unlisted = await issue(PAYLOAD, { kid: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) });
    const report = await expectFailure(unlisted, 'kid', 'KID_UNKNOWN', { trust: [trust] });
    expect(report.steps.signature).toBeNull();
  });

  it('a flipped signature bit → SIGNATURE_INVALID', async () => {
    const { decodeHc1 } = await import('../../../shared/dcc/hc1.js');
    const { sign1 } = decodeHc1(valid);
    const sig = sign1.signature.slice();
    sig[10]! ^= 1;
    const cose = encodeCanonical(new Tagged(18, [sign1.protectedBytes, sign1.unprotectedHeader, sign1.payload, sig]));
    await expectFailure(hc1Of(cose), 'signature', 'SIGNATURE_INVALID');
  });

  it('another key published under the same kid → SIGNATURE_INVALID', async () => {
    const other = await createDccChain('EC');
    const impostor: TrustEntry = { kid: trust.kid, certificate: other.dsc.cert };
    await expectFailure(valid, 'signature', 'SIGNATURE_INVALID', { trust: [impostor] });
  });

  it('a kid collision is resolved by trying every DSC with that kid', async () => {
    const other = await createDccChain('EC');
    const report = await verifyHc1(valid, { trust: [{ kid: trust.kid, certificate: other.dsc.cert }, trust], at });
    expect(report.valid).toBe(true);
  });

  it('validation clock before iat → CWT_NOT_YET_VALID', async () => {
    await expectFailure(valid, 'expiry', 'CWT_NOT_YET_VALID', { at: new Date(now - DAY) });
  });

  it('validation clock after exp → CWT_EXPIRED', async () => {
    await expectFailure(valid, 'expiry', 'CWT_EXPIRED', { at: new Date(now + 201 * DAY) });
  });

  it('exp beyond the DSC notAfter → DSC_NOT_VALID', async () => {
    const late = await issue(PAYLOAD, { exp: new Date(now + 400 * DAY) });
    await expectFailure(late, 'expiry', 'DSC_NOT_VALID');
  });

  it('a DSC limited to test certificates signing a vaccination → KEY_USAGE_MISMATCH', async () => {
    const keys = await generateKeyPair('EC');
    const testOnly = await createCertificate({ subject: [{ attr: 'CN', value: 'DSC test only' }], keys, extKeyUsage: [OID.dccTest] });
    const entry = await trustEntryFromCertificate(testOnly.der);
    const hc1 = await encodeHc1({ payload: PAYLOAD, signer: webCryptoSigner(keys.privateKey, -7), kid: entry.kid, iss: 'VN', iat, exp });
    const report = await expectFailure(hc1, 'keyUsage', 'KEY_USAGE_MISMATCH', { trust: [entry] });
    expect(report.steps.signature).toBe(true);
    const error = report.errors.find((e) => e.code === 'KEY_USAGE_MISMATCH')!;
    expect([error.message_vi, error.message_en]).toEqual([expect.stringContaining('chứng nhận tiêm chủng (v)'), expect.stringContaining('a vaccination (v) certificate')]);
  });
});

describe('document signers whose key WebCrypto reads another way, or cannot use', () => {
  /** The RSA key's SPKI published as id-RSASSA-PSS (RFC 4055), with these parameters (none: any PSS). */
  function pssSpki(rsaSpki: Uint8Array, params?: Uint8Array): Uint8Array {
    const [, bits] = children(readSingle(rsaSpki));
    return seq(params ? seq(oid(OID.rsassaPss), params) : seq(oid(OID.rsassaPss)), bits!.raw);
  }
  /** RSASSA-PSS-params naming `hashOid` for the hash and MGF1 (RFC 4055 §3.1). */
  const pssParams = (hashOid: string) => seq(tlv(0xa0, seq(oid(hashOid))), tlv(0xa1, seq(oid(OID.mgf1), seq(oid(hashOid)))), tlv(0xa2, Uint8Array.of(2, 1, 32)));

  async function dscWith(spkiOf: (keys: Awaited<ReturnType<typeof generateKeyPair>>) => Uint8Array, type: 'EC' | 'RSA') {
    const keys = await generateKeyPair(type);
    const cert = await createCertificate({ subject: [{ attr: 'CN', value: 'DSC' }], keys: { ...keys, spki: spkiOf(keys) } });
    return { keys, entry: await trustEntryFromCertificate(cert.der) };
  }

  it('an RSA key published as id-RSASSA-PSS verifies PS256 (no parameters, or SHA-256 ones)', async () => {
    for (const params of [undefined, pssParams(OID.sha256)]) {
      const { keys, entry } = await dscWith((k) => pssSpki(k.spki, params), 'RSA');
      const hc1 = await encodeHc1({ payload: PAYLOAD, signer: webCryptoSigner(keys.privateKey, -37), kid: entry.kid, iss: 'VN', iat, exp });
      const report = await verifyHc1(hc1, { trust: [entry], at });
      expect(report.errors).toEqual([]);
      expect(report.valid).toBe(true);
    }
  });

  it('a key that cannot be used with the alg → KEY_ALG_MISMATCH naming both, not "the signature is invalid"', async () => {
    const sha384 = await dscWith((k) => pssSpki(k.spki, pssParams(OID.sha384)), 'RSA');
    const pss384 = await encodeHc1({ payload: PAYLOAD, signer: webCryptoSigner(sha384.keys.privateKey, -37), kid: sha384.entry.kid, iss: 'VN', iat, exp });
    const r1 = await expectFailure(pss384, 'signature', 'KEY_ALG_MISMATCH', { trust: [sha384.entry] });
    expect(r1.errors[0]!.message_en).toContain('PS256 with an RSA 2048 bit key');

    // An RSA document signer named by the kid of a code signed ES256 (by some other EC key).
    const rsa = await dscWith((k) => k.spki, 'RSA');
    const ec = await generateKeyPair('EC');
    const es256 = await encodeHc1({ payload: PAYLOAD, signer: webCryptoSigner(ec.privateKey, -7), kid: rsa.entry.kid, iss: 'VN', iat, exp });
    const r2 = await expectFailure(es256, 'signature', 'KEY_ALG_MISMATCH', { trust: [rsa.entry] });
    expect([r2.errors[0]!.message_vi, r2.errors[0]!.message_en]).toEqual([expect.stringContaining('ES256 với khóa RSA 2048 bit'), expect.stringContaining('ES256 with an RSA 2048 bit key')]);
  });
});

describe('payload defects', () => {
  it('nam.fnt missing and a lower-case gnt → SCHEMA_INVALID with paths', async () => {
    const report = await expectFailure(await issue({ ...PAYLOAD, nam: { fn: 'Trần', gnt: 'van<binh' } }), 'schema', 'SCHEMA_INVALID');
    expect(report.errors.map((e) => e.path)).toEqual(['nam.fnt', 'nam.gnt']);
    expect(report.steps.signature).toBe(true);
  });

  it('an mp that is not in the EU value set → VALUESET_UNKNOWN', async () => {
    const v = [{ ...PAYLOAD.v[0]!, mp: 'Inactivated-SARS-CoV-2-Vero-Cell-XX' }];
    const report = await expectFailure(await issue({ ...PAYLOAD, v }), 'schema', 'VALUESET_UNKNOWN');
    expect(report.errors).toEqual([expect.objectContaining({ code: 'VALUESET_UNKNOWN', path: 'v[0].mp' })]);
  });
});

describe('payloads JSON cannot carry, and payloads of many entries (probe 15: a 157-character QR crashed the browser host)', () => {
  it('an integer beyond 2^53, a byte string, a tag → SCHEMA_INVALID naming each; the report is JSON', async () => {
    const odd = { ...PAYLOAD, x: 2n ** 64n - 1n, y: new Uint8Array([1, 2]), z: new Tagged(1, 5) };
    const report = await expectFailure(await issue(odd as never), 'schema', 'SCHEMA_INVALID');
    expect(report.steps.signature).toBe(true);
    expect(report.errors.filter((e) => /not a JSON value/.test(e.message_en)).map((e) => e.path)).toEqual(['x', 'y', 'z']);
    expect(report.errors[0]!.message_vi).toContain('không phải giá trị JSON');
    const wire = JSON.parse(JSON.stringify(report)) as { payload: Record<string, unknown> };
    expect(wire.payload).toMatchObject({ x: '18446744073709551615', y: '0102', z: 5, dob: '1990' });
  });

  it('the dates of a test in CBOR tag 0 (date-time text), as Sweden, Hungary and Romania issued them, are that text; tag 0 around a number is not', async () => {
    const test = { tg: '840539006', tt: 'LP217198-3', ma: '1232', tr: '260415000', tc: 'Testcenter', co: 'SE', is: 'Folkhälsomyndigheten', ci: 'URN:UVCI:01:SE:T1' };
    const { v: _v, ...person } = PAYLOAD;
    const tagged = { ...person, t: [{ ...test, sc: new Tagged(0, '2021-09-30T10:00:00Z'), dr: new Tagged(0, '2021-09-30T11:00:00Z') }] };
    const report = await verifyHc1(await issue(tagged as never), { trust: [trust], at });
    // The signature verifies and the content is a DCC (this DSC signs vaccinations only: its key usage is another step).
    expect(report.steps).toMatchObject({ signature: true, schema: true });
    expect(report.errors.map((e) => e.code)).toEqual(['KEY_USAGE_MISMATCH']);
    expect((report.payload as { t: { sc: string; dr: string }[] }).t[0]).toMatchObject({ sc: '2021-09-30T10:00:00Z', dr: '2021-09-30T11:00:00Z' });
    const numeric = { ...person, t: [{ ...test, sc: new Tagged(0, 1632996000) }] };
    const bad = await expectFailure(await issue(numeric as never), 'schema', 'SCHEMA_INVALID');
    expect(bad.errors.find((e) => /not a JSON value \(CBOR tag 0\)/.test(e.message_en))?.path).toBe('t[0].sc');
  });

  it('a quarter of a million empty entries: the first checked, fifty findings listed and the rest counted', async () => {
    const report = await expectFailure(await issue({ ...PAYLOAD, v: Array.from({ length: 250_000 }, () => ({})) }), 'schema', 'SCHEMA_INVALID');
    expect(report.errors.length).toBe(51);
    const last = report.errors[50]!;
    expect(last.message_en).toMatch(/^… and \d+ more content problems not listed$/);
    expect(last.message_vi).toMatch(/^… và \d+ lỗi khác/);
    expect(JSON.stringify(report).length).toBeLessThan(40_000);
  });
});

describe('robustness', () => {
  it('never throws, whatever the text', async () => {
    const samples = ['HC1:', 'HC1:' + '%'.repeat(99), 'HC1:\u0000\u0001', 'HC1:ÄÖÜ', '\uFEFFHC1:00', valid + valid, valid.slice(0, -1)];
    for (const s of samples) {
      const report = await verifyHc1(s, { trust: [trust], at });
      expect(report.valid).toBe(false);
      expect(report.errors.length).toBeGreaterThan(0);
    }
  });
});
