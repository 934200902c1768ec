// A station in a temporary folder, signing through a real signer host on a SoftHSM token laid out
// by `opts`, set up as the test facility with two ready records: what the token-layout tests share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignerClient, forkSignerHost } from '../../../electron/core/signer-client/index.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmTokenOptions, type SoftHsmToken } from '../../fixtures/softhsm.js';

export type Cleanup = () => Promise<void> | void;

/** Each thing made is pushed on `cleanup`, for the test's afterEach to undo. */
export async function stationOnToken(
  opts: SoftHsmTokenOptions,
  cleanup: Cleanup[],
  prefix: string,
): Promise<{ station: StationCore; token: SoftHsmToken; signer: SignerClient }> {
  const token = await createSoftHsmToken(opts);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const signer = new SignerClient({ spawn: forkSignerHost({ env: token.env }) });
  const station = openStation({ dataDir: dir, signing: { signer } });
  cleanup.push(() => token.cleanup(), () => rmSync(dir, { recursive: true, force: true }), () => signer.close(), () => station.close());
  for (const [k, v] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
    station.store.setSetting(k, v);
  }
  station.store.createRecords(generateRecords(2, { seed: 7, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  return { station, token, signer };
}
