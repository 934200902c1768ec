// Session 25: hospital systems number every row, their subtotals too, and write the subtotal's
// label in the name column with the day's vaccine, lot and date beside it ("2 | Cộng ngày
// 11/08/2021 | … | Pfizer | FF1234 | 1 | 11/08/2021"). Such a row became a record with errors (no
// id, no date of birth) rather than a subtotal skipped with a note.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm';
const person = (stt: number, name: string, year: number, day: string): string =>
  `${stt},${name},01/01/${year},Nam,0010${year % 100}000${700 + stt},Pfizer,FF1234,1,${day}/08/2021`;

describe('a subtotal written in the name column of a numbered row, the dose cells filled', () => {
  it('is skipped as a totals row, and the records around it are read', async () => {
    const path = tmp.file('his-subtotals.csv');
    writeFileSync(path, [
      HEADER,
      person(1, 'Trần Văn An', 1960, '11'),
      '2,Cộng ngày 11/08/2021,,,,Pfizer,FF1234,1,11/08/2021',
      person(3, 'Lê Thị Bình', 1961, '12'),
      '4,Tổng cộng xã A,,,,Pfizer,,,12/08/2021',
      person(5, 'Phạm Văn Cường', 1962, '13'),
      '6,Cộng: 120,,,,Pfizer,FF1234,1,',
      person(7, 'Đỗ Văn Dũng', 1963, '13'),
      '8,Tổng số mũi 1: 3,,,,Pfizer,FF1234,1,13/08/2021',
      person(9, 'Hoàng Thị Em', 1964, '13'),
    ].join('\r\n'));
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status])).toEqual([[2, 'ready'], [4, 'ready'], [6, 'ready'], [8, 'ready'], [10, 'ready']]);
    const skipped = preview.findings.filter((f) => f.code === 'IMPORT_ROW_SKIPPED').map((f) => f.row);
    expect(skipped).toEqual([3, 5, 7, 9]);
    expect(preview.findings.find((f) => f.row === 3)!.message_vi).toContain('dòng tổng');
  });

  it('keeps a person whose name starts like a total, and a subtotal label beside an id, as records', async () => {
    const path = tmp.file('his-names.csv');
    writeFileSync(path, [
      HEADER,
      person(1, 'Công Văn An', 1960, '11'),
      person(2, 'Tống Thị Bình', 1961, '11'),
      person(3, 'Cong Van Cuong', 1962, '11'),
      '4,Cộng ngày 11/08/2021,01/01/1963,Nam,001063000704,Pfizer,FF1234,1,11/08/2021',
    ].join('\r\n'));
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => r.row)).toEqual([2, 3, 4, 5]);
  });
});
