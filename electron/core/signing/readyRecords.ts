/**
 * The records a batch signature covers: ready ones, oldest first, or exactly a chosen set — read
 * as the signed record's CBOR straight from two lean queries (only the columns the signed record
 * is made of, rows as arrays, each person once), not as full Person / DoseRecord objects: on
 * 10,000 records building and splitting the joined objects cost more than everything the
 * signature itself needs. `readySeqs` + `readyAt` read the same records in two steps (which ones,
 * then their bytes), so that two threads can each read a part (splitRead.ts).
 */
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { vaccineByCode, type Vaccine } from '../../../shared/domain/vaccines.js';
import { StationError } from '../../../shared/errors.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { PERSON_COLUMNS_AS_P, splitJoined, toPerson, toRecord } from '../store/rows.js';
import { platformPredecessor } from './platformPredecessor.js';
import { readRangeBytes } from './rangeBytes.js';
import { encodeSignedPerson, SignedRecordSink } from './signedRecordBytes.js';

export const MAX_BATCH = 100_000;

export interface ReadyRecord {
  id: string;
  /** The record's rowid: the signing step moves its records ready → signed by it. */
  seq?: number;
  /** The deterministic CBOR the leaf hash is made of (DESIGN §5). */
  cbor: Uint8Array;
}

/**
 * The signed record's columns, in the order `toReady` reads them (`.raw()` rows): the record's
 * own, then its person's, read in a second query once per person — a person usually has two or
 * three doses in a batch, and the joined query materialised every person column once per record
 * (~45 ms of 10,000 records, against ~25 for the record columns alone).
 */
const RECORD_COLUMNS = `d.id, d.state, d.person_id, d.vaccine, d.lot, d.dose_number, d.vaccination_date, d.facility_code, d.supersedes, d.supersede_reason, d.seq`;
type RecordRow = [string, string, string, string, string, number, string, string, string | null, string | null, number];
const PERSON_COLUMNS = `p.id, p.id_type, p.id_number, p.full_name, p.family_name, p.given_name, p.fnt, p.gnt, p.dob, p.sex, p.nationality, p.phone`;
type PersonRow = [string, SignedRecord['person']['idType'], string, string, string, string, string, string, string, SignedRecord['person']['sex'], string, string | null];

function unknownVaccine(code: string, recordId: string): StationError {
  return new StationError('VACCINE_UNKNOWN', `Vắc xin "${code}" không có trong danh mục`, `Vaccine "${code}" is not in the catalog`, { recordId });
}

function notReady(ids: string[]): StationError {
  return new StationError(
    'SIGN_RECORDS_NOT_READY',
    `${ids.length} bản ghi được chọn không ở trạng thái sẵn sàng ký`,
    `${ids.length} chosen record(s) are not ready to sign`,
    { recordIds: ids.slice(0, 20) },
  );
}

