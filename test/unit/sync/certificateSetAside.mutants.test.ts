// Cases a hand mutation probe of certificateSetAside.ts (session 27) found no test for. A
// dismissal is about an entry of a record this station does not hold; when the record is held
// after all (a restore brought it back), the same entry sent again must be listed and asked for
// again, or the person's certificate stays hidden and never printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAsideStore } from '../../../electron/core/sync/certificateSetAside.js';
import { openTestStore, record, type TestStore } from '../db/storeHarness.js';

let t: TestStore;
let held: string;
beforeAll(() => {
  t = openTestStore();
  t.store.createRecord(record(), { source: 'form' });
  held = t.store.listRecords({}).items[0]!.record.id;
});
afterAll(() => t.close());

const reason = { code: 'CERTIFICATE_RECORD_UNKNOWN', message_vi: 'Không có bản ghi.', message_en: 'No such record.' };

describe('a dismissed entry of a record held here now', () => {
  it('is listed and tried again when it comes again', () => {
    const aside = setAsideStore(t.store.db);
    const entry = { recordId: held, uvci: 'URN:UVCI:01:VN:MUT1', hc1: 'x' };
    const place = { after: 'c10', position: 0 };
    const first = aside.put(entry, place, reason, '2026-11-01T00:00:00.000Z');
    // Dismissed while the record was not held (the store restored since brought it back).
    expect(aside.dismiss(first.key, 'user:clerk', '2026-11-01T01:00:00.000Z')).toBe(true);
    const again = aside.put(entry, place, reason, '2026-11-02T00:00:00.000Z');
    expect(again).toEqual({ key: first.key, dismissed: false });
    expect(aside.count()).toBe(1);
    expect(aside.forRetry(10).map((r) => r.recordId)).toEqual([held]);
  });
});

describe('a dismissed entry keyed by its place in the feed', () => {
  it('does not hide another entry of no record sent later at that place', () => {
    const aside = setAsideStore(t.store.db);
    const place = { after: 'c77', position: 2 };
    const first = aside.put({ uvci: 'URN:UVCI:01:VN:MUT2' }, place, reason, '2026-11-01T00:00:00.000Z');
    expect(aside.dismiss(first.key, 'user:clerk', '2026-11-01T01:00:00.000Z')).toBe(true);
    expect(aside.put({ uvci: 'URN:UVCI:01:VN:MUT2' }, place, reason, '2026-11-02T00:00:00.000Z').dismissed).toBe(true);
    // Another certificate at that place: the dismissal was not about it.
    expect(aside.put({ uvci: 'URN:UVCI:01:VN:MUT3' }, place, reason, '2026-11-03T00:00:00.000Z')).toEqual({ key: first.key, dismissed: false });
  });
});

describe('a dismissal', () => {
  it('is made once: dismissed again, it keeps who dismissed it and when', () => {
    const aside = setAsideStore(t.store.db);
    const { key } = aside.put({ recordId: '01900000-0000-7000-8000-0000000000cc', uvci: 'URN:UVCI:01:VN:MUT4' }, { after: null, position: 0 }, reason, '2026-11-01T00:00:00.000Z');
    expect(aside.dismiss(key, 'user:first', '2026-11-01T01:00:00.000Z')).toBe(true);
    expect(aside.dismiss(key, 'user:second', '2026-11-01T02:00:00.000Z')).toBe(false);
    expect(t.store.db.prepare('SELECT dismissed_by AS by, dismissed_at AS at FROM certificates_set_aside WHERE key = ?').get(key))
      .toEqual({ by: 'user:first', at: '2026-11-01T01:00:00.000Z' });
  });
});

describe('why a record\'s certificate was set aside', () => {
  it('is the reason of its entry tried last', () => {
    const aside = setAsideStore(t.store.db);
    const older = { code: 'CERTIFICATE_UNVERIFIED', message_vi: 'Cũ.', message_en: 'Old.' };
    const newer = { code: 'CERTIFICATE_OTHER_RECORD', message_vi: 'Mới.', message_en: 'New.' };
    const recordId = '01900000-0000-7000-8000-0000000000dd';
    aside.put({ recordId, uvci: 'URN:UVCI:01:VN:MUT5' }, { after: null, position: 1 }, older, '2026-11-01T00:00:00.000Z');
    aside.put({ recordId, uvci: 'URN:UVCI:01:VN:MUT6' }, { after: null, position: 2 }, newer, '2026-11-02T00:00:00.000Z');
    expect(aside.reasonOf(recordId)).toEqual(newer);
  });

  it('is none once its entries are dismissed', () => {
    const aside = setAsideStore(t.store.db);
    const recordId = '01900000-0000-7000-8000-0000000000ee';
    const { key } = aside.put({ recordId, uvci: 'URN:UVCI:01:VN:MUT7' }, { after: null, position: 3 }, reason, '2026-11-01T00:00:00.000Z');
    aside.dismiss(key, 'user:clerk', '2026-11-01T01:00:00.000Z');
    expect(aside.reasonOf(recordId)).toBeNull();
  });
});
