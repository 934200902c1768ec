// The Ministry's register forms split a column in two under "Nam" | "Nữ": the year of birth is
// written under the person's sex, or a mark under "Giới tính". Both cells are read: the filled one
// is the value, its column the sex (findHeaderRow.ts SexSplit). Real generated files, each row's
// values and findings.
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { makeTempDir, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

function outcome(p: ImportPreview): [number, string, string, string, ...string[]][] {
  return p.records.map((r) => [r.row, r.status, String(r.input.person.dob), String(r.input.person.sex), ...r.findings.map((f) => `${f.field}:${f.code}`)]);
}

const dose = ['AstraZeneca', 'AB1234', '1', '01/07/2021'];

describe('a year of birth under "Nam" | "Nữ"', () => {
  it('reads the filled cell as the year and its column as the sex; both filled is an error naming both', async () => {
    const path = tmp.file('year-by-sex.xlsx');
    await writeXlsx(path, [
      {
        name: 'Sổ tiêm',
        rows: [
          ['STT', 'Họ và tên', 'Năm sinh', null, 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
          [null, null, 'Nam', 'Nữ'],
          ['1', 'Nguyễn Văn An', '1960', null, '079060000105', ...dose],
          ['2', 'Trần Thị Bình', null, 1972, '079172000106', ...dose],
          ['3', 'Lê Văn Cường', '1985', '1985', '079085000107', ...dose],
        ],
        merges: ['C1:D1'],
      },
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.findings.filter((f) => f.code === 'IMPORT_COLUMNS_SAME_FIELD')).toEqual([]);
    expect(outcome(preview)).toEqual([
      [3, 'ready', '1960', 'M'],
      [4, 'ready', '1972', 'F'],
      [5, 'error', '', 'M', 'dob:IMPORT_DOB_BOTH_SEXES'],
    ]);
    expect(preview.records[2]!.findings[0]!.message_en).toBe("The year of birth is written under both Nam (1985) and Nữ (1985): write it under the person's sex only.");
  });

  it('also when the header is written twice instead of merged (a CSV), and the columns are Nữ first', async () => {
    const path = tmp.file('year-by-sex.csv');
    writeDelimited(path, [
      ['STT', 'Họ và tên', 'Năm sinh', 'Năm sinh', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
      ['', '', 'Nữ', 'Nam', '', '', '', '', ''],
      ['1', 'Nguyễn Văn An', '', '1960', '079060000105', ...dose],
      ['2', 'Trần Thị Bình', '1972', '', '079172000106', ...dose],
    ]);
    expect(outcome(await previewImport(path, { now }))).toEqual([
      [3, 'ready', '1960', 'M'],
      [4, 'ready', '1972', 'F'],
    ]);
  });
});

describe('a mark under "Giới tính": "Nam" | "Nữ"', () => {
  it('reads the marked column as the sex (an x is not "unknown" there); both marked is unknown with a warning; none falls back to the CCCD', async () => {
    const path = tmp.file('sex-marks.xlsx');
    await writeXlsx(path, [
      {
        name: 'DS',
        rows: [
          ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', null, 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
          [null, null, null, 'Nam', 'Nữ'],
          ['1', 'Nguyễn Văn An', '15/03/1985', 'x', null, '079185000102', ...dose],
          ['2', 'Trần Thị Bình', '15/03/1985', null, 'X', '079085000103', ...dose],
          ['3', 'Lê Văn Cường', '15/03/1985', 'x', 'x', '079085000104', ...dose],
          ['4', 'Phạm Thị Dung', '15/03/1985', null, null, '079185000105', ...dose],
        ],
        merges: ['D1:E1'],
      },
    ]);
    const rows = outcome(await previewImport(path, { now })).map(([row, , , sex, ...codes]) => [row, sex, ...codes.filter((c) => c.startsWith('sex:'))]);
    expect(rows).toEqual([
      [3, 'M'],
      [4, 'F'],
      [5, 'X', 'sex:IMPORT_SEX_BOTH_MARKED'],
      [6, 'F'],
    ]);
  });

  it('two columns of one field without "Nam" | "Nữ" under them are not split: the first is read, the other named', async () => {
    const path = tmp.file('two-sex-columns.csv');
    writeDelimited(path, [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Số lô', 'Mũi tiêm thứ', 'Ngày tiêm'],
      ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', 'Nam', '079085000102', ...dose],
    ]);
    const preview = await previewImport(path, { now });
    expect(preview.findings.map((f) => f.code)).toContain('IMPORT_COLUMNS_SAME_FIELD');
    expect(preview.records[0]!.input.person.sex).toBe('M');
  });
});
