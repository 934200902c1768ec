/** A station store on a fresh database in its own temp folder, with a fake clock and seeded randomness. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import type { StorePorts } from '../../../electron/core/store/ports.js';
import { createStationStore, type StationStore } from '../../../electron/core/store/stationStore.js';
import type { RecordInput } from '../../../electron/core/store/storeTypes.js';

export function tempDir(prefix = 'station-db-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestPorts extends StorePorts {
  /** Moves the clock on. */
  advance(ms: number): void;
}

/** A clock that starts at `start` and moves only when told; randomness from a seed. */
export function testPorts(opts: { start?: string; seed?: number; actor?: string } = {}): TestPorts {
  let t = Date.parse(opts.start ?? '2023-01-15T03:00:00.000Z');
  // mulberry32: a plain LCG's bytes repeat in windows and would collide UUIDs at scale.
  let s = (opts.seed ?? 42) >>> 0;
  const byte = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), s | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) & 0xff;
  };
  return {
    actor: opts.actor ?? 'user:test',
    now: () => new Date(t),
    randomBytes: (n) => Uint8Array.from({ length: n }, byte),
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface TestStore {
  store: StationStore;
  db: StationDatabase;
  ports: TestPorts;
  path: string;
  dir: string;
  close(): void;
}

export function openTestStore(opts: { actor?: string } = {}): TestStore {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'station.db');
  const db = openStationDatabase(path);
  const ports = testPorts(opts);
  const store = createStationStore(db, ports);
  return {
    store, db, ports, path, dir,
    close: () => {
      if (db.open) db.close();
      cleanup();
    },
  };
}

/** A valid record of a 1990-born man (CCCD structure matches), overridable per field. */
export function record(person: Partial<RecordInput['person']> = {}, dose: Partial<RecordInput['dose']> = {}): RecordInput {
  return {
    person: { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-12', sex: 'M', phone: '0912345678', ...person },
    dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber: 1, vaccinationDate: '2021-08-02', ...dose },
  };
}

export function auditCount(db: StationDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}
