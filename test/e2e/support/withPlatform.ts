/**
 * A test station whose token is a software key with the given certificate, wired to the real
 * platform simulator on 127.0.0.1 (a test CA it trusts, facility 79001 with its key and tax
 * code), with `seed` ready records. For the specs that need a platform's answers: a refused
 * batch, certificates issued at a chosen time.
 */
import { rmSync } from 'node:fs';
import type { PlatformOptions, RunningPlatform } from '../../platform/startPlatform.js';
import { startPlatform } from '../../platform/startPlatform.js';
import { createFacilityCert, createTestCa } from '../../integration/platform/facilityFixture.js';
import { softwareSigner } from '../../integration/sync/softwareSigner.js';
import { openTestStation, type Station } from './station.js';

export const TAX_CODE = '0301234567';
const API_KEY = 'api-key-79001-e2e';

export interface StationWithPlatform {
  station: Station & { close(): Promise<void> };
  platform: RunningPlatform;
  close(): Promise<void>;
}

export async function openStationWithPlatform(opts: {
  /** The facility certificate's validity (default: the test CA's default). */
  validity?: { notBefore: Date; notAfter: Date };
  platform?: Partial<PlatformOptions>;
  seed: { count: number; seed: number };
}): Promise<StationWithPlatform> {
  const ca = await createTestCa();
  const cert = await createFacilityCert(ca, TAX_CODE, opts.validity);
  const station = await openTestStation({ signing: { signer: softwareSigner(cert, { taxCode: TAX_CODE }) } });
  const platformDir = `${station.dataDir}-platform`;
  const platform = await startPlatform({
    dataDir: platformDir,
    trustCa: [ca.pem],
    facilities: [{ code: '79001', apiKey: API_KEY, taxCode: TAX_CODE }],
    populationSize: 10,
    seed: 5,
    ...opts.platform,
  });
  station.core.store.setSetting('facility.taxCode', TAX_CODE);
  station.core.store.setSetting('platform.url', platform.url);
  station.core.store.setSetting('platform.key', API_KEY);
  station.seed(opts.seed.count, opts.seed.seed);
  return {
    station,
    platform,
    async close() {
      await station.close();
      await platform.close();
      rmSync(platformDir, { recursive: true, force: true });
    },
  };
}
