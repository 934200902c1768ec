// The signing read writes a range's signed CBOR from one blob per query (rangeBytes.ts). Its
// answer must be exactly the general path's (readyAtRows: every column read as a JavaScript
// value, then encoded) for whatever a station database can hold — not only what the station's own
// writers store: values with 0x00 / 0x01 bytes, text that is not UTF-8, blobs and numbers in text
// columns, odd doses, unknown vaccines, corrections, people with and without a phone. The rows
// here are written with plain SQL into a migrated station database, around the store's checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStationDatabase, type StationDatabase } from '../../../electron/core/db/openStationDatabase.js';
import { readRangeBytes } from '../../../electron/core/signing/rangeBytes.js';
import { readyAt, readyAtRows, readySeqs, type ReadyRecord } from '../../../electron/core/signing/readyRecords.js';
import { VACCINES } from '../../../shared/domain/vaccines.js';
import { generateRecords } from '../../fixtures/records.js';

/** A value as stored: text, a blob, text whose bytes are not UTF-8, a number, or NULL. */
type Stored = { text: string } | { blob: Uint8Array } | { badText: Uint8Array } | { number: number } | null;

let dir: string;
let db: StationDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-range-bytes-'));
  db = openStationDatabase(join(dir, 'station.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** SQL for one bound value (`?`), or CAST(? AS TEXT) for bytes stored as text. */
function slot(v: Stored): [string, unknown] {
  if (v === null) return ['?', null];
  if ('text' in v) return ['?', v.text];
  if ('blob' in v) return ['?', Buffer.from(v.blob)];
  if ('badText' in v) return ['CAST(? AS TEXT)', Buffer.from(v.badText)];
  return ['?', v.number];
}

function insert(table: string, values: Record<string, Stored>): void {
  const slots = Object.values(values).map(slot);
  db.prepare(`INSERT INTO ${table} (${Object.keys(values).join(', ')}) VALUES (${slots.map((s) => s[0]).join(', ')})`).run(...slots.map((s) => s[1]));
}

const text = (s: string): Stored => ({ text: s });
const NOW = text('2026-11-23T00:00:00.000Z');

function person(id: string, p: { idType?: Stored; sex?: Stored; idNumber?: Stored; fullName?: Stored; familyName?: Stored; givenName?: Stored; dob?: Stored; nationality?: Stored; phone?: Stored; fnt?: Stored }): void {
  insert('people', {
    id: text(id), id_type: p.idType ?? text('CCCD'), id_number: p.idNumber ?? text('001203004005'), full_name: p.fullName ?? text('Nguyễn Văn An'),
    family_name: p.familyName ?? text('Nguyễn'), given_name: p.givenName ?? text('Văn An'), fnt: p.fnt ?? text('NGUYEN'), gnt: text('VAN<AN'),
    name_folded: text('nguyen van an'), dob: p.dob ?? text('1990-01-02'), sex: p.sex ?? text('M'), nationality: p.nationality ?? text('VN'),
    phone: p.phone === undefined ? null : p.phone, created_at: NOW, updated_at: NOW,
  });
}

interface RecordSpec {
  vaccine?: Stored;
  lot?: Stored;
  dose?: Stored;
  date?: Stored;
  facility?: Stored;
  /** The id of an earlier record this one corrects. */
  supersedes?: string;
}

let recordCount = 0;
function record(personId: string, r: RecordSpec, state = 'ready'): string {
  const id = `0190a000-0000-7000-8000-${String(++recordCount).padStart(12, '0')}`;
  insert('dose_records', {
    id: text(id), person_id: text(personId), vaccine: r.vaccine ?? text('VERO_CELL'), lot: r.lot ?? text('202106A'),
    dose_number: r.dose ?? { number: 1 }, vaccination_date: r.date ?? text('2021-08-01'), facility_code: r.facility ?? text('79001'),
    state: text(state), findings: text('[]'), warnings_confirmed: { number: 0 }, natural_key: text(`k${recordCount}`), source: text('import'),
    supersedes: r.supersedes === undefined ? null : text(r.supersedes), supersede_reason: r.supersedes === undefined ? null : text('Sai số lô'),
    created_at: NOW, updated_at: NOW,
  });
  return id;
}

type Outcome = ['records', [string, number | undefined, string][]] | ['changed'] | ['error', string];

function outcome(read: () => ReadyRecord[] | null): Outcome {
  try {
    const records = db.transaction(read)();
    return records === null ? ['changed'] : ['records', records.map((r) => [r.id, r.seq, Buffer.from(r.cbor).toString('hex')])];
  } catch (err) {
    return ['error', err instanceof Error ? `${err.name}: ${(err as { code?: string }).code ?? ''} ${err.message}` : String(err)];
  }
}

const allReady = () => db.transaction(() => readySeqs(db, {}))();

/** Both paths on `seqs` (ascending): the same answer, records or error; returns it. */
function same(seqs: number[]): Outcome {
  const fast = outcome(() => readyAt(db, seqs, true));
  expect(fast).toEqual(outcome(() => readyAtRows(db, seqs, true)));
  return fast;
}

const bytes = (...b: number[]) => new Uint8Array(b);

/** Text as clinics type it, and what a database may hold besides. */
const anyText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Nguyễn Thị Hồng', 'Trần Văn Bình', 'Lê', 'Thị Mai', 'A', '', 'Đặng Ngọc Ánh', '0912345678', 'VN', 'ABV1234') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('a\u0000b', 'x\u0001', '\u0001', '\u0000', 'VN\u0001fake', 'x'.repeat(300), 'A𠀀B 😀') },
).map(text);
const odd = fc.oneof(
  fc.uint8Array({ maxLength: 8 }).map((b): Stored => ({ blob: b })),
  fc.constantFrom(bytes(0xff), bytes(0x41, 0xc3), bytes(0xed, 0xa0, 0x80)).map((b): Stored => ({ badText: b })),
  fc.constantFrom(7, -1, 2.5).map((n): Stored => ({ number: n })),
);
const value = fc.oneof({ weight: 9, arbitrary: anyText }, { weight: 1, arbitrary: odd });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const vaccine = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VACCINES.map((v) => v.code)).map(text) },
  { weight: 1, arbitrary: fc.constantFrom('NOT_A_VACCINE', 'vero_cell', 'VERO_CELL\u0000').map(text) },
  { weight: 1, arbitrary: fc.constant<Stored>({ blob: new Uint8Array(Buffer.from('PFIZER')) }) },
);
const dose = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 30 }).map((n): Stored => ({ number: n })) },
  { weight: 1, arbitrary: fc.constantFrom<Stored>({ number: 0 }, { number: -2 }, { number: 1.5 }, { number: 2 ** 53 }, text('hai'), text(''), { blob: bytes(0x31) }) },
);
const personSpec = fc.record({
  idNumber: maybe(value), fullName: maybe(value), familyName: maybe(value), givenName: maybe(value), dob: maybe(value), fnt: maybe(value),
  nationality: maybe(value), phone: fc.oneof(fc.constant<Stored>(null), fc.constant(text('')), fc.constant(text('0912345678')), value),
  idType: fc.constantFrom(text('CCCD'), text('CMND'), text('PASSPORT')), sex: fc.constantFrom(text('M'), text('F'), text('X')),
});
const recordSpec = fc.record({ vaccine: maybe(vaccine), lot: maybe(value), dose: maybe(dose), date: maybe(value), facility: maybe(value), correction: fc.boolean() });

