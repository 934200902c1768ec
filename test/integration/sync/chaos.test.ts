// Exactly-once under chaos (DESIGN §6): 3000 records signed into 30 batches and synced by a
// station process that is SIGKILLed at random moments and restarted, 20 times, while the
// platform simulator injects every fault it has (latency, 503 + Retry-After, 500, connection
// reset before and after the body, reply lost after commit, slow body). At the end the platform
// holds every record exactly once, in the batch the station signed it in, the station agrees
// record by record, the certificates came back, the database is intact and the audit chain
// verifies. Signing uses a software signer (a WebCrypto key + a test-CA certificate behind the
// TokenSigner port) to stay fast; the token path is covered by the SoftHSM tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleRunner } from '../../fixtures/bundleRunner.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verifyAuditChain.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { generateRecords } from '../../fixtures/records.js';
import type { FaultCounters } from '../../platform/faultInjector.js';
import { startPlatform, type RunningPlatform } from '../../platform/startPlatform.js';
import { FACILITY, testPki } from './syncWorld.js';

const root = resolve(import.meta.dirname, '../../..');
const RECORDS = 3000;
const KILLS = 20;
// Bounded by construction: the kill phase stops after KILL_PHASE_MS (at least 10 kills are
// required), and the final, unkilled run must finish within FINAL_RUN_MS — under 90 s in all.
const KILL_PHASE_MS = 45_000;
const FINAL_RUN_MS = 40_000;
const FAULTS = 'latency=0-25,503=0.05,500=0.06,reset-before=0.05,reset-after=0.05,lost-reply=0.08,slow-body=0.05';
let dir: string;
let runner: string;
let platform: RunningPlatform;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-chaos-'));
  runner = await bundleRunner('test/integration/sync/chaosRunner.ts', dir, 'chaosRunner');
  const pki = await testPki();
  writeFileSync(join(dir, 'key.p8'), new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', pki.cert.keys.privateKey)));
  writeFileSync(join(dir, 'cert.der'), pki.cert.der);
  platform = await startPlatform({
    dataDir: join(dir, 'platform'), trustCa: [pki.ca.pem], faults: FAULTS, seed: 1234, populationSize: 10,
    facilities: [{ code: FACILITY.code, apiKey: FACILITY.apiKey, taxCode: FACILITY.taxCode }],
  });
  const { store, close } = openStationStore(join(dir, 'station'), systemStorePorts('chaos-setup'));
  for (const [k, v] of [['facility.code', FACILITY.code], ['facility.taxCode', FACILITY.taxCode], ['platform.url', platform.url], ['platform.key', FACILITY.apiKey]] as const) store.setSetting(k, v);
  const made = store.createRecords(generateRecords(RECORDS, { seed: 77, facilityCode: FACILITY.code }), { source: 'import', confirmWarnings: true });
  expect(made.created).toBe(RECORDS);
  close();
}, 120_000);

afterAll(async () => {
  await platform?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the station process; SIGKILLs it `killAfterMs` after it is ready (null: let it finish). */
function runStation(killAfterMs: number | null, guardMs = 20_000): Promise<'killed' | 'done'> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [runner, join(dir, 'station'), join(dir, 'key.p8'), join(dir, 'cert.der')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let out = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== null && out.includes('ready\n') && !out.includes('armed')) {
        out += 'armed';
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), guardMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL' && killAfterMs !== null) resolvePromise('killed');
      else if (code === 0 && out.includes('done ')) resolvePromise('done');
      else reject(new Error(`station process ended with code ${code} / ${signal}: ${stderr}`));
    });
  });
}

