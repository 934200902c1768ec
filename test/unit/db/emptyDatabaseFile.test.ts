// Probe 16, F7: a zero-byte station.db is what a failed copy or restore leaves, not a new
// station. Read commands refuse it (DB_EMPTY_FILE, in both languages, saying not to delete it) and
// never write to it; only a command that creates the database (create: true) takes it over, as it
// would a missing file. A missing database is still DB_NOT_FOUND.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { isStationError } from '../../../shared/errors.js';
import { STANDARD_HEADER, makeDoses, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';
import { tempDir, testPorts } from './storeHarness.js';

let dir: string;
let dataDir: string;
let db: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-empty-db-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  db = join(dataDir, 'station.db');
  writeFileSync(db, '');
});
afterEach(() => cleanup());

async function cli(...argv: string[]) {
  const { result } = await runCli(['--data-dir', dataDir, '--json', ...argv]);
  return { exitCode: result.exitCode, json: result.json as { ok: boolean; errors?: { code: string; message_vi: string; message_en: string }[] } };
}

function untouched(): void {
  expect(statSync(db).size).toBe(0);
  expect(existsSync(`${db}-wal`)).toBe(false);
}

describe('a zero-byte station.db', () => {
  it('is refused by the read commands with DB_EMPTY_FILE, exit 2, and left as it is', async () => {
    for (const argv of [['records', 'list'], ['audit', 'verify'], ['settings', 'get', 'facility.code'], ['batches', 'list']]) {
      const r = await cli(...argv);
      expect(r.exitCode, argv.join(' ')).toBe(2);
      expect(r.json.errors?.[0]?.code, argv.join(' ')).toBe('DB_EMPTY_FILE');
      untouched();
    }
    const e = (await cli('records', 'list')).json.errors![0]!;
    expect(e.message_vi).toMatch(/trống \(0 byte\).*Đừng xóa tệp này/);
    expect(e.message_en).toMatch(/empty \(0 bytes\).*Do not delete it/);
    expect(e.message_vi).toContain(db);
  });

  it('is refused by an import preview, which writes nothing', async () => {
    const csv = join(dir, 'tiêm.csv');
    writeDelimited(csv, [STANDARD_HEADER, ...makeDoses(3, 2).map((d, i) => standardRow(d, i + 1))]);
    const r = await cli('import', csv);
    expect(r.exitCode).toBe(2);
    expect(r.json.errors?.[0]?.code).toBe('DB_EMPTY_FILE');
    untouched();
  });

  it('is refused by openStationStore unless it creates the database', () => {
    for (const opts of [{}, { create: false }]) {
      let code: string | null = null;
      try {
        openStationStore(dataDir, testPorts(), opts).close();
      } catch (err) {
        code = isStationError(err) ? err.code : 'not a StationError';
      }
      expect(code).toBe('DB_EMPTY_FILE');
      untouched();
    }
    const created = openStationStore(dataDir, testPorts(), { create: true });
    expect(created.store.getSetting('facility.code')).toBeNull();
    created.close();
    expect(statSync(db).size).toBeGreaterThan(0);
  });

  it('a missing database is still DB_NOT_FOUND for a read command', async () => {
    const r = await runCli(['--data-dir', join(dir, 'elsewhere'), '--json', 'records', 'list']);
    expect(r.result.exitCode).toBe(2);
    expect(r.result.json).toMatchObject({ errors: [{ code: 'DB_NOT_FOUND' }] });
  });
});
