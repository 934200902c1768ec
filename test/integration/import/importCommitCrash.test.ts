// Crash safety of the import commit (DESIGN §4): a child process committing a large import is
// SIGKILLed at random moments of its commit, many times. After every kill the database is intact,
// the import is all there or not there at all, and the audit chain verifies. A killed import is
// then run again on the same database, as a clerk would after the crash.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleRunner } from '../../fixtures/bundleRunner.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verifyAuditChain.js';
import { openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';

const ROUNDS = 12;
/** Rounds stop early when the machine is slow (the file stays under ~20 s)… */
const BUDGET_MS = 14_000;
/**
 * …but not before the kills have shown what the test is for (a rollback, a kill inside the commit,
 * five outcomes): on a loaded machine a calibrated window can miss for several rounds in a row.
 * Past this many rounds or this long, the test fails instead of waiting for luck.
 */
const MAX_ROUNDS = 40;
const HARD_BUDGET_MS = 45_000;
const tmp = makeTempDir('station-import-crash-');
let child: string;
/** Four district lists of 300 doses each, imported one after another into one database. */
const files: string[] = [];
afterAll(() => tmp.cleanup());

beforeAll(async () => {
  // The child runs plain Node: bundle the TypeScript once; packages stay outside, by absolute path.
  child = await bundleRunner('test/integration/import/commitCrashChild.ts', join(tmp.dir, 'child'), 'commitCrashChild', ['better-sqlite3', 'exceljs', 'iconv-lite']);
  for (let k = 0; k < 4; k++) {
    const doses = makeDoses(150, 77 + k);
    files.push(tmp.file(`district-${k}.csv`));
    writeDelimited(files[k]!, [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))]);
  }
});

interface Run {
  /** Rows the child was about to commit (null: killed before it said so). */
  rows: number | null;
  committed: boolean;
  /** From "committing" to "committed", when it got there. */
  commitMs: number | null;
}

/** Runs the child; kills it `killAfterMs` after it starts committing (never, when null). */
function run(dbPath: string, file: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [child, dbPath, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const result: Run = { rows: null, committed: false, commitMs: null };
    let started = 0;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      const m = /committing (\d+)/.exec(text);
      if (m && result.rows === null) {
        result.rows = Number(m[1]);
        started = performance.now();
        if (killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      }
      if (text.includes('committed')) {
        result.committed = true;
        result.commitMs = performance.now() - started;
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolvePromise(result);
      else reject(new Error(`child failed (code ${code}): ${stderr}`));
    });
    // A child that hangs is stopped; a slow machine (load 10+) can take seconds to start one.
    setTimeout(() => proc.kill('SIGKILL'), 30_000).unref();
  });
}

/** What is in the database after the child is gone; every invariant checked on the way. */
function inspect(dbPath: string): { records: number; committedRuns: number; openRuns: number } {
  const db = openStationDatabase(dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    const records = (db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;
    const committedRuns = (db.prepare('SELECT count(*) AS n FROM import_runs WHERE committed_at IS NOT NULL').get() as { n: number }).n;
    const audited = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import.commit'").get() as { n: number }).n;
    expect(audited).toBe(committedRuns);
    // Runs started (their own small transaction) whose commit was killed: they stay open, empty.
    const openRuns = (db.prepare('SELECT count(*) AS n FROM import_runs WHERE committed_at IS NULL').get() as { n: number }).n;
    expect(db.prepare('SELECT count(*) AS n FROM dose_records d JOIN import_runs r ON r.id = d.import_run_id WHERE r.committed_at IS NULL').get()).toEqual({ n: 0 });
    return { records, committedRuns, openRuns };
  } finally {
    db.close();
  }
}

describe('import commit under SIGKILL', () => {
  it(`is all-or-nothing across ${ROUNDS} kills in the middle of committing`, async () => {
    const started = performance.now();
    const calibrate = join(tmp.dir, 'calibrate.db');
    const baseline = await run(calibrate, files[0]!, null);
    expect(baseline).toMatchObject({ rows: 300, committed: true });
    const n = baseline.rows!;
    expect(inspect(calibrate)).toEqual({ records: n, committedRuns: 1, openRuns: 0 });
    // Kill moments spread over the commit (and a little past it, so some rounds finish). The window
    // follows the latest commit seen, as the machine's speed changes under other work.
    let window = Math.max(20, baseline.commitMs!) * 1.3;

    let db = 0;
    let dbPath = join(tmp.dir, 'station-0.db');
    let imported = 0; // files of this database already committed
    const outcomes = { rolledBack: 0, committed: 0, killedInsideTheCommit: 0 };
    let seed = 12345;
    const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const shown = (): boolean => outcomes.rolledBack > 0 && outcomes.killedInsideTheCommit > 0 && outcomes.rolledBack + outcomes.committed >= 5;
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const elapsed = performance.now() - started;
      if ((round > ROUNDS || elapsed > BUDGET_MS) && shown()) break;
      if (elapsed > HARD_BUDGET_MS) break;
      const r = await run(dbPath, files[imported]!, Math.floor(rand() * window));
      if (r.committed && r.commitMs !== null) window = Math.max(20, r.commitMs) * 1.3;
      const seen = inspect(dbPath);
      // The earlier files all there; this one all there or not at all, its run committed with it.
      expect([imported * n, (imported + 1) * n]).toContain(seen.records);
      if (r.committed) expect(seen.records).toBe((imported + 1) * n);
      if (seen.openRuns > 0) outcomes.killedInsideTheCommit++;
      if (seen.records === (imported + 1) * n) {
        imported++;
        outcomes.committed++;
      } else outcomes.rolledBack++;
      expect(seen.committedRuns).toBe(imported);
      if (imported === files.length) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
        dbPath = join(tmp.dir, `station-${++db}.db`);
        imported = 0;
      }
    }
    expect(outcomes.rolledBack).toBeGreaterThan(0);
    expect(outcomes.killedInsideTheCommit).toBeGreaterThan(0);
    expect(outcomes.rolledBack + outcomes.committed).toBeGreaterThanOrEqual(5);
  });
});
