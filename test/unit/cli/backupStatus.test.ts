// `station backup status`: what a clinic or support asks first about the copies (the newest one,
// whether today's daily copy was taken, how many copies and replaced databases are kept), with
// labels in Vietnamese and English, and the same as one JSON document with --json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { listBackups } from '../../../electron/core/db/backups.js';
import { dailyBackupIfDue } from '../../../electron/core/db/dailyBackups.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { vietnamDay } from '../../../shared/domain/dates.js';
import { generateRecords } from '../../fixtures/records.js';
import { tempDir, testPorts } from '../db/storeHarness.js';

let dir: string;
let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-backup-status-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const s = openStationStore(dataDir, testPorts(), { create: true });
  s.store.createRecords(generateRecords(20, { seed: 3, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  s.close();
});
afterEach(() => cleanup());

interface Status {
  ok: boolean;
  folder: string;
  last: { path: string; kind: string; takenAt: string; bytes: number } | null;
  today: { day: string; dailyDone: boolean; daily: string | null };
  backups: { kept: number; daily: number; upgrade: number; manual: number };
  replaced: { kept: number; bytes: number; items: { path: string; bytes: number; replacedAt: string }[] };
}

async function status(json = true) {
  const { result } = await runCli(['--data-dir', dataDir, ...(json ? ['--json'] : []), 'backup', 'status']);
  return { exitCode: result.exitCode, json: result.json as Status, text: result.text };
}

/** A daily copy as the app takes it, at `at`. */
async function dailyAt(at: Date): Promise<void> {
  const s = openStationStore(dataDir, testPorts(), { create: false });
  try {
    await dailyBackupIfDue(s.store.db, dataDir, at, { freeBytes: () => null });
  } finally {
    s.close();
  }
}

describe('station backup status', () => {
  it('says there is no copy yet, in both languages', async () => {
    const r = await status();
    expect(r.exitCode).toBe(0);
    expect(r.json).toMatchObject({
      ok: true, folder: join(dataDir, 'backups'), last: null,
      today: { day: vietnamDay(new Date()), dailyDone: false, daily: null },
      backups: { kept: 0, daily: 0, upgrade: 0, manual: 0 }, replaced: { kept: 0, bytes: 0, items: [] },
    });
    const text = (await status(false)).text;
    expect(text).toContain('Bản sao lưu gần nhất / Last backup: chưa có / none');
    expect(text).toMatch(/Sao lưu hằng ngày hôm nay \(\d\d\/\d\d\/\d{4}\) \/ Today's daily backup: chưa có.* \/ not yet/);
    expect(text).toContain('Bản sao lưu đang giữ / Backups kept: 0');
    expect(text).toMatch(/\/ Databases replaced by a restore, kept: 0$/m);
    expect(r.json).toMatchObject({ database: { path: join(dataDir, 'station.db'), present: true } });
    expect(text).toMatch(/^Cơ sở dữ liệu \/ Database: [\d.]+ MB \(\d+ bytes\): /m);
  });

  it('says when the folder holds no database (a mistyped --data-dir, or the database gone), and still lists the copies', async () => {
    const { result } = await runCli(['--data-dir', join(dir, 'typo'), '--json', 'backup', 'status']);
    expect(result.exitCode).toBe(0);
    expect(result.json).toMatchObject({ database: { path: join(dir, 'typo', 'station.db'), present: false, bytes: null }, last: null });
    const { result: text } = await runCli(['--data-dir', join(dir, 'typo'), 'backup', 'status']);
    expect(text.text).toContain(`Cơ sở dữ liệu / Database: không có tệp ${join(dir, 'typo', 'station.db')} (sai thư mục dữ liệu`);
    expect(text.text).toContain('/ no file ');
  });

  it('gives the newest copy, whether today\'s daily copy was taken, and what is kept', async () => {
    // Yesterday's daily copy only: today's is not done.
    await dailyAt(new Date(Date.now() - 26 * 3600_000));
    let r = await status();
    expect(r.json.today.dailyDone).toBe(false);
    expect(r.json.last).toMatchObject({ kind: 'daily' });

    await dailyAt(new Date());
    const manual = await runCli(['--data-dir', dataDir, '--json', 'backup']);
    expect(manual.result.exitCode).toBe(0);
    const made = (manual.result.json as { path: string }).path;
    // A restore of today's daily copy over the station keeps the database it replaced.
    const todays = listBackups(dataDir).find((b) => b.kind === 'daily' && vietnamDay(new Date(b.takenAt)) === vietnamDay(new Date()))!;
    const restored = await runCli(['--data-dir', dataDir, '--json', 'restore', todays.path, '--replace']);
    expect(restored.result.exitCode).toBe(0);

    r = await status();
    expect(r.json.last).toMatchObject({ kind: 'manual', path: made });
    expect(r.json.last!.bytes).toBeGreaterThan(0);
    expect(r.json.today).toMatchObject({ dailyDone: true, daily: todays.path });
    expect(r.json.backups).toEqual({ kept: 3, daily: 2, upgrade: 0, manual: 1 });
    expect(r.json.replaced.kept).toBe(1);
    expect(basename(r.json.replaced.items[0]!.path)).toMatch(/^station\.db\.replaced-\d{8}-\d{6}$/);
    expect(r.json.replaced.bytes).toBe(r.json.replaced.items[0]!.bytes);

    const text = (await status(false)).text;
    expect(text).toMatch(new RegExp(`^Bản sao lưu gần nhất / Last backup: \\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4} \\(UTC\\+7\\), \\d+\\.\\d MB \\(${r.json.last!.bytes} bytes\\), thủ công / manual: .*${basename(made)}$`, 'm'));
    expect(text).toMatch(/Today's daily backup: đã có \/ done$/m);
    expect(text).toContain('Bản sao lưu đang giữ / Backups kept: 3 (hằng ngày / daily 2, trước nâng cấp / before an upgrade 0, thủ công / manual 1)');
    expect(text).toMatch(/Cơ sở dữ liệu bị thay thế khi khôi phục, đang giữ \/ Databases replaced by a restore, kept: 1 \(\d+\.\d MB\)$/m);
  });

  it('counts in a replaced database\'s size the log kept beside a damaged one, as the settings screen does (session 22)', async () => {
    writeFileSync(join(dataDir, 'station.db.replaced-20261123-090000'), Buffer.alloc(1024 ** 2));
    writeFileSync(join(dataDir, 'station.db.replaced-20261123-090000-wal'), Buffer.alloc(1024 ** 2 / 2));
    const r = await status();
    expect(r.json.replaced).toMatchObject({ kept: 1, bytes: 1.5 * 1024 ** 2 });
    expect((await status(false)).text).toMatch(/\/ Databases replaced by a restore, kept: 1 \(1\.5 MB\)$/m);
  });

  it('takes no argument: a usage error in both languages', async () => {
    const { result } = await runCli(['--data-dir', dataDir, '--json', 'backup', 'status', 'now']);
    expect(result.exitCode).toBe(2);
    expect(result.json).toMatchObject({ ok: false, errors: [{ code: 'USAGE', message_vi: expect.stringMatching(/^cách dùng: station backup .*station backup status/) }] });
  });
});
