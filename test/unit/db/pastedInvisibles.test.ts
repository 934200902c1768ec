// What a clerk pastes from Zalo, Excel or a web page (probe 18): a CCCD and a lot number that
// carry zero-width spaces, a BOM, direction marks or a no-break space are stored clean and the
// record is ready, instead of "not only digits" / "invalid characters" with nothing visible to fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
beforeAll(() => {
  t = openTestStore();
});
afterAll(() => t.close());

describe('invisible characters in a pasted id number or lot number', () => {
  it('are dropped: the record is stored clean and ready', () => {
    const input = record({ idNumber: '\u200b079\u00a0090\u200b001234\u200e' }, { lot: '\u00a0FK\u200b2222\ufeff ' });
    const saved = t.store.createRecord(input, { source: 'form', confirmWarnings: true });
    expect(saved.record.state).toBe('ready');
    const stored = t.store.getRecord(saved.record.id);
    expect(stored.person.idNumber).toBe('079090001234');
    expect(stored.record.lot).toBe('FK2222');
  });
});
