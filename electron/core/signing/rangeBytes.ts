/**
 * The ready records of a seq range written as the signed record's CBOR straight from SQLite's
 * bytes, without a JavaScript string per column. Reading 10,000 records column by column made
 * ~110,000 record strings and ~60,000 person strings that the encoder then turned back into the
 * UTF-8 SQLite had stored (about 90 ms of a 10,000-record batch, the largest part of a long
 * signing's read). Here each query answers ONE blob — every row's columns joined with 0x00, the
 * rows with 0x01 — and the CBOR text strings are copied out of it byte for byte, their heads made
 * from the byte lengths the separators give.
 *
 * The bytes are exactly those of the general path (readyRecords.ts encodeRows, the oracle of
 * test/unit/signing/rangeBytes.test.ts), because this path vouches only for what it can prove:
 * - the framing: a row holds exactly its columns, else the whole range is `undefined`. A 0x00
 *   inside a value adds a column; a 0x01 ends the row before its last column, which is SQLite's
 *   own '0'/'1' (the row's flag, below), never stored text;
 * - UTF-8: text is copied as stored, so the blob must be valid UTF-8 (what decoding and
 *   re-encoding a JavaScript string gives back unchanged), else `undefined`;
 * - the order: the rows come in the range's index order, checked against the seqs asked, else
 *   `undefined` — the caller then reads the range the general way;
 * - each row: its columns of the types the station writes (text; an integer dose), no
 *   `supersedes` (a correction names what the platform holds: platformPredecessor.ts), a vaccine
 *   in the catalog, a person whose own row passed the same checks. Any other row is read and
 *   encoded by `general`, in place — so its bytes and its errors (VACCINE_UNKNOWN, …) are the
 *   general path's own.
 */
import { isUtf8 } from 'node:buffer';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { Writer } from '../../../shared/cbor/writer.js';
import { vaccineByCode, type Vaccine } from '../../../shared/domain/vaccines.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import type { ReadyRecord } from './readyRecords.js';
import { keyBytes, PERSON_ORDER, RECORD_ORDER } from './signedRecordBytes.js';

const SEP = 0;
const ROW = 1;
/** A record's bytes until they are written (or read by the general path). */
const EMPTY = new Uint8Array(0);
/** The columns as one text, 0x00 between them (concat_ws copies each value's bytes whole, NULs included). */
const j = (columns: readonly string[]) => `concat_ws(char(0), ${columns.join(', ')})`;
const allText = (columns: readonly string[]) => columns.map((c) => `typeof(${c}) = 'text'`).join(' AND ');

// The record's columns (`R.*` are their places in a row), closed by the row's flag.
const R = { seq: 0, id: 1, person: 2, vaccine: 3, lot: 4, dose: 5, date: 6, facility: 7, flag: 8 } as const;
const R_COLUMNS = 9;
const RECORD_TEXT = ['d.id', 'd.person_id', 'd.vaccine', 'd.lot', 'd.vaccination_date', 'd.facility_code'];
const RECORD_FLAG = `(d.supersedes IS NULL AND typeof(d.dose_number) = 'integer' AND ${allText(RECORD_TEXT)})`;
/** In the range's index order (dose_records_state is (state, seq)); the reader checks it. */
const RANGE = `FROM dose_records d WHERE d.state = 'ready' AND d.seq BETWEEN ? AND ?`;
export const RANGE_RECORDS_SQL = `SELECT count(*), CAST(group_concat(${j(['d.seq', 'd.id', 'd.person_id', 'd.vaccine', 'd.lot', 'd.dose_number', 'd.vaccination_date', 'd.facility_code', RECORD_FLAG])}, char(1)) AS BLOB) ${RANGE}`;

// The person's columns: the id, the phone, the others of the signed `person` map, the flag last.
const PERSON_COLUMN: Record<(typeof PERSON_ORDER)[number], string> = {
  idType: 'p.id_type', idNumber: 'p.id_number', fullName: 'p.full_name', familyName: 'p.family_name', givenName: 'p.given_name',
  fnt: 'p.fnt', gnt: 'p.gnt', dob: 'p.dob', sex: 'p.sex', nationality: 'p.nationality', phone: `ifnull(p.phone, '')`,
};
const PERSON_KEYS_READ = PERSON_ORDER.filter((k) => k !== 'phone');
const P_ID = 0;
const P_PHONE = 1;
/** Where key k's value is in a person row. */
const P_AT = new Map(PERSON_KEYS_READ.map((k, i) => [k, 2 + i]));
const P_FLAG = 2 + PERSON_KEYS_READ.length;
const P_COLUMNS = P_FLAG + 1;
const PERSON_FLAG = `(${allText(['p.id', ...PERSON_KEYS_READ.map((k) => PERSON_COLUMN[k])])} AND typeof(p.phone) IN ('text', 'null'))`;
export const RANGE_PEOPLE_SQL = `SELECT CAST(group_concat(${j(['p.id', PERSON_COLUMN.phone, ...PERSON_KEYS_READ.map((k) => PERSON_COLUMN[k]), PERSON_FLAG])}, char(1)) AS BLOB)
  FROM people p WHERE p.id IN (SELECT d.person_id ${RANGE})`;

