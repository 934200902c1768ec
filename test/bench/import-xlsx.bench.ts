/**
 * A 100k-row clinic workbook (test/fixtures/clinicFiles.ts writeLargeClinicXlsx: exceljs's
 * streaming writer, shared strings, the usual Vietnamese header) imported by the station — preview
 * against the store, then commit, into a fresh station — next to exceljs's streaming reader going
 * through every row and cell of the same file and doing nothing with them (the same reader
 * options the station used before its own reader), in the same run. Each side is the median of
 * IMPORT_RUNS runs, each in a fresh process (fixtures/importChild.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDoses, writeLargeClinicXlsx } from '../fixtures/clinicFiles.js';
import { describeTiming, exceljsReadRuns, stationImportRuns } from './fixtures/stationImport.js';
import { median, medianOf, type Figure } from './harness.js';

const SUITE = 'import-xlsx';
const ROWS = 100_000;

export async function run(): Promise<Figure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'station-bench-xlsx-'));
  try {
    const file = join(tmp, 'danh-sach-tiem.xlsx');
    await writeLargeClinicXlsx(file, makeDoses(ROWS / 2, 4));
    const baseline = await exceljsReadRuns(file);
    if (baseline.rows !== ROWS + 1) throw new Error(`exceljs read ${baseline.rows} rows, not ${ROWS + 1}`);
    const { median: station, totals } = await stationImportRuns(file, tmp);
    if (station.rows !== ROWS) throw new Error(`the station read ${station.rows} rows, not ${ROWS}`);
    process.stdout.write(`  ${describeTiming(SUITE, station)} (the median run)\n`);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const baselineMs = median(baseline.ms);
    return [
      {
        suite: SUITE,
        name: `${ROWS / 1000}k-row xlsx: preview + commit (${station.committed.toLocaleString('en-US')} committed; ${medianOf(totals, s)} s; ${(station.totalMs / baselineMs).toFixed(0)}× the baseline's time)`,
        value: station.totalMs / 1000,
        unit: 's',
        baseline: { name: `exceljs streaming read of every cell, no station work (${medianOf(baseline.ms, s)} s)`, value: baselineMs / 1000 },
        better: 'lower',
        goal: '< 10 s',
        goalMet: station.totalMs < 10_000,
      },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
