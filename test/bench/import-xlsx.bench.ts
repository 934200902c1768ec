/**
 * A 100k-row clinic workbook (test/fixtures/clinicFiles.ts writeLargeClinicXlsx: exceljs's
 * streaming writer, shared strings, the usual Vietnamese header) imported by the station — preview
 * against the store, then commit, into a fresh station — next to exceljs's streaming reader going
 * through every row and cell of the same file and doing nothing with them (the same reader
 * options the station uses), in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { makeDoses, writeLargeClinicXlsx } from '../fixtures/clinicFiles.js';
import { describeTiming, timeStationImport } from './fixtures/stationImport.js';
import type { Figure } from './harness.js';

const SUITE = 'import-xlsx';
const ROWS = 100_000;

async function exceljsStreamingRead(file: string): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache' });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      (row as ExcelJS.Row).eachCell(() => cells++);
    }
  }
  if (cells === 0) throw new Error('exceljs read no cells');
  return { ms: performance.now() - start, rows };
}

export async function run(): Promise<Figure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'station-bench-xlsx-'));
  try {
    const file = join(tmp, 'danh-sach-tiem.xlsx');
    await writeLargeClinicXlsx(file, makeDoses(ROWS / 2, 4));
    const baseline = await exceljsStreamingRead(file);
    if (baseline.rows !== ROWS + 1) throw new Error(`exceljs read ${baseline.rows} rows, not ${ROWS + 1}`);
    const station = await timeStationImport(file, join(tmp, 'station'));
    if (station.rows !== ROWS) throw new Error(`the station read ${station.rows} rows, not ${ROWS}`);
    process.stdout.write(`  ${describeTiming(SUITE, station)}\n`);
    return [
      {
        suite: SUITE,
        name: `${ROWS / 1000}k-row xlsx: preview + commit (${station.committed.toLocaleString('en-US')} committed; ${(station.totalMs / baseline.ms).toFixed(0)}× the baseline's time)`,
        value: station.totalMs / 1000,
        unit: 's',
        baseline: { name: 'exceljs streaming read of every cell, no station work', value: baseline.ms / 1000 },
        better: 'lower',
        goal: '< 10 s',
        goalMet: station.totalMs < 10_000,
      },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
