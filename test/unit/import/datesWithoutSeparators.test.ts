// Probe 3 of clinic files: dates typed in a hurry. "01082021" typed in a General cell is the number
// 1082021 to Excel, which was read as a serial: the year 4862, said as "in the future" (or, for a
// date of birth, as a CCCD whose digits do not match), and the text "01082021" was unreadable. A
// time written the Vietnamese way ("01/08/2021 8h30") made the date unreadable too.
import { afterAll, describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const read = (value: string | number, field: 'dob' | 'vaccinationDate' = 'vaccinationDate'): [string, string[]] => {
  const r = parseDateCell(value, field, false);
  return [r.value, r.findings.map((f) => `${f.code}:${f.severity}`)];
};

describe('a date typed without separators', () => {
  it('of eight digits is day, month, year: as text and as the number Excel keeps', () => {
    expect(read('01082021')).toEqual(['2021-08-01', []]);
    expect(read(30122021)).toEqual(['2021-12-30', []]);
    expect(read(12031985, 'dob')).toEqual(['1985-03-12', []]);
    // yyyymmdd stays what it was; no text is both.
    expect(read('20210801')).toEqual(['2021-08-01', []]);
  });

  it('of seven digits (a leading zero Excel dropped) is read when one day fits, asked for when two do', () => {
    expect(read(3122021)).toEqual(['2021-12-03', ['IMPORT_DATE_NO_SEPARATORS:warning']]);
    expect(read(1082021)).toEqual(['1082021', ['IMPORT_DATE_NO_SEPARATORS:error']]);
    expect(parseDateCell(1082021, 'vaccinationDate', false).findings[0]!.message_vi).toBe(
      'Ngày tiêm "1082021" được gõ không có dấu phân cách nên không rõ là ngày 01/08/2021 hay 10/08/2021: hãy ghi dạng ngày/tháng/năm (dd/mm/yyyy).',
    );
    expect(read('1031985', 'dob')).toEqual(['1031985', ['IMPORT_DATE_NO_SEPARATORS:error']]);
  });

  it('a number past 2100 as a serial is unreadable, never a date centuries ahead', () => {
    expect(read(2502021)).toEqual(['2502021', ['IMPORT_DATE_UNREADABLE:error']]);
    expect(read(44409.75)).toEqual(['2021-08-01', []]);
  });

  it('through a workbook: the records hold the dates the clerk typed', async () => {
    const path = tmp.file('compact.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        rows: [
          ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'],
          [1, 'Trần Văn Cường', 12031985, 'Nam', '001085012347', 'AstraZeneca', 'NJ0342', 1, 30122021],
          [2, 'Lê Văn Dũng', '12031985', 'Nam', '001085012348', 'AstraZeneca', 'NJ0342', 1, 1082021],
        ],
      },
    ]);
    const preview = await previewImport(path, { now: () => new Date('2023-01-10T03:00:00Z') });
    expect(preview.records.map((r) => [r.input.person.dob, r.input.dose.vaccinationDate, r.status, ...r.findings.map((f) => f.code)])).toEqual([
      ['1985-03-12', '2021-12-30', 'ready'],
      ['1985-03-12', '1082021', 'error', 'IMPORT_DATE_NO_SEPARATORS'],
    ]);
  });
});

describe('a date with a time as Vietnamese write it', () => {
  it('is the date', () => {
    for (const text of ['01/08/2021 8h30', '01/08/2021 8h', '01/08/2021 - 8h30', '1/8/2021 8g30', '01/08/2021, 08:30', "01/08/2021 08h30'"]) {
      expect(read(text), text).toEqual(['2021-08-01', []]);
    }
    // Session 22: the session of the vaccination day, with or without its hour.
    for (const text of ['01/08/2021 sáng', '01/08/2021 (chiều)', '01/08/2021 buổi sáng', '01/08/2021 8h sáng', '01/08/2021 - CHIỀU', '1/8/2021 toi', '01/08/2021 08:30 sáng', '01/08/2021 8 giờ sáng', '01/08/2021 8 giờ 30 phút']) {
      expect(read(text), text).toEqual(['2021-08-01', []]);
    }
    expect(read('01/08/2021 18')[1]).toEqual(['IMPORT_DATE_UNREADABLE:error']);
    expect(read('01/08/2021 sáng mai')[1]).toEqual(['IMPORT_DATE_UNREADABLE:error']);
  });
});