describe('readyAt from one blob a query (rangeBytes.ts)', () => {
  it('answers exactly what the general path answers, records or error, for any stored values', () => {
    fc.assert(
      fc.property(fc.array(personSpec, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.nat(), recordSpec), { minLength: 1, maxLength: 14 }), fc.nat(), fc.nat(), (people, records, from, span) => {
        // Each run on an empty queue (the delete guard, not under test here, would keep the signed ones).
        db.exec(`DROP TRIGGER IF EXISTS dose_records_no_delete; DELETE FROM dose_records; DELETE FROM people;`);
        const ids = people.map((p, i) => {
          const id = `0190b000-0000-7000-8000-${String(i).padStart(12, '0')}`;
          person(id, p);
          return id;
        });
        // A signed record each correction can name (once: supersedes is UNIQUE).
        const predecessors = records.map(() => record(ids[0]!, {}, 'accepted'));
        for (const [i, [who, spec]] of records.entries()) {
          record(ids[who % ids.length]!, { ...spec, ...(spec.correction ? { supersedes: predecessors[i]! } : {}) });
        }
        const seqs = allReady();
        const start = from % seqs.length;
        same(seqs.slice(start, start + 1 + (span % seqs.length)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads clean records from the blobs alone, and leaves only a correction to the general path, in place', () => {
    const generated = generateRecords(40, { seed: 4, phoneRate: 0.5 });
    generated.forEach((g, i) => {
      const id = `0190c000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      person(id, { idType: text(g.person.idType), idNumber: text(g.person.idNumber), fullName: text(g.person.fullName), dob: text(g.person.dob), sex: text(g.person.sex), phone: g.person.phone === null ? null : text(g.person.phone) });
      record(id, { vaccine: text(g.dose.vaccine), lot: text(g.dose.lot), dose: { number: g.dose.doseNumber }, date: text(g.dose.vaccinationDate) });
      record(id, { vaccine: text(g.dose.vaccine), lot: text(`${g.dose.lot}B`), dose: { number: g.dose.doseNumber + 1 }, date: text(g.dose.vaccinationDate) });
    });
    const seqs = allReady();
    const asked: number[][] = [];
    const general = (some: number[]) => {
      asked.push(some);
      return readyAtRows(db, some, false)!;
    };
    const clean = db.transaction(() => readRangeBytes(db, seqs, general))();
    expect(clean).not.toBeUndefined();
    expect(asked).toEqual([]);
    expect(same(seqs)[0]).toBe('records');

    const predecessor = record(`0190c000-0000-7000-8000-${String(0).padStart(12, '0')}`, {}, 'accepted');
    const correction = record(`0190c000-0000-7000-8000-${String(1).padStart(12, '0')}`, { supersedes: predecessor });
    const withCorrection = allReady();
    const at = (db.prepare('SELECT seq FROM dose_records WHERE id = ?').pluck().get(correction) as number);
    const read = db.transaction(() => readRangeBytes(db, withCorrection, general))();
    expect(asked).toEqual([[at]]);
    expect(read!.map((r) => r.seq)).toEqual(withCorrection);
    same(withCorrection);
  });

  it('gives the range up whole when a value could break the framing, and says the records changed when they did', () => {
    person('p-1', { nationality: text('VN\u0001p-2\u0000x') });
    person('p-2', {});
    record('p-1', {});
    record('p-2', { lot: text('A\u0000B') });
    const seqs = allReady();
    const general = () => {
      throw new Error('not asked: the whole range goes to the general path');
    };
    expect(db.transaction(() => readRangeBytes(db, seqs, general))()).toBeUndefined();
    expect(same(seqs)[0]).toBe('records');
    // One record more in the range than asked, or one fewer: changed, as the general path says.
    expect(same([seqs[0]!, seqs[0]! + 1000])).toEqual(['changed']);
    db.prepare(`UPDATE dose_records SET state = 'draft' WHERE seq = ?`).run(seqs[1]);
    expect(same(seqs)).toEqual(['changed']);
  });
});
