// The signer host on a real PKCS#11 module (SoftHSM2): listing, every mechanism path, session
// reuse, certificate refusals. Every signature is verified here again with node:crypto.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { startInProcessHost, toBeSigned, verifiesWithCertificate, type HostHarness } from './inProcessHost.js';

const facility = TEST_FACILITY;

describe('EC P-256 token', () => {
  let token: SoftHsmToken;
  let h: HostHarness;
  beforeAll(async () => {
    token = await createSoftHsmToken({ label: 'Viettel-CA test', keys: [{ type: 'EC' }], caOnToken: true });
    h = startInProcessHost(token);
  });
  afterAll(() => {
    h.close();
    token.cleanup();
  });

  it('lists the token and its certificate, usable for this facility, before any PIN', async () => {
    const { module, tokens } = await h.ok('tokens.list', { facility });
    expect(module.loaded).toBe(token.modulePath);
    expect(tokens).toHaveLength(1); // SoftHSM's extra uninitialised slot is not a token
    const t = tokens[0]!;
    expect(t).toMatchObject({ serial: token.serial, label: 'Viettel-CA test', loggedIn: false, warnings: [], pinMinLength: 4 });
    expect(t.certificates).toHaveLength(1); // the CA certificate on the token is chain material, not a choice
    const c = t.certificates[0]!;
    expect(c).toMatchObject({ keyType: 'EC', keyBits: 256, curve: 'P-256', taxCode: '0301234567', usable: true, problems: [], alg: -7, hasPrivateKey: null });
    expect(c.subject).toContain('UID=MST:0301234567');
    expect(c.subject).toContain('Trung tâm Y tế Quận Một');
    expect(c.issuer).toContain('Test-CA');
    expect(c.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(new Date(c.notAfter).getTime()).toBeGreaterThan(Date.now());
    expect(c.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs ES256 with CKM_ECDSA over a SHA-256 digest: raw r‖s that verifies with the certificate', async () => {
    const data = toBeSigned();
    const r = await h.ok('sign', { pin: token.pin, toBeSigned: data, facility });
    expect(r).toMatchObject({ alg: -7, mechanism: 'CKM_ECDSA', tokenSerial: token.serial });
    expect(r.signature).toHaveLength(64);
    expect(Buffer.from(r.certificateDer)).toEqual(Buffer.from(token.keys[0]!.certificate!.der));
    expect(r.certificateChain.map((d) => Buffer.from(d))).toEqual([Buffer.from(token.ca.der)]);
    expect(verifiesWithCertificate(r, data)).toBe(true);
    expect(verifiesWithCertificate(r, toBeSigned('another manifest'))).toBe(false);
  });

  it('keeps the login for the next batch (no PIN), shows it in the listing, and ends it on logout', async () => {
    const data = toBeSigned('second batch');
    const r = await h.ok('sign', { toBeSigned: data, facility });
    expect(verifiesWithCertificate(r, data)).toBe(true);
    const listed = await h.ok('tokens.list', { facility });
    expect(listed.tokens[0]).toMatchObject({ loggedIn: true, certificates: [{ hasPrivateKey: true, usable: true }] });
    expect(await h.ok('session.logout', {})).toEqual({ loggedOut: true });
    expect(h.events).toContainEqual({ event: 'session.ended', data: { tokenSerial: token.serial, reason: 'LOGOUT' } });
    const e = await h.fail('sign', { toBeSigned: data, facility });
    expect(e.code).toBe('PIN_REQUIRED');
  });

  it('a PIN given while a session is open is checked by the token, never waved through', async () => {
    await h.ok('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility });
    const e = await h.fail('sign', { pin: '999999', toBeSigned: toBeSigned(), facility });
    expect(e.code).toBe('PIN_INCORRECT');
    expect((await h.ok('status', {})).session).toBeNull();
    await h.ok('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility });
    await h.ok('session.logout', {});
  });

  it('answers a wrong PIN with PIN_INCORRECT and warns before the next attempt', async () => {
    const e = await h.fail('sign', { pin: '000000', toBeSigned: toBeSigned(), facility });
    // SoftHSM sets CKF_USER_PIN_COUNT_LOW after one wrong PIN, as the standard allows: said.
    expect(e).toMatchObject({
      code: 'PIN_INCORRECT',
      message_vi: 'Mã PIN không đúng (token báo đã có lần nhập sai mã PIN: có thể chỉ còn ít lần thử trước khi token bị khóa)',
      message_en: 'Wrong PIN (the token reports wrong PINs entered: few tries may be left before it locks)',
      details: { countLow: true },
    });
    const { tokens } = await h.ok('tokens.list', { facility });
    expect(tokens[0]!.warnings).toEqual([{ code: 'PIN_COUNT_LOW', message_vi: expect.stringContaining('sai'), message_en: expect.stringContaining('previous PIN attempt failed') }]);
    await h.ok('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility });
    expect((await h.ok('tokens.list', { facility })).tokens[0]!.warnings).toEqual([]);
    await h.ok('session.logout', {});
  });

  it('checks the PIN length against the token before trying it', async () => {
    const e = await h.fail('sign', { pin: '12', toBeSigned: toBeSigned(), facility });
    expect(e.code).toBe('PIN_LENGTH');
    expect(e.message_en).toContain('4–255');
  });

  it('rejects a malformed request without echoing what it held (a PIN may be in it)', async () => {
    const e = await h.fail('sign', { pin: 'secret-PIN-4711', toBeSigned: 'not bytes', facility });
    expect(e.code).toBe('SIGNER_BAD_REQUEST');
    expect(JSON.stringify(e)).not.toContain('secret-PIN-4711');
    expect(JSON.stringify(h.logger.lines)).not.toContain('secret-PIN-4711');
    expect((await h.fail('tokens.wipe' as 'status', {})).code).toBe('SIGNER_BAD_REQUEST');
  });

  it('modules.diagnose says which module is loaded and what it is', async () => {
    const report = await h.ok('modules.diagnose', {});
    expect(report.loaded).toBe(token.modulePath);
    expect(report.candidates[0]).toMatchObject({ source: 'configured', status: 'loaded', library: { manufacturer: 'SoftHSM', cryptoki: '2.40' } });
  });

  it('refuses another facility’s signing (the certificate belongs to MST 0301234567)', async () => {
    const e = await h.fail('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility: { taxCode: '0109876543' } });
    expect(e).toMatchObject({ code: 'CERT_OTHER_FACILITY', message_en: expect.stringContaining('another organisation') });
  });
});

describe('RSA mechanism paths, chosen from what the token offers', () => {
  let token: SoftHsmToken;
  beforeAll(async () => {
    token = await createSoftHsmToken({ keys: [{ type: 'RSA', bits: 2048 }] });
  });
  afterAll(() => token.cleanup());

  const paths: { mechanisms: string[] | undefined; alg: number; mechanism: string }[] = [
    { mechanisms: undefined, alg: -37, mechanism: 'CKM_SHA256_RSA_PKCS_PSS' },
    { mechanisms: ['CKM_RSA_PKCS_PSS', 'CKM_RSA_X_509', 'CKM_RSA_PKCS'], alg: -37, mechanism: 'CKM_RSA_PKCS_PSS' },
    { mechanisms: ['CKM_RSA_X_509', 'CKM_RSA_PKCS'], alg: -37, mechanism: 'CKM_RSA_X_509+EMSA-PSS' },
    { mechanisms: ['CKM_SHA256_RSA_PKCS'], alg: -257, mechanism: 'CKM_SHA256_RSA_PKCS' },
    { mechanisms: ['CKM_RSA_PKCS'], alg: -257, mechanism: 'CKM_RSA_PKCS+DigestInfo' },
  ];
  for (const p of paths) {
    it(`${p.mechanisms ? `slots.mechanisms = ${p.mechanisms.join(',')}` : 'all mechanisms'} → ${p.mechanism} (${p.alg === -37 ? 'PS256' : 'RS256'})`, async () => {
      token.setMechanisms(p.mechanisms);
      const h = startInProcessHost(token);
      try {
        const listed = await h.ok('tokens.list', { facility });
        expect(listed.tokens[0]!.certificates[0]).toMatchObject({ keyType: 'RSA', keyBits: 2048, alg: p.alg });
        const data = toBeSigned(`manifest for ${p.mechanism}`);
        const r = await h.ok('sign', { pin: token.pin, toBeSigned: data, facility });
        expect(r).toMatchObject({ alg: p.alg, mechanism: p.mechanism });
        expect(r.signature).toHaveLength(256);
        expect(verifiesWithCertificate(r, data)).toBe(true);
      } finally {
        h.close();
      }
    });
  }

  it('a token made restricted to CKM_RSA_PKCS only falls back to RS256', async () => {
    const only = await createSoftHsmToken({ keys: [{ type: 'RSA' }], mechanisms: ['CKM_RSA_PKCS'] });
    const h = startInProcessHost(only);
    try {
      const data = toBeSigned();
      const r = await h.ok('sign', { pin: only.pin, toBeSigned: data, facility });
      expect(r).toMatchObject({ alg: -257, mechanism: 'CKM_RSA_PKCS+DigestInfo' });
      expect(verifiesWithCertificate(r, data)).toBe(true);
    } finally {
      h.close();
      only.cleanup();
    }
  });

  it('says so when the token offers no mechanism for the key', async () => {
    token.setMechanisms(['CKM_ECDSA']);
    const h = startInProcessHost(token);
    try {
      expect((await h.ok('tokens.list', { facility })).tokens[0]!.certificates[0]!.alg).toBeNull();
      const e = await h.fail('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility });
      expect(e.code).toBe('SIGN_MECHANISM_UNAVAILABLE');
    } finally {
      h.close();
      token.setMechanisms(undefined);
    }
  });
});

describe('certificates that must not sign', () => {
  let token: SoftHsmToken;
  let h: HostHarness;
  beforeAll(async () => {
    token = await createSoftHsmToken({
      keys: [
        { type: 'EC', label: 'expired', certificate: { variant: 'expired' } },
        { type: 'EC', label: 'future', certificate: { variant: 'notYetValid' } },
        { type: 'EC', label: 'other', certificate: { variant: 'otherFacility' } },
        { type: 'EC', label: 'encipher', certificate: { variant: 'noDigitalSignature' } },
        { type: 'EC', label: 'bare key', certificate: null },
      ],
    });
    h = startInProcessHost(token);
  });
  afterAll(() => {
    h.close();
    token.cleanup();
  });

  it('lists each certificate with why it cannot be used', async () => {
    const { tokens } = await h.ok('tokens.list', { facility });
    const byLabel = Object.fromEntries(tokens[0]!.certificates.map((c) => [c.label, c]));
    expect(Object.keys(byLabel).sort()).toEqual(['encipher', 'expired', 'future', 'other']);
    expect(byLabel.expired!.problems.map((p) => p.code)).toEqual(['CERT_EXPIRED']);
    expect(byLabel.future!.problems.map((p) => p.code)).toEqual(['CERT_NOT_YET_VALID']);
    expect(byLabel.other!.problems.map((p) => p.code)).toEqual(['CERT_OTHER_FACILITY']);
    expect(byLabel.encipher!.problems.map((p) => p.code)).toEqual(['CERT_KEY_USAGE']);
    expect(Object.values(byLabel).every((c) => !c.usable)).toBe(true);
  });

  it('refuses to sign with a chosen unusable certificate, saying why in both languages', async () => {
    const { tokens } = await h.ok('tokens.list', { facility });
    const expired = tokens[0]!.certificates.find((c) => c.label === 'expired')!;
    const e = await h.fail('sign', { pin: token.pin, certFingerprint: expired.fingerprint, toBeSigned: toBeSigned(), facility });
    expect(e).toMatchObject({ code: 'CERT_EXPIRED', message_vi: expect.stringMatching(/^Chứng thư số đã hết hạn \(hết hạn lúc /), message_en: expect.stringMatching(/^The certificate has expired \(it ended at /) });
    const other = tokens[0]!.certificates.find((c) => c.label === 'other')!;
    expect((await h.fail('sign', { certFingerprint: other.fingerprint, toBeSigned: toBeSigned(), facility })).code).toBe('CERT_OTHER_FACILITY');
    const encipher = tokens[0]!.certificates.find((c) => c.label === 'encipher')!;
    expect((await h.fail('sign', { certFingerprint: encipher.fingerprint, toBeSigned: toBeSigned(), facility })).code).toBe('CERT_KEY_USAGE');
    expect((await h.fail('sign', { certFingerprint: 'ab'.repeat(32), toBeSigned: toBeSigned(), facility })).code).toBe('CERT_NOT_FOUND');
  });
});

describe('tokens without a usable key', () => {
  it('a Vietnamese label cut by the 32-byte field inside a letter is shown without the broken half', async () => {
    const label = 'Trung tâm Y tế Quận Một Đồng Khởi';
    expect(new TextEncoder().encode(label).length).toBeGreaterThan(32);
    const token = await createSoftHsmToken({ label, keys: [{ type: 'EC' }] });
    const h = startInProcessHost(token);
    try {
      const { tokens } = await h.ok('tokens.list', { facility });
      expect(tokens[0]!.label).toBe('Trung tâm Y tế Quận Một');
    } finally {
      h.close();
      token.cleanup();
    }
  });

  it('a token with no certificate at all is listed with a warning and cannot sign', async () => {
    const token = await createSoftHsmToken({ keys: [{ type: 'EC', certificate: null }] });
    const h = startInProcessHost(token);
    try {
      const { tokens } = await h.ok('tokens.list', { facility });
      expect(tokens[0]!.certificates).toEqual([]);
      // Before login it may still hold one kept private until then; on the login it says none.
      expect(tokens[0]!.warnings.map((w) => w.code)).toEqual(['CERT_AFTER_LOGIN']);
      const { token: onLogin } = await h.ok('session.login', { tokenSerial: token.serial, pin: token.pin, facility });
      expect(onLogin.certificates).toEqual([]);
      expect(onLogin.warnings.map((w) => w.code)).toEqual(['CERT_NOT_FOUND']);
      expect((await h.fail('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility })).code).toBe('CERT_NOT_FOUND');
    } finally {
      h.close();
      token.cleanup();
    }
  });

  it('a certificate whose private key is missing: said before login (no public key of it either), refused (CERT_NO_PRIVATE_KEY)', async () => {
    // The key pair is gone, the certificate left behind. (A key under another CKA_ID than its
    // certificate is no orphan: it is paired by its public key, otherTokenLayouts.softhsm.test.ts.)
    const token = await createSoftHsmToken({ keys: [{ type: 'EC', certificate: { withoutKey: true } }, { type: 'EC', certificate: null }] });
    const h = startInProcessHost(token);
    try {
      const before = await h.ok('tokens.list', { facility });
      expect(before.tokens[0]!.certificates[0]).toMatchObject({ hasPrivateKey: false, usable: false });
      const e = await h.fail('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility });
      expect(e).toMatchObject({ code: 'CERT_NO_PRIVATE_KEY', message_en: 'There is no private key for this certificate' });
      const after = await h.ok('tokens.list', { facility });
      expect(after.tokens[0]).toMatchObject({ loggedIn: true, certificates: [{ hasPrivateKey: false, usable: false }] });
    } finally {
      h.close();
      token.cleanup();
    }
  });
});

describe('idle timeout', () => {
  it('ends the login after the idle time without a signature, and says so', async () => {
    const token = await createSoftHsmToken({ keys: [{ type: 'EC' }] });
    const h = startInProcessHost(token, { idleTimeoutMs: 150 });
    try {
      await h.ok('sign', { pin: token.pin, toBeSigned: toBeSigned(), facility });
      expect((await h.ok('status', {})).session).toMatchObject({ tokenSerial: token.serial, loggedIn: true });
      for (let waited = 0; waited < 5000 && !h.events.some((e) => e.event === 'session.ended'); waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(h.events).toContainEqual({ event: 'session.ended', data: { tokenSerial: token.serial, reason: 'IDLE' } });
      expect((await h.ok('status', {})).session).toBeNull();
      expect((await h.fail('sign', { toBeSigned: toBeSigned(), facility })).code).toBe('PIN_REQUIRED');
    } finally {
      h.close();
      token.cleanup();
    }
  });
});

describe('CKA_ALWAYS_AUTHENTICATE keys (SoftHSM enforces the context-specific login)', () => {
  it('signs, logging in again for the operation; refuses to reuse the session without the PIN', async () => {
    const token = await createSoftHsmToken({ keys: [{ type: 'EC', alwaysAuthenticate: true }] });
    const h = startInProcessHost(token);
    try {
      const listed = await h.ok('tokens.list', { facility });
      expect(listed.tokens[0]!.certificates[0]!.alwaysAuthenticate).toBe(false); // hidden before login
      const data = toBeSigned();
      const r = await h.ok('sign', { pin: token.pin, toBeSigned: data, facility });
      expect(verifiesWithCertificate(r, data)).toBe(true);
      expect((await h.ok('tokens.list', { facility })).tokens[0]!.certificates[0]!.alwaysAuthenticate).toBe(true);
      const e = await h.fail('sign', { toBeSigned: data, facility });
      expect(e).toMatchObject({ code: 'PIN_REQUIRED', details: { alwaysAuthenticate: true } });
    } finally {
      h.close();
      token.cleanup();
    }
  });
});
