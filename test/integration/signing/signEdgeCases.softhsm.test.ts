// Signing's edge cases on SoftHSM: a driver that lists RSA-PSS but refuses it (the RS256
// fallback of DESIGN §5), a record edited while the signer types the PIN, and more ready
// records than one batch holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { SignerClient, forkSignerHost } from '../../../electron/core/signer-client/index.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { verifyExportedBatch } from './independentVerify.js';

const faultPort = resolve(import.meta.dirname, '../../../dist/test/fixtures/faultPkcs11.js');
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function world(keyType: 'EC' | 'RSA', records: number, env: Record<string, string> = {}): Promise<{ station: StationCore; token: SoftHsmToken }> {
  const token = await createSoftHsmToken({ label: 'edge', keys: [{ type: keyType }] });
  const dir = mkdtempSync(join(tmpdir(), 'station-edge-'));
  const signer = new SignerClient({ spawn: forkSignerHost({ env: { ...token.env, ...env } }) });
  const station = openStation({ dataDir: dir, signing: { signer } });
  cleanup.push(() => token.cleanup(), () => rmSync(dir, { recursive: true, force: true }), () => signer.close(), () => station.close());
  for (const [k, v] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', token.modulePath]] as const) {
    station.store.setSetting(k, v);
  }
  station.store.createRecords(generateRecords(records, { seed: 5, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  return { station, token };
}

describe('signing edge cases', () => {
  it('re-prepares for RS256 when the token lists PSS but refuses it, and the batch verifies', async () => {
    const faults = JSON.stringify({ faults: [{ method: 'C_SignInit', code: 'CKR_MECHANISM_INVALID', times: 0, mechanisms: ['CKM_SHA256_RSA_PKCS_PSS', 'CKM_RSA_PKCS_PSS', 'CKM_RSA_X_509'] }] });
    const { station, token } = await world('RSA', 4, { STATION_SIGNER_TEST_PORT: faultPort, STATION_SIGNER_FAULTS: faults });
    const result = await station.signing.sign({ pin: token.pin });
    expect(result).toMatchObject({ alg: 'RS256', count: 4 });
    const check = verifyExportedBatch(station.signing.batches.uploadBody(result.batch));
    expect(check).toMatchObject({ alg: -257, signatureValid: true, proofsValid: 4 });
  });

  it('stores nothing when a record is edited while the token signs, and keeps the edit', async () => {
    const { station, token } = await world('EC', 3);
    const [first] = station.store.listRecords({ state: 'ready', limit: 1 }).items;
    const signer = new SignerClient({ spawn: forkSignerHost({ env: token.env }) });
    cleanup.push(() => signer.close());
    const slow = {
      listTokens: (p?: Parameters<SignerClient['listTokens']>[0]) => signer.listTokens(p),
      logIn: (p: Parameters<SignerClient['logIn']>[0]) => signer.logIn(p),
      sign: async (p: Parameters<SignerClient['sign']>[0]) => {
        // The PIN dialog is open: someone fixes the lot number of a record in the batch.
        station.store.updateRecord(first!.record.id, { dose: { lot: 'EDITED-LOT' } }, { confirmWarnings: true });
        return signer.sign(p);
      },
    };
    const { signBatch } = await import('../../../electron/core/signing/signBatch.js');
    const { systemStorePorts } = await import('../../../electron/core/store/ports.js');
    const err = await signBatch({ store: station.store, batches: station.signing.batches, signer: slow, ports: systemStorePorts('t') }, { pin: token.pin }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('SIGN_RECORDS_CHANGED');
    expect(station.store.countByState()).toMatchObject({ ready: 3, signed: 0 });
    expect(station.store.getRecord(first!.record.id).record.lot).toBe('EDITED-LOT');
    expect(station.signing.batches.list({ limit: 5, offset: 0 }).total).toBe(0);
  });

  it('signs more ready records than one batch holds as several batches, with one PIN', async () => {
    const { station, token } = await world('EC', 25);
    const result = await station.signing.sign({ pin: token.pin, batchSize: 10 });
    expect(result.count).toBe(25);
    expect(result.batches.map((b) => b.count)).toEqual([10, 10, 5]);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: 25 });
    for (const b of result.batches) {
      expect(verifyExportedBatch(station.signing.batches.uploadBody(b.batch))).toMatchObject({ signatureValid: true, proofsValid: b.count });
    }
  });
});