/**
 * How a record without `supersedes`/`reason` is written, key by key in canonical order, for one
 * vaccine: runs of constant bytes (the map's head, the keys, `v`, the vaccine's EU values) merged
 * into one copy each, between the values taken from the row.
 */
const CONST = 0;
const TEXT = 1;
const PERSON = 2;
const DOSE = 3;
interface Op {
  kind: typeof CONST | typeof TEXT | typeof PERSON | typeof DOSE;
  bytes: Uint8Array;
  column: number;
}
const RECORD_KEYS_WRITTEN = RECORD_ORDER.filter((k) => k !== 'supersedes' && k !== 'reason');
const TEXT_COLUMN: Partial<Record<(typeof RECORD_KEYS_WRITTEN)[number], number>> = { id: R.id, vaccine: R.vaccine, lot: R.lot, date: R.date, facility: R.facility };

function program(v: Vaccine): Op[] {
  const ops: Op[] = [];
  const none = new Uint8Array(0);
  const constant = (bytes: Uint8Array) => {
    const last = ops.at(-1);
    if (last?.kind === CONST) last.bytes = Buffer.concat([last.bytes, bytes]);
    else ops.push({ kind: CONST, bytes, column: -1 });
  };
  const w = new Writer(9);
  w.head(5, RECORD_KEYS_WRITTEN.length);
  constant(w.buf.slice(0, w.pos));
  for (const k of RECORD_KEYS_WRITTEN) {
    constant(keyBytes(k));
    if (k === 'v') constant(encodeCanonical(1));
    else if (k === 'mp' || k === 'ma' || k === 'vp') constant(encodeCanonical(v[k]));
    else if (k === 'person') ops.push({ kind: PERSON, bytes: none, column: -1 });
    else if (k === 'dose') ops.push({ kind: DOSE, bytes: none, column: R.dose });
    else if (TEXT_COLUMN[k] !== undefined) ops.push({ kind: TEXT, bytes: none, column: TEXT_COLUMN[k] });
    else throw new Error(`rangeBytes: no column for signed record key ${k}`);
  }
  return ops;
}

/** Each catalog code's program, by the code's stored bytes (read as latin1: one char a byte); null: not in the catalog. */
const programs = new Map<string, Op[] | null>();

function programOf(blob: Buffer, a: number, b: number): Op[] | null {
  const key = blob.toString('latin1', a, b);
  let found = programs.get(key);
  if (found === undefined) {
    const v = vaccineByCode(blob.toString('utf8', a, b));
    found = v ? program(v) : null;
    programs.set(key, found);
  }
  return found;
}

/** The bytes of `src` at [a, b) copied at the writer's position (a loop: most are a few dozen bytes). */
function copy(w: Writer, src: Uint8Array, a: number, b: number): void {
  w.ensure(b - a);
  const out = w.buf;
  let p = w.pos;
  for (let i = a; i < b; i++) out[p++] = src[i]!;
  w.pos = p;
}

function put(w: Writer, bytes: Uint8Array): void {
  copy(w, bytes, 0, bytes.length);
}

/**
 * One row's columns from `start` (column k is [starts[k], ends[k])): where the next row starts,
 * or -1 when the row does not have exactly `columns` columns.
 */
function splitRow(blob: Uint8Array, start: number, columns: number, starts: Int32Array, ends: Int32Array): number {
  let k = 0;
  const last = columns - 1;
  starts[0] = start;
  for (let p = start; p < blob.length; p++) {
    const c = blob[p]!;
    if (c > ROW) continue;
    if (c === SEP) {
      if (k === last) return -1;
      ends[k++] = p;
      starts[k] = p + 1;
    } else {
      if (k !== last) return -1;
      ends[k] = p;
      return p + 1;
    }
  }
  if (k !== last) return -1;
  ends[k] = blob.length;
  return blob.length;
}

