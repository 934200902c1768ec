// DESIGN §5: before signing, the certificate must be valid now, allow signing, and belong to this
// facility (tax code MST in the subject), each refusal a stable code with both messages.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXPIRY_WARNING_DAYS, certificateProblems, certificateWarnings, taxCodeOf } from '../../../electron/signer/certificateUsability.js';
import { createCertificate, generateKeyPair, type TestKeyPair } from '../../fixtures/pki.js';
import type { Certificate } from '../../../shared/x509/certificate.js';
import { OTHER_FACILITY, TEST_FACILITY, facilitySubject, testCa } from '../../fixtures/softhsm.js';

const DAY = 86400_000;
const at = new Date();

async function cert(opts: { keyUsage?: string[]; notBefore?: Date; notAfter?: Date; subject?: ReturnType<typeof facilitySubject>; type?: 'EC' | 'RSA' } = {}) {
  const { type, ...rest } = opts;
  return (await createCertificate({ subject: facilitySubject(), ...rest, keys: await generateKeyPair(type ?? 'EC'), issuer: await testCa() })).cert;
}
const codes = (p: { code: string }[]) => p.map((x) => x.code);

describe('certificate usability', () => {
  it('accepts a valid facility certificate (digitalSignature or nonRepudiation)', async () => {
    expect(certificateProblems({ cert: await cert(), hasPrivateKey: true, facility: TEST_FACILITY, at })).toEqual([]);
    expect(certificateProblems({ cert: await cert({ keyUsage: ['nonRepudiation'] }), hasPrivateKey: null, facility: TEST_FACILITY, at })).toEqual([]);
  });

  it('reads the tax code from UID=MST:…', async () => {
    expect(taxCodeOf(await cert())).toBe(TEST_FACILITY.taxCode);
    const spaced = await cert({ subject: [{ attr: 'CN', value: 'Phòng khám' }, { attr: 'UID', value: 'MST: 0301234567-001' }] });
    expect(taxCodeOf(spaced)).toBe('0301234567-001');
  });

  it('names every problem at once, each with Vietnamese and English text', async () => {
    const bad = await cert({ keyUsage: ['keyEncipherment'], notBefore: new Date(at.getTime() - 400 * DAY), notAfter: new Date(at.getTime() - DAY), subject: facilitySubject(OTHER_FACILITY) });
    const problems = certificateProblems({ cert: bad, hasPrivateKey: false, facility: TEST_FACILITY, at });
    expect(codes(problems)).toEqual(['CERT_EXPIRED', 'CERT_KEY_USAGE', 'CERT_OTHER_FACILITY', 'CERT_NO_PRIVATE_KEY']);
    for (const p of problems) {
      expect(p.message_vi.length).toBeGreaterThan(5);
      expect(p.message_en.length).toBeGreaterThan(5);
      expect(p.message_vi).not.toBe(p.message_en);
    }
  });

  it('says which tax code or name the certificate carries against the facility’s', async () => {
    const other = await cert({ subject: facilitySubject(OTHER_FACILITY) });
    const [byTax] = certificateProblems({ cert: other, hasPrivateKey: true, facility: TEST_FACILITY, at });
    expect(byTax!.code).toBe('CERT_OTHER_FACILITY');
    for (const text of [byTax!.message_vi, byTax!.message_en]) {
      expect(text).toContain(OTHER_FACILITY.taxCode);
      expect(text).toContain(TEST_FACILITY.taxCode);
    }
    const untaxed = await cert({ subject: [{ attr: 'CN', value: 'Nguyễn Văn An' }, { attr: 'UID', value: 'CCCD:079123456789' }] });
    // A person's certificate (UID=CCCD:…) is named as such (CERT_PERSONAL, facilityCertificateRule.test.ts).
    const [none] = certificateProblems({ cert: untaxed, hasPrivateKey: true, facility: TEST_FACILITY, at });
    expect(none!.code).toBe('CERT_PERSONAL');
    expect(none!.message_vi).toContain(TEST_FACILITY.taxCode);
    const organisation = await cert({ subject: [{ attr: 'CN', value: 'Phòng khám An Bình' }] });
    const [noTax] = certificateProblems({ cert: organisation, hasPrivateKey: true, facility: TEST_FACILITY, at });
    expect(noTax!.message_en).toContain('carries no tax code');
    const [byName] = certificateProblems({ cert: other, hasPrivateKey: true, facility: { name: 'Bệnh viện khác' }, at });
    expect(byName!.message_vi).toContain('"Bệnh viện khác"');
    expect(byName!.message_en).toContain(`"${OTHER_FACILITY.name}"`);
  });

  it('refuses a certificate not valid yet', async () => {
    const future = await cert({ notBefore: new Date(at.getTime() + DAY), notAfter: new Date(at.getTime() + 400 * DAY) });
    expect(codes(certificateProblems({ cert: future, hasPrivateKey: true, facility: TEST_FACILITY, at }))).toEqual(['CERT_NOT_YET_VALID']);
  });

  it('says when an expired or not-yet-valid certificate ends or starts, and names the PC clock when it is far off', async () => {
    const c = await cert({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2026-01-01T00:00:00Z') });
    const [expired] = certificateProblems({ cert: c, hasPrivateKey: true, facility: TEST_FACILITY, at: new Date('2026-02-01T00:00:00Z') });
    expect(expired!.message_vi).toBe('Chứng thư số đã hết hạn (hết hạn lúc 07:00 01/01/2026 (UTC+7))');
    expect(expired!.message_en).toBe('The certificate has expired (it ended at 07:00 01/01/2026 (UTC+7))');
    // A clock two years ahead: the certificate is not the first suspect.
    const [ahead] = certificateProblems({ cert: c, hasPrivateKey: true, facility: TEST_FACILITY, at: new Date('2028-01-01T00:00:00Z') });
    expect(ahead!.message_en).toContain("this PC says 07:00 01/01/2028 (UTC+7): if the PC's date is wrong, correct it before renewing");
    // A clock at 2000 (a dead battery): not valid yet, and the clock named.
    const [early] = certificateProblems({ cert: c, hasPrivateKey: true, facility: TEST_FACILITY, at: new Date('2000-01-01T00:00:00Z') });
    expect(early).toMatchObject({ code: 'CERT_NOT_YET_VALID' });
    expect(early!.message_vi).toContain('có hiệu lực từ 07:00 01/01/2025 (UTC+7); máy tính đang chỉ 07:00 01/01/2000 (UTC+7)');
    expect(early!.message_en).toContain("the PC's date and time are wrong");
  });

  it('matches by facility name when no tax code is configured, and says when neither is', async () => {
    const c = await cert();
    expect(certificateProblems({ cert: c, hasPrivateKey: true, facility: { name: 'trung tâm y tế quận một' }, at })).toEqual([]);
    expect(codes(certificateProblems({ cert: c, hasPrivateKey: true, facility: { name: 'Bệnh viện khác' }, at }))).toEqual(['CERT_OTHER_FACILITY']);
    expect(codes(certificateProblems({ cert: c, hasPrivateKey: true, facility: {}, at }))).toEqual(['CERT_FACILITY_NOT_CONFIGURED']);
  });

  it('refuses unreadable certificates and unsupported keys', async () => {
    expect(codes(certificateProblems({ cert: null, hasPrivateKey: true, facility: TEST_FACILITY, at }))).toEqual(['CERT_UNREADABLE']);
    const rsa1024 = (await createCertificate({ subject: facilitySubject(), keys: await generateKeyPair('RSA', { bits: 1024 }), issuer: await testCa() })).cert;
    expect(codes(certificateProblems({ cert: rsa1024, hasPrivateKey: true, facility: TEST_FACILITY, at }))).toEqual(['CERT_KEY_UNSUPPORTED']);
  });

  // Probe of session 24: a secp256k1 or Ed25519 key was listed as "OTHER 520 bits" / "OTHER 256 bits".
  it('names the key it refuses: its curve, its algorithm, its size', async () => {
    const issuer = await testCa();
    const withKey = async (spki: Uint8Array) =>
      (await createCertificate({ subject: facilitySubject(), keys: { spki, type: 'EC' } as unknown as TestKeyPair, issuer })).cert;
    const spkiOf = (type: 'ed25519' | 'ec', curve?: string): Uint8Array =>
      new Uint8Array(generateKeyPairSync(type as 'ec', curve ? { namedCurve: curve } : ({} as { namedCurve: string })).publicKey.export({ type: 'spki', format: 'der' }));
    const refusal = (c: Certificate) => certificateProblems({ cert: c, hasPrivateKey: true, facility: TEST_FACILITY, at }).find((p) => p.code === 'CERT_KEY_UNSUPPORTED');
    for (const [spki, name] of [[spkiOf('ed25519'), 'Ed25519'], [spkiOf('ec', 'secp256k1'), 'EC secp256k1'], [spkiOf('ec', 'P-384'), 'EC P-384']] as const) {
      const c = await withKey(spki);
      expect(refusal(c)?.message_en).toBe(`Unsupported key (only EC P-256, or RSA of 2048 bits or more) (this certificate's key is ${name})`);
      expect(refusal(c)?.message_vi).toContain(`khóa của chứng thư này là ${name}`);
    }
    const rsa1024 = (await createCertificate({ subject: facilitySubject(), keys: await generateKeyPair('RSA', { bits: 1024 }), issuer })).cert;
    expect(refusal(rsa1024)?.message_en).toContain("(this certificate's key is RSA 1024 bits)");
    expect((await withKey(spkiOf('ec', 'secp256k1'))).publicKey).toMatchObject({ type: 'OTHER', name: 'EC secp256k1' });
  });

  it(`warns, without refusing, in the last ${EXPIRY_WARNING_DAYS} days of a certificate`, async () => {
    const notAfter = new Date('2026-12-05T16:59:59Z'); // 23:59:59 on 5 December in Viet Nam
    const c = await cert({ notBefore: new Date('2024-12-05T17:00:00Z'), notAfter });
    const before = (ms: number) => new Date(notAfter.getTime() - ms);
    const warned = (on: Date) => certificateWarnings({ cert: c, at: on });
    expect(warned(before(EXPIRY_WARNING_DAYS * DAY + 1000))).toEqual([]);
    const [first] = warned(before(EXPIRY_WARNING_DAYS * DAY));
    expect(first).toMatchObject({ code: 'CERT_EXPIRES_SOON' });
    expect(first!.message_vi).toContain(`hết hạn lúc 23:59 05/12/2026 (UTC+7), còn ${EXPIRY_WARNING_DAYS} ngày`);
    expect(first!.message_en).toContain(`it expires at 23:59 05/12/2026 (UTC+7), in ${EXPIRY_WARNING_DAYS} days`);
    expect(warned(before(DAY + 5000))[0]!.message_en).toContain('in 1 day)');
    expect(warned(before(3600_000))[0]!.message_vi).toContain('trong hôm nay');
    expect(warned(before(3600_000))[0]!.message_en).toContain('within a day');
    // Expired: that is a problem (CERT_EXPIRED), not a warning; nor is a certificate not valid yet.
    expect(warned(new Date(notAfter.getTime() + 1000))).toEqual([]);
    const short = await cert({ notBefore: new Date('2026-12-01T00:00:00Z'), notAfter });
    expect(certificateWarnings({ cert: short, at: new Date('2026-11-30T00:00:00Z') })).toEqual([]);
    expect(certificateWarnings({ cert: null, at: before(DAY) })).toEqual([]);
    // The warning never makes a certificate unusable.
    expect(certificateProblems({ cert: c, hasPrivateKey: true, facility: TEST_FACILITY, at: before(DAY) })).toEqual([]);
  });
});
