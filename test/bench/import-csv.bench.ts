/**
 * A 100k-row clinic CSV (test/fixtures/clinicFiles.ts: the usual Vietnamese header, 50,000 people
 * with two doses each, UTF-8, CRLF) imported by the station — preview against the store, then
 * commit, into a fresh station — next to the sqlite3 command-line shell importing the same file
 * into a plain table (`.import --csv`, no validation, no indexes) in the same run: the issue's
 * baseline. A second figure sets the same import against the shell loading the same rows into the
 * station's own tables (the people and their doses, with the station's indexes, full-text index,
 * triggers and foreign keys), which is what SQLite alone needs for the rows the station stores.
 * Each side is the median of IMPORT_RUNS runs, the station's each in a fresh process
 * (fixtures/importChild.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStationDatabase } from '../../electron/core/db/openStationDatabase.js';
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

/** dd/mm/yyyy in column `c` as ISO, in SQL. */
const isoOf = (c: string): string => `substr(${c}, 7, 4) || '-' || substr(${c}, 4, 2) || '-' || substr(${c}, 1, 2)`;
/** A UUID-shaped id that grows with `n`, as the station's UUIDv7 ids grow: appended to the id index, not scattered. */
const idOf = (n: string): string => `printf('%08x-0000-7000-8000-%012x', ${n}, ${n})`;
const [, NAME, DOB, SEX, ID, PHONE, VACCINE, LOT, DOSE, DATE] = STANDARD_HEADER.map((h) => `"${h}"`);

/**
 * The shell loading the file into a fresh station's own tables: \`.import\` into a staging table,
 * then one INSERT … SELECT of the people (one per id number) and one of the doses, in one
 * transaction, with the pragmas the station sets. Every index, the full-text index's trigger, the
 * state counts' trigger and the foreign keys do their work; the names are stored as written (the
 * station's folded and ICAO forms are as long). No validation, no matching, no audit entry.
 */
function sqliteCliStationLoad(file: string, dbPath: string): { ms: number; records: number } {
  openStationDatabase(dbPath).close();
  const script = `
PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY;
.import --csv ${file} staging
BEGIN;
INSERT INTO import_runs (id, file_name, file_hash, started_at) VALUES ('run', 'bench.csv', '-', 'now');
INSERT INTO people (id, id_type, id_number, full_name, family_name, given_name, fnt, gnt, name_folded, dob, sex, nationality, phone, created_at, updated_at)
  SELECT ${idOf('rowid')}, 'CCCD', ${ID}, ${NAME}, ${NAME}, ${NAME}, upper(${NAME}), upper(${NAME}), lower(${NAME}), ${isoOf(DOB!)},
    CASE ${SEX} WHEN 'Nam' THEN 'M' ELSE 'F' END, 'VN', ${PHONE}, 'now', 'now'
  FROM staging WHERE rowid IN (SELECT min(rowid) FROM staging GROUP BY ${ID}) ORDER BY rowid;
INSERT INTO dose_records (id, person_id, vaccine, lot, dose_number, vaccination_date, facility_code, state, findings, natural_key, source, import_run_id, warnings_confirmed, created_at, updated_at)
  SELECT ${idOf('s.rowid + 1000000')}, p.id, s.${VACCINE}, s.${LOT}, s.${DOSE}, ${isoOf(`s.${DATE}`)}, '79001', 'ready', '[]',
    'CCCD|' || s.${ID} || '|' || s.${DOSE} || '|' || s.${VACCINE} || '|' || ${isoOf(`s.${DATE}`)}, 'import', 'run', 1, 'now', 'now'
  FROM staging s JOIN people p ON p.id_number = s.${ID} ORDER BY s.rowid;
DROP TABLE staging;
COMMIT;
`;
  const start = performance.now();
  const r = spawnSync(SQLITE3, [dbPath], { input: script, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0 || r.stderr !== '') throw new Error(`sqlite3 load into the station's tables failed: ${r.stderr}`);
  const count = spawnSync(SQLITE3, [dbPath, 'SELECT count(*) FROM dose_records'], { encoding: 'utf8' });
  return { ms, records: Number(count.stdout.trim()) };
}

export async function run(): Promise<Figure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'station-bench-csv-'));
  try {
    const file = join(tmp, 'danh-sach-tiem.csv');
    writeDelimited(file, [STANDARD_HEADER, ...makeDoses(ROWS / 2, 3).map((d, i) => standardRow(d, i + 1))]);
    const clis = Array.from({ length: IMPORT_RUNS }, (_, i) => sqliteCliImport(file, join(tmp, `plain-${i}.db`)));
    if (clis.some((c) => c.rows !== ROWS)) throw new Error(`sqlite3 imported ${clis.map((c) => c.rows).join(', ')} rows, not ${ROWS}`);
    const cliMs = median(clis.map((c) => c.ms));
    const loads = Array.from({ length: IMPORT_RUNS }, (_, i) => sqliteCliStationLoad(file, join(tmp, `schema-${i}.db`)));
    if (loads.some((l) => l.records !== ROWS)) throw new Error(`sqlite3 loaded ${loads.map((l) => l.records).join(', ')} records, not ${ROWS}`);
    const loadMs = median(loads.map((l) => l.ms));
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
      {
        suite: SUITE,
        name: `the same import against the rows it stores loaded by sqlite3 alone (${(station.totalMs / loadMs).toFixed(1)}× that time)`,
        value: station.totalMs / 1000,
        unit: 's',
        baseline: {
          name: `sqlite3 CLI .import + INSERT … SELECT into the station's tables, indexes and triggers, no validation (${medianOf(loads.map((l) => l.ms), s)} s)`,
          value: loadMs / 1000,
        },
        better: 'lower',
      },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
