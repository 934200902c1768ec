// Probe 16, F3: every CLI command closes the database in its `finally` with closeStationDatabase,
// whose `PRAGMA optimize` may write. When another program holds the write lock (the app
// committing a large import), optimize fails: that must not replace the command's own result,
// and the connection is closed all the same.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { closeStationDatabase, openStationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { record, tempDir, testPorts } from './storeHarness.js';

let dir: string;
let cleanup: () => void;
let holder: Database.Database | null = null;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('station-close-'));
  const { store, close } = openStationStore(dir, testPorts(), { create: true });
  store.createRecord(record(), { source: 'form' });
  close();
});
afterEach(() => {
  if (holder?.open) {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
  }
  holder = null;
  cleanup();
});

/** Another program holding the write lock, as the app does while it commits an import. */
function holdWriteLock(): void {
  holder = new Database(join(dir, 'station.db'));
  holder.exec('BEGIN IMMEDIATE');
}

describe('closing the station database', () => {
  it('a read command gives its result while another program holds the write lock', async () => {
    holdWriteLock();
    const started = Date.now();
    const list = await runCli(['--data-dir', dir, '--json', 'records', 'list']);
    expect(list.result.json).toMatchObject({ ok: true, total: 1 });
    expect(list.result.exitCode).toBe(0);
    const audit = await runCli(['--data-dir', dir, '--json', 'audit', 'verify']);
    expect(audit.result.json).toMatchObject({ ok: true, valid: true });
    expect(audit.result.exitCode).toBe(0);
    // Closing does not wait out the busy timeout (5 s) for an optimisation.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('closes the connection even when optimize fails', () => {
    const db = openStationDatabase(join(dir, 'station.db'));
    holdWriteLock();
    expect(() => closeStationDatabase(db)).not.toThrow();
    expect(db.open).toBe(false);
  });
});
