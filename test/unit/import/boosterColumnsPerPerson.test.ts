// A list with a row per person whose booster columns name no dose number ("Mũi bổ sung", "Nhắc lại
// lần 1", "Mũi nhắc lại") numbered each booster from the column's place in the header: an
// AstraZeneca person with an empty "bổ sung" got boosters stored as doses 4 and 5, a Janssen
// person's first booster dose 3 or 4, all ready, nothing said. The dose number is signed (dn/sd):
// a booster column's number now comes from the person's doses filled before it in the row, with
// the warning a row per dose gives for "Nhắc lại" (boosterDoses.ts); "Mũi 3" keeps its number.
import { afterAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../../electron/core/import/commitImport.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { importStorePort } from '../../../electron/core/import/storePort.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';
import { openTestStore } from '../db/storeHarness.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

const PERSON = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD'];
const group = (label: string): string[] => [`Vắc xin ${label}`, `Số lô ${label}`, `Ngày tiêm ${label}`];
const an = ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345'];
const binh = ['2', 'Trần Thị Bình', '05/06/1990', 'Nữ', '001190012346'];
const cuong = ['3', 'Lê Văn Cường', '20/10/1975', 'Nam', '001075012347'];
const none = ['', '', ''];

/** Each record: id number, vaccine, dose number, then the codes of its dose-number findings. */
function doses(p: ImportPreview): (string | number)[][] {
  return p.records.map((r) => [
    String(r.input.person.idNumber),
    String(r.input.dose.vaccine),
    r.input.dose.doseNumber as number,
    ...r.findings.filter((f) => f.field === 'doseNumber' && f.code !== 'IMPORT_DOSE_COLUMNS').map((f) => f.code),
  ]);
}

/** What the store holds after a commit with the warnings confirmed: id, vaccine, dose number, date. */
async function stored(path: string): Promise<(string | number)[][]> {
  const t = openTestStore({ actor: 'user:import-test' });
  try {
    const store = importStorePort(t.store);
    await commitImport(await previewImport(path, { now, store }), store, { confirmWarnings: true });
    return t.db
      .prepare('SELECT p.id_number AS id, r.vaccine, r.dose_number AS n FROM dose_records r JOIN people p ON p.id = r.person_id ORDER BY p.id_number, r.vaccination_date')
      .all()
      .map((r) => { const x = r as { id: string; vaccine: string; n: number }; return [x.id, x.vaccine, x.n]; });
  } finally {
    t.close();
  }
}

const FROM_BOOSTER = 'IMPORT_DOSE_NUMBER_FROM_BOOSTER';

describe('booster columns of a row per person', () => {
  it('"Mũi bổ sung | Nhắc lại lần 1 | Nhắc lại lần 2": numbered after the person\'s own doses, an empty "bổ sung" taking no number', async () => {
    const path = tmp.file('bo-sung-nhac-lai.csv');
    writeDelimited(path, [
      [...PERSON, ...group('mũi 1'), ...group('mũi 2'), ...group('mũi bổ sung'), ...group('nhắc lại lần 1'), ...group('nhắc lại lần 2')],
      [...an, 'Vero Cell', '202107A01', '15/07/2021', 'Vero Cell', '202108B02', '10/08/2021', 'Vero Cell', '202110C03', '10/11/2021', 'Pfizer', 'FF1234', '10/02/2022', 'Moderna', '3002183', '10/07/2022'],
      [...binh, 'AstraZeneca', 'NJ0342', '15/07/2021', 'AstraZeneca', 'NJ0399', '20/09/2021', ...none, 'Pfizer', 'FF1234', '10/02/2022', 'Moderna', '3002183', '10/07/2022'],
      [...cuong, 'Janssen', '211D21A', '15/07/2021', ...none, ...none, 'Pfizer', 'FF1234', '10/02/2022', 'Moderna', '3002184', '10/07/2022'],
    ]);
    const p = await previewImport(path, { now });
    expect(doses(p)).toEqual([
      ['001085012345', 'VERO_CELL', 1],
      ['001085012345', 'VERO_CELL', 2],
      ['001085012345', 'VERO_CELL', 3, FROM_BOOSTER],
      ['001085012345', 'PFIZER', 4, FROM_BOOSTER],
      ['001085012345', 'MODERNA', 5, FROM_BOOSTER],
      ['001190012346', 'ASTRAZENECA', 1],
      ['001190012346', 'ASTRAZENECA', 2],
      ['001190012346', 'PFIZER', 3, FROM_BOOSTER],
      ['001190012346', 'MODERNA', 4, FROM_BOOSTER],
      // Janssen is one dose: its first booster is dose 2.
      ['001075012347', 'JANSSEN', 1],
      ['001075012347', 'PFIZER', 2, FROM_BOOSTER],
      ['001075012347', 'MODERNA', 3, FROM_BOOSTER],
    ]);
    // The warning a row per dose gives, naming the dose counted from; the record's findings say its dose.
    const first = p.records[7]!.findings.find((f) => f.code === FROM_BOOSTER)!;
    expect(first.severity).toBe('warning');
    expect(first.message_en).toBe('Dose 3: "Nhắc lại lần 1" does not say which dose this is: read as dose 3, booster 1 after this person\'s dose 2 on row 3. Check it.');
    expect(first.message_vi).toBe('Mũi 3: "Nhắc lại lần 1" không ghi mũi thứ mấy: đã đọc là mũi 3, mũi nhắc lại thứ 1 sau mũi 2 của người này ở dòng 3. Hãy kiểm tra lại.');
    expect(p.records[7]!.status).toBe('warning');
    expect(p.records[4]!.findings.find((f) => f.code === FROM_BOOSTER)!.message_en).toContain('read as dose 5, booster 2 after this person\'s dose 3 on row 2');
    // The note on the header says which columns are the boosters, and that their numbers are each person's.
    const note = p.findings.find((f) => f.code === 'IMPORT_DOSE_COLUMNS')!;
    expect(note.message_en).toContain('"Nhắc lại lần 1" in columns O, P, Q');
    expect(note.message_en).not.toContain('dose 4');
    expect(await stored(path)).toEqual([
      ['001075012347', 'JANSSEN', 1],
      ['001075012347', 'PFIZER', 2],
      ['001075012347', 'MODERNA', 3],
      ['001085012345', 'VERO_CELL', 1],
      ['001085012345', 'VERO_CELL', 2],
      ['001085012345', 'VERO_CELL', 3],
      ['001085012345', 'PFIZER', 4],
      ['001085012345', 'MODERNA', 5],
      ['001190012346', 'ASTRAZENECA', 1],
      ['001190012346', 'ASTRAZENECA', 2],
      ['001190012346', 'PFIZER', 3],
      ['001190012346', 'MODERNA', 4],
    ]);
  });

  it('"Mũi nhắc lại" beside "Mũi 1 | Mũi 2" (an xlsx with merged group labels): dose 2 after Janssen, dose 3 after two doses', async () => {
    const path = tmp.file('nhac-lai.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        rows: [
          [...PERSON, 'Mũi 1', null, null, 'Mũi 2', null, null, 'Mũi nhắc lại', null, null],
          [null, null, null, null, null, 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm', 'Vắc xin', 'Số lô', 'Ngày tiêm'],
          [...cuong, 'Janssen', '211D21A', '15/07/2021', null, null, null, 'Pfizer', 'FF1234', '10/02/2022'],
          [...binh, 'AstraZeneca', 'NJ0342', '15/07/2021', 'AstraZeneca', 'NJ0399', '20/09/2021', 'Pfizer', 'FF1235', '10/02/2022'],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:E2', 'F1:H1', 'I1:K1', 'L1:N1'],
      },
    ]);
    const p = await previewImport(path, { now });
    expect(doses(p)).toEqual([
      ['001075012347', 'JANSSEN', 1],
      ['001075012347', 'PFIZER', 2, FROM_BOOSTER],
      ['001190012346', 'ASTRAZENECA', 1],
      ['001190012346', 'ASTRAZENECA', 2],
      ['001190012346', 'PFIZER', 3, FROM_BOOSTER],
    ]);
    expect(p.records[1]!.findings.find((f) => f.code === FROM_BOOSTER)!.message_en).toContain('"Mũi nhắc lại" does not say which dose this is: read as dose 2, booster 1 after this person\'s dose 1 on row 3');
    expect(await stored(path)).toEqual([
      ['001075012347', 'JANSSEN', 1],
      ['001075012347', 'PFIZER', 2],
      ['001190012346', 'ASTRAZENECA', 1],
      ['001190012346', 'ASTRAZENECA', 2],
      ['001190012346', 'PFIZER', 3],
    ]);
  });

  it('a booster with no dose before it in the row is numbered from the person\'s other rows, else asked for, as in a row per dose', async () => {
    const path = tmp.file('only-booster.csv');
    writeDelimited(path, [
      [...PERSON, ...group('mũi 1'), ...group('mũi 2'), ...group('mũi nhắc lại')],
      [...an, ...none, ...none, 'Pfizer', 'FF1234', '10/02/2022'],
      [...binh, 'Pfizer', 'FF1111', '15/07/2021', 'Pfizer', 'FF1112', '10/08/2021', ...none],
      // The same person's boosters on a second row: counted from the first row's doses.
      ['4', 'Trần Thị Bình', '05/06/1990', 'Nữ', '001190012346', ...none, ...none, 'Moderna', '3002183', '10/02/2022'],
    ]);
    const p = await previewImport(path, { now });
    expect(doses(p)).toEqual([
      ['001085012345', 'PFIZER', 'Mũi nhắc lại', 'IMPORT_DOSE_BOOSTER_UNNUMBERED'],
      ['001190012346', 'PFIZER', 1],
      ['001190012346', 'PFIZER', 2],
      ['001190012346', 'MODERNA', 3, FROM_BOOSTER],
    ]);
    expect(p.records[0]!.status).toBe('error');
  });

  it('a column that says its number ("Mũi 3 (nhắc lại)", "Mũi 3") keeps it, whatever the person\'s doses before it', async () => {
    const path = tmp.file('mui-3.csv');
    writeDelimited(path, [
      [...PERSON, ...group('mũi 1'), ...group('mũi 2'), ...group('mũi 3 (nhắc lại)'), ...group('mũi 4')],
      [...an, 'AstraZeneca', 'NJ0342', '15/07/2021', 'AstraZeneca', 'NJ0399', '20/09/2021', 'Pfizer', 'FF1234', '10/02/2022', 'Moderna', '3002183', '10/07/2022'],
      [...cuong, 'Janssen', '211D21A', '15/07/2021', ...none, 'Pfizer', 'FF1234', '10/02/2022', ...none],
    ]);
    const p = await previewImport(path, { now });
    expect(doses(p).map((d) => d.slice(0, 3))).toEqual([
      ['001085012345', 'ASTRAZENECA', 1],
      ['001085012345', 'ASTRAZENECA', 2],
      ['001085012345', 'PFIZER', 3],
      ['001085012345', 'MODERNA', 4],
      ['001075012347', 'JANSSEN', 1],
      ['001075012347', 'PFIZER', 3],
    ]);
    expect(p.records.some((r) => r.findings.some((f) => f.code === FROM_BOOSTER))).toBe(false);
  });

  it('a list without boosters reads as before: each dose its column\'s number, no warning', async () => {
    const path = tmp.file('plain.csv');
    writeDelimited(path, [
      [...PERSON, ...group('mũi 1'), ...group('mũi 2')],
      [...an, 'Pfizer', 'FF1111', '15/07/2021', 'Pfizer', 'FF1112', '10/08/2021'],
      [...binh, 'Moderna', '3002183', '15/07/2021', ...none],
    ]);
    const p = await previewImport(path, { now });
    expect(doses(p)).toEqual([
      ['001085012345', 'PFIZER', 1],
      ['001085012345', 'PFIZER', 2],
      ['001190012346', 'MODERNA', 1],
    ]);
    expect(p.records.map((r) => r.status)).toEqual(['ready', 'ready', 'ready']);
    expect(p.findings.find((f) => f.code === 'IMPORT_DOSE_COLUMNS')!.message_en).toBe(
      'One row per person, each dose in its own columns: dose 1 in columns F, G, H; dose 2 in columns I, J, K. Each dose filled in becomes a record with that dose number.',
    );
  });
});

// Session 25, a mutation probe: the lots of one cell shared by the row's doses ("NJ0342/NJ0399/FF1234")
// were given out by the booster columns' places in the header with every test still green.
describe('one lot column for every dose of the row', () => {
  it('gives each dose its lot by the doses filled, a booster after an empty "bổ sung" the third', async () => {
    const path = tmp.file('shared-lot.csv');
    writeDelimited(path, [
      [...PERSON, 'Tên vắc xin', 'Số lô', 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2', 'Ngày tiêm mũi bổ sung', 'Ngày tiêm nhắc lại lần 1'],
      [...binh, 'AstraZeneca', 'NJ0342/NJ0399/NJ0400', '15/07/2021', '20/09/2021', '', '10/02/2022'],
    ]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.input.dose.doseNumber, r.input.dose.lot])).toEqual([[1, 'NJ0342'], [2, 'NJ0399'], [3, 'NJ0400']]);
  });
});
