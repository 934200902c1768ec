// What an import stores of a person's doses that disagree with each other. The store evaluates a
// commit's rows one after the other, each against the stored doses and the rows before it: dose 2
// dated before dose 1, with dose 2's row first, left DOSE_ORDER_MISMATCH on dose 1 only, and a
// signer looking at dose 2 saw nothing. A dose number past one the person has no record of (dose
// 4 after dose 2, "dose 3" after one Janssen dose) was stored with no finding at all. Both now
// look at every dose of the person the station will hold (stored and in the file): the order
// warning on both records, the gap warning (DOSE_NUMBER_GAP) on the dose past the gap, and none
// for a dose whose lower dose comes later in the file or is already stored.
import { afterAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited } from '../../fixtures/clinicFiles.js';
import { openTestStore, type TestStore } from '../db/storeHarness.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

const em = ['Hoàng Văn Em', '02/02/1982', 'Nam', '001082012349', '0912345682'];
const an = ['Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345', '0912345678'];
const cuong = ['Lê Văn Cường', '20/10/1975', 'Nam', '001075012347', '0912345680'];
let stt = 0;
const row = (who: string[], vaccine: string, lot: string, dose: string, date: string): string[] => [String(++stt), ...who, vaccine, lot, dose, date];

function csv(name: string, rows: string[][]): string {
  const path = tmp.file(name);
  writeDelimited(path, [STANDARD_HEADER, ...rows]);
  return path;
}

/** Each stored record: id number, dose number, then the codes of its findings about the dose's number or order. */
function stored(t: TestStore): (string | number)[][] {
  return t.db
    .prepare('SELECT p.id_number AS id, r.dose_number AS n, r.findings AS f FROM dose_records r JOIN people p ON p.id = r.person_id ORDER BY p.id_number, r.dose_number')
    .all()
    .map((r) => {
      const x = r as { id: string; n: number; f: string };
      return [x.id, x.n, ...(JSON.parse(x.f) as { code: string }[]).map((f) => f.code).filter((c) => c === 'DOSE_ORDER_MISMATCH' || c === 'DOSE_NUMBER_GAP')];
    });
}

async function commit(t: TestStore, path: string) {
  const store = importStorePort(t.store);
  const preview = await previewImport(path, { now, store });
  const committed = await commitImport(preview, store, { confirmWarnings: true });
  return { preview, committed };
}

describe('a person\'s doses that disagree, imported together', () => {
  it('dose 2 dated before dose 1, dose 2\'s row first: both records carry the order warning, in the preview and stored', async () => {
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      const path = csv('order.csv', [row(em, 'AstraZeneca', 'NJ0342', '2', '01/08/2021'), row(em, 'AstraZeneca', 'NJ0399', '1', '01/09/2021')]);
      const { preview } = await commit(t, path);
      expect(preview.records.map((r) => r.findings.map((f) => f.code))).toEqual([['DOSE_ORDER_MISMATCH'], ['DOSE_ORDER_MISMATCH']]);
      expect(stored(t)).toEqual([
        ['001082012349', 1, 'DOSE_ORDER_MISMATCH'],
        ['001082012349', 2, 'DOSE_ORDER_MISMATCH'],
      ]);
      // Confirmed at the commit; without the confirmation both would be drafts.
      const states = t.db.prepare('SELECT state FROM dose_records').all().map((r) => (r as { state: string }).state);
      expect(states).toEqual(['ready', 'ready']);
    } finally {
      t.close();
    }
  });

  it('dose 4 after dose 2, and "dose 3" after one Janssen dose: the gap warned of, naming the dose missing', async () => {
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      const path = csv('gaps.csv', [
        row(an, 'AstraZeneca', 'NJ0342', '1', '15/07/2021'),
        row(an, 'AstraZeneca', 'NJ0399', '2', '20/09/2021'),
        row(an, 'Pfizer', 'FF1234', '4', '10/02/2022'),
        row(cuong, 'Janssen', '211D21A', '1', '15/07/2021'),
        row(cuong, 'Pfizer', 'FF1234', '3', '10/02/2022'),
      ]);
      const { preview } = await commit(t, path);
      const gapOf = (i: number) => preview.records[i]!.findings.find((f) => f.code === 'DOSE_NUMBER_GAP');
      expect(gapOf(2)!.message_en).toContain('no dose 3 recorded');
      expect(gapOf(4)!.message_en).toContain('no dose 2 recorded');
      expect(preview.records.map((r) => r.status)).toEqual(['ready', 'ready', 'warning', 'ready', 'warning']);
      expect(stored(t)).toEqual([
        ['001075012347', 1],
        ['001075012347', 3, 'DOSE_NUMBER_GAP'],
        ['001085012345', 1],
        ['001085012345', 2],
        ['001085012345', 4, 'DOSE_NUMBER_GAP'],
      ]);
    } finally {
      t.close();
    }
  });

  it('rows out of dose order: the gap is judged on every dose of the file, not the rows before', async () => {
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      // Dose 4's row first: the rows before it hold no dose of the person, yet dose 3 is missing.
      // Dose 2 before dose 1's row: no gap, dose 1 is in the file.
      const path = csv('unordered.csv', [
        row(an, 'Pfizer', 'FF1234', '4', '10/02/2022'),
        row(an, 'AstraZeneca', 'NJ0399', '2', '20/09/2021'),
        row(an, 'AstraZeneca', 'NJ0342', '1', '15/07/2021'),
      ]);
      const { preview } = await commit(t, path);
      expect(preview.records.map((r) => r.findings.map((f) => f.code))).toEqual([['DOSE_NUMBER_GAP'], [], []]);
      expect(stored(t)).toEqual([
        ['001085012345', 1],
        ['001085012345', 2],
        ['001085012345', 4, 'DOSE_NUMBER_GAP'],
      ]);
    } finally {
      t.close();
    }
  });

  it('a dose stored by an earlier import fills the gap; the file alone would not', async () => {
    const t = openTestStore({ actor: 'user:import-test' });
    try {
      await commit(t, csv('first.csv', [row(an, 'Pfizer', 'FF1234', '3', '10/02/2022')]));
      const path = csv('second.csv', [
        row(an, 'AstraZeneca', 'NJ0342', '1', '15/07/2021'),
        row(an, 'AstraZeneca', 'NJ0399', '2', '20/09/2021'),
        row(an, 'Moderna', '3002183', '4', '10/07/2022'),
      ]);
      // Without the store the file is all there is: dose 3 is missing before dose 4.
      const alone = await previewImport(path, { now });
      expect(alone.records.map((r) => r.findings.map((f) => f.code))).toEqual([[], [], ['DOSE_NUMBER_GAP']]);
      const { preview } = await commit(t, path);
      expect(preview.records.map((r) => r.findings.map((f) => f.code))).toEqual([[], [], []]);
      expect(stored(t)).toEqual([
        ['001085012345', 1],
        ['001085012345', 2],
        ['001085012345', 3],
        ['001085012345', 4],
      ]);
    } finally {
      t.close();
    }
  });
});
