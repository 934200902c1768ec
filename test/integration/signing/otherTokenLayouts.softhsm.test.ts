// Tokens laid out the way Vietnamese CAs issue them (session 24's probe), on SoftHSM: what the
// station signs with, what it refuses before the PIN, and what it tells the signer who must choose.
import { afterEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { EKU } from '../../../shared/signer/index.js';
import { tokenLines } from '../../../electron/cli/commands/token.js';
import { createCertificate, generateKeyPair } from '../../fixtures/pki.js';
import { TEST_FACILITY, type SoftHsmTokenOptions } from '../../fixtures/softhsm.js';
import { stationOnToken, type Cleanup } from './stationOnToken.js';

let cleanup: Cleanup[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const world = (opts: SoftHsmTokenOptions) => stationOnToken(opts, cleanup, 'station-layouts-');

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('signed'); }, (e: unknown) => e as StationError);
const WRONG_PIN = '000000';

describe('an authentication certificate beside the signing one', () => {
  const layout: SoftHsmTokenOptions = {
    keys: [
      { type: 'EC', label: 'Xác thực', certificate: { keyUsage: ['digitalSignature', 'keyEncipherment'], extKeyUsage: [EKU.clientAuth] } },
      { type: 'EC', label: 'Ký số', certificate: { keyUsage: ['digitalSignature', 'nonRepudiation'] } },
    ],
  };

  it('signs with the signing certificate, unasked', async () => {
    const { station, token } = await world(layout);
    const signing = token.keys[1]!.certificate!;
    const result = await station.signing.sign({ pin: token.pin });
    const listed = (await station.signing.listTokens()).tokens[0]!.certificates;
    expect(listed.find((c) => c.fingerprint === result.certFingerprint)?.subject).toBe(signing.cert.subject.text);
    expect(result.count).toBe(2);
  });

  it('prefers the nonRepudiation certificate when the other one has no extended key usage to tell', async () => {
    const { station, token } = await world({
      keys: [
        { type: 'EC', label: 'Xác thực', certificate: { keyUsage: ['digitalSignature', 'keyEncipherment'] } },
        { type: 'EC', label: 'Ký số', certificate: { keyUsage: ['digitalSignature', 'nonRepudiation'] } },
      ],
    });
    const result = await station.signing.sign({ pin: token.pin });
    const chosen = (await station.signing.listTokens()).tokens[0]!.certificates.find((c) => c.fingerprint === result.certFingerprint);
    expect(chosen?.label).toBe('Ký số');
  });

  it('refuses the authentication certificate chosen by fingerprint, before the PIN, saying it is for authentication', async () => {
    const { station, signer, token } = await world(layout);
    const listing = await signer.listTokens({ modulePath: token.modulePath, facility: TEST_FACILITY });
    const auth = listing.tokens[0]!.certificates.find((c) => c.label === 'Xác thực')!;
    expect(auth).toMatchObject({ usable: false, extKeyUsage: ['clientAuth'] });
    const e = await refusal(station.signing.sign({ pin: WRONG_PIN, certFingerprint: auth.fingerprint }));
    expect(e.code).toBe('SIGN_CHOSEN_CERTIFICATE_UNUSABLE');
    expect(e.messageVi).toContain('xác thực');
    expect(e.messageEn).toContain('clientAuth');
  });

  it('shows label, serial, key usage and extended key usage where the signer chooses', async () => {
    const { signer, token } = await world(layout);
    const t = (await signer.listTokens({ modulePath: token.modulePath, facility: TEST_FACILITY })).tokens[0]!;
    const text = tokenLines(t).join('\n');
    expect(text).toContain('label:    Xác thực');
    expect(text).toContain(`serial:   ${token.keys[0]!.certificate!.cert.serialNumber}`);
    expect(text).toContain('usage:    digitalSignature, keyEncipherment; EKU clientAuth');
    expect(text).toContain('usage:    digitalSignature, nonRepudiation');
    const gui = (await (await world(layout)).station.signing.listTokens()).tokens[0]!.certificates;
    expect(gui.map((c) => c.label).sort()).toEqual(['Ký số', 'Xác thực']);
    expect(gui.find((c) => c.label === 'Xác thực')).toMatchObject({ extKeyUsage: ['clientAuth'], serialNumber: expect.any(String) });
  });
});

describe('a certificate with no key on the token beside the good one', () => {
  const layout: SoftHsmTokenOptions = {
    keys: [
      { type: 'EC', label: 'Chứng thư cũ', certificate: { withoutKey: true } },
      { type: 'EC', label: 'Ký số' },
    ],
  };

  it('is listed as having no key before login (public keys are visible), and the good one signs unasked', async () => {
    const { station, signer, token } = await world(layout);
    const t = (await signer.listTokens({ modulePath: token.modulePath, facility: TEST_FACILITY })).tokens[0]!;
    const orphan = t.certificates.find((c) => c.label === 'Chứng thư cũ')!;
    expect(orphan).toMatchObject({ usable: false, hasPrivateKey: false });
    expect(orphan.problems.map((p) => p.code)).toEqual(['CERT_NO_PRIVATE_KEY']);
    expect(tokenLines(t).join('\n')).toContain('CERT_NO_PRIVATE_KEY');
    expect(t.certificates.find((c) => c.label === 'Ký số')).toMatchObject({ usable: true, hasPrivateKey: null });
    // Chosen by fingerprint: refused before the PIN (a wrong PIN is never sent).
    const e = await refusal(station.signing.sign({ pin: WRONG_PIN, certFingerprint: orphan.fingerprint }));
    expect(e.code).toBe('SIGN_CHOSEN_CERTIFICATE_UNUSABLE');
    expect((await station.signing.sign({ pin: token.pin })).count).toBe(2);
  });
});

