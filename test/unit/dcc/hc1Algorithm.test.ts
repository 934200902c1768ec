// Which signature algorithms an HC1 certificate may use (shared/dcc/hc1Alg.ts): ES256 and PS256
// only (hcert spec §3.3.1), decided by the protected header; an alg only in the unprotected header
// is accepted as the EU conformance vector CO20 expects, but can never choose the scheme.
import { deflate } from 'pako';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tagged, encodeCanonical } from '../../../shared/cbor/cbor.js';
import { sigStructure } from '../../../shared/cose/index.js';
import { base45Encode } from '../../../shared/dcc/base45.js';
import { trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import { createDccChain, type IssuedCert } from '../../fixtures/pki.js';

const subtle = globalThis.crypto.subtle;
const DAY = 86400_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const at = new Date(now + DAY);

const PAYLOAD = {
  ver: '1.3.0',
  nam: { fn: 'Lê', fnt: 'LE', gn: 'Thị Hoa', gnt: 'THI<HOA' },
  dob: '1985-04-02',
  v: [
    {
      tg: '840539006',
      vp: '1119349007',
      mp: 'EU/1/20/1528',
      ma: 'ORG-100030215',
      dn: 2,
      sd: 2,
      dt: '2021-09-14',
      co: 'VN',
      is: 'Bộ Y tế Việt Nam',
      ci: 'URN:UVCI:01:VN:ALGTEST1',
    },
  ],
};
const claims = encodeCanonical(new Map<number, unknown>([[1, 'VN'], [4, (now + 200 * DAY) / 1000], [6, now / 1000], [-260, new Map([[1, PAYLOAD]])]]));

type Scheme = 'ES256' | 'PS256' | 'RS256';
const PARAMS: Record<Scheme, AlgorithmIdentifier | EcdsaParams | RsaPssParams> = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', saltLength: 32 },
  RS256: { name: 'RSASSA-PKCS1-v1_5' },
};

let ec: { dsc: IssuedCert; trust: TrustEntry };
let rsa: { dsc: IssuedCert; trust: TrustEntry; rs256Key: CryptoKey };

beforeAll(async () => {
  const ecChain = await createDccChain('EC');
  ec = { dsc: ecChain.dsc, trust: await trustEntryFromCertificate(ecChain.dsc.der) };
  const rsaChain = await createDccChain('RSA');
  // The same RSA DSC key, for PKCS#1 v1.5 signatures (WebCrypto binds a key to one scheme).
  const pkcs8 = await subtle.exportKey('pkcs8', rsaChain.dsc.keys.privateKey);
  const rs256Key = await subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  rsa = { dsc: rsaChain.dsc, trust: await trustEntryFromCertificate(rsaChain.dsc.der), rs256Key };
});

/** An HC1 whose headers are exactly as given, signed by `key` with `scheme` (whatever the headers claim). */
async function hc1(opts: { protected: [number, unknown][]; unprotected?: [number, unknown][]; key: CryptoKey; scheme: Scheme }) {
  const header = new Map<number, unknown>(opts.protected);
  const protectedBytes = header.size === 0 ? new Uint8Array(0) : encodeCanonical(header);
  const toBeSigned = sigStructure({ protectedBytes, payload: claims });
  const signature = new Uint8Array(await subtle.sign(PARAMS[opts.scheme], opts.key, toBeSigned as Uint8Array<ArrayBuffer>));
  const cose = encodeCanonical(new Tagged(18, [protectedBytes, new Map(opts.unprotected ?? []), claims, signature]));
  return 'HC1:' + base45Encode(deflate(cose));
}

const ALG = 1;
const KID = 4;

