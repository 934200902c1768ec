/**
 * A station and the platform simulator on 127.0.0.1, wired for the sync tests: a test CA the
 * platform trusts, a facility certificate (`UID=MST:<tax code>`) held by a software signer, the
 * facility's code, key and tax code set on both sides, and records to sign. Each world makes its
 * own temp folders and removes them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../../electron/core/logger.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts, type StorePorts } from '../../../electron/core/store/ports.js';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import type { SyncOptions } from '../../../electron/core/sync/syncService.js';
import { RpcClient } from '../../../shared/rpc/client.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { generateRecords } from '../../fixtures/records.js';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../../platform/startPlatform.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from './softwareSigner.js';

export const FACILITY = { code: '79001', apiKey: 'api-key-79001-test', taxCode: '0301234567', name: 'Trung tâm Y tế Quận Một' } as const;

/** Fast retries for tests; the production defaults are seconds to minutes. */
export const TEST_SYNC: SyncOptions = { backoff: { baseMs: 20, capMs: 200 }, maxInRunWaitMs: 3_000, maxInRunRetries: 8, pageSize: 50 };

export interface Pki {
  ca: IssuedCert;
  cert: IssuedCert;
}

let pkiPromise: Promise<Pki> | null = null;
export function testPki(): Promise<Pki> {
  pkiPromise ??= (async () => {
    const ca = await createTestCa();
    return { ca, cert: await createFacilityCert(ca, FACILITY.taxCode) };
  })();
  return pkiPromise;
}

export interface SyncWorld {
  dir: string;
  platform: RunningPlatform;
  station: StationCore;
  client: RpcClient;
  pki: Pki;
  logger: ReturnType<typeof memoryLogger>;
  /** Signs up to `limit` ready records as one batch with `signer` (default: the facility's software key). */
  sign(limit?: number, signer?: TokenSigner): Promise<string>;
  held(): Promise<{ recordId: string; batch: string }[]>;
  close(): Promise<void>;
}

export async function openSyncWorld(opts: {
  records?: number;
  seed?: number;
  platform?: Partial<PlatformOptions>;
  sync?: SyncOptions;
  configure?: boolean;
  ports?: StorePorts;
} = {}): Promise<SyncWorld> {
  const pki = await testPki();
  const dir = mkdtempSync(join(tmpdir(), 'station-sync-'));
  const platform = await startPlatform({
    dataDir: join(dir, 'platform'),
    trustCa: [pki.ca.pem],
    facilities: [{ code: FACILITY.code, apiKey: FACILITY.apiKey, taxCode: FACILITY.taxCode }],
    populationSize: 10,
    seed: opts.seed ?? 1,
    ...opts.platform,
  });
  const logger = memoryLogger();
  const signer = softwareSigner(pki.cert, { taxCode: FACILITY.taxCode });
  let current: TokenSigner = signer;
  const station = openStation({
    dataDir: join(dir, 'station'),
    logger,
    ports: opts.ports ?? systemStorePorts('user:test'),
    validateResults: true,
    signing: { signer: { listTokens: (p) => current.listTokens(p), sign: (p) => current.sign(p), logIn: (p) => current.logIn(p) } },
    sync: { ...TEST_SYNC, ...opts.sync },
  });
  const s = station.store;
  s.setSetting('facility.code', FACILITY.code);
  s.setSetting('facility.taxCode', FACILITY.taxCode);
  s.setSetting('facility.name', FACILITY.name);
  if (opts.configure !== false) {
    s.setSetting('platform.url', platform.url);
    s.setSetting('platform.key', FACILITY.apiKey);
  }
  if ((opts.records ?? 0) > 0) {
    const created = s.createRecords(generateRecords(opts.records!, { seed: opts.seed ?? 1, facilityCode: FACILITY.code }), { source: 'import', confirmWarnings: true });
    if (created.created !== opts.records) throw new Error(`made ${created.created} of ${opts.records} records`);
  }
  return {
    dir,
    platform,
    station,
    client: new RpcClient(inProcessTransport(station.dispatcher)),
    pki,
    logger,
    async sign(limit, other) {
      current = other ?? signer;
      try {
        return (await station.signing.sign(limit ? { limit } : {})).batch;
      } finally {
        current = signer;
      }
    },
    async held() {
      const res = await fetch(`${platform.url}/v1/_sim/records?facility=${FACILITY.code}`, { headers: { authorization: `Bearer ${platform.adminToken}` } });
      return ((await res.json()) as { records: { recordId: string; batch: string }[] }).records;
    },
    async close() {
      await station.close();
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Record id → state, for every record of the station. */
export function stationStates(station: StationCore): Map<string, string> {
  const rows = station.store.db.prepare('SELECT id, state FROM dose_records').all() as { id: string; state: string }[];
  return new Map(rows.map((r) => [r.id, r.state]));
}
