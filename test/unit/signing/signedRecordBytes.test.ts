// The signing path writes each record's CBOR with a writer specialised for the signed-record shape.
// The leaf hash (and so every proof and the token's signature) is made of those bytes: they must be
// exactly what the general deterministic encoder makes of shared/batch/signedRecord.ts's mapping.
import { describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { toSignedRecord, type SignedRecord } from '../../../shared/batch/signedRecord.js';
import { VACCINES } from '../../../shared/domain/vaccines.js';
import { isStationError } from '../../../shared/errors.js';
import { encodeSignedPerson, SignedRecordSink } from '../../../electron/core/signing/signedRecordBytes.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { generateRecords } from '../../fixtures/records.js';

/** One record's bytes as the signing step writes them (a sink of one). */
function encodeSignedRecord(record: SignedRecord, personBytes?: Uint8Array): Uint8Array {
  const sink = new SignedRecordSink(1);
  sink.add(record, personBytes);
  return sink.finish()[0]!;
}

function pair(i: number, g: ReturnType<typeof generateRecords>[number], extra: Partial<DoseRecord> = {}): { person: Person; record: DoseRecord } {
  const [family = '', ...given] = g.person.fullName.split(' ');
  const person: Person = {
    id: `p${i}`, idType: g.person.idType, idNumber: g.person.idNumber, fullName: g.person.fullName, familyName: family, givenName: given.join(' '),
    fnt: 'NGUYEN', gnt: 'VAN<AN', dob: g.person.dob, sex: g.person.sex, nationality: g.person.nationality, phone: g.person.phone,
    identityStatus: 'unverified', identityCheckedAt: null,
  };
  const record: DoseRecord = {
    id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`, personId: person.id, vaccine: g.dose.vaccine, lot: g.dose.lot, doseNumber: g.dose.doseNumber,
    vaccinationDate: g.dose.vaccinationDate, facilityCode: g.dose.facilityCode, createdAt: '2022-01-01T00:00:00.000Z', updatedAt: '2022-01-01T00:00:00.000Z',
    state: 'ready', findings: [], supersedes: null, supersedeReason: null, ...extra,
  };
  return { person, record };
}

function signedOf(p: { person: Person; record: DoseRecord }): SignedRecord {
  return toSignedRecord(p.person, p.record, VACCINES.find((v) => v.code === p.record.vaccine)!);
}

describe('encodeSignedRecord', () => {
  it('writes the same bytes as encodeCanonical for generated Vietnamese records, with and without phone', () => {
    const rows = generateRecords(200, { seed: 9, phoneRate: 0.5 });
    expect(rows.some((r) => r.person.phone === null) && rows.some((r) => r.person.phone !== null)).toBe(true);
    for (const [i, g] of rows.entries()) {
      const signed = signedOf(pair(i, g));
      expect(encodeSignedRecord(signed)).toEqual(encodeCanonical(signed));
    }
  });

  it('writes the same bytes for corrections (supersedes, reason) and for long and odd values', () => {
    const [g] = generateRecords(1, { seed: 3 });
    const cases: Partial<DoseRecord>[] = [
      { supersedes: '0190a000-0000-7000-8000-00000000beef', supersedeReason: 'Sai số lô: ABV1234 → ABV1243' },
      { supersedes: '0190a000-0000-7000-8000-00000000beef', supersedeReason: 'x'.repeat(300) },
      { lot: '', doseNumber: 24, facilityCode: 'F'.repeat(40) },
      { doseNumber: 99, lot: 'Lô số 7 — ống “A”' },
      { lot: 'A𠀀B 😀' }, // characters outside the BMP: surrogate pairs, 4 UTF-8 bytes
    ];
    for (const extra of cases) {
      const signed = signedOf(pair(1, g!, extra));
      expect(encodeSignedRecord(signed)).toEqual(encodeCanonical(signed));
    }
    const longName = signedOf(pair(2, { ...g!, person: { ...g!.person, fullName: `Tôn Nữ ${'Thị '.repeat(40)}Hương` } }));
    expect(encodeSignedRecord(longName)).toEqual(encodeCanonical(longName));
  });

  it('writes the same bytes with the person encoded once and copied in (the signing step reads each person once)', () => {
    for (const [i, g] of generateRecords(100, { seed: 12, phoneRate: 0.5 }).entries()) {
      const signed = signedOf(pair(i, g, i % 7 === 0 ? { supersedes: '0190a000-0000-7000-8000-00000000beef', supersedeReason: 'Sai ngày' } : {}));
      const personBytes = encodeSignedPerson(signed.person);
      expect(personBytes).toEqual(encodeCanonical(signed.person));
      expect(encodeSignedRecord(signed, personBytes)).toEqual(encodeCanonical(signed));
    }
    // A person value the writer does not expect goes to the general encoder too.
    const [g] = generateRecords(1, { seed: 5 });
    const odd = { ...signedOf(pair(1, g!)).person, extra: 1 } as unknown as SignedRecord['person'];
    expect(encodeSignedPerson(odd)).toEqual(encodeCanonical(odd));
  });

  it('hands values it does not expect to the general encoder: same bytes, or the same refusal', () => {
    const [g] = generateRecords(1, { seed: 4 });
    const signed = signedOf(pair(1, g!));
    const fraction = { ...signed, dose: 1.5 } as unknown as SignedRecord;
    expect(encodeSignedRecord(fraction)).toEqual(encodeCanonical(fraction));
    const extraKey = { ...signed, note: 'x' } as unknown as SignedRecord;
    expect(encodeSignedRecord(extraKey)).toEqual(encodeCanonical(extraKey));
    const lone = { ...signed, lot: 'Lô AB\ud800C' };
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return isStationError(err) ? err.code : String(err);
      }
      return 'no error';
    };
    for (const lot of [lone.lot, 'Đ\udc00x', 'Đ\ud800', '\ud800']) {
      expect(refusal(() => encodeSignedRecord({ ...signed, lot }))).toBe('CBOR_UNSUPPORTED');
      expect(refusal(() => encodeCanonical({ ...signed, lot }))).toBe('CBOR_UNSUPPORTED');
    }
  });
});
