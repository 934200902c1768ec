/**
 * A checked copy of a 100k-record station (db/backups.ts: VACUUM INTO, the integrity and audit
 * check and the fsync, on a worker thread) next to the sqlite3 shell's `.backup` of the same
 * file in the same run (a bare page copy, no check): the baseline. Also the longest the core's
 * thread stood still while the station copied itself (an interval timer's worst lateness), next
 * to the same copy taken without the worker (the path where no worker can run): the window must
 * keep answering during the daily copy. Medians of RUNS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { backupStation } from '../../electron/core/db/backups.js';
import { openStationStore } from '../../electron/core/store/openStationStore.js';
import { systemStorePorts } from '../../electron/core/store/ports.js';
import { generateRecords } from '../fixtures/records.js';
import { median, type Figure } from './harness.js';

const SUITE = 'backup';
const SQLITE3 = '/usr/bin/sqlite3';
const RECORDS = 100_000;
const RUNS = 3;

export async function run(): Promise<Figure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'station-bench-backup-'));
  try {
    const opened = openStationStore(join(tmp, 'data'), systemStorePorts('bench'), { create: true });
    for (let i = 0; i < RECORDS; i += 10_000) {
      opened.store.createRecords(generateRecords(10_000, { seed: i + 1, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
    }
    opened.store.db.pragma('wal_checkpoint(TRUNCATE)');
    /** One copy's time and the longest the core's thread stood still during it (an interval timer's worst lateness). */
    const timed = async (out: string, entry?: null) => {
      let worst = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last - 5);
        last = now;
      }, 5);
      const start = performance.now();
      const r = await backupStation(opened.store.db, out, new Date(), entry === null ? { entry } : {});
      const ms = performance.now() - start;
      // The timer's lateness after the last synchronous stretch is measured before it stops.
      await new Promise((res) => setTimeout(res, 20));
      clearInterval(timer);
      if (r.records !== RECORDS) throw new Error(`the copy holds ${r.records} records, not ${RECORDS}`);
      return { ms, stall: worst };
    };
    const station: number[] = [];
    const stalls: number[] = [];
    const hereStalls: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await timed(join(tmp, `station-${i}.db`));
      station.push(t.ms);
      stalls.push(t.stall);
      // The same copy with no worker: SQLite's online backup and the check on the core's thread.
      hereStalls.push((await timed(join(tmp, `here-${i}.db`), null)).stall);
    }
    const shell: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const p = spawnSync(SQLITE3, [join(tmp, 'data', 'station.db'), `.backup ${join(tmp, `shell-${i}.db`)}`], { encoding: 'utf8' });
      shell.push(performance.now() - start);
      if (p.status !== 0) throw new Error(`sqlite3 .backup failed: ${p.stderr}`);
    }
    opened.close();
    const s = (ms: number) => (ms / 1000).toFixed(2);
    return [
      {
        suite: SUITE,
        name: `checked copy of a ${RECORDS / 1000}k-record station (copy + integrity and audit check on a worker; ${station.map(s).join(', ')} s)`,
        value: median(station) / 1000,
        unit: 's',
        baseline: { name: `sqlite3 CLI .backup of the same file, unchecked (${shell.map(s).join(', ')} s)`, value: median(shell) / 1000 },
        better: 'lower',
      },
      {
        suite: SUITE,
        name: `longest the core's thread stood still during that copy (${stalls.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
        value: median(stalls),
        unit: 'ms',
        baseline: {
          name: `the same copy without the worker: online backup and check on the core's thread (${hereStalls.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
          value: median(hereStalls),
        },
        better: 'lower',
        goal: 'under 100 ms: the window keeps answering',
        goalMet: median(stalls) < 100,
      },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
