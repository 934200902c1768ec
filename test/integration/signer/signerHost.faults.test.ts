// What SoftHSM cannot do, through the fault port wrapped around a real SoftHSM token: PIN
// countdown and lockout, PIN length, removal mid-batch, PIN-pad readers, always-authenticate,
// hot-plug. Each test asserts what the user is told (code + both messages) and what the token saw.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REMOVAL_CLASS } from '../../../electron/signer/ckr.js';
import type { FaultSpec } from '../../fixtures/faultPkcs11.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { startInProcessHost, toBeSigned, verifiesWithCertificate, type HostHarness } from './inProcessHost.js';

const facility = TEST_FACILITY;
let token: SoftHsmToken;
let alwaysAuth: SoftHsmToken;
beforeAll(async () => {
  token = await createSoftHsmToken({ keys: [{ type: 'EC' }] });
  alwaysAuth = await createSoftHsmToken({ keys: [{ type: 'EC', alwaysAuthenticate: true }] });
});
afterAll(() => {
  token.cleanup();
  alwaysAuth.cleanup();
});

// SoftHSM's state (config, login) is per process: one host at a time, finalised after each test.
const open: HostHarness[] = [];
function host(faults: FaultSpec, t: SoftHsmToken = token): HostHarness {
  const h = startInProcessHost(t, { faults });
  open.push(h);
  return h;
}
afterEach(() => open.splice(0).forEach((h) => h.close()));

const logins = (h: HostHarness) => h.calls.filter((c) => c.method === 'C_Login' && !('fault' in c));
const sign = (h: HostHarness, extra: Record<string, unknown> = {}) => ({ pin: token.pin, toBeSigned: toBeSigned(), facility, ...extra });

describe('PIN counter', () => {
  it('COUNT_LOW: the listing warns that a previous attempt failed; the right PIN still signs', async () => {
    const h = host({ pinCountdown: { maxTries: 3, failures: 1 } });
    const { tokens } = await h.ok('tokens.list', { facility });
    expect(tokens[0]!.flags.pinCountLow).toBe(true);
    expect(tokens[0]!.warnings).toEqual([
      { code: 'PIN_COUNT_LOW', message_vi: 'Lần nhập PIN trước đã sai. Hãy kiểm tra kỹ trước khi nhập', message_en: 'A previous PIN attempt failed: check the PIN carefully' },
    ]);
    const r = await h.ok('sign', sign(h));
    expect(verifiesWithCertificate(r, toBeSigned())).toBe(true);
    expect((await h.ok('tokens.list', { facility })).tokens[0]!.warnings).toEqual([]);
  });

  it('FINAL_TRY: refused without an explicit confirm (no login attempted), allowed with it', async () => {
    const h = host({ pinCountdown: { maxTries: 3, failures: 2 } });
    expect((await h.ok('tokens.list', { facility })).tokens[0]!.warnings.map((w) => w.code)).toEqual(['PIN_FINAL_TRY']);
    const e = await h.fail('sign', sign(h));
    expect(e).toMatchObject({
      code: 'PIN_FINAL_TRY',
      message_vi: expect.stringContaining('lần thử PIN cuối cùng'),
      message_en: 'This is the last PIN try before the token locks: confirm to continue',
      details: { confirmRequired: true },
    });
    expect(logins(h)).toHaveLength(0);
    const r = await h.ok('sign', sign(h, { confirmFinalTry: true }));
    expect(verifiesWithCertificate(r, toBeSigned())).toBe(true);
    expect(logins(h)).toHaveLength(1);
  });

  it('LOCKED: "contact your CA", and no login is ever attempted', async () => {
    const h = host({ pinCountdown: { maxTries: 3, failures: 3 } });
    expect((await h.ok('tokens.list', { facility })).tokens[0]!.warnings.map((w) => w.code)).toEqual(['TOKEN_LOCKED']);
    const e = await h.fail('sign', sign(h, { confirmFinalTry: true }));
    expect(e).toMatchObject({ code: 'TOKEN_LOCKED', message_vi: expect.stringContaining('liên hệ nhà cung cấp chứng thư số'), message_en: 'The token PIN is locked: contact your CA to unlock it' });
    expect(logins(h)).toHaveLength(0);
  });

  it('wrong PINs count down: wrong → wrong (one try left) → confirm required → locked', async () => {
    const h = host({ pinCountdown: { maxTries: 3 } });
    const first = await h.fail('sign', sign(h, { pin: '999999' }));
    // The token now counts wrong PINs without saying how many are left: said, so the next try is typed with care.
    expect(first).toMatchObject({ code: 'PIN_INCORRECT', message_en: 'Wrong PIN (the token reports wrong PINs entered: few tries may be left before it locks)', details: { countLow: true, finalTry: false, triesLeft: null } });
    expect(first.message_vi).toContain('có thể chỉ còn ít lần thử');
    const second = await h.fail('sign', sign(h, { pin: '999998' }));
    expect(second).toMatchObject({ code: 'PIN_INCORRECT', details: { finalTry: true, triesLeft: 1 } });
    expect(second.message_en).toBe('Wrong PIN (one try left before the token locks)');
    expect(second.message_vi).toContain('chỉ còn 1 lần thử');
    expect((await h.fail('sign', sign(h, { pin: '999997' }))).code).toBe('PIN_FINAL_TRY');
    const last = await h.fail('sign', sign(h, { pin: '999997', confirmFinalTry: true }));
    expect(last).toMatchObject({ code: 'TOKEN_LOCKED', details: { afterWrongPin: true } });
    expect(logins(h)).toHaveLength(3);
    // Never retried automatically: one C_Login per attempt the user made.
    expect((await h.fail('sign', sign(h, { confirmFinalTry: true }))).code).toBe('TOKEN_LOCKED');
    expect(logins(h)).toHaveLength(3);
  });
});

