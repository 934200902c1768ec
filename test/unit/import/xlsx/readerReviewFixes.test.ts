// What a second review of session 23's reader changes found on ordinary workbooks.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../../electron/core/import/previewImport.js';
import { inlineSheetData, makeTempDir, writeRawXlsx, writeXlsx } from '../../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

describe('a hidden id column beside a visible one of another paper', () => {
  // A visible column wins a tie over a hidden one (hiddenColumns.test.ts); the CCCD column hidden
  // for printing beside a passport column then lost every Vietnamese row's id: the other id
  // column is read where the one chosen is blank, as for two visible ones.
  const rows = [
    ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Số hộ chiếu', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'],
    ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '001085012345', '', 'Pfizer', 'FF2587', '1', '20/07/2021'],
    ['2', 'John Smith', '02/11/1980', 'Nam', '', 'C1234567', 'Pfizer', 'FF2587', '1', '20/07/2021'],
    ['3', 'Trần Thị Bình', '02/11/1990', 'Nữ', '079190001234', '', 'AstraZeneca', 'NJ0342', '1', '21/08/2021'],
  ];
  it.each([['E', 5], ['F', 6]])('column %s hidden: every row keeps its id', async (_letter, column) => {
    const path = tmp.file(`id-hidden-${column}.xlsx`);
    writeRawXlsx(path, `<cols><col min="${column}" max="${column}" hidden="1"/></cols>${inlineSheetData(rows)}`);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.input.person.idNumber, r.status])).toEqual([
      ['001085012345', 'ready'],
      // "John Smith" in a list without a nationality column: IMPORT_NATIONALITY_ASSUMED (nationalityAssumed.test.ts).
      ['C1234567', 'warning'],
      ['079190001234', 'ready'],
    ]);
  });
});

describe('a year of birth column whose cells are dates shown as the year', () => {
  it.each(['yyyy', 'YYYY'])('"%s" under "Năm sinh" is the year only, as under "Ngày sinh"', async (format) => {
    const path = tmp.file(`year-${format}.xlsx`);
    await writeXlsx(path, [{
      name: 'DS',
      dateFormat: format,
      rows: [
        ['Họ và tên', 'Năm sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'],
        ['Nguyễn Văn An', new Date(Date.UTC(1985, 0, 1)), '001085012345', 'Pfizer', 'FF2587', '1', '20/07/2021'],
      ],
    }]);
    const p = await previewImport(path, { now });
    expect(p.records[0]!.input.person.dob).toBe('1985');
  });
});

describe('a value of spaces only', () => {
  it.each(['s', 'b', 'e', 'd', 'n'])('`<v> </v>` in a t="%s" cell is a blank cell, not an error or a refusal', async (type) => {
    const path = tmp.file(`space-${type}.xlsx`);
    const header = ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm', 'Điện thoại'];
    const row = ['Nguyễn Văn An', '15/03/1985', '001085012345', 'Pfizer', 'FF2587', '1', '20/07/2021'];
    const data = inlineSheetData([header, row]).replace('</row></sheetData>', `<c r="H2"${type === 'n' ? '' : ` t="${type}"`}><v> </v></c></row></sheetData>`);
    writeRawXlsx(path, data);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.status, r.input.person.phone ?? ''])).toEqual([['ready', '']]);
  });
});
