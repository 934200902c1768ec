// A person corrected on one dose is corrected on their other signed doses (recordEdit.ts), and
// the person's details change here at once. The platform may still issue certificates for the
// records as they were signed, before the corrections reach it. Such a certificate is about its
// record as signed: it is stored, not thrown away as "about another person" (probe 16b).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

describe('a certificate issued for a record whose person was corrected meanwhile', () => {
  let w: SyncWorld;
  const ids: string[] = [];

  beforeAll(async () => {
    w = await openSyncWorld({ platform: { issuance: 'manual' } });
    const person = { idType: 'CCCD' as const, idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-12', sex: 'M' as const };
    for (const [doseNumber, vaccinationDate] of [[1, '2021-08-02'], [2, '2021-10-20']] as const) {
      ids.push(w.station.store.createRecord({ person, dose: { vaccine: 'ASTRAZENECA', lot: 'ABV1234', doseNumber, vaccinationDate, facilityCode: FACILITY.code } }, { source: 'form', confirmWarnings: true }).record.id);
    }
    await w.sign();
    expect(await w.client.call('sync.run', {})).toMatchObject({ accepted: 2, certificates: 0 });
  });
  afterAll(() => w.close());

  it('is stored under its record, and the corrections go up after it', async () => {
    // The date of birth was wrong: corrected on dose 2, and with it on dose 1.
    const fixed = w.station.store.correctRecord(ids[1]!, { person: { dob: '1990-05-13' } }, 'sai ngày sinh', { confirmWarnings: true });
    expect(fixed.alsoCorrected).toHaveLength(1);
    // Each signed record still says who it was signed for; the corrections need not.
    for (const id of ids) {
      expect((await w.client.call('records.get', { id })).asSigned).toEqual({ fullName: 'Nguyễn Văn An', idType: 'CCCD', idNumber: '079090001234', dob: '1990-05-12', sex: 'M' });
    }
    expect((await w.client.call('records.get', { id: fixed.record.id })).asSigned).toBeNull();
    // The platform issues for what it holds: the records as signed, born on the 12th.
    await w.platform.issueNow();
    const r = await w.client.call('sync.run', {});
    // One passport for the complete series, filed under its last dose.
    expect(r).toMatchObject({ certificates: 1, ignored: 0 });
    expect(w.station.store.getRecord(ids[1]!).certificate).toMatchObject({ recordId: ids[1] });
    expect(w.logger.lines.some((l) => l.message.includes('about another dose or person'))).toBe(false);
    expect(r).toMatchObject({ uploadedBatches: 0 });
    await w.sign();
    expect(await w.client.call('sync.run', {})).toMatchObject({ uploadedBatches: 1, accepted: 2 });
  });
});
