/** A signed record with every optional field, for the platform's decoding tests. */
import type { SignedRecord } from '../../../shared/batch/signedRecord.js';

export const SAMPLE_SIGNED_RECORD: SignedRecord = {
  v: 1, id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  person: {
    idType: 'CCCD', idNumber: '079190001234', fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', givenName: 'Văn An',
    fnt: 'NGUYEN', gnt: 'VAN<AN', dob: '1990-05-01', sex: 'M', nationality: 'VN', phone: '0901234567',
  },
  vaccine: 'PFIZER', mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: '1119349007', lot: 'FK1234', dose: 2, date: '2021-10-01',
  facility: '79001', supersedes: 'old-id', reason: 'sai số lô',
};
