// Real clinic workbooks written by exceljs, read back by the importer: expected findings per row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeProvinceReport, writeXlsx, type XlsxCell } from '../../fixtures/clinicFiles.js';
import type { StationError } from '../../../shared/errors.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** row → [status, codes...] for every data row, and nothing else. */
function byRow(p: ImportPreview): Record<number, string[]> {
  return Object.fromEntries(p.records.map((r) => [r.row, [r.status, ...r.findings.map((f) => `${f.field}:${f.code}`)]]));
}

/**
 * A province report: title rows merged across the table, a two-row header (the vaccination block
 * merged over its four columns, the other headers merged over both rows), a person's cells merged
 * over their two dose rows, a formula STT, a date computed by formula, rich text, a hyperlink, an
 * NFD name, a blank row, a totals row and a signature footer. Before it: a hidden lookup sheet
 * and an instructions sheet.
 */
const provinceReport: XlsxCell[][] = [
  ['SỞ Y TẾ TỈNH BẮC NINH'],
  ['DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN PHÒNG COVID-19'],
  [],
  ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD/CMND/Hộ chiếu', 'SĐT', 'Thông tin tiêm chủng', null, null, null, 'Ghi chú'],
  [null, null, null, null, null, null, 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm', null],
  [{ formula: 'ROW()-5', result: 1 }, 'Nguyễn Văn An', d('1985-05-12'), 'Nam', '079085001234', '0912345678', 'AstraZeneca', 'AZ1234', 1, d('2021-07-01'), null],
  [null, null, null, null, null, null, 'Astra Zeneca', 'AZ1234', 2, { formula: 'J6+91', result: 44469 }, null],
  [],
  [
    { formula: 'ROW()-6', result: 2 },
    { richText: [{ text: 'Trần Thị '.normalize('NFD') }, { text: 'Hương'.normalize('NFD'), font: { bold: true } }] },
    '3/4/1990', 'Nữ', '001190004567', 912345679, 'Pfizer', 'FF2382', 'Mũi 1', '15/08/2021', null,
  ],
  [3, 'Lê Văn Cường', '1985', 'Nam', 1085012345, null, { text: 'Moderna', hyperlink: 'https://www.modernatx.com' }, 'MO5678', 1, '44450', null],
  [4, 'Phạm Minh Đức', '31/02/1990', 'Nam', '031090007788', null, 'Sputnik Light', 'AB123', 1, '01/07/2021', null],
  [5, 'Hoàng Thị Mai', '20/10/2000', 'F', 'C1234567', null, 'Moderna', 'MO9999', 1, '01/01/2030', 'hẹn tiêm'],
  ['Tổng cộng', null, null, null, null, null, { formula: 'COUNTA(G6:G12)', result: 6 }],
  [null, 'Người lập biểu', null, null, null, null, null, null, 'Trưởng trạm'],
];

describe('xlsx: a province report with titles, merges, formulas and a totals row', () => {
  let preview: ImportPreview;
  beforeAll(async () => {
    const path = tmp.file('province.xlsx');
    await writeXlsx(path, [
      { name: 'DanhMuc', hidden: true, rows: [['Tên vắc xin', 'Mã'], ['AstraZeneca', 'ASTRAZENECA']] },
      { name: 'Hướng dẫn', rows: [['Điền mỗi mũi tiêm một dòng.'], ['Ngày ghi dạng dd/mm/yyyy.']] },
      {
        name: 'Danh sách',
        rows: provinceReport,
        merges: ['A1:K1', 'A2:K2', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:J4', 'K4:K5', 'A6:A7', 'B6:B7', 'C6:C7', 'D6:D7', 'E6:E7', 'F6:F7', 'A13:F13'],
      },
    ]);
    preview = await previewImport(path, { now });
  });

  it('picks the first visible sheet with a header, and the lower row of the two-row header', () => {
    expect(preview).toMatchObject({ format: 'xlsx', sheet: 'Danh sách', sheets: ['DanhMuc', 'Hướng dẫn', 'Danh sách'], headerRow: 5 });
    expect(preview.columns.map((c) => `${c.column}:${c.field}`)).toEqual([
      'A:null', 'B:fullName', 'C:dob', 'D:sex', 'E:idNumber', 'F:phone', 'G:vaccine', 'H:lot', 'I:doseNumber', 'J:vaccinationDate', 'K:null',
    ]);
  });

  it('gives each data row its Excel row number and exactly its findings', () => {
    expect(byRow(preview)).toEqual({
      6: ['ready'],
      7: ['ready'],
      9: ['ready'],
      10: ['warning', 'idNumber:IMPORT_ID_LEADING_ZERO_RESTORED'],
      11: ['error', 'dob:IMPORT_DATE_IMPOSSIBLE', 'vaccine:VACCINE_UNKNOWN'],
      12: ['error', 'vaccinationDate:VACCINATION_DATE_FUTURE'],
    });
    expect(preview).toMatchObject({ rows: 6, ready: 3, warnings: 1, errors: 2, duplicates: 0 });
    expect(preview.findings.map((f) => [f.row, f.code])).toEqual([
      [10, 'IMPORT_ID_LEADING_ZERO_RESTORED'], [11, 'IMPORT_DATE_IMPOSSIBLE'], [11, 'VACCINE_UNKNOWN'], [12, 'VACCINATION_DATE_FUTURE'],
    ]);
  });

  it('reads merged cells, date cells, formula results, rich text, hyperlinks and serials', () => {
    const input = (row: number) => preview.records.find((r) => r.row === row)!.input;
    expect(input(7)).toEqual({
      person: { idType: 'CCCD', idNumber: '079085001234', fullName: 'Nguyễn Văn An', dob: '1985-05-12', sex: 'M', nationality: '', phone: '0912345678' },
      dose: { vaccine: 'ASTRAZENECA', lot: 'AZ1234', doseNumber: 2, vaccinationDate: '2021-09-30' },
    });
    expect(input(9).person).toMatchObject({ fullName: 'Trần Thị Hương', dob: '1990-04-03', sex: 'F', phone: '0912345679' });
    expect(input(9).person.fullName).toBe('Trần Thị Hương'.normalize('NFC'));
    expect(input(9).dose).toEqual({ vaccine: 'PFIZER', lot: 'FF2382', doseNumber: 1, vaccinationDate: '2021-08-15' });
    expect(input(10).person).toMatchObject({ idNumber: '001085012345', dob: '1985' });
    expect(input(10).dose).toMatchObject({ vaccine: 'MODERNA', vaccinationDate: '2021-09-11' });
    expect(input(12).person).toMatchObject({ idType: 'PASSPORT', idNumber: 'C1234567' });
  });

  it('reads a named sheet, and refuses one without a header or one that does not exist', async () => {
    const path = tmp.file('province.xlsx');
    await expect(previewImport(path, { now, sheet: 'danh sách' })).resolves.toMatchObject({ sheet: 'Danh sách', rows: 6 });
    await expect(previewImport(path, { now, sheet: 'Hướng dẫn' })).rejects.toMatchObject({ code: 'IMPORT_NO_HEADER' });
    await expect(previewImport(path, { now, sheet: 'Tháng 9' })).rejects.toMatchObject({
      code: 'IMPORT_SHEET_NOT_FOUND',
      details: { sheet: 'Tháng 9', sheets: ['DanhMuc', 'Hướng dẫn', 'Danh sách'] },
    });
  });
});

describe('xlsx: English headers, split names, an id type column, the 1904 date system', () => {
  let preview: ImportPreview;
  beforeAll(async () => {
    const path = tmp.file('english-1904.xlsx');
    const header = ['No.', 'Family name', 'Given name', 'Year of birth', 'Sex', 'ID type', 'ID number', 'Nationality', 'Vaccine', 'Lot', 'Dose', 'Vaccination date'];
    const kim = ['Kim', 'Min-jun', 1990, 'Male', 'Passport', 'M12345678', 'Hàn Quốc', 'Comirnaty', 'FF1234'];
    await writeXlsx(
      path,
      [{
        name: 'Sheet1',
        rows: [
          header,
          [1, ...kim, 1, d('2021-08-01')],
          [2, ...kim, 2, d('2021-08-10')],
          [3, ...kim, 1, d('2021-08-01')],
          // 42920 in the 1904 system is 2021-07-05.
          [4, 'Nguyễn', 'Thị Lan', '1975', 'Female', 'CMND', '123456789', 'Việt Nam', 'Vero Cell', 'VC123', 'Mũi 1', 42920],
        ],
      }],
      { date1904: true },
    );
    preview = await previewImport(path, { now });
  });

  it('finds each row exactly as expected, the repeated dose as a duplicate', () => {
    expect(byRow(preview)).toEqual({
      2: ['warning', 'vaccinationDate:DOSE_INTERVAL_TOO_SHORT'],
      3: ['warning', 'vaccinationDate:DOSE_INTERVAL_TOO_SHORT'],
      4: ['duplicate', 'row:IMPORT_DUPLICATE_ROW'],
      5: ['ready'],
    });
    expect(preview).toMatchObject({ rows: 4, ready: 1, warnings: 2, errors: 0, duplicates: 1 });
  });

  it('joins family and given names, and reads 1904 serials and dates', () => {
    expect(preview.records[0]!.input).toEqual({
      person: { idType: 'PASSPORT', idNumber: 'M12345678', fullName: 'Kim Min-jun', familyName: 'Kim', givenName: 'Min-jun', dob: '1990', sex: 'M', nationality: 'KR', phone: null },
      dose: { vaccine: 'PFIZER', lot: 'FF1234', doseNumber: 1, vaccinationDate: '2021-08-01' },
    });
    expect(preview.records[3]!.input.dose).toEqual({ vaccine: 'VERO_CELL', lot: 'VC123', doseNumber: 1, vaccinationDate: '2021-07-05' });
    expect(preview.records[3]!.input.person).toMatchObject({ idType: 'CMND', nationality: 'VN', dob: '1975', sex: 'F' });
  });
});

describe('xlsx: cells that cannot be trusted', () => {
  it('reports Excel errors, formulas without a saved result, and an id in scientific notation', async () => {
    const path = tmp.file('bad-cells.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        ['Họ tên', 'Ngày sinh', 'CCCD', 'Vắc xin', 'Số lô', 'Mũi', 'Ngày tiêm'],
        ['Nguyễn Văn An', '12/05/1985', '079085001234', { error: '#N/A' }, 'AZ1234', 1, '01/07/2021'],
        ['Nguyễn Văn An', '12/05/1985', '079085001234', 'AstraZeneca', 'AZ1234', 2, { formula: 'G2+60' }],
        ['Trần Văn Bình', '01/01/1980', '1.08E+11', 'Pfizer', 'FF2382', 1, '01/08/2021'],
      ],
    }]);
    const preview = await previewImport(path, { now });
    expect(byRow(preview)).toEqual({
      2: ['error', 'vaccine:IMPORT_CELL_ERROR'],
      3: ['error', 'vaccinationDate:IMPORT_FORMULA_NO_VALUE'],
      4: ['error', 'idNumber:IMPORT_ID_SCIENTIFIC_NOTATION'],
    });
  });
});

