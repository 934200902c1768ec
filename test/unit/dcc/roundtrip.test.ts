// Issue → QR PNG → read back → verify, for each of the 8 licensed vaccines of DESIGN §3, signed
// ES256 and PS256 by a test DSC (test/fixtures/pki.ts), for a Vietnamese person with diacritics and
// a partial date of birth.
import { beforeAll, describe, expect, it } from 'vitest';
import { webCryptoSigner } from '../../../shared/cose/index.js';
import { bytesToBase64 } from '../../../shared/crypto/bytes.js';
import { encodeHc1 } from '../../../shared/dcc/hc1.js';
import { parseTrustList, trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { verifyHc1 } from '../../../shared/dcc/verify.js';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { qrToPng } from '../../../shared/qr/encode.js';
import { decodeImage } from '../../../electron/core/image/decodeImage.js';
import { createDccChain, type IssuedCert } from '../../fixtures/pki.js';

/** DESIGN §3 vaccine catalog: mp / ma / vp and primary doses. */
const VACCINES = [
  { code: 'ASTRAZENECA', mp: 'EU/1/21/1529', ma: 'ORG-100001699', vp: '29061000087103', sd: 2 },
  { code: 'SPUTNIK_V', mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: '29061000087103', sd: 2 },
  { code: 'VERO_CELL', mp: 'BBIBP-CorV', ma: 'ORG-100020693', vp: '1157024006', sd: 2 },
  { code: 'PFIZER', mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: '1119349007', sd: 2 },
  { code: 'MODERNA', mp: 'EU/1/20/1507', ma: 'ORG-100031184', vp: '1119349007', sd: 2 },
  { code: 'JANSSEN', mp: 'EU/1/20/1525', ma: 'ORG-100001417', vp: '29061000087103', sd: 1 },
  { code: 'HAYAT_VAX', mp: 'Hayat-Vax', ma: 'ORG-100023050', vp: '1157024006', sd: 2 },
  { code: 'ABDALA', mp: 'Abdala', ma: 'CIGB', vp: '28531000087107', sd: 3 },
] as const;

function payloadFor(v: (typeof VACCINES)[number]) {
  return {
    ver: '1.3.0',
    nam: { fn: 'Đặng', fnt: 'DANG', gn: 'Thị Ánh Tuyết', gnt: 'THI<ANH<TUYET' },
    dob: '1983-10',
    v: [
      {
        tg: '840539006',
        vp: v.vp,
        mp: v.mp,
        ma: v.ma,
        dn: v.sd,
        sd: v.sd,
        dt: '2021-09-14',
        co: 'VN',
        is: 'Bộ Y tế Việt Nam',
        ci: `URN:UVCI:01:VN:${v.code}0001`,
      },
    ],
  };
}

// The fixture DSC is valid from an hour ago for a year; the certificate must sit inside it.
const DAY = 86400_000;
const iat = new Date(Math.floor(Date.now() / 1000) * 1000);
const exp = new Date(iat.getTime() + 300 * DAY);
const at = new Date(iat.getTime() + 30 * DAY);
const chains: Record<'ES256' | 'PS256', { dsc: IssuedCert; trust: TrustEntry }> = {} as never;

beforeAll(async () => {
  for (const [alg, type] of [['ES256', 'EC'], ['PS256', 'RSA']] as const) {
    const { dsc } = await createDccChain(type);
    chains[alg] = { dsc, trust: await trustEntryFromCertificate(dsc.der) };
  }
});

async function issue(alg: 'ES256' | 'PS256', payload: Record<string, unknown>, kidInUnprotected = false) {
  const { dsc, trust } = chains[alg];
  return encodeHc1({
    payload,
    signer: webCryptoSigner(dsc.keys.privateKey, alg === 'ES256' ? -7 : -37),
    kid: trust.kid,
    iss: 'VN',
    iat,
    exp,
    kidInUnprotected,
  });
}

describe('HC1 round trip through a QR image', () => {
  const cases = VACCINES.flatMap((v) => (['ES256', 'PS256'] as const).map((alg) => [v.code, alg, v] as const));

  it.each(cases)('%s signed %s verifies after PNG → QR → HC1', async (_code, alg, vaccine) => {
    const payload = payloadFor(vaccine);
    const hc1 = await issue(alg, payload);
    expect(hc1.startsWith('HC1:')).toBe(true);
    const img = decodeImage(qrToPng(hc1));
    const read = readQrFromRgba(img.data, img.width, img.height);
    expect(read).toBe(hc1);
    const report = await verifyHc1(read, { trust: [chains[alg].trust], at });
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.alg).toBe(alg);
    expect(report.kid).toBe(Buffer.from(chains[alg].trust.kid).toString('hex'));
    expect(report.claims).toEqual({ iss: 'VN', iat: iat.getTime() / 1000, exp: exp.getTime() / 1000 });
    expect(report.payload).toEqual(payload);
    expect(report.steps).toEqual({
      image: null,
      prefix: true,
      base45: true,
      zlib: true,
      cose: true,
      kid: true,
      signature: true,
      expiry: true,
      keyUsage: true,
      schema: true,
    });
  });

  it('a kid in the unprotected header verifies too (hcert spec §3.3.1)', async () => {
    const hc1 = await issue('ES256', payloadFor(VACCINES[0]), true);
    const report = await verifyHc1(hc1, { trust: [chains.ES256.trust], at });
    expect(report.valid).toBe(true);
  });

  it('the platform trust-list JSON gives the same trust entries', async () => {
    const list = {
      certificates: (['ES256', 'PS256'] as const).map((alg) => ({
        kid: bytesToBase64(chains[alg].trust.kid),
        country: 'VN',
        certificate: bytesToBase64(chains[alg].dsc.der),
      })),
    };
    const trust = await parseTrustList(JSON.stringify(list));
    expect(trust.map((t) => t.country)).toEqual(['VN', 'VN']);
    const report = await verifyHc1(await issue('PS256', payloadFor(VACCINES[7])), { trust, at });
    expect(report.valid).toBe(true);
  });

  it('the same payload signed twice is byte-identical before the signature (deterministic CBOR)', async () => {
    const a = await issue('ES256', payloadFor(VACCINES[3]));
    const b = await issue('ES256', payloadFor(VACCINES[3]));
    // ECDSA signatures are randomised, so compare the signed payloads, not the strings.
    const { decodeHc1 } = await import('../../../shared/dcc/hc1.js');
    expect(decodeHc1(a).sign1.payload).toEqual(decodeHc1(b).sign1.payload);
  });
});
