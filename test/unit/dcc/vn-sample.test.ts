// The Vietnamese production-format sample (../shared/testdata/dcc/vn/README.md): its HC1 text and
// its published QR image both decode to the payload that README describes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHc1 } from '../../../shared/dcc/hc1.js';
import { decodeHc1Report, verifyHc1 } from '../../../shared/dcc/verify.js';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { decodeImage } from '../../../electron/core/image/decodeImage.js';

const VN = resolve(import.meta.dirname, '../../..', '../shared/testdata/dcc/vn');
const text = readFileSync(resolve(VN, 'VAC_VN.hc1.txt'), 'utf8');
const png = new Uint8Array(readFileSync(resolve(VN, 'VAC_VN.png')));

const EXPECTED_PAYLOAD = {
  ver: '1.3.0',
  nam: { fn: 'Nguyễn', gn: 'Bảo Duy', fnt: 'NGUYEN', gnt: 'BAO<DUY' },
  dob: '1983-10-10',
  v: [
    {
      tg: '840539006',
      vp: 'J07BX03',
      mp: 'EU/1/21/1529',
      ma: 'ORG-100030215',
      dn: 2,
      sd: 2,
      dt: '2021-03-18',
      co: 'VN',
      is: 'Ban Co Yeu',
      ci: 'URN:UVCI:01:VN:FFFE3D31FABD035899134A9D3BAE9BCF',
    },
  ],
};

describe('Viet Nam production sample VAC_VN', () => {
  it('the text file decodes to the documented COSE headers, claims and payload', () => {
    const decoded = decodeHc1(text);
    expect(text.trim()).toHaveLength(825);
    expect(decoded.sign1.tags).toEqual([18]);
    expect(decoded.sign1.protectedHeader.get(1)).toBe(-37);
    expect(Buffer.from(decoded.sign1.protectedHeader.get(4) as Uint8Array).toString('hex')).toBe('f30da46716f7882d');
    expect(decoded.sign1.unprotectedHeader.size).toBe(0);
    expect(decoded.sign1.signature).toHaveLength(256);
    expect(decoded.claims).toMatchObject({ iss: 'VN', iat: 1649950687, exp: 1738195200 });
    expect(decoded.claims.payload).toEqual(EXPECTED_PAYLOAD);
  });

  it('the QR image reads back to exactly the text file', () => {
    const img = decodeImage(png);
    expect(readQrFromRgba(img.data, img.width, img.height)).toBe(text.trim());
  });

  it('decode report: every decoding step passes, trust-dependent steps are null, schema and value sets pass', async () => {
    const report = await decodeHc1Report(text);
    expect(report.steps).toEqual({
      image: null,
      prefix: true,
      base45: true,
      zlib: true,
      cose: true,
      kid: true,
      signature: null,
      expiry: null,
      keyUsage: null,
      schema: true,
    });
    expect(report).toMatchObject({ valid: false, alg: 'PS256', kid: 'f30da46716f7882d', errors: [] });
    expect(report.claims).toEqual({ iss: 'VN', iat: 1649950687, exp: 1738195200 });
    expect(report.payload).toEqual(EXPECTED_PAYLOAD);
  });

  it('verify without its (unpublished) DSC: KID_UNKNOWN, signature not reached, expiry judged by the clock', async () => {
    const report = await verifyHc1(text, { trust: [], at: new Date('2023-01-01T00:00:00Z') });
    expect(report.valid).toBe(false);
    expect(report.steps).toMatchObject({ kid: false, signature: null, expiry: true, keyUsage: null, schema: true });
    expect(report.errors.map((e) => e.code)).toEqual(['KID_UNKNOWN']);
    const later = await verifyHc1(text, { trust: [], at: new Date('2025-06-01T00:00:00Z') });
    expect(later.errors.map((e) => e.code)).toEqual(['KID_UNKNOWN', 'CWT_EXPIRED']);
  });
});
