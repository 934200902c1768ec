// The days of one list are read together for the way they write their dates (one day alone may
// have no day over 12), so the row that shows the order may be on another day's sheet: the note
// named "row 3", a row of every day. It names the sheet when several are read.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const row = (stt: number, name: string, dob: string, cccd: string, date: string): string[] => [String(stt), name, dob, 'Nam', cccd, '0912345678', 'Pfizer', 'FF2587', '1', date];

describe('the row that shows how a workbook of day sheets writes its dates', () => {
  it('is named with its sheet', async () => {
    const path = tmp.file('month-first-days.xlsx');
    await writeXlsx(path, [
      { name: 'Ngày 1', rows: [STANDARD_HEADER, row(1, 'Nguyễn Văn An', '03/04/1985', '001085012341', '08/05/2021'), row(2, 'Trần Văn Bình', '02/06/1980', '001080012342', '08/05/2021')] },
      { name: 'Ngày 2', rows: [STANDARD_HEADER, row(1, 'Lê Văn Cường', '03/04/1986', '001086012343', '08/06/2021'), row(2, 'Phạm Văn Dũng', '01/02/1990', '001090012344', '08/16/2021')] },
    ]);
    const p = await previewImport(path, { now });
    expect(p.sheetsRead.map((s) => s.sheet)).toEqual(['Ngày 1', 'Ngày 2']);
    const notes = p.findings.filter((f) => f.code === 'IMPORT_DATE_READ_MONTH_FIRST' && f.sheet === 'Ngày 1' && f.row === 2);
    expect(notes.map((f) => f.message_en)).toContain('The vaccination date "08/05/2021" is read month first (mm/dd/yyyy) as 2021-08-05, because the file writes its dates that way (row 3 of sheet "Ngày 2": "08/16/2021"). Check it.');
    expect(notes.map((f) => f.message_vi)).toContain('Ngày tiêm "08/05/2021" được đọc theo kiểu tháng trước ngày (mm/dd/yyyy) là ngày 05/08/2021, vì tệp ghi ngày theo kiểu đó (dòng 3 trang "Ngày 2": "08/16/2021"). Hãy kiểm tra lại.');
  });

  it('a workbook of one sheet names the row alone, as before', async () => {
    const path = tmp.file('month-first-one.xlsx');
    await writeXlsx(path, [{ name: 'Ngày 1', rows: [STANDARD_HEADER, row(1, 'Nguyễn Văn An', '03/04/1985', '001085012341', '08/05/2021'), row(2, 'Phạm Văn Dũng', '01/02/1990', '001090012344', '08/16/2021')] }]);
    const p = await previewImport(path, { now });
    expect(p.findings.find((f) => f.code === 'IMPORT_DATE_READ_MONTH_FIRST' && f.row === 2)!.message_en).toContain('(row 3: "08/16/2021")');
  });
});