describe('keys paired to certificates by their public key, not only CKA_ID', () => {
  it('signs when the key’s CKA_ID (3031) differs from the certificate’s (3032)', async () => {
    const { station, token } = await world({ keys: [{ type: 'RSA', id: new Uint8Array([0x30, 0x31]), certificate: { id: new Uint8Array([0x30, 0x32]) } }] });
    const result = await station.signing.sign({ pin: token.pin });
    expect(result).toMatchObject({ count: 2, alg: 'PS256' });
  });

  it('signs an EC key and certificate without CKA_ID beside a v1-style root (self-signed, no basicConstraints)', async () => {
    const root = await createCertificate({ subject: [{ attr: 'CN', value: 'Old Root CA (test)' }], keys: await generateKeyPair('EC'), basicConstraints: false, keyUsage: null });
    const { station, token, signer } = await world({ keys: [{ type: 'EC', id: null, certificate: { id: null } }], extraCertificates: [{ cert: root, label: 'Root' }] });
    const t = (await signer.listTokens({ modulePath: token.modulePath, facility: TEST_FACILITY })).tokens[0]!;
    // The root is no signing candidate.
    expect(t.certificates.map((c) => c.label)).toEqual(['Certificate 1']);
    expect((await station.signing.sign({ pin: token.pin })).count).toBe(2);
  });
});

describe('a key the CA did not allow to sign (CKA_SIGN=false)', () => {
  it('is refused after one attempt, saying the key may not sign, and listed unusable once its key is seen', async () => {
    const { station, token, signer } = await world({ keys: [{ type: 'EC', sign: false }] });
    const e = await refusal(station.signing.sign({ pin: token.pin }));
    expect(e.code).toBe('KEY_NOT_ALLOWED_TO_SIGN');
    expect(e.messageVi).toContain('CKA_SIGN=false');
    expect(e.messageEn).toBe('This key is not allowed to sign (CKA_SIGN=false): contact your CA');
    expect(e.details).toMatchObject({ tried: [expect.objectContaining({ outcome: 'CKR_KEY_FUNCTION_NOT_PERMITTED' })] });
    expect((e.details as { tried: unknown[] }).tried).toHaveLength(1);
    // The login is kept: the listing on it sees the key and says why it cannot sign.
    const t = (await signer.logIn({ modulePath: token.modulePath, tokenSerial: token.serial, facility: TEST_FACILITY, pin: token.pin })).token;
    expect(t.certificates[0]).toMatchObject({ usable: false, problems: [expect.objectContaining({ code: 'KEY_NOT_ALLOWED_TO_SIGN' })] });
  });
});

describe('CA certificates on the token that do not say they are CAs are no signing candidates', () => {
  const caName = (cn: string) => [{ attr: 'C', value: 'VN' }, { attr: 'O', value: 'Công ty Chứng thực Thử nghiệm' }, { attr: 'CN', value: cn }];
  const listedLabels = async (opts: SoftHsmTokenOptions) => {
    const { station, token, signer } = await world(opts);
    const t = (await signer.listTokens({ modulePath: token.modulePath, facility: TEST_FACILITY })).tokens[0]!;
    return { station, token, labels: t.certificates.map((c) => c.label) };
  };

  it('an intermediate with no basicConstraints nor keyUsage that issued the facility’s certificate: listed no more, signs unasked', async () => {
    const root = await createCertificate({ subject: caName('Root CA (test)'), keys: await generateKeyPair('EC'), isCa: true });
    const intermediate = await createCertificate({ subject: caName('Sub CA (test)'), keys: await generateKeyPair('EC'), issuer: root, basicConstraints: false, keyUsage: null });
    const { station, token, labels } = await listedLabels({
      keys: [{ type: 'EC', label: 'Ký số' }],
      issuer: intermediate,
      extraCertificates: [{ cert: intermediate, label: 'Sub CA' }, { cert: root, label: 'Root' }],
    });
    expect(labels).toEqual(['Ký số']);
    const result = await station.signing.sign({ pin: token.pin });
    expect(result.count).toBe(2);
  });

  it('a CA certificate with keyCertSign and no basicConstraints, what it issued not on the token', async () => {
    const ca = await createCertificate({ subject: caName('Other Sub CA (test)'), keys: await generateKeyPair('EC'), basicConstraints: false, keyUsage: ['keyCertSign', 'cRLSign'], issuer: await createCertificate({ subject: caName('Other Root (test)'), keys: await generateKeyPair('EC'), isCa: true }) });
    const { labels } = await listedLabels({ keys: [{ type: 'EC', label: 'Ký số' }], extraCertificates: [{ cert: ca, label: 'Other Sub CA' }] });
    expect(labels).toEqual(['Ký số']);
  });

  it('a self-signed certificate in the facility’s name that says it is no CA (a CSR tool’s placeholder): not offered beside the CA’s', async () => {
    const self = await createCertificate({
      subject: [{ attr: 'C', value: 'VN' }, { attr: 'O', value: TEST_FACILITY.name }, { attr: 'CN', value: TEST_FACILITY.name }, { attr: 'UID', value: `MST:${TEST_FACILITY.taxCode}` }],
      keys: await generateKeyPair('EC'),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    expect(self.cert.isCa).toBe(false);
    const { station, token, labels } = await listedLabels({ keys: [{ type: 'EC', label: 'Ký số' }], extraCertificates: [{ cert: self, label: 'Self' }] });
    expect(labels).toEqual(['Ký số']);
    expect((await station.signing.sign({ pin: token.pin })).count).toBe(2);
  });
});
