// Crash safety of the queue (DESIGN §4, STYLE rule 6): a child process importing, signing,
// acknowledging and correcting records in a loop is killed with SIGKILL at random moments, many
// times over. After every kill the database must be intact, every import all-or-nothing, no
// committed record lost or duplicated, and the audit chain must verify.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bundleRunner } from '../../fixtures/bundleRunner.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verifyAuditChain.js';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { readLog, type CrashLogLine } from '../../fixtures/crashRunner.js';
import { tempDir } from '../../unit/db/storeHarness.js';

const KILLS = 30;
/** On a machine busy with other suites, stop early rather than run long — but never below this. */
const MIN_KILLS = 12;
const BUDGET_MS = 16_000;
let dir: string;
let cleanup: () => void;
let runner: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('station-crash-'));
  runner = await bundleRunner('test/fixtures/crashRunner.ts', dir, 'crashRunner');
});
afterAll(() => cleanup());

/** Starts the runner, waits until it works, lets it run `ms`, then SIGKILLs it. */
function runAndKill(dbPath: string, logPath: string, seed: number, ms: number): Promise<{ stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [runner, dbPath, logPath, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (timer === undefined && d.toString().includes('ready')) timer = setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (signal === 'SIGKILL') resolvePromise({ stderr });
      else reject(new Error(`runner exited by itself (code ${code}): ${stderr}`));
    });
    // A runner that never gets ready must not hang the test.
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

const LATER: Record<string, string[]> = {
  signed: ['signed', 'submitted', 'accepted', 'superseded'],
  submitted: ['submitted', 'accepted', 'superseded'],
  accepted: ['accepted', 'superseded'],
};

/** Every check after a kill; returns what it saw, for the summary. */
function check(db: StationDatabase, lines: CrashLogLine[]): { unfinished: number; records: number } {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.prepare("INSERT INTO people_fts(people_fts) VALUES ('integrity-check')").run()).toBeTruthy();

  const stateOf = new Map((db.prepare('SELECT id, state, supersedes FROM dose_records').all() as { id: string; state: string; supersedes: string | null }[]).map((r) => [r.id, r]));
  const byRun = new Map<string, string[]>();
  for (const r of db.prepare('SELECT id, import_run_id AS run FROM dose_records WHERE import_run_id IS NOT NULL ORDER BY seq').all() as { id: string; run: string }[]) {
    byRun.set(r.run, [...(byRun.get(r.run) ?? []), r.id]);
  }
  const intents = new Map<string, number>();
  const done = new Set<string>();
  for (const l of lines) {
    if (l.op === 'intent') intents.set(l.tag, l.n);
    if (l.op === 'done') {
      done.add(l.tag);
      // Committed and logged: every record is there, exactly those, and a retried bulk came back
      // all created or all duplicate — an import is never half-applied.
      expect(byRun.get(l.runId) ?? []).toEqual(l.created);
      expect(l.created.length + l.duplicates + l.invalid).toBe(intents.get(l.tag));
      if (l.retry) expect(l.created.length === 0 || l.duplicates === 0).toBe(true);
    }
    if (l.op === 'state') for (const id of l.ids) expect(LATER[l.to]).toContain(stateOf.get(id)?.state);
    if (l.op === 'correct') {
      expect(stateOf.get(l.old)?.state).toBe('superseded');
      expect(stateOf.get(l.id)?.supersedes).toBe(l.old);
    }
  }
  // Every import run: uncommitted ones wrote nothing; committed ones wrote exactly their count.
  for (const run of db.prepare('SELECT id, committed_at, created FROM import_runs').all() as { id: string; committed_at: string | null; created: number | null }[]) {
    expect(byRun.get(run.id)?.length ?? 0).toBe(run.committed_at === null ? 0 : run.created);
  }
  // No dose twice; every record has the audit entry of its creation (an import run's records: its
  // one import.commit entry names exactly them, in order); the counts agree.
  expect(db.prepare("SELECT natural_key FROM dose_records WHERE state <> 'superseded' GROUP BY natural_key HAVING count(*) > 1").all()).toEqual([]);
  expect(db.prepare(`SELECT count(*) AS n FROM dose_records d WHERE d.import_run_id IS NULL AND NOT EXISTS
    (SELECT 1 FROM audit_log a WHERE a.entity = 'record' AND a.entity_id = d.id AND a.action IN ('record.create', 'record.correct'))`).get()).toEqual({ n: 0 });
  for (const run of db.prepare('SELECT id FROM import_runs WHERE committed_at IS NOT NULL').pluck().all() as string[]) {
    const entry = db.prepare("SELECT details FROM audit_log WHERE entity = 'import' AND entity_id = ? AND action = 'import.commit'").pluck().all(run) as string[];
    expect(entry).toHaveLength(1);
    const named = (JSON.parse(entry[0]!) as { records: [string, ...unknown[]][] }).records.map((r) => r[0]);
    expect(named).toEqual(byRun.get(run) ?? []);
  }
  expect(db.prepare(`SELECT s.state FROM record_state_counts s LEFT JOIN (SELECT state, count(*) AS n FROM dose_records GROUP BY state) t
    ON t.state = s.state WHERE s.n <> coalesce(t.n, 0)`).all()).toEqual([]);
  const audit = verifyAuditChain(db);
  expect(audit, audit.reason ?? '').toMatchObject({ ok: true });
  return { unfinished: [...intents.keys()].filter((t) => !done.has(t)).length, records: (db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n };
}

describe('SIGKILL at random moments', () => {
  it(`keeps the queue consistent across up to ${KILLS} kills`, async () => {
    const dbPath = join(dir, 'station.db');
    const logPath = join(dir, 'committed.log');
    let seed = 20240607;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    let killedMidImport = 0;
    let last = { unfinished: 0, records: 0 };
    const started = Date.now();
    let kills = 0;
    for (let k = 0; k < KILLS && (k < MIN_KILLS || Date.now() - started < BUDGET_MS); k++) {
      await runAndKill(dbPath, logPath, 1000 + k, 10 + Math.floor(rand() * 150));
      kills++;
      const lines = readLog(logPath);
      const db = openStationDatabase(dbPath);
      try {
        const seen = check(db, lines);
        // A new unconfirmed intent: this kill landed inside (or just before) an import's transaction.
        if (seen.unfinished > last.unfinished || lines.at(-1)?.op === 'intent') killedMidImport++;
        last = seen;
      } finally {
        db.close();
      }
    }
    expect(last.records).toBeGreaterThan(100);
    expect(killedMidImport).toBeGreaterThan(0);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    console.log(`${kills} kills, ${killedMidImport} during an import, ${last.records} records, ${Date.now() - started} ms`);
  }, 60_000);
});