async function sim<T>(path: string): Promise<T> {
  const res = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${platform.adminToken}` } });
  return (await res.json()) as T;
}

describe('sync under chaos', () => {
  it(`holds every record exactly once after ${KILLS} SIGKILLs and every injected fault`, async () => {
    const started = Date.now();
    let seed = 20260301;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    let kills = 0;
    let finishedEarly = 0;
    let platformAhead = 0;
    for (let k = 0; k < KILLS && Date.now() - started < KILL_PHASE_MS; k++) {
      const outcome = await runStation(50 + Math.floor(rand() * 1000));
      if (outcome === 'killed') kills++;
      else finishedEarly++;
      // After each kill: nothing held twice, the database intact, and whether the platform had
      // committed batches the station had not (the crash between the two commits).
      const held = (await sim<{ records: { recordId: string }[] }>(`/v1/_sim/records?facility=${FACILITY.code}`)).records.map((r) => r.recordId);
      expect(new Set(held).size).toBe(held.length);
      const db = openStationDatabase(join(dir, 'station', 'station.db'));
      try {
        expect(db.pragma('quick_check', { simple: true })).toBe('ok');
        const signed = new Set((db.prepare("SELECT id FROM dose_records WHERE state = 'signed'").all() as { id: string }[]).map((r) => r.id));
        if (held.some((id) => signed.has(id))) platformAhead++;
      } finally {
        db.close();
      }
    }
    const final = await runStation(null, FINAL_RUN_MS);
    expect(final).toBe('done');

    const held = (await sim<{ records: { recordId: string; batch: string; certificates: number; activeCertificates: number }[] }>(`/v1/_sim/records?facility=${FACILITY.code}`)).records;
    const stats = await sim<FaultCounters & Record<string, unknown>>('/v1/_sim/stats');
    const db = openStationDatabase(join(dir, 'station', 'station.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const rows = db.prepare('SELECT d.id, d.state, b.id AS batch FROM dose_records d LEFT JOIN batches b ON b.seq = d.batch_seq').all() as { id: string; state: string; batch: string | null }[];
      const batchStates = db.prepare('SELECT state, count(*) AS n FROM batches GROUP BY state').all() as { state: string; n: number }[];
      const certificates = (db.prepare('SELECT count(*) AS n FROM certificates WHERE revoked_at IS NULL').get() as { n: number }).n;

      // The platform holds each record once…
      const heldIds = held.map((h) => h.recordId);
      expect(new Set(heldIds).size).toBe(heldIds.length);
      expect(heldIds.length).toBe(RECORDS);
      // …in the batch the station signed it in, and the station agrees record by record.
      const heldBy = new Map(held.map((h) => [h.recordId, h]));
      for (const r of rows) {
        expect(heldBy.get(r.id)?.batch, r.id).toBe(r.batch);
        expect(['accepted', 'issued'], r.id).toContain(r.state);
        expect(r.state === 'issued', r.id).toBe((heldBy.get(r.id)?.activeCertificates ?? 0) > 0);
      }
      expect(batchStates).toEqual([{ state: 'submitted', n: Math.ceil(RECORDS / 100) }]);
      expect(certificates).toBe(held.filter((h) => h.activeCertificates > 0).length);
      expect(certificates).toBeGreaterThan(0);
      const audit = verifyAuditChain(db);
      expect(audit, audit.reason ?? '').toMatchObject({ ok: true });
    } finally {
      db.close();
    }
    const cli = join(root, 'bin/station.mjs');
    if (existsSync(join(root, 'dist/electron/cli/main.js'))) {
      const verify = spawnSync(process.execPath, [cli, '--json', '--data-dir', join(dir, 'station'), 'audit', 'verify'], { encoding: 'utf8', timeout: 30_000 });
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    }

    const faults = stats.faults;
    for (const kind of ['503', '500', 'reset-before', 'reset-after', 'lost-reply', 'slow-body'] as const) expect(faults[kind], kind).toBeGreaterThan(0);
    expect(kills).toBeGreaterThanOrEqual(10);
    const elapsed = Date.now() - started;
    console.log(`chaos: ${kills} kills (${platformAhead} with the platform ahead of the station, ${finishedEarly} runs finished before their kill), ${stats.requests} requests, faults ${JSON.stringify(faults)}, ` +
      `${RECORDS} records in ${Math.ceil(RECORDS / 100)} batches, ${held.filter((h) => h.activeCertificates > 0).length} certificates, ${elapsed} ms`);
  }, 150_000);
});
