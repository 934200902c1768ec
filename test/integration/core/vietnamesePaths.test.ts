// The station where a clinic's PC puts it (decisions.md, "Session 20: what a probe of Vietnamese
// paths found"): a data folder under a Vietnamese user name with spaces and an apostrophe, a sheet
// saved in a Vietnamese folder, each name decomposed (NFD) as macOS and Zalo copies give it, or
// composed (NFC) as typed. Real files and a real SQLite, through the `station` command.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { onDiskForm } from '../../../electron/core/onDiskForm.js';
import { resolveDataDir } from '../../../electron/main/appPaths.js';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const nfd = (s: string) => s.normalize('NFD');
const nfc = (s: string) => s.normalize('NFC');

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('station-paths-');
});
afterEach(() => tmp.cleanup());

async function station(dataDir: string, ...argv: string[]): Promise<{ exitCode: number; json: Record<string, unknown> }> {
  const { result } = await runCli(['--data-dir', dataDir, '--json', ...argv]);
  return { exitCode: result.exitCode, json: result.json as Record<string, unknown> };
}

/** A clinic's sheet as csv and xlsx in `folder`, both named `name` (with one row in error). */
async function clinicSheet(folder: string, name: string, seed = 20): Promise<{ csv: string; xlsx: string; rows: number }> {
  mkdirSync(folder, { recursive: true });
  const rows = makeDoses(3, seed).map((d, i) => standardRow(d, i + 1));
  rows[0]![9] = '31/02/2021';
  const csv = join(folder, `${name}.csv`);
  const xlsx = join(folder, `${name}.xlsx`);
  writeDelimited(csv, [STANDARD_HEADER, ...rows]);
  await writeXlsx(xlsx, [{ name: 'Tháng 11', rows: [STANDARD_HEADER, ...rows] }]);
  return { csv, xlsx, rows: rows.length };
}

const recordCount = (dataDir: string): number => {
  const db = new Database(join(dataDir, 'station.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM dose_records').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('a station under Vietnamese paths', () => {
  it('imports, backs up and restores with the data folder and the sheet named in NFD', async () => {
    const dataDir = join(tmp.dir, nfd("Nguyễn Văn An's PC"), nfd('Dữ liệu trạm'));
    const sheet = await clinicSheet(join(tmp.dir, nfd('Màn hình chính'), nfd('Sổ tiêm (2024)')), nfd('Danh sách tiêm chủng tháng 11'));

    const fromCsv = await station(dataDir, 'import', sheet.csv, '--commit', '--export-failed', join(tmp.dir, nfd('Màn hình chính'), nfd('lỗi cần sửa.xlsx')));
    expect(fromCsv).toMatchObject({ exitCode: 0, json: { committed: sheet.rows - 1, errors: 1, failedRowsFile: { rows: 1 } } });
    // The same sheet as xlsx, and the csv again under its composed (NFC) name: nothing twice.
    expect((await station(dataDir, 'import', sheet.xlsx, '--commit')).json).toMatchObject({ committed: 0, duplicates: sheet.rows - 1 });
    const again = join(tmp.dir, nfc('Danh sách tiêm chủng tháng 11.csv'));
    copyFileSync(sheet.csv, again);
    expect((await station(dataDir, 'import', again, '--commit')).json).toMatchObject({ committed: 0, duplicates: sheet.rows - 1 });
    const db = new Database(join(dataDir, 'station.db'), { readonly: true });
    const runs = db.prepare('SELECT file_name AS name, file_hash AS hash FROM import_runs ORDER BY started_at').all() as { name: string; hash: string }[];
    db.close();
    // Recorded under the name as it was given; the same file is known by its content's hash.
    expect(runs.map((r) => r.name)).toEqual([nfd('Danh sách tiêm chủng tháng 11.csv'), nfd('Danh sách tiêm chủng tháng 11.xlsx'), nfc('Danh sách tiêm chủng tháng 11.csv')]);
    expect(runs[2]!.hash).toBe(runs[0]!.hash);

    const backup = await station(dataDir, 'backup');
    expect(backup).toMatchObject({ exitCode: 0, json: { records: sheet.rows - 1 } });
    const listed = await station(dataDir, 'backup', 'list');
    expect((listed.json.items as { path: string }[]).map((b) => b.path)).toEqual([backup.json.path]);

    // Into a new folder, then over a station that went on after the copy.
    const other = join(tmp.dir, nfd('Trạm 2 (dự phòng)'));
    expect(await station(other, 'restore', backup.json.path as string)).toMatchObject({ exitCode: 0, json: { records: sheet.rows - 1 } });
    expect(recordCount(other)).toBe(sheet.rows - 1);
    const later = await clinicSheet(join(tmp.dir, nfd('Bổ sung')), nfd('Đợt 2'), 21);
    expect((await station(dataDir, 'import', later.csv, '--commit')).json).toMatchObject({ committed: later.rows - 1 });
    const replaced = await station(dataDir, 'restore', backup.json.path as string, '--replace');
    expect(replaced).toMatchObject({ exitCode: 0 });
    expect(existsSync(replaced.json.replacedMovedTo as string)).toBe(true);
    expect(recordCount(dataDir)).toBe(sheet.rows - 1);
  });

  // Probe of session 20: given in the other form, the folder was another folder to ext4 and NTFS.
  it('finds its data folder when it is given in the other Unicode form, and makes no twin of it', async () => {
    const parent = join(tmp.dir, nfd('Nguyễn Văn An'));
    const dataDir = join(parent, nfd('Dữ liệu trạm'));
    const sheet = await clinicSheet(join(tmp.dir, 'files'), 'dot1', 30);
    expect((await station(dataDir, 'import', sheet.csv, '--commit')).json).toMatchObject({ committed: sheet.rows - 1 });

    const typed = nfc(dataDir);
    expect(typed).not.toBe(dataDir);
    expect((await station(typed, 'records', 'list')).json).toMatchObject({ ok: true, total: sheet.rows - 1 });
    const more = await clinicSheet(join(tmp.dir, 'files'), 'dot2', 31);
    expect((await station(typed, 'import', more.csv, '--commit')).exitCode).toBe(0);
    expect(readdirSync(tmp.dir).filter((n) => n !== 'files')).toEqual([nfd('Nguyễn Văn An')]);
    expect(readdirSync(parent)).toEqual([nfd('Dữ liệu trạm')]);

    // A sheet and a copy named in NFD, typed in NFC.
    const saved = await clinicSheet(join(tmp.dir, nfd('Tải về')), nfd('Danh sách đợt 3'), 32);
    expect((await station(typed, 'import', nfc(saved.xlsx), '--commit')).json).toMatchObject({ committed: saved.rows - 1 });
    const copy = (await station(dataDir, 'backup')).json.path as string;
    expect((await station(join(tmp.dir, 'restored'), 'restore', nfc(copy))).exitCode).toBe(0);

    // The desktop app's --data-dir and STATION_DATA_DIR alike; a new folder goes inside the one there.
    expect(resolveDataDir([`--data-dir=${typed}`], {}, '/unused')).toBe(dataDir);
    expect(resolveDataDir([], { STATION_DATA_DIR: typed }, '/unused')).toBe(dataDir);
    expect(onDiskForm(join(nfc(parent), nfc('Trạm mới')))).toBe(join(parent, nfc('Trạm mới')));
  });
});