/** Each person of `rows` once: the signed `person` map and its CBOR bytes. */
function peopleOf(db: StationDatabase, rows: readonly RecordRow[]): Map<string, { person: SignedRecord['person']; bytes: Uint8Array }> {
  const ids = [...new Set(rows.map((r) => r[2]))];
  const found = db.prepare(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id IN (SELECT value FROM json_each(?))`).raw(true).all(JSON.stringify(ids)) as PersonRow[];
  const people = new Map<string, { person: SignedRecord['person']; bytes: Uint8Array }>();
  for (const [id, idType, idNumber, fullName, familyName, givenName, fnt, gnt, dob, sex, nationality, phone] of found) {
    const person: SignedRecord['person'] = { idType, idNumber, fullName, familyName, givenName, fnt, gnt, dob, sex, nationality };
    if (phone) person.phone = phone;
    people.set(id, { person, bytes: encodeSignedPerson(person) });
  }
  return people;
}

/**
 * The ready records (oldest first, at most `limit`) or exactly `recordIds` (all must be ready:
 * SIGN_RECORDS_NOT_READY otherwise), each with its signed CBOR. The same mapping as
 * shared/batch/signedRecord.ts `toSignedRecord` with the catalog's EU codes as of now; a
 * correction names what the platform holds (platformPredecessor.ts). Both queries read one
 * snapshot (one read transaction).
 */
export function readyRecordBytes(db: StationDatabase, opts: { recordIds?: readonly string[]; limit?: number }): ReadyRecord[] {
  return db.inTransaction ? readReady(db, opts) : db.transaction(() => readReady(db, opts))();
}

/**
 * Record rows → ReadyRecords, each person read and encoded once (inside the caller's snapshot).
 * The records' bytes are subarrays of one buffer (SignedRecordSink).
 */
function encodeRows(db: StationDatabase, rows: readonly RecordRow[]): ReadyRecord[] {
  let predecessor: ((id: string | null) => string | null) | null = null;
  const vaccines = new Map<string, Vaccine>();
  const people = peopleOf(db, rows);
  const sink = new SignedRecordSink(rows.length);
  for (const r of rows) {
    const [id, , personId, vaccineCode, lot, dose, date, facility, supersedesLocal, reasonLocal] = r;
    let vaccine = vaccines.get(vaccineCode);
    if (!vaccine) {
      vaccine = vaccineByCode(vaccineCode);
      if (!vaccine) throw unknownVaccine(vaccineCode, id);
      vaccines.set(vaccineCode, vaccine);
    }
    const { person, bytes } = people.get(personId)!;
    const signed: SignedRecord = { v: 1, id, person, vaccine: vaccineCode, mp: vaccine.mp, ma: vaccine.ma, vp: vaccine.vp, lot, dose, date, facility };
    if (supersedesLocal) {
      predecessor ??= platformPredecessor(db);
      const supersedes = predecessor(supersedesLocal);
      if (supersedes) {
        signed.supersedes = supersedes;
        if (reasonLocal) signed.reason = reasonLocal;
      }
    }
    sink.add(signed, bytes);
  }
  const cbors = sink.finish();
  return rows.map((r, i): ReadyRecord => ({ id: r[0], seq: r[10], cbor: cbors[i]! }));
}

/**
 * The chosen records' rows (`columns` begin with id, state), in the asked order without repeats:
 * one statement for the whole set (the ids as one JSON array). SIGN_RECORDS_NOT_READY names
 * every chosen record that is missing or not ready.
 */
function chosenRows<Row extends [string, string, ...unknown[]]>(db: StationDatabase, recordIds: readonly string[], columns: string): Row[] {
  const unique = [...new Set(recordIds)];
  const found = db.prepare(`SELECT ${columns} FROM dose_records d WHERE d.id IN (SELECT value FROM json_each(?))`).raw(true).all(JSON.stringify(unique)) as Row[];
  const byId = new Map(found.map((r) => [r[0], r]));
  const missing = unique.filter((id) => byId.get(id)?.[1] !== 'ready');
  if (missing.length > 0) throw notReady(missing);
  return unique.map((id) => byId.get(id)!);
}

function readReady(db: StationDatabase, opts: { recordIds?: readonly string[]; limit?: number }): ReadyRecord[] {
  if (opts.recordIds !== undefined) return encodeRows(db, chosenRows<RecordRow>(db, opts.recordIds, RECORD_COLUMNS));
  // The oldest ready ones: exactly the ready records of their seq range, read as one range.
  const records = readyAt(db, readySeqs(db, opts), true);
  if (records === null) throw new Error('unreachable: the records changed inside one read transaction');
  return records;
}

/**
 * The seqs (rowids) of the records `readyRecordBytes` would read, in its order, from the index
 * alone (dose_records_state is (state, seq)); SIGN_RECORDS_NOT_READY as it for chosen ids. Read
 * in the caller's transaction: with `readyAt` in the same one, the same records as readyRecordBytes.
 * `after`: only ready records past that seq — the next batch of a long signing, chosen while the
 * current one is not stored yet (signBatch.ts readAhead).
 */
export function readySeqs(db: StationDatabase, opts: { recordIds?: readonly string[]; limit?: number; after?: number }): number[] {
  if (opts.recordIds !== undefined) return chosenRows<[string, string, number]>(db, opts.recordIds, 'd.id, d.state, d.seq').map((r) => r[2]);
  const limit = Math.min(opts.limit ?? MAX_BATCH, MAX_BATCH);
  return db.prepare(`SELECT seq FROM dose_records WHERE state = 'ready' AND seq > ? ORDER BY seq LIMIT ?`).pluck().all(opts.after ?? Number.MIN_SAFE_INTEGER, limit) as number[];
}

/**
 * The records at `seqs`, in that order, each with its signed CBOR — or null when they are no
 * longer exactly those ready records (another connection wrote in between). `ascending`: the seqs
 * are the ready ones of their range in order (a `limit` read), read as one rowid range; otherwise
 * (chosen ids) looked up one by one through a JSON array.
 */
export function readyAt(db: StationDatabase, seqs: ArrayLike<number>, ascending: boolean): ReadyRecord[] | null {
  if (ascending) {
    // From one blob a query (rangeBytes.ts), or the general way below when it cannot vouch.
    const fast = readRangeBytes(db, seqs, (some) => readyAtRows(db, some, false)!);
    if (fast !== undefined) return fast;
  }
  return readyAtRows(db, seqs, ascending);
}

/**
 * readyAt the general way: each column read as a JavaScript value and the records encoded from
 * them (encodeRows) — the reference readRangeBytes is held to, and what it leaves to this.
 */
export function readyAtRows(db: StationDatabase, seqs: ArrayLike<number>, ascending: boolean): ReadyRecord[] | null {
  const n = seqs.length;
  if (n === 0) return [];
  let rows: RecordRow[];
  if (ascending) {
    rows = db.prepare(`SELECT ${RECORD_COLUMNS} FROM dose_records d WHERE d.state = 'ready' AND d.seq BETWEEN ? AND ? ORDER BY d.seq`).raw(true).all(seqs[0], seqs[n - 1]) as RecordRow[];
    if (rows.length !== n) return null;
    for (let i = 0; i < n; i++) if (rows[i]![10] !== seqs[i]) return null;
  } else {
    const found = db.prepare(`SELECT ${RECORD_COLUMNS} FROM dose_records d WHERE d.seq IN (SELECT value FROM json_each(?))`).raw(true).all(JSON.stringify(Array.from(seqs))) as RecordRow[];
    const bySeq = new Map(found.map((r) => [r[10], r]));
    rows = [];
    for (let i = 0; i < n; i++) {
      const row = bySeq.get(seqs[i]!);
      if (row?.[1] !== 'ready') return null;
      rows.push(row);
    }
  }
  return encodeRows(db, rows);
}

/** The same records as full domain objects (tests and tools that build a batch by hand). */
export function readyRecords(db: StationDatabase, opts: { recordIds?: readonly string[]; limit?: number }): { person: Person; record: DoseRecord }[] {
  const select = `SELECT d.*, ${PERSON_COLUMNS_AS_P} FROM dose_records d JOIN people p ON p.id = d.person_id`;
  const predecessor = platformPredecessor(db);
  const toPair = (row: unknown) => {
    const { record, person } = splitJoined(row as Record<string, unknown>);
    const dose = toRecord(record);
    if (dose.supersedes === null) return { person: toPerson(person), record: dose };
    const supersedes = predecessor(dose.supersedes);
    return { person: toPerson(person), record: { ...dose, supersedes, supersedeReason: supersedes === null ? null : dose.supersedeReason } };
  };
  if (opts.recordIds !== undefined) {
    const one = db.prepare(`${select} WHERE d.id = ?`);
    const unique = [...new Set(opts.recordIds)];
    const found = unique.map((id) => one.get(id)).map((row, i) => ({ id: unique[i]!, row }));
    const missing = found.filter(({ row }) => row === undefined || (row as { state: string }).state !== 'ready').map(({ id }) => id);
    if (missing.length > 0) throw notReady(missing);
    return found.map(({ row }) => toPair(row));
  }
  const limit = Math.min(opts.limit ?? MAX_BATCH, MAX_BATCH);
  return db.prepare(`${select} WHERE d.state = 'ready' ORDER BY d.seq LIMIT ?`).all(limit).map(toPair);
}
