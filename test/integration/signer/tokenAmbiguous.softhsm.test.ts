// Two tokens plugged in (two facilities' tokens, or the old one beside its replacement) and a sign
// call that names neither: the host refuses to guess, and says which tokens it saw, so the signer
// (or the one reading the log of a direct host call) knows which to pull or to name.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StationError } from '../../../shared/errors.js';
import { SignerClient, forkSignerHost } from '../../../electron/core/signer-client/index.js';
import { openStation } from '../../../electron/core/station.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { startInProcessHost, toBeSigned, type HostHarness } from './inProcessHost.js';

let first: SoftHsmToken;
let second: SoftHsmToken;
let a: SoftHsmToken;
let b: SoftHsmToken;
let h: HostHarness;
/** One SoftHSM configuration holding both: the second token's folder beside the first's. */
const plugBeside = (to: SoftHsmToken, from: SoftHsmToken) => {
  for (const d of readdirSync(join(from.dir, 'tokens'))) cpSync(join(from.dir, 'tokens', d), join(to.dir, 'tokens', d), { recursive: true });
};
beforeAll(async () => {
  // Every token is made before the in-process host initialises SoftHSM in this process.
  first = await createSoftHsmToken({ label: 'Viettel-CA', keys: [{ type: 'EC' }] });
  second = await createSoftHsmToken({ label: 'VNPT-CA', keys: [{ type: 'EC' }] });
  a = await createSoftHsmToken({ label: 'Viettel-CA', keys: [{ type: 'EC', certificate: { private: true } }] });
  b = await createSoftHsmToken({ label: 'VNPT-CA', keys: [{ type: 'EC', certificate: { private: true } }] });
  plugBeside(first, second);
  plugBeside(a, b);
  h = startInProcessHost(first);
});
afterAll(() => {
  h?.close();
  for (const t of [first, second, a, b]) t?.cleanup();
});

it('TOKEN_AMBIGUOUS names each token by label, serial and slot, in both languages', async () => {
  const { tokens } = await h.ok('tokens.list', { facility: TEST_FACILITY });
  expect(tokens.map((t) => t.label).sort()).toEqual(['VNPT-CA', 'Viettel-CA']);
  const e = await h.fail('sign', { pin: first.pin, toBeSigned: toBeSigned(), facility: TEST_FACILITY });
  expect(e.code).toBe('TOKEN_AMBIGUOUS');
  for (const t of [first, second]) {
    expect(e.message_vi).toMatch(new RegExp(`${t.label}: số sê-ri ${t.serial}, khe \\d+`));
    expect(e.message_en).toMatch(new RegExp(`${t.label}: serial ${t.serial}, slot \\d+`));
  }
  expect(e.message_vi).toContain('Hãy chọn token cần dùng');
  expect(e.details).toMatchObject({ serials: expect.arrayContaining([first.serial, second.serial]), tokens: expect.arrayContaining([expect.objectContaining({ label: 'VNPT-CA', serial: second.serial, slot: expect.any(String) })]) });
});

it('the station’s own TOKEN_AMBIGUOUS (two tokens that show their certificates only after login) names them too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'station-ambiguous-'));
  const signer = new SignerClient({ spawn: forkSignerHost({ env: a.env }) });
  const station = openStation({ dataDir: dir, signing: { signer } });
  try {
    for (const [k, v] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['pkcs11.module', a.modulePath]] as const) station.store.setSetting(k, v);
    station.store.createRecords(generateRecords(1, { seed: 3, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
    const e = await station.signing.sign({ pin: a.pin }).then(() => null, (err: unknown) => err as StationError);
    expect(e?.code).toBe('TOKEN_AMBIGUOUS');
    expect(e?.messageVi).toContain(`Viettel-CA: số sê-ri ${a.serial}`);
    expect(e?.messageVi).toContain(`VNPT-CA: số sê-ri ${b.serial}`);
    expect(e?.messageEn).toContain(`VNPT-CA: serial ${b.serial}`);
  } finally {
    await station.close();
    signer.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
