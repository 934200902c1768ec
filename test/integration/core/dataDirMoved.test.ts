// Probe 16, F1: the data folder deleted or moved while the station runs. In WAL mode SQLite
// does not notice: writes went on into the open, unlinked file, were confirmed, and were gone
// once the station stopped. The station now checks before each call that its database file is
// still where it opened it, and refuses with DB_MOVED (both languages), writing nothing.
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';

let root: string;
let dataDir: string;
let station: StationCore;
let client: RpcClient;

const person = (idNumber: string) => ({ idType: 'CCCD', idNumber, fullName: 'Nguyễn Văn An', dob: '1990-05-01', sex: 'M' }) as const;
const dose = { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' };

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'station-moved-'));
  dataDir = join(root, 'Dữ liệu trạm');
  station = openStation({ dataDir, validateResults: true });
  client = new RpcClient(inProcessTransport(station.dispatcher));
  await client.call('records.create', { person: person('079090001234'), dose });
});
afterEach(async () => {
  await station.close();
  rmSync(root, { recursive: true, force: true });
});

async function refused(call: Promise<unknown>): Promise<RpcError> {
  const err = await call.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RpcError);
  const e = err as RpcError;
  expect(e.code).toBe('DB_MOVED');
  expect(e.messageVi).toMatch(/đã bị di chuyển.*khởi động lại trạm/);
  expect(e.messageEn).toMatch(/was moved.*restart the station/);
  return e;
}

function recordsIn(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM dose_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the data folder changes under a running station', () => {
  it('deleted: a write is refused with DB_MOVED, and no folder is made again', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await refused(client.call('records.create', { person: person('079090005678'), dose }));
    await refused(client.call('settings.set', { key: 'facility.name', value: 'Trạm Y tế Phường 1' }));
    await refused(client.call('import.preview', { file: { name: 'a.csv', base64: Buffer.from('x').toString('base64') } }));
    // The refused calls wrote nothing, not even into the open, unlinked file.
    expect(station.store.countByState().ready).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('moved: the calls are refused, and the moved folder holds exactly what was confirmed', async () => {
    const movedTo = join(root, 'moved');
    renameSync(dataDir, movedTo);
    await refused(client.call('records.create', { person: person('079090005678'), dose }));
    await refused(client.call('records.list', {}));
    await station.close();
    expect(recordsIn(join(movedTo, 'station.db'))).toBe(1);
  });

  it('replaced by another file (a restore while running): refused', async () => {
    const copy = join(root, 'copy.db');
    copyFileSync(join(dataDir, 'station.db'), copy);
    renameSync(copy, join(dataDir, 'station.db'));
    await refused(client.call('records.create', { person: person('079090005678'), dose }));
  });

  it('unchanged: calls go through as before', async () => {
    await client.call('records.create', { person: person('079090005678'), dose });
    expect((await client.call('records.counts', {})).ready).toBe(2);
  });
});
