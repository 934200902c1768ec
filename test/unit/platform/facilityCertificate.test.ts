// Which facility certificates the platform accepts in a manifest's x5chain: chained to a trusted
// CA (directly or through an intermediate), valid when signed and not long expired, a signing key
// usage, and the facility's own tax code.
import { beforeAll, describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { createCertificate, generateKeyPair, type IssuedCert } from '../../fixtures/pki.js';
import { checkFacilityCertificate, type FacilityCertificateCheck } from '../../platform/batch/facilityCertificate.js';

const DAY = 86400_000;
const now = new Date();
let root: IssuedCert;
let intermediate: IssuedCert;

async function leaf(issuer: IssuedCert, uid: string, extra: Partial<Parameters<typeof createCertificate>[0]> = {}): Promise<IssuedCert> {
  return createCertificate({
    subject: [{ attr: 'C', value: 'VN' }, { attr: 'CN', value: 'Bệnh viện Đa khoa Tỉnh' }, { attr: 'UID', value: uid }],
    keys: await generateKeyPair('EC'),
    issuer,
    notBefore: new Date(now.getTime() - 10 * DAY),
    notAfter: new Date(now.getTime() + 300 * DAY),
    keyUsage: ['nonRepudiation'],
    ...extra,
  });
}

function check(chain: IssuedCert[], over: Partial<FacilityCertificateCheck> = {}) {
  return checkFacilityCertificate({
    chain: chain.map((c) => c.der),
    anchors: [root.cert],
    signedAt: now,
    now,
    graceMs: 30 * DAY,
    taxCode: '0101234567',
    ...over,
  });
}

async function codeOf(p: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isStationError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  return { code: 'ACCEPTED', details: null };
}

beforeAll(async () => {
  root = await createCertificate({ subject: [{ attr: 'CN', value: 'VNPT-CA Root (test)' }], keys: await generateKeyPair('EC'), isCa: true,
    notBefore: new Date(now.getTime() - 1000 * DAY), notAfter: new Date(now.getTime() + 3000 * DAY) });
  intermediate = await createCertificate({ subject: [{ attr: 'CN', value: 'VNPT-CA SHA-256 (test)' }], keys: await generateKeyPair('RSA', { forSign: 'RS256' }),
    issuer: root, isCa: true, notBefore: new Date(now.getTime() - 500 * DAY), notAfter: new Date(now.getTime() + 1000 * DAY) });
});

describe('checkFacilityCertificate', () => {
  it('accepts a leaf issued through an intermediate CA sent in x5chain, with nonRepudiation only', async () => {
    const cert = await leaf(intermediate, 'MST:0101234567', { signatureAlg: 'RS256' });
    const accepted = await check([cert, intermediate]);
    expect(accepted.subject.text).toContain('UID=MST:0101234567');
  });

  it('refuses when the intermediate is missing from the chain: CERT_UNTRUSTED', async () => {
    const cert = await leaf(intermediate, 'MST:0101234567', { signatureAlg: 'RS256' });
    expect((await codeOf(check([cert]))).code).toBe('CERT_UNTRUSTED');
  });

  it('refuses a non-CA certificate posing as the issuer: CERT_UNTRUSTED', async () => {
    const notCa = await leaf(root, 'MST:0101234567');
    const child = await leaf(notCa, 'MST:0101234567');
    expect((await codeOf(check([child, notCa])))).toMatchObject({ code: 'CERT_UNTRUSTED' });
  });

  it('refuses a certificate whose CA had expired when the batch was signed', async () => {
    const oldCa = await createCertificate({ subject: [{ attr: 'CN', value: 'Old CA' }], keys: await generateKeyPair('EC'), issuer: root, isCa: true,
      notBefore: new Date(now.getTime() - 900 * DAY), notAfter: new Date(now.getTime() - 40 * DAY) });
    const cert = await leaf(oldCa, 'MST:0101234567', { notBefore: new Date(now.getTime() - 800 * DAY), notAfter: new Date(now.getTime() + 10 * DAY) });
    expect(await codeOf(check([cert, oldCa]))).toMatchObject({ code: 'CERT_EXPIRED', details: { certificate: 'ca' } });
  });

  it('refuses a batch claimed to be signed before the certificate existed: CERT_NOT_YET_VALID', async () => {
    const cert = await leaf(root, 'MST:0101234567');
    expect((await codeOf(check([cert], { signedAt: new Date(now.getTime() - 20 * DAY) }))).code).toBe('CERT_NOT_YET_VALID');
  });

  it('honours the grace period after expiry exactly', async () => {
    const cert = await leaf(root, 'MST:0101234567', { notBefore: new Date(now.getTime() - 100 * DAY), notAfter: new Date(now.getTime() - 5 * DAY) });
    const signedAt = new Date(now.getTime() - 6 * DAY);
    expect((await codeOf(check([cert], { signedAt, graceMs: 6 * DAY }))).code).toBe('ACCEPTED');
    expect((await codeOf(check([cert], { signedAt, graceMs: 4 * DAY }))).code).toBe('CERT_EXPIRED');
  });

  it('matches the tax code exactly: a branch code or a bare number is another facility', async () => {
    for (const uid of ['MST:0101234567-001', '0101234567', 'MST:0101234568']) {
      const cert = await leaf(root, uid);
      expect((await codeOf(check([cert]))).code, uid).toBe('CERT_WRONG_FACILITY');
    }
  });

  it('refuses an encryption-only certificate (CERT_KEY_USAGE), garbage (CERT_INVALID) and an empty chain (CERT_MISSING)', async () => {
    const enc = await leaf(root, 'MST:0101234567', { keyUsage: ['keyEncipherment'] });
    expect((await codeOf(check([enc]))).code).toBe('CERT_KEY_USAGE');
    expect((await codeOf(checkFacilityCertificate({ chain: [new Uint8Array([0x30, 0x03, 1, 2, 3])], anchors: [root.cert], signedAt: now, now, graceMs: 0, taxCode: 'x' }))).code).toBe('CERT_INVALID');
    expect((await codeOf(checkFacilityCertificate({ chain: [], anchors: [root.cert], signedAt: now, now, graceMs: 0, taxCode: 'x' }))).code).toBe('CERT_MISSING');
  });
});
