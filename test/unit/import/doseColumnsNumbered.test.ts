// A row per person whose dose columns clinics number without "mũi": "Vắc xin TC 1 | Số lô TC 1 |
// Ngày TC 1 | … TC 2" (tiêm chủng), "TC1", a bare trailing number "Vắc xin 1 | Số lô 1 | Ngày tiêm
// 1 | Vắc xin 2 …", "L1" (lần), "MT1" (mũi tiêm). Such a number is a dose only where two numbered
// groups or more each hold a vaccination date (headerCells.ts numberedDoses): "Địa chỉ 1", "Số lô
// 1" alone, "Ngày tiêm 1" with no dose 2 stay what they were, each beside the nearest header that
// is a list of doses. Real generated files through previewImport.
import { afterAll, describe, expect, it } from 'vitest';
import { boosterCell, doseMarker, numberedDose } from '../../../electron/core/import/doseMarker.js';
import { findHeaderRow } from '../../../electron/core/import/findHeaderRow.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { CellValue, SheetRow } from '../../../electron/core/import/sheetData.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

/** Each record: row, status, dose number, vaccine, lot, date, then its findings' field:code. */
const outcome = (p: ImportPreview): (string | number)[][] =>
  p.records.map((r) => [
    r.row,
    r.status,
    Number(r.input.dose.doseNumber),
    String(r.input.dose.vaccine),
    String(r.input.dose.lot),
    String(r.input.dose.vaccinationDate),
    ...r.findings.map((f) => `${f.field}:${f.code}`),
  ]);

const PERSON = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD'];
const an = ['1', 'Nguyễn Văn An', '12/03/1985', 'Nam', '001085012345'];
const binh = ['2', 'Lê Thị Bình', '20/05/1990', 'Nữ', '001190012346'];

/** A csv of the header and the rows; its preview. */
async function previewCsv(name: string, header: string[], ...rows: string[][]): Promise<ImportPreview> {
  const path = tmp.file(name);
  writeDelimited(path, [header, ...rows]);
  return previewImport(path, { now });
}

/** The preview's IMPORT_DOSE_COLUMNS note (English), or undefined. */
const doseNote = (p: ImportPreview): string | undefined => p.findings.find((f) => f.code === 'IMPORT_DOSE_COLUMNS')?.message_en;

