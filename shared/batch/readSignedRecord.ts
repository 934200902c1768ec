/**
 * A signed record's bytes to its SignedRecord, for the platform that reads every record of every
 * upload. A record in the form the station signs (deterministic CBOR: one map of the known text
 * keys in ascending order, text and unsigned values, the person a nested map) is read straight
 * from its bytes: keys are compared as bytes, not made into strings, and no general decoder state
 * (a reader and a DataView a record) is set up; the object it gives is the one the general decoder
 * gives, so parseSignedRecord decides on it exactly as before. Anything else — another key, order
 * or type, an indefinite length, invalid UTF-8, trailing bytes — goes to the general decoder,
 * which accepts or refuses it with its own code (test/unit/platform/inPlaceDecode.test.ts).
 */
import { decodeCbor } from '../cbor/decodeCbor.js';
import { parseSignedRecord, signedRecordFrom, type SignedRecord } from './signedRecord.js';

type Kind = 'text' | 'uint' | 'person';

interface Field {
  name: string;
  /** The key as deterministic CBOR: text head, then its ASCII bytes. */
  key: readonly number[];
  kind: Kind;
}

/** RFC 8949 §4.2.1 order of text keys: shorter first, then by bytes. */
function fields(spec: readonly (readonly [string, Kind])[]): readonly Field[] {
  return spec
    .map(([name, kind]) => ({ name, kind, key: [0x60 | name.length, ...[...name].map((c) => c.charCodeAt(0))] }))
    .sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
}

const PERSON: readonly Field[] = fields([
  ['idType', 'text'], ['idNumber', 'text'], ['fullName', 'text'], ['familyName', 'text'], ['givenName', 'text'], ['fnt', 'text'],
  ['gnt', 'text'], ['dob', 'text'], ['sex', 'text'], ['nationality', 'text'], ['phone', 'text'],
]);
const RECORD: readonly Field[] = fields([
  ['v', 'uint'], ['id', 'text'], ['person', 'person'], ['vaccine', 'text'], ['mp', 'text'], ['ma', 'text'], ['vp', 'text'], ['lot', 'text'],
  ['dose', 'uint'], ['date', 'text'], ['facility', 'text'], ['supersedes', 'text'], ['reason', 'text'],
]);

// The general decoder's settings: invalid UTF-8 is an error, a BOM is kept as a character.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}

  /** A definite head of `major` with an argument below 2^32, or -1. */
  head(major: number): number {
    const b = this.b;
    const ib = b[this.pos++];
    if (ib === undefined || ib >> 5 !== major) return -1;
    const ai = ib & 31;
    if (ai < 24) return ai;
    const size = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : 0;
    if (size === 0 || this.pos + size > b.length) return -1;
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + b[this.pos++]!;
    return n;
  }

  text(): string | null {
    const len = this.head(3);
    const b = this.b;
    const from = this.pos;
    if (len < 0 || from + len > b.length) return null;
    this.pos += len;
    let s = '';
    for (let i = from; i < from + len; i++) {
      const c = b[i]!;
      if (c >= 0x80) {
        try {
          return utf8.decode(b.subarray(from, from + len));
        } catch {
          return null;
        }
      }
      s += String.fromCharCode(c);
    }
    return s;
  }

  at(key: readonly number[]): boolean {
    const b = this.b;
    for (let i = 0; i < key.length; i++) if (b[this.pos + i] !== key[i]) return false;
    return true;
  }

  /**
   * The map's values by position in `known` (undefined: absent), or null. Positions rather than
   * an object built key by key: stores under ever-changing key names were most of the time.
   */
  map(known: readonly Field[]): unknown[] | null {
    const n = this.head(5);
    if (n < 0) return null;
    const values = new Array<unknown>(known.length).fill(undefined);
    let f = 0;
    for (let i = 0; i < n; i++) {
      // Keys strictly ascending through the known list: no unknown key, no repeat.
      while (f < known.length && !this.at(known[f]!.key)) f++;
      const field = known[f];
      if (field === undefined) return null;
      this.pos += field.key.length;
      const value = field.kind === 'text' ? this.text() : field.kind === 'uint' ? this.uint() : this.map(PERSON);
      if (value === null) return null;
      values[f++] = value;
    }
    return values;
  }

  uint(): number | null {
    const n = this.head(0);
    return n < 0 ? null : n;
  }
}

/** Each field's position in its map's list. */
const R = Object.fromEntries(RECORD.map((f, i) => [f.name, i])) as Record<string, number>;
const P = Object.fromEntries(PERSON.map((f, i) => [f.name, i])) as Record<string, number>;

/**
 * The record when its bytes are in the signed form and pass the checks (signedRecordFrom), else
 * null. The objects handed to the checks hold what the general decoder's would (an absent
 * required field fails the checks either way; absent optional fields are left out).
 */
function readInPlace(bytes: Uint8Array): SignedRecord | null {
  const r = new Reader(bytes);
  const v = r.map(RECORD);
  if (v === null || r.pos !== bytes.length || !Array.isArray(v[R.person!])) return null;
  const p = v[R.person!] as unknown[];
  const person: Record<string, unknown> = {
    idType: p[P.idType!], idNumber: p[P.idNumber!], fullName: p[P.fullName!], familyName: p[P.familyName!], givenName: p[P.givenName!],
    fnt: p[P.fnt!], gnt: p[P.gnt!], dob: p[P.dob!], sex: p[P.sex!], nationality: p[P.nationality!],
  };
  if (p[P.phone!] !== undefined) person.phone = p[P.phone!];
  const record: Record<string, unknown> = {
    v: v[R.v!], id: v[R.id!], person, vaccine: v[R.vaccine!], mp: v[R.mp!], ma: v[R.ma!], vp: v[R.vp!], lot: v[R.lot!],
    dose: v[R.dose!], date: v[R.date!], facility: v[R.facility!],
  };
  if (v[R.supersedes!] !== undefined) record.supersedes = v[R.supersedes!];
  if (v[R.reason!] !== undefined) record.reason = v[R.reason!];
  return signedRecordFrom(record);
}

/** The record these bytes hold (RECORD_FORMAT_INVALID or CBOR_INVALID as parseSignedRecord(decodeCbor(bytes)) throws). */
export function decodeSignedRecord(bytes: Uint8Array): SignedRecord {
  return readInPlace(bytes) ?? parseSignedRecord(decodeCbor(bytes));
}
