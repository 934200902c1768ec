// A common name's total within one state, counted by walking the state's newest records (session
// 27, WALK_TOTAL_MAX), at its two edges: a state one record larger than the walk, whose unread
// oldest record matches, and a state holding exactly the cap's matches. Session 28's mutation
// probe: an off-by-one at either gave a wrong total ("0" for one, "2+" for two) that the random
// plans test never drew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordState } from '../../../shared/domain/types.js';
import { listRecords } from '../../../electron/core/store/recordSearch.js';
import type { RecordQuery } from '../../../electron/core/store/storeTypes.js';
import { openTestStore, record, type TestStore } from './storeHarness.js';

let t: TestStore;
const ids: Record<string, string> = {};

beforeAll(() => {
  t = openTestStore();
  const add = (key: string, fullName: string, state: RecordState) => {
    const id = t.store.createRecord(record({ idNumber: `0790900${String(10000 + Object.keys(ids).length)}`, fullName, phone: null }), { source: 'form' }).record.id;
    // A read-side test: the state set directly, as searchPlans.test.ts does.
    t.db.prepare('UPDATE dose_records SET state = ? WHERE id = ?').run(state, id);
    ids[key] = id;
  };
  // draft: the oldest record a Nguyễn's, six newer ones of others (the walk of six reads those).
  add('draftNguyen', 'Nguyễn Văn Ánh', 'draft');
  for (let i = 0; i < 6; i++) add(`draft${i}`, `Trần Thị Bích ${String.fromCharCode(65 + i)}`, 'draft');
  // signed: two Nguyễn and one other, all within the walk.
  add('signed1', 'Nguyễn Thị Cúc', 'signed');
  add('signed2', 'Nguyễn Văn Dũng', 'signed');
  add('signed3', 'Lê Văn Em', 'signed');
  // The newest people: three Nguyễn whose records are ready, the ones a copy of three takes.
  for (const n of ['Giang', 'Hà', 'Khánh']) add(n, `Nguyễn Văn ${n}`, 'ready');
});
afterAll(() => t.close());

// Copies the three newest Nguyễn (fillCap), a cap of 2 (capStep 1, limit 1), a walk of six records.
const tuning = { fillCap: 3, capStep: 1, walkTotalMax: 6 };
const everyMatch = (q: RecordQuery) => listRecords(t.db, q, { capStep: 1 });

describe("a common name's total in one state, walked", () => {
  it('a state one record past the walk: its oldest record, not walked, is still counted and listed', () => {
    const q: RecordQuery = { search: 'nguyen', state: 'draft', limit: 1 };
    const page = listRecords(t.db, q, tuning);
    expect(page).toEqual(everyMatch(q));
    expect(page).toMatchObject({ total: 1, totalCapped: false });
    expect(page.items.map((i) => i.record.id)).toEqual([ids.draftNguyen]);
  });

  it('exactly the cap of matches in a state walked whole: the total is exact, not "2+"', () => {
    const q: RecordQuery = { search: 'nguyen', state: 'signed', limit: 1 };
    const page = listRecords(t.db, q, tuning);
    expect(page).toEqual(everyMatch(q));
    expect(page).toMatchObject({ total: 2, totalCapped: false });
  });
});