describe('PIN length', () => {
  it('is checked against the token’s min/max before the token sees the PIN', async () => {
    const h = host({ pinLength: { min: 6, max: 8 } });
    const e = await h.fail('sign', sign(h, { pin: '1234' }));
    expect(e).toMatchObject({ code: 'PIN_LENGTH', details: { min: 6, max: 8 } });
    expect(e.message_en).toBe('The PIN length is not valid for this token (6–8 characters)');
    expect(e.message_vi).toContain('từ 6 đến 8 ký tự');
    expect((await h.fail('sign', sign(h, { pin: '123456789' }))).code).toBe('PIN_LENGTH');
    expect(logins(h)).toHaveLength(0);
  });

  it('CKR_PIN_LEN_RANGE from the token says the same', async () => {
    const h = host({ faults: [{ method: 'C_Login', code: 'CKR_PIN_LEN_RANGE' }] });
    expect((await h.fail('sign', sign(h))).code).toBe('PIN_LENGTH');
  });
});

describe('PINs a token must not be asked to check', () => {
  it('a PIN typed with a Vietnamese input method on (ă, full-width digits, a word with marks) is refused before the token sees it: no try spent', async () => {
    const h = host({ pinCountdown: { maxTries: 3 } });
    for (const pin of ['12345ă', '１２３４５６', 'mật123']) {
      const e = await h.fail('sign', sign(h, { pin }));
      expect(e.code).toBe('PIN_CHARACTERS');
      expect(e.message_vi).toContain('bộ gõ tiếng Việt');
      expect(e.message_en).toContain('input method');
      // The PIN is never echoed, not even the character that was wrong.
      expect(JSON.stringify(e)).not.toMatch(/ă|１|mật/);
    }
    expect(logins(h)).toHaveLength(0);
    // The right PIN still signs: nothing was counted against the token.
    const r = await h.ok('sign', sign(h));
    expect(r.signature.length).toBeGreaterThan(0);
  });

  it('CKF_USER_PIN_TO_BE_CHANGED: the listing says to change the PIN with the CA’s software, and signing is refused without a login', async () => {
    const h = host({ tokenFlags: ['CKF_USER_PIN_TO_BE_CHANGED'] });
    const listed = await h.ok('tokens.list', { facility });
    expect(listed.tokens[0]!.warnings.map((w) => w.code)).toContain('PIN_TO_BE_CHANGED');
    const e = await h.fail('sign', sign(h));
    expect(e.code).toBe('PIN_TO_BE_CHANGED');
    expect(e.message_vi).toContain('đổi mã PIN');
    expect(e.message_en).toContain('change');
    expect(logins(h)).toHaveLength(0);
  });

  it('CKR_PIN_EXPIRED from C_Login says the same, after that one attempt', async () => {
    const h = host({ faults: [{ method: 'C_Login', code: 'CKR_PIN_EXPIRED' }] });
    const e = await h.fail('sign', sign(h));
    expect(e).toMatchObject({ code: 'PIN_TO_BE_CHANGED', details: { ckr: 'CKR_PIN_EXPIRED' } });
    expect(logins(h)).toHaveLength(1);
  });
});

