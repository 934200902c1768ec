// sign.batch and token.list under bad input against a real token (SoftHSM) behind the real signer
// host process: the PIN, the token serial and the certificate fingerprint are the only values of
// a call that reach PKCS#11, so each is fed what a keyboard, a paste or a broken page can send.
// Every reply is a stable code with two messages that differ (never INTERNAL), the signer host
// answers the next call, nothing is signed with a wrong PIN, and the right PIN still signs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../../shared/rpc/contract.js';
import type { RpcReply } from '../../../shared/rpc/protocol.js';
import { forkSignerHost } from '../../../electron/core/signer-client/index.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';

let token: SoftHsmToken;
let dir: string;
let station: StationCore;

beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'Fuzz token', keys: [{ type: 'EC' }] });
  dir = mkdtempSync(join(tmpdir(), 'station-rpc-fuzz-token-'));
  station = openStation({ dataDir: dir, validateResults: true, signing: { spawn: forkSignerHost({ env: token.env }) } });
  for (const [key, value] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
    station.store.setSetting(key, value);
  }
  station.store.createRecords(generateRecords(20, { seed: 12, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
});
afterAll(async () => {
  await station.close();
  rmSync(dir, { recursive: true, force: true });
  token.cleanup();
});

let id = 1;
async function call(method: MethodName, params: unknown): Promise<RpcReply> {
  return station.dispatcher.handle(structuredClone({ id: id++, method, params }), { emit: () => {} });
}

function defect(method: MethodName, reply: RpcReply): string | null {
  if (reply.ok) return contract[method].result.safeParse(reply.result).success ? null : 'result breaks the contract';
  const { code, message_vi: vi, message_en: en } = reply.error;
  if (code === 'INTERNAL' || code === 'RPC_INVALID_RESULT') return code;
  if (!vi || !en || vi === en || !/[^\u0000-\u007f]/.test(vi)) return `${code}: not two languages`;
  return null;
}

describe('the values of a call that reach the token', () => {
  it('answer each bad PIN, serial and fingerprint with a stable bilingual refusal, and sign with the right PIN after', async () => {
    const listed = await call('token.list', {});
    expect(defect('token.list', listed)).toBeNull();
    const serial = listed.ok ? (listed.result as { tokens: { serial: string }[] }).tokens[0]!.serial : '';
    // SoftHSM does not lock, so each PIN is tried on a token that still answers. A space around
    // the PIN is sent (a token PIN may hold spaces: printable ASCII, tokenLogin.ts) and is a wrong PIN.
    const pins = ['', ' ', '\u0000', '1234\u0000', 'ñandú', '密码密码', '😀😀😀😀', `${token.pin}\n`, ` ${token.pin}`, 'x'.repeat(64), '\u00a0\u00a0\u00a0\u00a0'];
    const serials = ['', ' ', 'x'.repeat(64), `${serial}\u0000`, '\u200b', 'NOT-A-TOKEN'];
    const fingerprints = ['', 'zz', 'a'.repeat(128), '\u0000'.repeat(4), 'ĐĐĐĐ'];
    const found: string[] = [];
    for (const pin of pins) {
      const reply = await call('sign.batch', { pin });
      const d = defect('sign.batch', reply);
      if (d !== null) found.push(`pin ${JSON.stringify(pin)}: ${d}`);
      if (reply.ok) found.push(`pin ${JSON.stringify(pin)}: signed with a wrong PIN`);
    }
    for (const tokenSerial of serials) {
      const reply = await call('sign.batch', { pin: token.pin, tokenSerial, limit: 1 });
      const d = defect('sign.batch', reply);
      if (d !== null) found.push(`serial ${JSON.stringify(tokenSerial)}: ${d}`);
    }
    for (const certFingerprint of fingerprints) {
      const reply = await call('sign.batch', { pin: token.pin, tokenSerial: serial, certFingerprint, limit: 1 });
      const d = defect('sign.batch', reply);
      if (d !== null) found.push(`fingerprint ${JSON.stringify(certFingerprint)}: ${d}`);
    }
    expect(found).toEqual([]);
    // An empty serial or fingerprint means "the one there": those calls signed one record each.
    const after = await call('sign.batch', { pin: token.pin, limit: 1 });
    expect(after.ok, JSON.stringify(after)).toBe(true);
    expect(station.store.verifyAudit().ok).toBe(true);
  }, 60_000);
});
