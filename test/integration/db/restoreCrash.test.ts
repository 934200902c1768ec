// A restore killed anywhere (decisions.md, "Session 21: what a killed restore leaves"): a child
// process restoring a backup over a station (`station restore FILE --replace`) is SIGKILLed at
// random moments spread over the whole restore, each time over a fresh copy of the same station.
// After every kill the station is opened again as every command opens it: the database is whole
// (integrity check, audit chain) and is either the old one or the restored one with its audit
// entry, never something between; nothing of the restore's staging copy is left, and the only
// `.replaced-*` left is the old database of a restore that completed.
import { fork } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verifyAuditChain.js';
import { backupStation, fileSha256, STATION_MARKER } from '../../../electron/core/db/backups.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { bundleRunner } from '../../fixtures/bundleRunner.js';
import { generateRecords } from '../../fixtures/records.js';
import { tempDir, testPorts } from '../../unit/db/storeHarness.js';

const KILLS = 15;
/** Kills stop early on a machine busy with other suites, never below this many. */
const MIN_KILLS = 8;
const BUDGET_MS = 30_000;
/** Records in the backup, and more entered after it: the two states a kill may leave. */
const IN_BACKUP = 2000;
const AFTER_BACKUP = 300;

let dir: string;
let cleanup: () => void;
let child: string;
let template: string;
let backup: string;
let backupSha: string;
let oldAudit: number;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('station-restore-crash-'));
  child = await bundleRunner('test/integration/db/restoreCrashChild.ts', join(dir, 'child'), 'restoreCrashChild');
  template = join(dir, 'template');
  const s = openStationStore(template, testPorts({ seed: 7 }), { create: true });
  s.store.createRecords(generateRecords(IN_BACKUP, { seed: 7, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  backup = join(dir, 'backup.db');
  await backupStation(s.store.db, backup);
  s.store.createRecords(generateRecords(AFTER_BACKUP, { seed: 8, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  oldAudit = (s.store.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  s.close();
  backupSha = fileSha256(backup);
});
afterAll(() => cleanup());

/** A data folder holding the station as it was before any restore. */
function freshStation(round: number): string {
  const dataDir = join(dir, `round-${round}`);
  mkdirSync(dataDir);
  for (const f of ['station.db', STATION_MARKER]) copyFileSync(join(template, f), join(dataDir, f));
  return dataDir;
}

/** Forks the child; kills it `killAfterMs` after it starts restoring (never, when null). */
function restore(dataDir: string, killAfterMs: number | null): Promise<{ completed: boolean; ms: number | null }> {
  return new Promise((resolvePromise, reject) => {
    const proc = fork(child, [dataDir, backup], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
    let started = 0;
    let ms: number | null = null;
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      if (text.includes('restoring') && started === 0) {
        started = performance.now();
        if (killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      }
      if (text.includes('restored')) ms = performance.now() - started;
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolvePromise({ completed: code === 0 || ms !== null, ms });
      else reject(new Error(`child failed (code ${code}): ${stderr}`));
    });
    // A child that never gets going must not hang the test.
    setTimeout(() => proc.kill('SIGKILL'), 20_000).unref();
  });
}

const restoreLeftovers = (dataDir: string) => readdirSync(dataDir).filter((f) => f.includes('.restoring'));
const replacedFiles = (dataDir: string) => readdirSync(dataDir).filter((f) => /^station\.db\.replaced-/.test(f));

/** Opens the folder as every command does, and says which database it holds; checks it on the way. */
function reopen(dataDir: string): 'old' | 'restored' {
  const opened = openStationStore(dataDir, testPorts(), { create: false });
  try {
    const db = opened.store.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    const records = (db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;
    const restores = db.prepare("SELECT details FROM audit_log WHERE action = 'station.restore'").pluck().all() as string[];
    if (records === IN_BACKUP + AFTER_BACKUP) {
      expect(restores).toEqual([]);
      expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: oldAudit });
      return 'old';
    }
    // The restored database whole: the backup's records and its restore entry, naming the file.
    expect(records).toBe(IN_BACKUP);
    expect(restores).toHaveLength(1);
    expect(JSON.parse(restores[0]!)).toMatchObject({ file: 'backup.db', sha256: backupSha });
    return 'restored';
  } finally {
    opened.close();
  }
}

describe('a restore under SIGKILL', () => {
  it(`leaves the old database or the restored one, whole, and nothing of itself after the next open, across up to ${KILLS} kills`, async () => {
    const started = performance.now();
    const calibration = await restore(freshStation(0), null);
    expect(calibration.completed).toBe(true);
    expect(reopen(join(dir, 'round-0'))).toBe('restored');
    // Kill moments spread over the restore, one in each slice of it, then a few past its end (a
    // loaded machine restores slower than the calibration did; each completed round says how long).
    // Eight slices over the first 85% (the copy and its check take ~90% of the time), four over the
    // last 15%, where the steps that change names run: the old database's second name, the
    // migration and audit entry of the staging copy, the rename.
    let duration = Math.max(30, calibration.ms!);
    const inside = KILLS - 3;
    let seed = 20261124;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const seen = { old: 0, restored: 0, stagingLeft: 0, linkLeft: 0, kills: 0 };
    for (let k = 0; k < KILLS && (k < MIN_KILLS || performance.now() - started < BUDGET_MS); k++) {
      const dataDir = freshStation(k + 1);
      const at = k < 8 ? ((k + rand()) / 8) * 0.85 : k < inside ? 0.85 + ((k - 8 + rand()) / (inside - 8)) * 0.15 : 1.5 + 1.25 * (k - inside) + 0.5 * rand();
      const killAt = Math.floor(at * duration);
      const r = await restore(dataDir, killAt);
      if (r.ms !== null) duration = Math.max(duration, r.ms);
      seen.kills++;
      // What the kill left, before anything opens the folder.
      if (restoreLeftovers(dataDir).some((f) => f === 'station.db.restoring')) seen.stagingLeft++;
      const replacedBefore = replacedFiles(dataDir);
      const state = reopen(dataDir);
      seen[state]++;
      if (r.completed) expect(state).toBe('restored');
      expect(restoreLeftovers(dataDir)).toEqual([]);
      if (state === 'restored') {
        // The database it replaced, kept whole beside it.
        const kept = replacedFiles(dataDir);
        expect(kept).toHaveLength(1);
        const old = new Database(join(dataDir, kept[0]!), { readonly: true });
        try {
          expect(old.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(old.prepare('SELECT count(*) AS n FROM dose_records').get()).toEqual({ n: IN_BACKUP + AFTER_BACKUP });
        } finally {
          old.close();
        }
      } else {
        // A kill after the old database got its second name and before the rename: that name
        // was only `station.db` again, and is gone with the rest.
        if (replacedBefore.length > 0) seen.linkLeft++;
        expect(replacedFiles(dataDir)).toEqual([]);
      }
    }
    console.log(`restore killed ${seen.kills} times (restore ~${Math.round(duration)} ms): ${seen.old} old, ${seen.restored} restored; staging left ${seen.stagingLeft}, second name left ${seen.linkLeft}`);
    expect(seen.kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.restored).toBeGreaterThan(0);
    expect(seen.stagingLeft).toBeGreaterThan(0);
  }, 60_000);
});
