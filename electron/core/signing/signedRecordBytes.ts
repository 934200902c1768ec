/**
 * The signed record's deterministic CBOR (shared/batch/signedRecord.ts), written without the
 * general encoder's per-object work: every record of a batch has the same keys, so their RFC 8949
 * §4.2.1 order (shorter encoded key first, then bytewise) is sorted once here instead of once per
 * record and nested map. The bytes are exactly encodeCanonical(toSignedRecord(...)) — the test
 * (test/unit/signing/signedRecordBytes.test.ts) holds them equal — and any value this writer does
 * not expect (a fraction, a non-string) goes to the general encoder, so an odd record costs time,
 * never different bytes; text is written by the general encoder's own `writeText`.
 */
import { encodeCanonical, writeText } from '../../../shared/cbor/encodeCanonical.js';
import { Writer } from '../../../shared/cbor/writer.js';
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';

const RECORD_KEYS = ['v', 'id', 'person', 'vaccine', 'mp', 'ma', 'vp', 'lot', 'dose', 'date', 'facility', 'supersedes', 'reason'] as const;
const PERSON_KEYS = ['idType', 'idNumber', 'fullName', 'familyName', 'givenName', 'fnt', 'gnt', 'dob', 'sex', 'nationality', 'phone'] as const;

/** §4.2.1 order of short ASCII text keys: the head carries the length, so shorter sorts first. */
function canonicalOrder<K extends string>(keys: readonly K[]): K[] {
  return [...keys].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

export const RECORD_ORDER = canonicalOrder(RECORD_KEYS);
export const PERSON_ORDER = canonicalOrder(PERSON_KEYS);

/** Each key's CBOR text, written once: the same ~20 keys open every value of every record. */
const KEY_BYTES = new Map<string, Uint8Array>([...RECORD_KEYS, ...PERSON_KEYS].map((k) => {
  const w = new Writer(32);
  writeText(w, k);
  return [k, w.buf.slice(0, w.pos)];
}));

/** A key's CBOR text, as every signed record writes it. */
export function keyBytes(key: (typeof RECORD_KEYS)[number] | (typeof PERSON_KEYS)[number]): Uint8Array {
  return KEY_BYTES.get(key)!;
}

/** Thrown inside the writer when a value is not of the expected kind; the record is then encoded generally. */
class Unexpected extends Error {}

function writeValue(w: Writer, value: unknown): void {
  if (typeof value === 'string') return writeText(w, value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    if (value >= 0) w.head(0, value);
    else w.head(1, -1 - value);
    return;
  }
  throw new Unexpected();
}

function writeMap<K extends string>(w: Writer, obj: Partial<Record<K, unknown>>, order: readonly K[], nested: (w: Writer, key: K, value: unknown) => boolean): void {
  let size = 0;
  for (const k of order) if (obj[k] !== undefined) size++;
  if (size !== Object.keys(obj).length) throw new Unexpected();
  w.head(5, size);
  for (const k of order) {
    const value = obj[k];
    if (value === undefined) continue;
    w.bytes(KEY_BYTES.get(k)!);
    if (!nested(w, k, value)) writeValue(w, value);
  }
}

const writer = new Writer(1024);

function writePerson(w: Writer, value: unknown): void {
  if (typeof value !== 'object' || value === null) throw new Unexpected();
  writeMap(w, value as Partial<Record<(typeof PERSON_KEYS)[number], unknown>>, PERSON_ORDER, () => false);
}

/**
 * encodeCanonical(person): the signed record's `person` map alone. Deterministic CBOR nests, so
 * these are exactly the bytes the map has inside each of the person's records — written once per
 * person and copied into each record (SignedRecordSink.add's `personBytes`).
 */
export function encodeSignedPerson(person: SignedRecord['person']): Uint8Array {
  writer.pos = 0;
  try {
    writePerson(writer, person);
  } catch (err) {
    if (err instanceof Unexpected) return encodeCanonical(person);
    throw err;
  }
  return writer.buf.slice(0, writer.pos);
}

/**
 * encodeCanonical(record), for the SignedRecord shape, written at `w.pos` (the general encoder's
 * bytes for an unexpected value); `personBytes`: encodeSignedPerson(record.person).
 */
function writeSignedRecord(w: Writer, record: SignedRecord, personBytes?: Uint8Array): void {
  const start = w.pos;
  try {
    writeMap(w, record, RECORD_ORDER, (inner, key, value) => {
      if (key !== 'person') return false;
      if (personBytes === undefined) writePerson(inner, value);
      else inner.bytes(personBytes);
      return true;
    });
  } catch (err) {
    if (!(err instanceof Unexpected)) throw err;
    w.pos = start;
    w.bytes(encodeCanonical(record));
  }
}

/**
 * A batch's records written one after another into ONE buffer, each record's bytes a subarray of
 * it: a buffer of its own per record (10,000 allocations and their collection) cost about a
 * quarter of the encoding. The subarrays exist only once every record is written (`finish`): the
 * buffer may move while it grows.
 */
export class SignedRecordSink {
  private readonly w: Writer;
  private readonly ends: number[] = [];

  constructor(expected: number) {
    // ~345 bytes a record with its person (generated Vietnamese records): most batches never
    // grow the buffer (a growth copies everything written so far).
    this.w = new Writer(Math.max(1024, expected * 384));
  }

  add(record: SignedRecord, personBytes?: Uint8Array): void {
    writeSignedRecord(this.w, record, personBytes);
    this.ends.push(this.w.pos);
  }

  /** Every record's bytes, in the order added. */
  finish(): Uint8Array[] {
    const buf = this.w.buf;
    let start = 0;
    return this.ends.map((end) => {
      const bytes = buf.subarray(start, end);
      start = end;
      return bytes;
    });
  }
}
