// The signing step writes a batch's records into ONE buffer (SignedRecordSink): each record's bytes
// must still be exactly encodeCanonical of its signed mapping — across the buffer growing, and with
// a record the specialised writer does not expect (written by the general encoder) in the middle.
import { describe, expect, it } from 'vitest';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';
import { VACCINES } from '../../../shared/domain/vaccines.js';
import { encodeSignedPerson, SignedRecordSink } from '../../../electron/core/signing/signedRecordBytes.js';
import { generateRecords } from '../../fixtures/records.js';

/** The signed shape straight from a generated record (every fifth a correction). */
function signed(i: number, { person: p, dose: d }: ReturnType<typeof generateRecords>[number]): SignedRecord {
  const [familyName = '', ...given] = p.fullName.split(' ');
  const person: SignedRecord['person'] = { idType: p.idType, idNumber: p.idNumber, fullName: p.fullName, familyName, givenName: given.join(' '), fnt: 'NGUYEN', gnt: 'VAN<AN', dob: p.dob, sex: p.sex, nationality: p.nationality };
  if (p.phone) person.phone = p.phone;
  const { mp, ma, vp } = VACCINES.find((v) => v.code === d.vaccine)!;
  const record: SignedRecord = { v: 1, id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`, person, vaccine: d.vaccine, mp, ma, vp, lot: d.lot, dose: d.doseNumber, date: d.vaccinationDate, facility: d.facilityCode };
  if (i % 5 === 0) Object.assign(record, { supersedes: '0190a000-0000-7000-8000-00000000beef', reason: 'Sai số lô' });
  return record;
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
