// How many PKCS#11 calls a signing action costs (issue 4): on a USB token each one takes tens to
// hundreds of milliseconds. The station lists the token, then signs with the PIN; the host answers
// the listing from a recent read of the token's objects and asks the known slot directly, yet still
// logs in again for every batch and looks the key up again after every login (DESIGN §5).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { createPkcs11js } from '../../../electron/signer/pkcs11Port.js';
import { SignerHost } from '../../../electron/signer/signerHost.js';
import type { SignerMethod, SignerParams, SignerResult } from '../../../shared/signer/index.js';
import { createFaultPort } from '../../fixtures/faultPkcs11.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { toBeSigned, verifiesWithCertificate } from '../signer/inProcessHost.js';

let token: SoftHsmToken;
beforeAll(async () => {
  token = await createSoftHsmToken({ keys: [{ type: 'EC' }] });
});
afterAll(() => token.cleanup());

/** The host's clock (idle time, how old a read is, certificate validity): moved by the tests. */
let clock = Date.now();
let calls: string[] = [];
let host: SignerHost | null = null;
afterEach(() => host?.shutdown());

function start(faults: Record<string, unknown> = {}) {
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  calls = [];
  clock = Date.now();
  host = new SignerHost({
    createPort: () => createFaultPort(createPkcs11js(), { ...faults, onCall: (e) => calls.push(String(e.method)) }),
    modulePath: token.modulePath,
    logger: memoryLogger(),
    emit: () => undefined,
    pollIntervalMs: 0,
    now: () => clock,
  });
  let id = 1;
  return async <K extends SignerMethod>(method: K, params: SignerParams<K>): Promise<SignerResult<K>> => {
    const reply = await host!.handle({ id: id++, method, params });
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.result as SignerResult<K>;
  };
}

/** What the station does per signing action: list (choose the certificate), then sign with the PIN. */
async function action(call: ReturnType<typeof start>, text: string) {
  const listed = await call('tokens.list', { facility: TEST_FACILITY });
  const cert = listed.tokens[0]!.certificates[0]!;
  const before = calls.length;
  const signed = await call('sign', { pin: token.pin, tokenSerial: listed.tokens[0]!.serial, certFingerprint: cert.fingerprint, facility: TEST_FACILITY, toBeSigned: toBeSigned(text) });
  expect(verifiesWithCertificate(signed, toBeSigned(text))).toBe(true);
  return { listed, signCalls: calls.slice(before) };
}

describe('token calls per signing action', () => {
  // Was at most 12; the exact sequence is pinned in tokenCallBudget.softhsm.test.ts.
  it('listing + signing with the PIN take at most 9 calls, and the key is searched again after each login', async () => {
    const call = start();
    await call('tokens.list', { facility: TEST_FACILITY }); // the signing dialog opening
    for (const text of ['batch 1', 'batch 2', 'batch 3']) {
      clock += 2_000;
      const from = calls.length;
      const { signCalls } = await action(call, text);
      expect(calls.length - from).toBeLessThanOrEqual(9);
      const login = signCalls.indexOf('C_Login');
      expect(login).toBeGreaterThanOrEqual(0);
      expect(signCalls.indexOf('C_FindObjectsInit', login)).toBeGreaterThan(login);
      expect(signCalls.indexOf('C_SignInit')).toBeGreaterThan(signCalls.indexOf('C_FindObjectsInit', login));
    }
  });

  it('the listing on a live login says so and shows the key found on it', async () => {
    const call = start();
    await action(call, 'batch 1');
    const listed = await call('tokens.list', { facility: TEST_FACILITY });
    expect(listed.tokens[0]).toMatchObject({ loggedIn: true, certificates: [{ hasPrivateKey: true, usable: true }] });
  });

  it('reads the token’s objects again once the read is 30 s old, and after a failed signature', async () => {
    const call = start({ faults: [{ method: 'C_Sign', afterCalls: 1, code: 'CKR_FUNCTION_FAILED' }] });
    await action(call, 'batch 1');
    const count = (from: number, m: string) => calls.slice(from).filter((c) => c === m).length;
    let from = calls.length;
    await call('tokens.list', { facility: TEST_FACILITY });
    expect(count(from, 'C_FindObjectsInit')).toBe(0); // the key found on this login, the certificates read moments ago
    clock += 31_000;
    await call('session.logout', {});
    from = calls.length;
    await call('tokens.list', { facility: TEST_FACILITY });
    expect(count(from, 'C_FindObjectsInit')).toBeGreaterThan(0);
    // A signature that fails drops what was read: the next one reads the certificates again.
    const listed = await call('tokens.list', { facility: TEST_FACILITY });
    const params = { pin: token.pin, tokenSerial: listed.tokens[0]!.serial, certFingerprint: listed.tokens[0]!.certificates[0]!.fingerprint, facility: TEST_FACILITY, toBeSigned: toBeSigned() };
    await expect(call('sign', params)).rejects.toThrow(/CKR_FUNCTION_FAILED/);
    from = calls.length;
    await call('sign', params);
    expect(count(from, 'C_FindObjectsInit')).toBe(2); // certificates, then the key
  });
});
