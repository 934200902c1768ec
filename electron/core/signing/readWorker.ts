/**
 * The worker thread of splitRead.ts: reads, encodes and hashes one half of a batch's records on
 * its own read-only connection to the station's database, while the core's thread does the other
 * half (the machine has a second core idle during signing) — or, for a long signing, the whole
 * next batch while the core stores the current one (signBatch.ts readAhead). It answers each
 * request with one transferred ArrayBuffer (halfPacking.ts), or why not: the records changed
 * since the core chose them, or an error — either way the core reads everything itself, so
 * nothing here is fatal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { packHalf } from './halfPacking.js';
import { HASH_SIZE, leafHashesInto, reduceLevels } from './merkleRoot.js';
import { readyAt, readySeqs } from './readyRecords.js';
import { SPLIT_LEVELS } from './splitRead.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { READ_WORKER_ROLE, type HalfReply, type HalfRequest, type WorkerMessage } from './recordReader.js';

/** One request answered on `db` (a read-only connection): the reply and what it transfers. */
export function answerHalf(db: StationDatabase, req: HalfRequest): { reply: HalfReply; transfer: ArrayBuffer[] } {
  try {
    const records = db.transaction(() => readyAt(db, req.seqs, req.ascending))();
    if (records === null) return { reply: { id: req.id, ok: false, reason: 'changed' }, transfer: [] };
    const level = Buffer.allocUnsafe(records.length * HASH_SIZE);
    leafHashesInto(records.map((r) => r.cbor), level);
    const nodes = reduceLevels(level, records.length, req.levels);
    const buffer = packHalf(records, level, nodes);
    return { reply: { id: req.id, ok: true, buffer }, transfer: [buffer] };
  } catch (err) {
    return { reply: { id: req.id, ok: false, reason: 'error', message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

const WARM_UP_RECORDS = 1_024;
const WARM_UP_READS = 3;

const port = parentPort;
const data = workerData as { role?: unknown; path?: unknown } | null;
// Only as the thread recordReader.ts starts (a test runner's own worker imports this module too).
if (port && data?.role === READ_WORKER_ROLE && typeof data.path === 'string') {
  const { path } = data;
  // Read-only: this thread never writes; the core's connection is the one writer.
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
  // The core's cache size: the next batch of a long signing finds its pages here.
  db.pragma('cache_size = -32000');
  port.on('message', (req: HalfRequest) => {
    const { reply, transfer } = answerHalf(db, req);
    port.postMessage(reply, transfer);
  });
  // Warm up before saying ready: a fresh thread's first 5,000 records took about twice as long
  // as its second (code not yet optimised, pages not yet in this connection's cache), longer than
  // the core's whole half. A few reads of the oldest ready records (what the next batch reads)
  // while the user types the PIN; the core does not wait for a worker that is not ready yet.
  const warm = Float64Array.from(db.transaction(() => readySeqs(db, { limit: WARM_UP_RECORDS }))());
  for (let i = 0; i < WARM_UP_READS; i++) answerHalf(db, { id: 0, seqs: warm, ascending: true, levels: SPLIT_LEVELS });
  const ready: WorkerMessage = { ready: true };
  port.postMessage(ready);
}
