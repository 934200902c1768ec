// What the signer must read BEFORE typing a PIN reaches the renderer through the RPC contract
// (token.list): a PIN to change first, the tries left, a lock. A real SoftHSM token in a real
// signer host; the flags SoftHSM cannot set come from the fault port around it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RpcClient } from '../../../shared/rpc/client.js';
import { openStation } from '../../../electron/core/station.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import type { FaultSpec } from '../../fixtures/faultPkcs11.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { sourceHostSpawner } from '../signer/forkedHost.js';

let token: SoftHsmToken;
beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'VNPT-CA', keys: [{ type: 'EC' }] });
});
afterAll(() => token.cleanup());

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function listed(faults: FaultSpec) {
  const dir = mkdtempSync(join(tmpdir(), 'station-token-warnings-'));
  const station = openStation({ dataDir: dir, validateResults: true, signing: { spawn: sourceHostSpawner(token, { faults }) } });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => station.close());
  const client = new RpcClient(inProcessTransport(station.dispatcher));
  for (const [key, value] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
    await client.call('settings.set', { key, value });
  }
  const { tokens } = await client.call('token.list', {});
  expect(tokens).toHaveLength(1);
  return tokens[0]!;
}

describe('token.list carries the token’s own warnings', () => {
  it('a PIN to change first (CKF_USER_PIN_TO_BE_CHANGED): flagged, and said in both languages before any PIN', async () => {
    const t = await listed({ tokenFlags: ['CKF_USER_PIN_TO_BE_CHANGED'] });
    expect(t.flags.pinToBeChanged).toBe(true);
    const w = t.warnings.find((n) => n.code === 'PIN_TO_BE_CHANGED');
    expect(w?.message_vi).toContain('đổi mã PIN');
    expect(w?.message_en).toContain('change it with your CA');
  });

  it('a previous wrong PIN, the last try, a lock: each a warning with its flag', async () => {
    const low = await listed({ pinCountdown: { maxTries: 3, failures: 1 } });
    expect(low.flags).toMatchObject({ countLow: true, finalTry: false, locked: false, pinToBeChanged: false });
    expect(low.warnings.map((w) => w.code)).toEqual(['PIN_COUNT_LOW']);
    const last = await listed({ pinCountdown: { maxTries: 3, failures: 2 } });
    expect(last.warnings.map((w) => w.code)).toEqual(['PIN_FINAL_TRY']);
    const locked = await listed({ pinCountdown: { maxTries: 3, failures: 3 } });
    expect(locked.warnings.map((w) => w.code)).toEqual(['TOKEN_LOCKED']);
  });

  it('a token with nothing to say has no warnings', async () => {
    const t = await listed({});
    expect(t.flags.pinToBeChanged).toBe(false);
    expect(t.warnings).toEqual([]);
  });
});