const rowsOf = (...rows: CellValue[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('dose columns numbered as clinics number them', () => {
  it('numberedDose: the number, the header without it as written, and how it was numbered', () => {
    const cases: [string, number, string, string][] = [
      ['Vắc xin TC 1', 1, 'Vắc xin', 'tc'],
      ['Ngày TC2', 2, 'Ngày', 'tc'],
      ['Số lô L1', 1, 'Số lô', 'l'],
      ['Ngày tiêm MT 2', 2, 'Ngày tiêm', 'mt'],
      ['Vắc xin 1', 1, 'Vắc xin', 'bare'],
      ['Ngày tiêm (2)', 2, 'Ngày tiêm', 'bare'],
      ['Số lô - 3', 3, 'Số lô', 'bare'],
    ];
    for (const [header, dose, rest, style] of cases) expect(numberedDose(header), header).toEqual({ dose, rest, style });
    for (const header of ['Vắc xin COVID-19', 'Số lô 12', 'Ngày tiêm 0', 'STT', 'Mũi 1/2']) expect(numberedDose(header), header).toBeNull();
    // "TC" in a header is tiêm chủng: no booster's words there; in a dose cell it stays tăng cường.
    expect(numberedDose('Mũi TC 1')?.style).not.toBe('tc');
    expect(doseMarker('Ngày TC 1')).toBeNull();
    expect(boosterCell('TC 2')).toEqual({ said: 2 });
  });

  it('"Vắc xin TC 1 | Số lô TC 1 | Ngày TC 1 | … TC 2" (tiêm chủng): each dose a record, TC never a booster', async () => {
    const p = await previewCsv(
      'tc.csv',
      [...PERSON, 'Vắc xin TC 1', 'Số lô TC 1', 'Ngày TC 1', 'Vắc xin TC 2', 'Số lô TC 2', 'Ngày TC 2'],
      [...an, 'AstraZeneca', 'NJ0342', '01/08/2021', 'AstraZeneca', 'NJ0343', '01/10/2021'],
      [...binh, 'Pfizer', 'FF1234', '02/08/2021', '', '', ''],
    );
    expect(outcome(p)).toEqual([
      [2, 'ready', 1, 'ASTRAZENECA', 'NJ0342', '2021-08-01'],
      [2, 'ready', 2, 'ASTRAZENECA', 'NJ0343', '2021-10-01'],
      [3, 'ready', 1, 'PFIZER', 'FF1234', '2021-08-02'],
    ]);
    expect(doseNote(p)).toBe('One row per person, each dose in its own columns: dose 1 in columns F, G, H; dose 2 in columns I, J, K. Each dose filled in becomes a record with that dose number.');
  });

  it('"TC1" | "TC2" without a space, a lot column every dose shares, and a booster after them numbered as before', async () => {
    const p = await previewCsv(
      'tc-nospace.csv',
      [...PERSON, 'Ngày TC1', 'Vắc xin TC1', 'Ngày TC2', 'Vắc xin TC2', 'Ngày tiêm nhắc lại', 'Vắc xin nhắc lại', 'Số lô'],
      [...an, '01/08/2021', 'Vero Cell', '01/09/2021', 'Vero Cell', '01/03/2022', 'Pfizer', 'VC01; VC02; FF09'],
    );
    expect(outcome(p)).toEqual([
      [2, 'warning', 1, 'VERO_CELL', 'VC01', '2021-08-01', 'lot:IMPORT_LOT_BY_ORDER'],
      [2, 'warning', 2, 'VERO_CELL', 'VC02', '2021-09-01', 'lot:IMPORT_LOT_BY_ORDER'],
      [2, 'warning', 3, 'PFIZER', 'FF09', '2022-03-01', 'lot:IMPORT_LOT_BY_ORDER', 'doseNumber:IMPORT_DOSE_NUMBER_FROM_BOOSTER'],
    ]);
    expect(doseNote(p)).toBe(
      'One row per person, each dose in its own columns: dose 1 in columns F, G; dose 2 in columns H, I; "Nhắc lại" in columns J, K. Each dose filled in becomes a record with that dose number. A booster\'s dose number is counted from the doses filled in before it on each person\'s row. Column L ("Số lô") is used for every dose without one of its own.',
    );
  });

  it('a bare trailing number: "Vắc xin 1 | Số lô 1 | Ngày tiêm 1 | Vắc xin 2 | Số lô 2 | Ngày tiêm 2"', async () => {
    const p = await previewCsv(
      'bare.csv',
      [...PERSON, 'Vắc xin 1', 'Số lô 1', 'Ngày tiêm 1', 'Vắc xin 2', 'Số lô 2', 'Ngày tiêm 2'],
      [...an, 'AstraZeneca', 'NJ0342', '01/08/2021', 'AstraZeneca', 'NJ0343', '01/10/2021'],
      [...binh, 'Moderna', '3002183', '05/08/2021', 'Moderna', '', '05/09/2021'],
    );
    expect(outcome(p)).toEqual([
      [2, 'ready', 1, 'ASTRAZENECA', 'NJ0342', '2021-08-01'],
      [2, 'ready', 2, 'ASTRAZENECA', 'NJ0343', '2021-10-01'],
      [3, 'ready', 1, 'MODERNA', '3002183', '2021-08-05'],
      [3, 'error', 2, 'MODERNA', '', '2021-09-05', 'lot:FIELD_REQUIRED'],
    ]);
    // A lot left blank is said about its dose.
    expect(p.records[3]!.findings[0]!.message_en).toMatch(/^Dose 2: /);
  });

  it('"L1" | "L2" (lần) and "MT1" | "MT2" (mũi tiêm)', async () => {
    for (const [name, w] of [['l.csv', 'L'], ['mt.csv', 'MT']] as const) {
      const p = await previewCsv(
        name,
        [...PERSON, `Ngày tiêm ${w}1`, `Vắc xin ${w}1`, `Số lô ${w}1`, `Ngày tiêm ${w}2`, `Vắc xin ${w}2`, `Số lô ${w}2`],
        [...an, '01/08/2021', 'AstraZeneca', 'NJ0342', '01/10/2021', 'AstraZeneca', 'NJ0343'],
      );
      expect(outcome(p), w).toEqual([
        [2, 'ready', 1, 'ASTRAZENECA', 'NJ0342', '2021-08-01'],
        [2, 'ready', 2, 'ASTRAZENECA', 'NJ0343', '2021-10-01'],
      ]);
    }
  });

  it('an xlsx with numbered dose columns, a dose not given and a person with none', async () => {
    const path = tmp.file('bare.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        rows: [
          ['DANH SÁCH NGƯỜI ĐÃ TIÊM VẮC XIN COVID-19'],
          [...PERSON, 'Vắc xin TC 1', 'Số lô TC 1', 'Ngày TC 1', 'Vắc xin TC 2', 'Số lô TC 2', 'Ngày TC 2'],
          [...an, 'AstraZeneca', 'NJ0342', new Date(Date.UTC(2021, 7, 1)), 'Chưa tiêm', '', ''],
          [...binh],
        ],
      },
    ]);
    const p = await previewImport(path, { now });
    expect(outcome(p)).toEqual([
      [3, 'ready', 1, 'ASTRAZENECA', 'NJ0342', '2021-08-01'],
      [4, 'error', 1, '', '', '', 'vaccinationDate:IMPORT_NO_DOSE'],
    ]);
  });
});

