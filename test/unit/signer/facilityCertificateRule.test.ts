// One rule for a facility signing certificate (shared/signer/facilityCertificateRule.ts): the
// station refuses before the PIN exactly what the platform would refuse for key usage or tax
// code, for the layouts Vietnamese CAs issue (session 24's probe: no keyUsage, MST only in CN, in
// OU of a personal certificate, written "MST=").
import { beforeAll, describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { EKU, facilityTaxCodes, isAuthorityCertificate, misplacedTaxCode, personalIdOf, preferForDocuments, preferRenewed, signingUsage, type RenewalFacts } from '../../../shared/signer/index.js';
import { certificateProblems } from '../../../electron/signer/certificateUsability.js';
import { checkFacilityCertificate } from '../../platform/batch/facilityCertificate.js';
import { createCertificate, generateKeyPair, type IssuedCert, type SubjectAttribute } from '../../fixtures/pki.js';

const TAX = '0101234567';
const FACILITY = { taxCode: TAX, name: 'Trung tâm Y tế Quận Ba Đình' };
const now = new Date();
let ca: IssuedCert;

beforeAll(async () => {
  ca = await createCertificate({ subject: [{ attr: 'CN', value: 'Viettel-CA (test)' }], keys: await generateKeyPair('EC'), isCa: true, notBefore: new Date(now.getTime() - 86400_000) });
});

const name = (...rest: SubjectAttribute[]): SubjectAttribute[] => [{ attr: 'C', value: 'VN' }, { attr: 'ST', value: 'Hà Nội' }, ...rest];

const LAYOUTS: Record<string, { subject: SubjectAttribute[]; keyUsage?: string[] | null; extKeyUsage?: string[] }> = {
  'UID=MST: (the convention)': { subject: name({ attr: 'O', value: FACILITY.name }, { attr: 'CN', value: FACILITY.name }, { attr: 'UID', value: `MST:${TAX}` }) },
  'no keyUsage extension': { subject: name({ attr: 'O', value: FACILITY.name }, { attr: 'CN', value: FACILITY.name }, { attr: 'UID', value: `MST:${TAX}` }), keyUsage: null },
  'MST only in CN': { subject: name({ attr: 'O', value: FACILITY.name }, { attr: 'CN', value: `${FACILITY.name} - MST:${TAX}` }) },
  'MST in OU of a personal certificate': { subject: name({ attr: 'OU', value: `MST:${TAX}` }, { attr: 'CN', value: 'Nguyễn Văn An' }, { attr: 'UID', value: 'CCCD:001085012345' }) },
  'authentication certificate (EKU clientAuth only)': {
    subject: name({ attr: 'CN', value: FACILITY.name }, { attr: 'UID', value: `MST:${TAX}` }),
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extKeyUsage: [EKU.clientAuth],
  },
  'signing certificate with EKU clientAuth + emailProtection': {
    subject: name({ attr: 'CN', value: FACILITY.name }, { attr: 'UID', value: `MST:${TAX}` }),
    extKeyUsage: [EKU.clientAuth, EKU.emailProtection],
  },
  'UID=MST=': { subject: name({ attr: 'CN', value: FACILITY.name }, { attr: 'UID', value: `MST=${TAX}` }) },
};

async function issue(layout: { subject: SubjectAttribute[]; keyUsage?: string[] | null; extKeyUsage?: string[] }): Promise<IssuedCert> {
  return createCertificate({
    subject: layout.subject,
    keys: await generateKeyPair('EC'),
    issuer: ca,
    keyUsage: layout.keyUsage === undefined ? ['digitalSignature', 'nonRepudiation'] : layout.keyUsage,
    ...(layout.extKeyUsage ? { extKeyUsage: layout.extKeyUsage } : {}),
  });
}

async function platformCode(c: IssuedCert): Promise<string> {
  try {
    await checkFacilityCertificate({ chain: [c.der], anchors: [ca.cert], signedAt: now, now, graceMs: 0, taxCode: TAX });
    return 'ACCEPTED';
  } catch (e) {
    if (isStationError(e)) return e.code;
    throw e;
  }
}

describe('the facility certificate rule, shared by the station and the platform', () => {
  for (const [what, layout] of Object.entries(LAYOUTS)) {
    it(`agrees on ${what}`, async () => {
      const c = await issue(layout);
      const station = certificateProblems({ cert: c.cert, hasPrivateKey: true, facility: FACILITY, at: now });
      const platform = await platformCode(c);
      // The station signs only what the platform accepts.
      expect(station.length === 0).toBe(platform === 'ACCEPTED');
      expect(platform).toEqual(what.startsWith('UID=MST: (') || what.startsWith('signing certificate') ? 'ACCEPTED' : expect.stringMatching(/^CERT_/));
    });
  }

  it('reads the tax code only from UID=MST:, and names where else one was written', async () => {
    expect(facilityTaxCodes((await issue(LAYOUTS['UID=MST: (the convention)']!)).cert)).toEqual([TAX]);
    for (const [what, attribute] of [['MST only in CN', 'CN'], ['MST in OU of a personal certificate', 'OU'], ['UID=MST=', 'UID']] as const) {
      const c = (await issue(LAYOUTS[what]!)).cert;
      expect(facilityTaxCodes(c)).toEqual([]);
      expect(misplacedTaxCode(c)).toMatchObject({ attribute, taxCode: TAX });
    }
  });

  it('refuses a certificate without the keyUsage extension, saying so in both languages', async () => {
    const c = (await issue(LAYOUTS['no keyUsage extension']!)).cert;
    expect(signingUsage(c)).toEqual({ ok: false, reason: 'NO_KEY_USAGE' });
    const [p] = certificateProblems({ cert: c, hasPrivateKey: true, facility: FACILITY, at: now });
    expect(p!.code).toBe('CERT_KEY_USAGE');
    expect(p!.message_vi).toContain('không có phần mở rộng keyUsage');
    expect(p!.message_en).toContain('has no keyUsage extension');
  });

  it('says where the tax code was written and what the platform reads, before any PIN', async () => {
    const inCn = certificateProblems({ cert: (await issue(LAYOUTS['MST only in CN']!)).cert, hasPrivateKey: true, facility: FACILITY, at: now });
    expect(inCn.map((p) => p.code)).toEqual(['CERT_TAX_CODE_MISPLACED']);
    expect(inCn[0]!.message_vi).toContain(`CN`);
    expect(inCn[0]!.message_vi).toContain(`UID=MST:${TAX}`);
    expect(inCn[0]!.message_en).toContain(`only in CN`);
    const equals = certificateProblems({ cert: (await issue(LAYOUTS['UID=MST=']!)).cert, hasPrivateKey: true, facility: FACILITY, at: now });
    expect(equals[0]!.message_en).toContain(`"MST=${TAX}"`);
    // Matched by name only (no tax code configured): the platform still needs UID=MST:.
    const byName = certificateProblems({ cert: (await issue(LAYOUTS['MST only in CN']!)).cert, hasPrivateKey: true, facility: { name: FACILITY.name }, at: now });
    expect(byName.map((p) => p.code)).toEqual(['CERT_TAX_CODE_MISPLACED']);
  });
});

describe('a personal certificate', () => {
  it('is named as the certificate of a person, not the facility’s organisation certificate', async () => {
    for (const uid of ['CCCD:001085012345', 'CMND:012345678', 'HC:B1234567']) {
      const c = await issue({ subject: name({ attr: 'O', value: FACILITY.name }, { attr: 'CN', value: 'Nguyễn Văn An' }, { attr: 'UID', value: uid }) });
      const problems = certificateProblems({ cert: c.cert, hasPrivateKey: true, facility: FACILITY, at: now });
      expect(problems.map((p) => p.code)).toEqual(['CERT_PERSONAL']);
      expect(problems[0]!.message_vi).toContain('chứng thư số cá nhân của Nguyễn Văn An');
      expect(problems[0]!.message_en).toContain(`a personal certificate of Nguyễn Văn An (${uid.split(':')[0]}), not the facility's organisation certificate`);
      expect(await platformCode(c)).toBe('CERT_WRONG_FACILITY');
    }
    // With the employer's MST in OU: still a person's certificate.
    const withOu = await issue(LAYOUTS['MST in OU of a personal certificate']!);
    expect(certificateProblems({ cert: withOu.cert, hasPrivateKey: true, facility: FACILITY, at: now }).map((p) => p.code)).toEqual(['CERT_PERSONAL']);
  });
});

describe('a certificate renewed beside the old one', () => {
  const old: RenewalFacts = { subject: 'CN=TTYT, UID=MST:0101234567', issuer: 'CN=VNPT-CA SHA-256', keyUsage: ['digitalSignature', 'nonRepudiation'], extKeyUsage: null, notBefore: 1_000, notAfter: 5_000 };
  const renewed: RenewalFacts = { ...old, notBefore: 4_000, notAfter: 9_000 };
  const pick = (...f: RenewalFacts[]) => preferRenewed(f, (x) => x);

  it('is the one chosen when both are the same certificate renewed (subject, CA, usages): the one that ends last', () => {
    expect(pick(old, renewed)).toEqual([renewed]);
    expect(pick(renewed, old)).toEqual([renewed]);
  });

  it('is not chosen over a certificate that differs in holder, CA or usage: the signer chooses', () => {
    expect(pick(old, { ...renewed, issuer: 'CN=Viettel-CA SHA-256' })).toHaveLength(2);
    expect(pick(old, { ...renewed, subject: 'CN=TTYT Chi nhánh, UID=MST:0101234567-001' })).toHaveLength(2);
    expect(pick(old, { ...renewed, extKeyUsage: ['clientAuth'] })).toHaveLength(2);
  });
});

// Session 25, a mutation probe: each case below fails for one change to the rule that left the
// tests above green.
describe('the rule\'s edges', () => {
  it('a tax code that is all of CN ("CN=MST:…") is still not read: only UID=MST: is, and the convention is no misplaced code', async () => {
    const cnOnly = await issue({ subject: name({ attr: 'O', value: FACILITY.name }, { attr: 'CN', value: `MST:${TAX}` }) });
    expect(facilityTaxCodes(cnOnly.cert)).toEqual([]);
    expect(misplacedTaxCode(cnOnly.cert)).toMatchObject({ attribute: 'CN', taxCode: TAX });
    expect(certificateProblems({ cert: cnOnly.cert, hasPrivateKey: true, facility: FACILITY, at: now }).map((p) => p.code)).toEqual(['CERT_TAX_CODE_MISPLACED']);
    expect(await platformCode(cnOnly)).toMatch(/^CERT_/);
    expect(misplacedTaxCode((await issue(LAYOUTS['UID=MST: (the convention)']!)).cert)).toBeNull();
  });

  it('a passport number (UID=HC:) is a person\'s', async () => {
    const c = await issue({ subject: name({ attr: 'CN', value: 'John Smith' }, { attr: 'UID', value: 'HC:B1234567' }) });
    expect(personalIdOf(c.cert)).toEqual({ kind: 'HC', number: 'B1234567' });
  });

  it('a self-signed root without basicConstraints (an old v1 root on a token) is an authority; a leaf without it is not', async () => {
    const keys = await generateKeyPair('EC');
    const v1Root = await createCertificate({ subject: [{ attr: 'CN', value: 'Old root' }], keys, basicConstraints: false, keyUsage: ['digitalSignature', 'nonRepudiation'] });
    expect(isAuthorityCertificate(v1Root.cert)).toBe(true);
    const leaf = await createCertificate({ subject: name({ attr: 'CN', value: FACILITY.name }, { attr: 'UID', value: `MST:${TAX}` }), keys: await generateKeyPair('EC'), issuer: ca, basicConstraints: false, keyUsage: ['digitalSignature', 'nonRepudiation'] });
    expect(isAuthorityCertificate(leaf.cert)).toBe(false);
    expect(isAuthorityCertificate(ca.cert)).toBe(true);
  });

  it('of several usable certificates, the one with nonRepudiation is preferred only when it is the only one', () => {
    type C = { id: string; ku: string[] | null };
    const ku = (c: C) => c.ku;
    const auth: C = { id: 'auth', ku: ['digitalSignature', 'keyEncipherment'] };
    const sign: C = { id: 'sign', ku: ['digitalSignature', 'nonRepudiation'] };
    const sign2: C = { id: 'sign2', ku: ['nonRepudiation'] };
    const noKu: C = { id: 'none', ku: null };
    expect(preferForDocuments([auth, sign], ku).map((c) => c.id)).toEqual(['sign']);
    expect(preferForDocuments([sign, auth, noKu], ku).map((c) => c.id)).toEqual(['sign']);
    // Two that could both be for documents: the signer chooses.
    expect(preferForDocuments([auth, sign, sign2], ku).map((c) => c.id)).toEqual(['auth', 'sign', 'sign2']);
    expect(preferForDocuments([auth, noKu], ku).map((c) => c.id)).toEqual(['auth', 'none']);
    expect(preferForDocuments([auth], ku).map((c) => c.id)).toEqual(['auth']);
  });
});
