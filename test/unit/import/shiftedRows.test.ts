// A separator inside a value that is not in quotes ("Ấp 1, Tân Phú") moves every later cell of
// the row one column over. The row was refused only through its symptoms (an unknown vaccine "Tân
// Phú", a lot that is a vaccine name). The cause is now said, on that row only; trailing empty
// cells are no shift, and a note beside a workbook's table is not one either.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Địa chỉ', 'Tên vắc xin', 'Số lô', 'Mũi thứ', 'Ngày tiêm'];

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe('a row wider than its header', () => {
  it.each([',', ';'])('separated by "%s": the row with the unquoted separator says why its cells moved', async (sep) => {
    const path = tmp.file(`shift${sep === ',' ? 'comma' : 'semi'}.csv`);
    const lines = [
      HEADER.join(sep),
      ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085000905', 'Ấp 3', 'Pfizer', 'FF2382', '1', '03/09/2021'].join(sep),
      // The address holds the separator, unquoted.
      ['2', 'Phạm Thị Thu Hà', '09/01/1972', 'Nữ', '036172009876', `Ấp 1${sep} Tân Phú`, 'Pfizer', 'FF2382', '1', '03/09/2021'].join(sep),
      // Trailing empty cells, as spreadsheets write them: no shift.
      ['3', 'Đỗ Quang Huy', '31/12/1999', 'Nam', '031099001122', 'Số 5', 'Moderna', '3003817', '1', '01/10/2021', '', ''].join(sep),
    ];
    writeFileSync(path, lines.join('\r\n'));
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, codes(r).includes('IMPORT_ROW_WIDER_THAN_HEADER')])).toEqual([[2, false], [3, true], [4, false]]);
    const said = preview.records[1]!.findings.find((f) => f.code === 'IMPORT_ROW_WIDER_THAN_HEADER')!;
    expect(said.severity).toBe('error');
    expect(preview.records[1]!.status).toBe('error');
    expect(said.message_en).toContain('This row has 11 cells but the header only 10 columns');
    expect(said.message_en).toContain(sep === ',' ? 'a comma in it' : 'a semicolon in it');
    expect(said.message_vi).toContain('11 ô');
  });

  it('a workbook\'s note beside the table is not a shifted row', async () => {
    const path = tmp.file('note.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [HEADER, ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085000905', 'Ấp 3', 'Pfizer', 'FF2382', 1, '03/09/2021', '', 'gọi lại sau']],
    }]);
    const preview = await previewImport(path, { now });
    expect(codes(preview.records[0]!)).not.toContain('IMPORT_ROW_WIDER_THAN_HEADER');
  });
});
