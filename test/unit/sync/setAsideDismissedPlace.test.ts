// A certificate entry set aside without a record id and UVCI both is keyed by its place in the
// feed (page and position). A clerk dismissed one there for a record never held here; another
// entry later sent at that place, for a record this station holds, was kept dismissed under the
// old key: hidden from the list and never asked for again, the person waiting for a certificate
// nobody was told of. A dismissal now holds only for the entry it was about.
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

const reason = { code: 'CERTIFICATE_INVALID', message_vi: 'Chứng nhận không hợp lệ.', message_en: 'The certificate is not valid.' };
const place = { after: 'c40', position: 3 };

describe('a dismissed entry keyed by its place in the feed', () => {
  it('stays dismissed when the same entry comes again, not when an entry for a record held here takes its place', () => {
    const aside = setAsideStore(t.store.db);
    const first = aside.put({ recordId: '01900000-0000-7000-8000-0000000000bb', hc1: 'x' }, place, reason, '2026-11-01T00:00:00.000Z');
    expect(aside.dismiss(first.key, 'user:clerk', '2026-11-01T01:00:00.000Z')).toBe(true);
    expect(aside.put({ recordId: '01900000-0000-7000-8000-0000000000bb', hc1: 'x' }, place, reason, '2026-11-02T00:00:00.000Z').dismissed).toBe(true);
    expect(aside.count()).toBe(0);

    const again = aside.put({ recordId: held, hc1: 'y' }, place, reason, '2026-11-03T00:00:00.000Z');
    expect(again).toEqual({ key: first.key, dismissed: false });
    expect(aside.count()).toBe(1);
    expect(aside.list()).toMatchObject([{ recordId: held, recordHeld: true }]);
    expect(aside.forRetry(10).map((r) => r.recordId)).toEqual([held]);
  });
});
