/**
 * Sync throughput (issue 5): the station's `sync.run` — oldest-first uploads, per-record results
 * applied in durable transactions, certificates pulled and verified — against the platform
 * simulator on 127.0.0.1, without faults and with ~20% of requests faulted (503 + Retry-After,
 * resets before and after the body, replies lost after the commit).
 * Baseline, same run: the same upload bodies PUT with plain fetch to a fresh simulator, with no
 * station bookkeeping at all — the ceiling set by the platform's own checks.
 * The simulator runs in a process of its own, as the platform does in production (another
 * machine): in one process the station and the simulator took turns on one event loop, and the
 * figure was the sum of both. It issues certificates in the background, as a national platform
 * does: a run pulls the certificates issued by the time its uploads are answered, later runs the
 * rest.
 */
import { performance } from 'node:perf_hooks';
import { openSyncWorld, FACILITY, type SyncWorld } from '../integration/sync/syncWorld.js';
import { spawnPlatform, type SpawnedPlatform } from '../platform/spawnPlatform.js';
import type { Figure } from './harness.js';

const RECORDS = 20_000;
const BATCH = 5_000;

const FACILITIES = [{ code: FACILITY.code, apiKey: FACILITY.apiKey, taxCode: FACILITY.taxCode }];
const MAX_BODY = 64 * 1024 * 1024;

async function signedWorld(faults?: string): Promise<{ world: SyncWorld; platform: SpawnedPlatform }> {
  const world = await openSyncWorld({
    records: RECORDS,
    seed: 3,
    configure: false,
    sync: { backoff: { baseMs: 20, capMs: 200 }, maxInRunWaitMs: 5_000, maxInRunRetries: 1000, pageSize: 1000 },
  });
  while ((world.station.store.countByState().ready ?? 0) > 0) await world.sign(BATCH);
  const platform = await spawnPlatform({
    dataDir: `${world.dir}/platform-process`,
    trustCaPem: world.pki.ca.pem,
    facilities: FACILITIES,
    ...(faults ? { faults } : {}),
    seed: 1,
    maxBodyBytes: MAX_BODY,
    issuance: 'background',
  });
  world.station.store.setSetting('platform.url', platform.url);
  world.station.store.setSetting('platform.key', FACILITY.apiKey);
  return { world, platform };
}

async function stationSync(world: SyncWorld): Promise<number> {
  const start = performance.now();
  let accepted = 0;
  for (let run = 0; run < 50 && (world.station.signing.batches.pending().count > 0 || run === 0); run++) {
    const r = await world.client.call('sync.run', {});
    accepted += r.accepted;
  }
  const seconds = (performance.now() - start) / 1000;
  if (accepted !== RECORDS) throw new Error(`sync accepted ${accepted} of ${RECORDS}`);
  return RECORDS / seconds;
}

async function rawUpload(world: SyncWorld): Promise<number> {
  const bodies = world.station.signing.batches.list({ limit: 1000, offset: 0 }).items.reverse().map((b) => ({ id: b.id, body: world.station.signing.batches.uploadBody(b.id) }));
  const platform = await spawnPlatform({
    dataDir: `${world.dir}/raw-platform`,
    trustCaPem: world.pki.ca.pem,
    facilities: FACILITIES,
    seed: 1,
    maxBodyBytes: MAX_BODY,
    issuance: 'background',
  });
  try {
    const start = performance.now();
    for (const { id, body } of bodies) {
      const res = await fetch(`${platform.url}/v1/batches/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${FACILITY.apiKey}`, 'content-type': 'application/cbor' },
        body: Buffer.from(body),
      });
      if (!res.ok) throw new Error(`raw upload ${res.status}`);
      await res.arrayBuffer();
    }
    return RECORDS / ((performance.now() - start) / 1000);
  } finally {
    await platform.close();
  }
}

export async function run(): Promise<Figure[]> {
  const clean = await signedWorld();
  let raw: number;
  let plain: number;
  try {
    raw = await rawUpload(clean.world);
    plain = await stationSync(clean.world);
  } finally {
    await clean.platform.close();
    await clean.world.close();
  }
  const faulty = await signedWorld('503=0.08,500=0.04,reset-before=0.03,reset-after=0.02,lost-reply=0.03');
  let withFaults: number;
  try {
    withFaults = await stationSync(faulty.world);
  } finally {
    await faulty.platform.close();
    await faulty.world.close();
  }
  const baseline = { name: 'plain PUT of the same bodies (platform ceiling)', value: raw };
  return [
    { suite: 'sync', name: `sync.run, ${RECORDS} records in ${RECORDS / BATCH} batches, no faults`, value: plain, unit: 'records/s', baseline, better: 'higher', goal: '≥ 10,000 records/s', goalMet: plain >= 10_000 },
    { suite: 'sync', name: `sync.run, same, ~20% of requests faulted`, value: withFaults, unit: 'records/s', baseline, better: 'higher', goal: '≥ 5,000 records/s', goalMet: withFaults >= 5_000 },
  ];
}