/** A non-negative decimal integer of at most 15 digits at [a, b), else -1. */
function digits(blob: Uint8Array, a: number, b: number): number {
  if (b <= a || b - a > 15) return -1;
  let n = 0;
  for (let p = a; p < b; p++) {
    const c = blob[p]! - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Whether [a, b) is SQLite's true ('1'). */
function isOne(blob: Uint8Array, a: number, b: number): boolean {
  return b === a + 1 && blob[a] === 0x31;
}

/** A CBOR text string of the bytes at [a, b) (valid UTF-8: the blob was checked). */
function text(w: Writer, blob: Uint8Array, a: number, b: number): void {
  w.head(3, b - a);
  copy(w, blob, a, b);
}

/** Each person of the range whose row passed its checks: the signed `person` map's bytes, by id (latin1). */
function peopleOf(blob: Buffer): Map<string, Uint8Array> | undefined {
  const people = new Map<string, Uint8Array>();
  const starts = new Int32Array(P_COLUMNS);
  const ends = new Int32Array(P_COLUMNS);
  const w = new Writer(Math.max(1024, blob.length + (blob.length >> 2)));
  const spans: [string, number, number][] = [];
  for (let at = 0; at < blob.length; ) {
    const next = splitRow(blob, at, P_COLUMNS, starts, ends);
    if (next < 0) return undefined;
    if (isOne(blob, starts[P_FLAG]!, ends[P_FLAG]!)) {
      const phone = starts[P_PHONE]! < ends[P_PHONE]!;
      const start = w.pos;
      w.head(5, PERSON_KEYS_READ.length + (phone ? 1 : 0));
      for (const k of PERSON_ORDER) {
        const col = k === 'phone' ? (phone ? P_PHONE : -1) : P_AT.get(k)!;
        if (col < 0) continue;
        put(w, keyBytes(k));
        text(w, blob, starts[col]!, ends[col]!);
      }
      spans.push([blob.toString('latin1', at, ends[P_ID]), start, w.pos]);
    }
    at = next;
  }
  // The writer's buffer is final only now (it may have moved while growing).
  for (const [id, a, b] of spans) people.set(id, w.buf.subarray(a, b));
  return people;
}

/**
 * The ready records at `seqs` (ascending, the ready ones of their range: readySeqs) with their
 * signed CBOR, in that order; null when they are no longer exactly those records (as readyAt);
 * undefined when this path cannot vouch for the bytes (see above): read the range the general way.
 * `general`: the general path's records at the given seqs, in that order (rows this path leaves to it).
 */
export function readRangeBytes(db: StationDatabase, seqs: ArrayLike<number>, general: (seqs: number[]) => ReadyRecord[]): ReadyRecord[] | null | undefined {
  const n = seqs.length;
  if (n === 0) return [];
  const lo = seqs[0]!;
  const hi = seqs[n - 1]!;
  const [count, blob] = db.prepare(RANGE_RECORDS_SQL).raw(true).get(lo, hi) as [number, Buffer | null];
  if (count !== n) return null;
  const peopleBlob = db.prepare(RANGE_PEOPLE_SQL).pluck().get(lo, hi) as Buffer | null;
  if (blob === null || peopleBlob === null || !isUtf8(blob) || !isUtf8(peopleBlob)) return undefined;
  const people = peopleOf(peopleBlob);
  if (people === undefined) return undefined;
  const records: ReadyRecord[] = new Array(n);
  const starts = new Int32Array(R_COLUMNS);
  const ends = new Int32Array(R_COLUMNS);
  const w = new Writer(Math.max(1024, n * 384));
  const cborEnds = new Int32Array(n).fill(-1);
  const others: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const next = at < blob.length ? splitRow(blob, at, R_COLUMNS, starts, ends) : -1;
    if (next < 0) return undefined;
    const seq = digits(blob, starts[R.seq]!, ends[R.seq]!);
    if (seq !== seqs[i]) return undefined;
    records[i] = { id: blob.toString('utf8', starts[R.id], ends[R.id]), seq, cbor: EMPTY };
    const ops = isOne(blob, starts[R.flag]!, ends[R.flag]!) ? programOf(blob, starts[R.vaccine]!, ends[R.vaccine]!) : null;
    const person = ops ? people.get(blob.toString('latin1', starts[R.person], ends[R.person])) : undefined;
    const dose = digits(blob, starts[R.dose]!, ends[R.dose]!);
    if (!ops || !person || dose < 0) {
      others.push(i);
    } else {
      for (const op of ops) {
        switch (op.kind) {
          case CONST: put(w, op.bytes); break;
          case TEXT: text(w, blob, starts[op.column]!, ends[op.column]!); break;
          case PERSON: put(w, person); break;
          case DOSE: w.head(0, dose); break;
        }
      }
      cborEnds[i] = w.pos;
    }
    at = next;
  }
  if (at !== blob.length) return undefined;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = cborEnds[i]!;
    if (end < 0) continue;
    records[i]!.cbor = w.buf.subarray(start, end);
    start = end;
  }
  if (others.length > 0) {
    const read = general(others.map((i) => seqs[i]!));
    others.forEach((i, k) => (records[i]!.cbor = read[k]!.cbor));
  }
  return records;
}

