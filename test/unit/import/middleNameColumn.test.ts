// Forms that split a name in three — "Họ" | "Tên đệm" | "Tên", or the South's "Họ" | "Chữ lót" |
// "Tên" — lost the middle column: "Trần" | "Thị Bích" | "Ngọc" was stored as "Trần Ngọc", a
// different person on the certificate. And "Họ tên đệm" | "Tên" read the first column as the
// whole name, leaving the given name out.
import { afterAll, describe, expect, it } from 'vitest';
import { matchHeader } from '../../../electron/core/import/headerAliases.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-15T03:00:00Z');

const names = (p: ImportPreview) => p.records.map((r) => [r.input.person.fullName, r.input.person.familyName, r.input.person.givenName]);
const DOSE = ['Pfizer', 'FF2587', '1', '03/08/2021'];
const TAIL_HEADER = ['Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'];

describe('a name in three columns', () => {
  it('"Họ" | "Tên đệm" | "Tên": the middle name is kept, before the given name', async () => {
    const path = tmp.file('ho-tendem-ten.csv');
    writeDelimited(path, [
      ['STT', 'Họ', 'Tên đệm', 'Tên', ...TAIL_HEADER],
      ['1', 'Trần', 'Thị Bích', 'Ngọc', '01/12/1990', 'Nữ', '001190012345', ...DOSE],
      // No middle name: nothing in between.
      ['2', 'Lê', '', 'Hoa', '20/02/1988', 'Nữ', '079188001234', ...DOSE],
      ['3', 'Nguyễn', '  Văn ', 'An', '12/05/1985', 'Nam', '079085001234', ...DOSE],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview).toMatchObject({ rows: 3, errors: 0 });
    expect(names(preview)).toEqual([
      ['Trần Thị Bích Ngọc', 'Trần', 'Thị Bích Ngọc'],
      ['Lê Hoa', 'Lê', 'Hoa'],
      ['Nguyễn Văn An', 'Nguyễn', 'Văn An'],
    ]);
  });

  it('"Họ" | "Chữ lót" | "Tên" in a workbook, the headers in capitals', async () => {
    const path = tmp.file('ho-chulot-ten.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [['HỌ', 'CHỮ LÓT', 'TÊN', ...TAIL_HEADER], ['Võ', 'Thị Sáu', 'Hồng', '05/06/1995', 'Nữ', '079195008888', ...DOSE]] }]);
    const preview = await previewImport(path, { now });
    expect(names(preview)).toEqual([['Võ Thị Sáu Hồng', 'Võ', 'Thị Sáu Hồng']]);
  });

  it('"Họ tên đệm" | "Tên" and "Họ và chữ lót" | "Tên": two columns, both kept', async () => {
    for (const first of ['Họ tên đệm', 'Họ và chữ lót', 'Họ và tên lót']) {
      const path = tmp.file(`two-${first.replace(/\s/g, '-')}.csv`);
      writeDelimited(path, [[first, 'Tên', ...TAIL_HEADER], ['Trần Thị Bích', 'Ngọc', '01/12/1990', 'Nữ', '001190012345', ...DOSE]]);
      const preview = await previewImport(path, { now });
      expect(preview.records[0]?.input.person.fullName, first).toBe('Trần Thị Bích Ngọc');
    }
  });

  it('a middle-name column beside a full-name column is not added to it', async () => {
    const path = tmp.file('full-and-middle.csv');
    writeDelimited(path, [['Họ và tên', 'Tên đệm', ...TAIL_HEADER], ['Trần Thị Bích Ngọc', 'Thị Bích', '01/12/1990', 'Nữ', '001190012345', ...DOSE]]);
    const preview = await previewImport(path, { now });
    expect(names(preview)).toEqual([['Trần Thị Bích Ngọc', undefined, undefined]]);
  });

  it('"Lót" or "Lô" alone is still the vaccine lot, never a middle name', () => {
    expect(matchHeader('Lót')?.field).toBe('lot');
    expect(matchHeader('Số lô')?.field).toBe('lot');
    expect(matchHeader('Tên đệm (nếu có)')?.field).toBe('middleName');
    expect(matchHeader('Middle name')?.field).toBe('middleName');
  });
});