describe('xlsx: the generated province report (demo and benchmark data)', () => {
  it('imports every dose, merged person cells included, written by the streaming writer', async () => {
    const doses = makeDoses(300, 5);
    const path = tmp.file('report.xlsx');
    await writeProvinceReport(path, doses);
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ sheet: 'Danh sách tiêm', headerRow: 5, rows: 600, ready: 600 });
    expect(preview.records.map((r) => [r.input.person.idNumber, r.input.dose.doseNumber, r.input.dose.vaccinationDate])).toEqual(
      doses.map((d) => [d.person.cccd, d.dose, d.date]),
    );
  });
});


describe('xlsx: which sheet holds the list', () => {
  const list = [STANDARD_HEADER, ...makeDoses(2, 5).map((d, i) => standardRow(d, i + 1))];

  it('passes over an empty template tab for the list on a later one; a workbook of templates only is empty', async () => {
    const path = tmp.file('template-first.xlsx');
    await writeXlsx(path, [{ name: 'Mẫu', rows: [['MẪU NHẬP'], STANDARD_HEADER] }, { name: 'Danh sách', rows: list }]);
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ sheet: 'Danh sách', rows: list.length - 1 });
    const only = tmp.file('template-only.xlsx');
    await writeXlsx(only, [{ name: 'Mẫu', rows: [STANDARD_HEADER] }, { name: 'Ghi chú', rows: [['Xem hướng dẫn']] }]);
    await expect(previewImport(only, { now })).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
  });

  it('names a hidden sheet that has the list when no visible one has, and reads it when asked for by name', async () => {
    const path = tmp.file('hidden-list.xlsx');
    await writeXlsx(path, [{ name: 'Bìa', rows: [['BÁO CÁO TIÊM CHỦNG']] }, { name: 'Data', hidden: true, rows: list }]);
    const refused = await previewImport(path, { now }).then(
      () => null,
      (e: unknown) => e as StationError,
    );
    expect(refused).toMatchObject({ code: 'IMPORT_NO_HEADER', details: { hiddenSheet: 'Data' } });
    expect(refused!.messageEn).toContain('Sheet "Data" holds a list but is hidden');
    expect(refused!.messageVi).toContain('Trang tính "Data" có danh sách nhưng đang bị ẩn');
    await expect(previewImport(path, { now, sheet: 'Data' })).resolves.toMatchObject({ sheet: 'Data', rows: list.length - 1 });
  });

  it('names the hidden sheet too when the visible one is an empty template (not "the file has no data")', async () => {
    const path = tmp.file('template-and-hidden-list.xlsx');
    await writeXlsx(path, [{ name: 'Mẫu', rows: [STANDARD_HEADER] }, { name: 'Dữ liệu', hidden: true, rows: list }]);
    await expect(previewImport(path, { now })).rejects.toMatchObject({ code: 'IMPORT_NO_HEADER', details: { hiddenSheet: 'Dữ liệu' } });
  });
});
