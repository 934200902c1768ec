// The import's two validation passes share one memo of people's own findings (personMemo): the
// store pass re-checks a person only when the file pass did not see the same fields. Same answers.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportStorePort } from '../../../electron/core/import/types.js';
import { PersonFindingsMemo } from '../../../shared/domain/personFindingsMemo.js';
import { makeDoses, STANDARD_HEADER, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';
import { generateRecords } from '../../fixtures/records.js';
import { openTestStore, type TestStore } from '../db/storeHarness.js';

const stores: TestStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function station(): TestStore {
  const t = openTestStore();
  stores.push(t);
  t.store.setSetting('facility.code', '79001');
  t.store.createRecords(generateRecords(10, { seed: 3 }), { source: 'import', confirmWarnings: true });
  return t;
}

/** The store port with the memo it is handed dropped: the store pass computes every person itself. */
function withoutMemo(port: ImportStorePort): ImportStorePort {
  return { ...port, previewRecords: (rows) => port.previewRecords(rows) };
}

describe('shared person findings memo', () => {
  it('the store pass answers as with its own memo, and computes fewer people', async () => {
    const t = station();
    const file = join(t.dir, 'doses.csv');
    // 40 people × 2 doses, with a few broken cells so some people carry findings.
    const rows = makeDoses(40, 7).map((d, i) => standardRow(d, i + 1));
    rows[3]![3] = 'not a date';
    rows[10]![1] = '';
    writeDelimited(file, [STANDARD_HEADER, ...rows]);
    // The store's day: a memo serves one day (a pass on another day computes afresh).
    const now = () => t.ports.now();

    let computedShared = 0;
    let computedOwn = 0;
    const original = PersonFindingsMemo.prototype.findings;
    const counting = (bump: () => void) =>
      function (this: PersonFindingsMemo, ...args: Parameters<typeof original>) {
        const [p, today, compute] = args;
        return original.call(this, p, today, (q, d) => {
          bump();
          return compute(q, d);
        });
      };
    try {
      PersonFindingsMemo.prototype.findings = counting(() => computedShared++);
      const shared = await previewImport(file, { store: importStorePort(t.store), now });
      const afterFileShared = computedShared;
      PersonFindingsMemo.prototype.findings = counting(() => computedOwn++);
      const own = await previewImport(file, { store: withoutMemo(importStorePort(t.store)), now });
      expect(shared.records.map((r) => [r.row, r.status, r.findings.map((f) => f.code)])).toEqual(own.records.map((r) => [r.row, r.status, r.findings.map((f) => f.code)]));
      expect(shared.ready + shared.warnings).toBeGreaterThan(60);
      // The file pass computes each person once either way; the store pass only without the memo.
      expect(computedShared).toBeLessThan(computedOwn);
      expect(computedShared - afterFileShared).toBeLessThan(computedOwn - afterFileShared);
    } finally {
      PersonFindingsMemo.prototype.findings = original;
    }
  });
});
