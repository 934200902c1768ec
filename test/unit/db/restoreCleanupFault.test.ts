// A restore's cleanup that fails (the staging copy or the owner file held by an antivirus on
// Windows: EBUSY) must not replace the restore's own answer: the restore succeeded, and what it
// could not remove is removed at the next open or restore once this process is gone (restoreClaim.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const busy = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const refuse = (path: unknown) => {
    if (busy.on && /\.restoring(\.owner)?$/.test(String(path))) throw Object.assign(new Error(`EBUSY: resource busy or locked, unlink '${String(path)}'`), { code: 'EBUSY' });
  };
  return {
    ...fs,
    rmSync: (path: Parameters<typeof fs.rmSync>[0], opts?: Parameters<typeof fs.rmSync>[1]) => (refuse(path), fs.rmSync(path, opts)),
    unlinkSync: (path: Parameters<typeof fs.unlinkSync>[0]) => (refuse(path), fs.unlinkSync(path)),
  };
});

const { backupStation } = await import('../../../electron/core/db/backups.js');
const { restoreStation } = await import('../../../electron/core/db/restore.js');
const { openStationStore } = await import('../../../electron/core/store/openStationStore.js');
const { generateRecords } = await import('../../fixtures/records.js');
const { tempDir, testPorts } = await import('./storeHarness.js');

let dir: string;
let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-restore-cleanup-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
});
afterEach(() => {
  busy.on = false;
  cleanup();
});

it('a restore whose cleanup is refused still answers its result, and the restored database opens', async () => {
  const other = join(dir, 'other');
  for (const [where, n] of [[dataDir, 5], [other, 3]] as const) {
    const s = openStationStore(where, testPorts({ seed: n }), { create: true });
    s.store.createRecords(generateRecords(n, { seed: n, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
    s.close();
  }
  const s = openStationStore(other, testPorts(), { create: false });
  const backup = join(dir, 'backup.db');
  await backupStation(s.store.db, backup);
  s.close();
  busy.on = true;
  const r = restoreStation(dataDir, backup, { actor: 'user:test', replace: true });
  expect(r.records).toBe(3);
  busy.on = false;
  const after = openStationStore(dataDir, testPorts(), { create: false });
  expect((after.store.db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n).toBe(3);
  after.close();
});

it('a restore that fails after keeping a damaged database aside puts its log back beside it: unchanged, as it says (session 21 review)', async () => {
  // What keepAside leaves for a database SQLite could not fold its log into: a second name, and
  // the log and shared memory moved beside that name.
  const { undoKeepAside } = await import('../../../electron/core/db/restore.js');
  const { linkSync } = await import('node:fs');
  const target = join(dataDir, 'station.db');
  const aside = join(dataDir, 'station.db.replaced-20261124-100000');
  writeFileSync(target, 'a damaged database');
  linkSync(target, aside);
  writeFileSync(`${aside}-wal`, 'its log, with committed rows');
  writeFileSync(`${aside}-shm`, 'shm');
  undoKeepAside(target, aside);
  expect(readFileSync(`${target}-wal`, 'utf8')).toBe('its log, with committed rows');
  expect(readdirSync(dataDir).sort()).toEqual(['station.db', 'station.db-shm', 'station.db-wal']);
  // A log already beside station.db (written since): nothing is moved over it, and the kept name
  // keeps its log, whole.
  linkSync(target, aside);
  writeFileSync(`${aside}-wal`, 'the kept log');
  undoKeepAside(target, aside);
  expect(readFileSync(`${target}-wal`, 'utf8')).toBe('its log, with committed rows');
  expect(readFileSync(`${aside}-wal`, 'utf8')).toBe('the kept log');
  expect(existsSync(aside)).toBe(true);
});