describe('HC1 signature algorithms', () => {
  it('control: the RSA DSC signing PS256 with alg in the protected header verifies', async () => {
    const text = await hc1({ protected: [[ALG, -37], [KID, rsa.trust.kid]], key: rsa.dsc.keys.privateKey, scheme: 'PS256' });
    const report = await verifyHc1(text, { trust: [rsa.trust], at });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ valid: true, alg: 'PS256' });
  });

  it('an RS256-signed HC1 is refused (ALG_UNSUPPORTED), although its signature is good for that key', async () => {
    const text = await hc1({ protected: [[ALG, -257], [KID, rsa.trust.kid]], key: rsa.rs256Key, scheme: 'RS256' });
    const report = await verifyHc1(text, { trust: [rsa.trust], at });
    expect(report.valid).toBe(false);
    expect(report.alg).toBe('RS256');
    expect(report.steps.cose).toBe(false);
    expect(report.steps.signature).toBeNull(); // not even tried
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'ALG_UNSUPPORTED',
        message_vi: expect.stringContaining('chỉ dùng ES256 hoặc PS256'),
        message_en: expect.stringContaining('RS256 (-257); an EU DCC uses only ES256 or PS256'),
        details: { alg: -257, header: 'protected' },
      }),
    ]);
    expect(report.payload).toEqual(PAYLOAD);
  });

  it('RS256 named only in the unprotected header is refused too', async () => {
    const text = await hc1({ protected: [], unprotected: [[ALG, -257], [KID, rsa.trust.kid]], key: rsa.rs256Key, scheme: 'RS256' });
    const report = await verifyHc1(text, { trust: [rsa.trust], at });
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'ALG_UNSUPPORTED', details: { alg: -257, header: 'unprotected' } })]);
  });

  it('the protected alg decides: an unprotected PS256 cannot rescue a protected RS256', async () => {
    const text = await hc1({ protected: [[ALG, -257], [KID, rsa.trust.kid]], unprotected: [[ALG, -37]], key: rsa.dsc.keys.privateKey, scheme: 'PS256' });
    const report = await verifyHc1(text, { trust: [rsa.trust], at });
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['ALG_UNSUPPORTED']);
  });

  it('the protected alg decides: an unprotected RS256 beside a protected PS256 is ignored', async () => {
    const text = await hc1({ protected: [[ALG, -37], [KID, rsa.trust.kid]], unprotected: [[ALG, -257]], key: rsa.dsc.keys.privateKey, scheme: 'PS256' });
    const report = await verifyHc1(text, { trust: [rsa.trust], at });
    expect(report).toMatchObject({ valid: true, alg: 'PS256', errors: [] });
  });

  it('ES256 only in the unprotected header, protected header empty (EU vector CO20 form): verifies', async () => {
    const text = await hc1({ protected: [], unprotected: [[KID, ec.trust.kid], [ALG, -7]], key: ec.dsc.keys.privateKey, scheme: 'ES256' });
    const report = await verifyHc1(text, { trust: [ec.trust], at });
    expect(report).toMatchObject({ valid: true, alg: 'ES256', errors: [] });
  });

  it('an unprotected alg cannot choose the scheme: ES256 claimed over an RSA DSC fails the signature', async () => {
    // A forger who rewrites the unprotected alg gains nothing: the DSC key type fixes the scheme.
    const text = await hc1({ protected: [], unprotected: [[KID, rsa.trust.kid], [ALG, -7]], key: rsa.dsc.keys.privateKey, scheme: 'PS256' });
    const report = await verifyHc1(text, { trust: [rsa.trust], at });
    expect(report.valid).toBe(false);
    expect(report.steps.signature).toBe(false);
    // Said as what it is: the RSA key cannot verify ES256 at all.
    expect(report.errors.map((e) => e.code)).toEqual(['KEY_ALG_MISMATCH']);
  });

  it.each([
    ['no alg in either header', [] as [number, unknown][], 'no alg in the COSE header'],
    ['alg as the text "ES256"', [[ALG, 'ES256']] as [number, unknown][], '"ES256"; an EU DCC uses only ES256 or PS256'],
    ['ES384 (-35)', [[ALG, -35]] as [number, unknown][], '-35; an EU DCC uses only ES256 or PS256'],
  ])('%s → ALG_UNSUPPORTED, payload still shown', async (_name, algHeader, detail) => {
    const text = await hc1({ protected: [...algHeader, [KID, ec.trust.kid]], key: ec.dsc.keys.privateKey, scheme: 'ES256' });
    const report = await verifyHc1(text, { trust: [ec.trust], at });
    expect(report.valid).toBe(false);
    expect(report.alg).toBeNull();
    expect(report.errors).toEqual([expect.objectContaining({ code: 'ALG_UNSUPPORTED', message_en: expect.stringContaining(detail) })]);
    expect(report.payload).toEqual(PAYLOAD);
  });
});