describe('token removed in the middle of a batch', () => {
  it('answers TOKEN_REMOVED, drops the session and handles, and needs a fresh login after re-insert', async () => {
    const h = host({ faults: [{ method: 'C_Sign', afterCalls: 1, code: 'CKR_DEVICE_REMOVED' }] });
    await h.ok('sign', sign(h));
    expect((await h.ok('status', {})).session).not.toBeNull();
    const e = await h.fail('sign', { toBeSigned: toBeSigned('batch 2'), facility });
    expect(e).toMatchObject({
      code: 'TOKEN_REMOVED',
      message_vi: 'Token đã bị rút ra hoặc mất kết nối. Hãy cắm lại token và đăng nhập lại',
      message_en: 'The token was removed or disconnected: re-insert it and log in again',
      details: { ckr: 'CKR_DEVICE_REMOVED' },
    });
    expect((await h.ok('status', {})).session).toBeNull();
    expect(h.events).toContainEqual({ event: 'session.ended', data: { tokenSerial: token.serial, reason: 'TOKEN_REMOVED' } });
    expect((await h.fail('sign', { toBeSigned: toBeSigned(), facility })).code).toBe('PIN_REQUIRED');
    const before = h.calls.length;
    const r = await h.ok('sign', sign(h));
    expect(verifiesWithCertificate(r, toBeSigned())).toBe(true);
    const after = h.calls.slice(before).map((c) => c.method);
    // A new session, a new login, the key looked up again.
    expect(after).toEqual(expect.arrayContaining(['C_OpenSession', 'C_Login', 'C_FindObjectsInit', 'C_SignInit', 'C_Sign']));
  });

  it.each([...REMOVAL_CLASS])('%s is a removal', async (code) => {
    const h = host({ faults: [{ method: 'C_SignInit', code }] });
    expect((await h.fail('sign', sign(h))).code).toBe('TOKEN_REMOVED');
    expect((await h.ok('status', {})).session).toBeNull();
  });

  it('another token error is reported with its CKR name and does not pass as removal', async () => {
    const h = host({ faults: [{ method: 'C_Sign', code: 'CKR_FUNCTION_FAILED' }] });
    expect(await h.fail('sign', sign(h))).toMatchObject({ code: 'TOKEN_ERROR', details: { ckr: 'CKR_FUNCTION_FAILED' } });
  });
});

describe('readers and keys that authenticate differently', () => {
  it('PIN-pad reader (CKF_PROTECTED_AUTHENTICATION_PATH): logs in with "" and needs no PIN from us', async () => {
    const h = host({ pinPad: { pin: token.pin } });
    expect((await h.ok('tokens.list', { facility })).tokens[0]!.flags.protectedAuthenticationPath).toBe(true);
    const r = await h.ok('sign', { toBeSigned: toBeSigned(), facility });
    expect(verifiesWithCertificate(r, toBeSigned())).toBe(true);
    expect(logins(h)).toEqual([expect.objectContaining({ userType: 'CKU_USER', pinGiven: false })]);
  });

  it('CKA_ALWAYS_AUTHENTICATE: C_Login(CKU_CONTEXT_SPECIFIC) between C_SignInit and C_Sign', async () => {
    const h = host({}, alwaysAuth);
    const r = await h.ok('sign', { pin: alwaysAuth.pin, toBeSigned: toBeSigned(), facility });
    expect(verifiesWithCertificate(r, toBeSigned())).toBe(true);
    const order = h.calls.map((c) => (c.method === 'C_Login' ? `C_Login:${String(c.userType)}` : String(c.method))).filter((m) => /C_Login|C_SignInit|C_Sign$/.test(m));
    expect(order).toEqual(['C_Login:CKU_USER', 'C_SignInit', 'C_Login:CKU_CONTEXT_SPECIFIC', 'C_Sign']);
  });

  it('a slow USB token (200 ms per C_Sign) still signs', async () => {
    const h = host({ latencyMs: { C_Sign: 200 } });
    const started = Date.now();
    await h.ok('sign', sign(h));
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});

describe('hot-plug by polling C_GetSlotList(true)', () => {
  it('reports removal and insertion, and a removal ends the logged-in session', async () => {
    const h = host({ faults: [{ method: 'C_GetSlotList', afterCalls: 3, action: 'remove' }, { method: 'C_GetSlotList', afterCalls: 5, action: 'insert' }] });
    await h.ok('sign', sign(h)); // C_GetSlotList #1 (module load) and #2 (sign)
    await h.host.poll(); // #3: still there
    expect(h.events.filter((e) => e.event.startsWith('token.'))).toEqual([]);
    await h.host.poll(); // #4: pulled out
    expect(h.events).toContainEqual({ event: 'token.removed', data: { serial: token.serial, label: token.label } });
    expect(h.events).toContainEqual({ event: 'session.ended', data: { tokenSerial: token.serial, reason: 'TOKEN_REMOVED' } });
    expect((await h.ok('status', {})).tokens).toEqual([]);
    await h.host.poll(); // #5: still out
    await h.host.poll(); // #6: plugged back in
    expect(h.events).toContainEqual({ event: 'token.inserted', data: { serial: token.serial, label: token.label } });
  });
});
