// The token's PKCS#11 library where Windows installs put it, `C:\Program Files (x86)\Viettel-CA\…`:
// spaces, parentheses and Vietnamese in its folder, pasted into the setting as Explorer's "Copy as
// path" gives it (in double quotes); SoftHSM's configuration and token folder under a Vietnamese
// name with an apostrophe; the station's data folder in NFD. A real copy of SoftHSM's library,
// loaded by the signer host, signs (decisions.md, "Session 20: what a probe of Vietnamese paths found").
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcClient } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { forkSignerHost } from '../../../electron/core/signer-client/index.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';
import { generateRecords } from '../../fixtures/records.js';
import { SOFTHSM_MODULE, TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';

let token: SoftHsmToken;
let tmp: ReturnType<typeof makeTempDir>;
let station: StationCore;
let client: RpcClient;
let modulePath: string;

beforeAll(async () => {
  token = await createSoftHsmToken({ label: 'Token Nguyễn', keys: [{ type: 'EC' }] });
  tmp = makeTempDir('station-module-path-');
  const libraryDir = join(tmp.dir, 'Program Files (x86)', 'Viettel-CA', 'Thư viện ký số'.normalize('NFD'));
  mkdirSync(libraryDir, { recursive: true });
  modulePath = join(libraryDir, 'libsofthsm2.so');
  copyFileSync(SOFTHSM_MODULE, modulePath);
  const softhsm = join(tmp.dir, "Cấu hình SoftHSM (An's)".normalize('NFD'));
  cpSync(join(token.dir, 'tokens'), join(softhsm, 'thư mục token'), { recursive: true });
  const conf = join(softhsm, 'softhsm2 cấu hình.conf');
  writeFileSync(conf, `directories.tokendir = ${join(softhsm, 'thư mục token')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const dataDir = join(tmp.dir, 'Nguyễn Văn An'.normalize('NFD'), 'Dữ liệu trạm'.normalize('NFD'));
  station = openStation({ dataDir, validateResults: true, signing: { spawn: forkSignerHost({ env: { SOFTHSM2_CONF: conf } }) } });
  client = new RpcClient(inProcessTransport(station.dispatcher));
  for (const [key, value] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name]] as const) {
    await client.call('settings.set', { key, value });
  }
  station.store.createRecords(generateRecords(3, { seed: 5, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
});
afterAll(async () => {
  await station?.close();
  tmp?.cleanup();
  token?.cleanup();
});

describe('a PKCS#11 library under Program Files (x86) and a Vietnamese folder', () => {
  it('takes the path pasted in double quotes, as Explorer copies it, and stores it without them', async () => {
    const set = await client.call('settings.set', { key: 'pkcs11.module', value: ` "${modulePath}" ` });
    expect(set.value).toBe(modulePath);
    expect(station.store.getSetting('pkcs11.module')).toBe(modulePath);
  });

  it('loads it, lists the token, and signs with it', async () => {
    const listing = await client.call('token.list', {});
    expect(listing.modules.find((m) => m.loaded)?.path).toBe(modulePath);
    expect(listing.tokens.map((t) => t.label)).toEqual(['Token Nguyễn']);
    expect(await client.call('sign.batch', { pin: token.pin })).toMatchObject({ count: 3, alg: 'ES256' });
  });
});
