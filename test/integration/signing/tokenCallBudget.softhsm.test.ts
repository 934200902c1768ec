// The PKCS#11 call budget of a signing action (issue 4: 10,000 records in < 2 s when every token
// call takes 200 ms), pinned call by call on the fault port, and the rules that the savings must
// not bend: PIN counters read before every login, a key found again after every login, an
// always-authenticate key signed with its context-specific login on any driver.
import pkcs11js from 'pkcs11js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { createPkcs11js, type Pkcs11Port } from '../../../electron/signer/pkcs11Port.js';
import { SignerHost } from '../../../electron/signer/signerHost.js';
import type { SignerMethod, SignerParams, SignerResult } from '../../../shared/signer/index.js';
import { createFaultPort, type FaultSpec } from '../../fixtures/faultPkcs11.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { toBeSigned, verifiesWithCertificate } from '../signer/inProcessHost.js';

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

let clock = Date.now();
let calls: string[] = [];
let host: SignerHost | null = null;
afterEach(() => host?.shutdown());

type Call = <K extends SignerMethod>(method: K, params: SignerParams<K>) => Promise<SignerResult<K>>;

function start(t: SoftHsmToken, faults: FaultSpec = {}, wrap: (p: Pkcs11Port) => Pkcs11Port = (p) => p) {
  process.env.SOFTHSM2_CONF = t.env.SOFTHSM2_CONF;
  calls = [];
  clock = Date.now();
  host = new SignerHost({
    createPort: () => wrap(createFaultPort(createPkcs11js(), { ...faults, onCall: (e) => calls.push(String(e.method)) })),
    modulePath: t.modulePath,
    logger: memoryLogger(),
    emit: () => undefined,
    pollIntervalMs: 0,
    now: () => clock,
  });
  let id = 1;
  const call: Call = async (method, params) => {
    const reply = await host!.handle({ id: id++, method, params });
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${JSON.stringify(reply.error)}`), { code: reply.error.code });
    return reply.result as never;
  };
  return call;
}

/** The station's signing action: list (pick the certificate), then sign with the PIN. */
async function action(call: Call, t: SoftHsmToken, text: string, extra: Partial<SignerParams<'sign'>> = {}) {
  const from = calls.length;
  const listed = await call('tokens.list', { facility: TEST_FACILITY });
  const tok = listed.tokens[0]!;
  const signed = await call('sign', { pin: t.pin, tokenSerial: tok.serial, certFingerprint: tok.certificates[0]!.fingerprint, facility: TEST_FACILITY, toBeSigned: toBeSigned(text), ...extra });
  expect(verifiesWithCertificate(signed, toBeSigned(text))).toBe(true);
  return calls.slice(from);
}

const FIND = ['C_FindObjectsInit', 'C_FindObjects', 'C_FindObjectsFinal'];

describe('the call budget of a signing action', () => {
  it('8 calls after the signing dialog’s listing, 9 on a live login (C_Logout: the PIN is checked again)', async () => {
    const call = start(token);
    await call('tokens.list', { facility: TEST_FACILITY }); // the signing dialog opening
    clock += 1_000;
    // Slot list + the token's info (once: its PIN counters serve the login), a login on the
    // dialog's session, the key searched on this login, one signature.
    expect(await action(call, token, 'batch 1')).toEqual(['C_GetSlotList', 'C_GetTokenInfo', 'C_Login', ...FIND, 'C_SignInit', 'C_Sign']);
    for (const text of ['batch 2', 'batch 3']) {
      clock += 2_500;
      expect(await action(call, token, text)).toEqual(['C_GetSlotList', 'C_GetTokenInfo', 'C_Logout', 'C_Login', ...FIND, 'C_SignInit', 'C_Sign']);
    }
  });

  it('a listing’s token info serves one login within 2 s: later, or for a second login, it is read again', async () => {
    const call = start(token);
    const listed = await call('tokens.list', { facility: TEST_FACILITY });
    const params = { pin: token.pin, tokenSerial: listed.tokens[0]!.serial, facility: TEST_FACILITY, toBeSigned: toBeSigned() };
    await call('sign', params);
    let from = calls.length;
    await call('sign', params); // no listing in between
    expect(calls.slice(from).indexOf('C_GetTokenInfo')).toBe(0);
    await call('tokens.list', { facility: TEST_FACILITY });
    clock += 2_000;
    from = calls.length;
    await call('sign', params);
    expect(calls.slice(from).indexOf('C_GetTokenInfo')).toBe(0);
  });

  it('wrong PINs: every login sees the counters as they are now (FINAL_TRY refused without a login)', async () => {
    const call = start(token, { pinCountdown: { maxTries: 3 } });
    const listed = await call('tokens.list', { facility: TEST_FACILITY });
    const params = { pin: '000000', tokenSerial: listed.tokens[0]!.serial, facility: TEST_FACILITY, toBeSigned: toBeSigned() };
    await expect(call('sign', params)).rejects.toMatchObject({ code: 'PIN_INCORRECT' });
    await expect(call('sign', params)).rejects.toMatchObject({ code: 'PIN_INCORRECT' });
    const logins = calls.filter((c) => c === 'C_Login').length;
    await expect(call('sign', params)).rejects.toMatchObject({ code: 'PIN_FINAL_TRY' });
    expect(calls.filter((c) => c === 'C_Login').length).toBe(logins);
  });

  it('a slot without an initialised token is read again only after 30 s', async () => {
    const call = start(token);
    const infos = async () => {
      const from = calls.length;
      await call('tokens.list', { facility: TEST_FACILITY });
      return calls.slice(from).filter((c) => c === 'C_GetTokenInfo').length;
    };
    await infos(); // loads the module: SoftHSM lists the token and a spare uninitialised slot
    expect(await infos()).toBe(1);
    clock += 31_000;
    expect(await infos()).toBe(2);
  });
});

describe('CKA_ALWAYS_AUTHENTICATE in the key search', () => {
  const stripAlwaysAuthenticate = (p: Pkcs11Port): Pkcs11Port => ({
    ...p,
    C_FindObjectsInit: (s, template) => p.C_FindObjectsInit(s, template.filter((a) => a.type !== pkcs11js.CKA_ALWAYS_AUTHENTICATE)),
  });

  it('an always-authenticate key is found by the second search and signs with the context login', async () => {
    const call = start(alwaysAuth);
    await call('tokens.list', { facility: TEST_FACILITY });
    const signCalls = await action(call, alwaysAuth, 'batch 1');
    expect(signCalls.filter((c) => c === 'C_FindObjectsInit')).toHaveLength(2);
    expect(signCalls).toContain('C_GetAttributeValue');
    expect(signCalls.filter((c) => c === 'C_Login')).toHaveLength(2);
  });

  it('a driver that ignores the attribute in templates: C_Sign asks for the login, the attribute is read, signed', async () => {
    const call = start(alwaysAuth, {}, stripAlwaysAuthenticate);
    await call('tokens.list', { facility: TEST_FACILITY });
    const first = await action(call, alwaysAuth, 'batch 1');
    expect(first.filter((c) => c === 'C_Sign')).toHaveLength(2);
    expect(first.filter((c) => c === 'C_Login')).toHaveLength(2);
    // The next login looks the key up again (no handle or attribute carried across logins).
    clock += 2_500;
    expect((await action(call, alwaysAuth, 'batch 2')).filter((c) => c === 'C_GetAttributeValue')).toHaveLength(1);
  });

  it('a plain key on a driver that ignores the attribute signs as before', async () => {
    const call = start(token, {}, stripAlwaysAuthenticate);
    await call('tokens.list', { facility: TEST_FACILITY });
    expect((await action(call, token, 'batch 1')).filter((c) => c === 'C_Sign')).toHaveLength(1);
  });

  it('a driver that refuses the attribute in a template: the search by id alone finds the key', async () => {
    const refuse = (p: Pkcs11Port): Pkcs11Port => ({
      ...p,
      C_FindObjectsInit: (s, template) => {
        if (template.some((a) => a.type === pkcs11js.CKA_ALWAYS_AUTHENTICATE)) {
          throw new pkcs11js.Pkcs11Error('CKR_ATTRIBUTE_TYPE_INVALID', pkcs11js.CKR_ATTRIBUTE_TYPE_INVALID, 'C_FindObjectsInit');
        }
        p.C_FindObjectsInit(s, template);
      },
    });
    const call = start(token, {}, refuse);
    await call('tokens.list', { facility: TEST_FACILITY });
    const signCalls = await action(call, token, 'batch 1');
    expect(signCalls.filter((c) => c === 'C_SignInit')).toHaveLength(1);
    expect(signCalls).toContain('C_GetAttributeValue');
  });
});
