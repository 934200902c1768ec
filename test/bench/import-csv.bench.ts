/**
 * A 100k-row clinic CSV (test/fixtures/clinicFiles.ts: the usual Vietnamese header, 50,000 people
 * with two doses each, UTF-8, CRLF) imported by the station — preview against the store, then
 * commit, into a fresh station — next to the sqlite3 command-line shell importing the same file
 * into a plain table (`.import --csv`, no validation, no indexes) in the same run. Each side is
 * the median of IMPORT_RUNS runs, the station's each in a fresh process (fixtures/importChild.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { STANDARD_HEADER, makeDoses, standardRow, writeDelimited } from '../fixtures/clinicFiles.js';
import { IMPORT_RUNS, describeTiming, stationImportRuns } from './fixtures/stationImport.js';
import { median, medianOf, type Figure } from './harness.js';

const SUITE = 'import-csv';
const SQLITE3 = '/usr/bin/sqlite3';
const ROWS = 100_000;

function sqliteCliImport(file: string, dbPath: string): { ms: number; rows: number } {
  const start = performance.now();
  const r = spawnSync(SQLITE3, [dbPath], { input: `.import --csv ${file} doses\n`, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
  const count = spawnSync(SQLITE3, [dbPath, 'SELECT count(*) FROM doses'], { encoding: 'utf8' });
  return { ms, rows: Number(count.stdout.trim()) };
}

export async function run(): Promise<Figure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'station-bench-csv-'));
  try {
    const file = join(tmp, 'danh-sach-tiem.csv');
    writeDelimited(file, [STANDARD_HEADER, ...makeDoses(ROWS / 2, 3).map((d, i) => standardRow(d, i + 1))]);
    const clis = Array.from({ length: IMPORT_RUNS }, (_, i) => sqliteCliImport(file, join(tmp, `plain-${i}.db`)));
    if (clis.some((c) => c.rows !== ROWS)) throw new Error(`sqlite3 imported ${clis.map((c) => c.rows).join(', ')} rows, not ${ROWS}`);
    const cliMs = median(clis.map((c) => c.ms));
    const { median: station, totals } = await stationImportRuns(file, tmp);
    if (station.rows !== ROWS) throw new Error(`the station read ${station.rows} rows, not ${ROWS}`);
    process.stdout.write(`  ${describeTiming(SUITE, station)} (the median run)\n`);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    return [
      {
        suite: SUITE,
        name: `${ROWS / 1000}k-row CSV: preview + commit (${station.committed.toLocaleString('en-US')} committed; ${medianOf(totals, s)} s; ${(station.totalMs / cliMs).toFixed(0)}× the baseline's time)`,
        value: station.totalMs / 1000,
        unit: 's',
        baseline: { name: `sqlite3 CLI .import --csv into a plain table (${medianOf(clis.map((c) => c.ms), s)} s)`, value: cliMs / 1000 },
        better: 'lower',
        goal: 'within 3× of sqlite3 .import',
        goalMet: station.totalMs <= 3 * cliMs,
      },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