describe('numbers that are no dose', () => {
  // Each header that must stay as it was, beside the nearest one that is a list of doses.
  const pairs: [string, string[], string[]][] = [
    ['"Số lô 1" alone', [...PERSON, 'Tên vắc xin', 'Số lô 1', 'Ngày tiêm'], [...PERSON, 'Tên vắc xin', 'Số lô 1', 'Ngày tiêm 1', 'Số lô 2', 'Ngày tiêm 2']],
    ['"Ngày tiêm 1" with no dose 2', [...PERSON, 'Tên vắc xin', 'Số lô', 'Ngày tiêm 1'], [...PERSON, 'Tên vắc xin', 'Số lô', 'Ngày tiêm 1', 'Ngày tiêm 2']],
    ['one numbered group', [...PERSON, 'Vắc xin 1', 'Số lô 1', 'Ngày tiêm 1'], [...PERSON, 'Vắc xin 1', 'Số lô 1', 'Ngày tiêm 1', 'Vắc xin 2', 'Số lô 2', 'Ngày tiêm 2']],
    ['numbered lots without a date of their own', [...PERSON, 'Tên vắc xin', 'Số lô 1', 'Số lô 2', 'Ngày tiêm'], [...PERSON, 'Tên vắc xin', 'Số lô 1', 'Số lô 2', 'Ngày tiêm 1', 'Ngày tiêm 2']],
    ['a dose 2 group without its date', [...PERSON, 'Vắc xin 1', 'Ngày tiêm 1', 'Vắc xin 2', 'Số lô'], [...PERSON, 'Vắc xin 1', 'Ngày tiêm 1', 'Vắc xin 2', 'Ngày tiêm 2', 'Số lô']],
    ['numbered from 2', [...PERSON, 'Vắc xin 2', 'Ngày tiêm 2', 'Vắc xin 3', 'Ngày tiêm 3', 'Số lô'], [...PERSON, 'Vắc xin 1', 'Ngày tiêm 1', 'Vắc xin 2', 'Ngày tiêm 2', 'Số lô']],
    [
      '"Địa chỉ 1", "Điện thoại 2", "Ghi chú 1", "Số CMND 1" beside one date',
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CMND 1', 'Địa chỉ 1', 'Địa chỉ 2', 'Điện thoại 1', 'Điện thoại 2', 'Ghi chú 1', 'Ghi chú 2', 'Tên vắc xin', 'Số lô', 'Ngày tiêm'],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CMND 1', 'Địa chỉ 1', 'Địa chỉ 2', 'Điện thoại 1', 'Điện thoại 2', 'Ghi chú 1', 'Ghi chú 2', 'Tên vắc xin', 'Số lô', 'Ngày tiêm 1', 'Ngày tiêm 2'],
    ],
    // "Tên", "Ngày" are a dose's fields under "Mũi 1"; with a bare number, "Tên 1" may be a name.
    ['"Tên 1" | "Ngày 1"', [...PERSON, 'Tên 1', 'Ngày 1', 'Tên 2', 'Ngày 2', 'Số lô'], [...PERSON, 'Tên vắc xin 1', 'Ngày tiêm 1', 'Tên vắc xin 2', 'Ngày tiêm 2', 'Số lô']],
    // Beside doses named with "mũi", "TC" may be tăng cường: no dose of its own.
    ['"Ngày TC" beside "mũi"', [...PERSON, 'Ngày tiêm mũi 1', 'Ngày tiêm mũi 2', 'Ngày TC 1', 'Ngày TC 2', 'Tên vắc xin', 'Số lô'], [...PERSON, 'Ngày TC 1', 'Ngày TC 2', 'Tên vắc xin', 'Số lô']],
  ];

  for (const [what, no, yes] of pairs) {
    it(`${what}: refused as before, no dose column; its twin is a list of doses`, async () => {
      const p = previewCsv(`no-${what.replace(/\W+/g, '-')}.csv`, no, [...an, ...no.slice(5).map(() => '')]);
      await expect(p).rejects.toMatchObject({ code: 'IMPORT_NO_HEADER' });
      expect(findHeaderRow(rowsOf(no))?.doses).toEqual([]);
      expect(findHeaderRow(rowsOf(yes))?.doses.map((d) => d.dose)).toEqual([1, 2]);
    });
  }

  it('a row per dose keeps reading so beside "Địa chỉ 1", "Điện thoại 2"; with "Ngày tiêm 1 | Ngày tiêm 2" it is a row per person', async () => {
    const header = [...PERSON, 'Địa chỉ 1', 'Điện thoại 2', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];
    const p = await previewCsv('addresses.csv', header, [...an, '12 Lê Lợi', '0912345678', 'Pfizer', 'FF1234', '2', '01/10/2021']);
    expect(outcome(p)).toEqual([[2, 'ready', 2, 'PFIZER', 'FF1234', '2021-10-01']]);
    expect(doseNote(p)).toBeUndefined();
    const wide = await previewCsv(
      'addresses-wide.csv',
      [...PERSON, 'Địa chỉ 1', 'Điện thoại 2', 'Tên vắc xin', 'Số lô', 'Ngày tiêm 1', 'Ngày tiêm 2'],
      [...an, '12 Lê Lợi', '0912345678', 'Pfizer', 'FF1234', '01/08/2021', '01/10/2021'],
    );
    expect(outcome(wide)).toEqual([
      [2, 'ready', 1, 'PFIZER', 'FF1234', '2021-08-01'],
      [2, 'ready', 2, 'PFIZER', 'FF1234', '2021-10-01'],
    ]);
    expect(doseNote(wide)).toContain('dose 1 in column J; dose 2 in column K.');
  });

  it('numbered headers that are no dose field stay out of the doses: "Ghi chú 1" beside "Ngày tiêm 1"', () => {
    const m = findHeaderRow(rowsOf([...PERSON, 'Vắc xin 1', 'Ngày tiêm 1', 'Ghi chú 1', 'Địa chỉ 2', 'Vắc xin 2', 'Ngày tiêm 2', 'Ghi chú 2']))!;
    expect(m.doses).toEqual([
      { dose: 1, vaccine: 5, vaccinationDate: 6, own: [5, 6] },
      { dose: 2, vaccine: 9, vaccinationDate: 10, own: [9, 10] },
    ]);
  });

  it('a lot numbered beside dates marked with "mũi" is that dose\'s, never the first dose\'s shared', () => {
    const m = findHeaderRow(rowsOf([...PERSON, 'Tên vắc xin', 'Ngày tiêm mũi 1', 'Số lô 1', 'Ngày tiêm mũi 2', 'Số lô 2']))!;
    expect(m.doses).toEqual([
      { dose: 1, vaccinationDate: 6, vaccine: 5, lot: 7, own: [6, 7] },
      { dose: 2, vaccinationDate: 8, vaccine: 5, lot: 9, own: [8, 9] },
    ]);
    expect(m.duplicates).toEqual([]);
  });

  it('"Nhắc lại 1" | "Mũi nhắc 1" stay boosters numbered after the highest dose', () => {
    const m = findHeaderRow(rowsOf([...PERSON, 'Vắc xin 1', 'Ngày tiêm 1', 'Vắc xin 2', 'Ngày tiêm 2', 'Ngày tiêm nhắc lại 1', 'Vắc xin mũi nhắc 1', 'Ngày tiêm nhắc lại 2']))!;
    expect(m.doses.map((d) => [d.dose, d.own])).toEqual([
      [1, [5, 6]],
      [2, [7, 8]],
      [3, [9, 10]],
      [4, [11]],
    ]);
  });
});
