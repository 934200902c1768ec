// The signing step writes a batch's records into ONE buffer (SignedRecordSink): each record's bytes
// must still be exactly encodeCanonical of its signed mapping — across the buffer growing, and with
// a record the specialised writer does not expect (written by the general encoder) in the middle.
import { describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { toSignedRecord, type SignedRecord } from '../../../shared/batch/signedRecord.js';
import { VACCINES } from '../../../shared/domain/vaccines.js';
import { encodeSignedPerson, SignedRecordSink } from '../../../electron/core/signing/signedRecordBytes.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { generateRecords } from '../../fixtures/records.js';

function signed(i: number, g: ReturnType<typeof generateRecords>[number]): SignedRecord {
  const [family = '', ...given] = g.person.fullName.split(' ');
  const person: Person = {
    id: `p${i}`, idType: g.person.idType, idNumber: g.person.idNumber, fullName: g.person.fullName, familyName: family, givenName: given.join(' '),
    fnt: 'NGUYEN', gnt: 'VAN<AN', dob: g.person.dob, sex: g.person.sex, nationality: g.person.nationality, phone: g.person.phone,
    identityStatus: 'unverified', identityCheckedAt: null,
  };
  const record: DoseRecord = {
    id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`, personId: person.id, vaccine: g.dose.vaccine, lot: g.dose.lot, doseNumber: g.dose.doseNumber,
    vaccinationDate: g.dose.vaccinationDate, facilityCode: g.dose.facilityCode, createdAt: '2022-01-01T00:00:00.000Z', updatedAt: '2022-01-01T00:00:00.000Z',
    state: 'ready', findings: [], supersedes: i % 5 === 0 ? '0190a000-0000-7000-8000-00000000beef' : null, supersedeReason: i % 5 === 0 ? 'Sai số lô' : null,
  };
  return toSignedRecord(person, record, VACCINES.find((v) => v.code === record.vaccine)!);
}

describe('SignedRecordSink', () => {
  it('gives each record encodeCanonical’s bytes, as subarrays of one buffer that grew on the way', () => {
    const records = generateRecords(120, { seed: 4, phoneRate: 0.5 }).map((g, i) => signed(i, g));
    // A value the specialised writer does not expect (a fraction): the general encoder writes it.
    const odd = { ...records[60]!, dose: 2.5 } as unknown as SignedRecord;
    records[60] = odd;
    const sink = new SignedRecordSink(1);
    for (const [i, r] of records.entries()) sink.add(r, i % 2 === 0 ? encodeSignedPerson(r.person) : undefined);
    const bytes = sink.finish();
    expect(bytes.map((b) => Buffer.from(b).toString('hex'))).toEqual(records.map((r) => Buffer.from(encodeCanonical(r)).toString('hex')));
    expect(new Set(bytes.map((b) => b.buffer)).size).toBe(1);
    expect(bytes[0]!.byteOffset).toBe(0);
  });
});
