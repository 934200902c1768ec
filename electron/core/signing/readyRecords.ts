/**
 * The records a batch signature covers: ready ones, oldest first, or exactly a chosen set — read
 * as the signed record's CBOR straight from one lean query (only the columns the signed record is
 * made of, rows as arrays), not as full Person / DoseRecord objects: on 10,000 records building
 * and splitting the joined objects cost more than everything the signature itself needs.
 */
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { vaccineByCode, type Vaccine } from '../../../shared/domain/vaccines.js';
import { StationError } from '../../../shared/errors.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { PERSON_COLUMNS_AS_P, splitJoined, toPerson, toRecord } from '../store/rows.js';
import { platformPredecessor } from './platformPredecessor.js';
import { encodeSignedRecord } from './signedRecordBytes.js';

export const MAX_BATCH = 100_000;

export interface ReadyRecord {
  id: string;
  /** The deterministic CBOR the leaf hash is made of (DESIGN §5). */
  cbor: Uint8Array;
}

/** The signed record's columns, in the order `toSigned` reads them (`.raw()` rows). */
const LEAN_COLUMNS = `d.id, d.state, d.vaccine, d.lot, d.dose_number, d.vaccination_date, d.facility_code, d.supersedes, d.supersede_reason,
  p.id_type, p.id_number, p.full_name, p.family_name, p.given_name, p.fnt, p.gnt, p.dob, p.sex, p.nationality, p.phone`;
const LEAN_FROM = `FROM dose_records d JOIN people p ON p.id = d.person_id`;
type LeanRow = [string, string, string, string, number, string, string, string | null, string | null,
  SignedRecord['person']['idType'], string, string, string, string, string, string, string, SignedRecord['person']['sex'], string, string | null];

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

/**
 * The ready records (oldest first, at most `limit`) or exactly `recordIds` (all must be ready:
 * SIGN_RECORDS_NOT_READY otherwise), each with its signed CBOR. The same mapping as
 * shared/batch/signedRecord.ts `toSignedRecord` with the catalog's EU codes as of now; a
 * correction names what the platform holds (platformPredecessor.ts).
 */
export function readyRecordBytes(db: StationDatabase, opts: { recordIds?: readonly string[]; limit?: number }): ReadyRecord[] {
  let predecessor: ((id: string | null) => string | null) | null = null;
  const vaccines = new Map<string, Vaccine>();
  const toReady = (r: LeanRow): ReadyRecord => {
    const [id, , vaccineCode, lot, dose, date, facility, supersedesLocal, reasonLocal, idType, idNumber, fullName, familyName, givenName, fnt, gnt, dob, sex, nationality, phone] = r;
    let vaccine = vaccines.get(vaccineCode);
    if (!vaccine) {
      vaccine = vaccineByCode(vaccineCode);
      if (!vaccine) throw unknownVaccine(vaccineCode, id);
      vaccines.set(vaccineCode, vaccine);
    }
    const person: SignedRecord['person'] = { idType, idNumber, fullName, familyName, givenName, fnt, gnt, dob, sex, nationality };
    if (phone) person.phone = phone;
    const signed: SignedRecord = { v: 1, id, person, vaccine: vaccineCode, mp: vaccine.mp, ma: vaccine.ma, vp: vaccine.vp, lot, dose, date, facility };
    if (supersedesLocal) {
      predecessor ??= platformPredecessor(db);
      const supersedes = predecessor(supersedesLocal);
      if (supersedes) {
        signed.supersedes = supersedes;
        if (reasonLocal) signed.reason = reasonLocal;
      }
    }
    return { id, cbor: encodeSignedRecord(signed) };
  };
  if (opts.recordIds !== undefined) {
    // One statement for the whole set (the ids as one JSON array), put back in the asked order.
    const unique = [...new Set(opts.recordIds)];
    const found = db.prepare(`SELECT ${LEAN_COLUMNS} ${LEAN_FROM} WHERE d.id IN (SELECT value FROM json_each(?))`).raw(true).all(JSON.stringify(unique)) as LeanRow[];
    const byId = new Map(found.map((r) => [r[0], r]));
    const missing = unique.filter((id) => byId.get(id)?.[1] !== 'ready');
    if (missing.length > 0) throw notReady(missing);
    return unique.map((id) => toReady(byId.get(id)!));
  }
  const limit = Math.min(opts.limit ?? MAX_BATCH, MAX_BATCH);
  const rows = db.prepare(`SELECT ${LEAN_COLUMNS} ${LEAN_FROM} WHERE d.state = 'ready' ORDER BY d.seq LIMIT ?`).raw(true).all(limit) as LeanRow[];
  return rows.map(toReady);
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
