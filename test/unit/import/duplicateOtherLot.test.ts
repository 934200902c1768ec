// One person's same dose on two rows of a file with two lots (a row typed again to correct the lot,
// or a lot misread on one of them): the second was skipped as "the same dose twice", the first
// row's lot stored ready to sign, with nothing saying the lots differ. Which lot is right cannot be
// told from the file, and the lot goes on the passport: both rows are an error naming both lots.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2023-01-10T03:00:00Z');

const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tên vắc xin,Số lô,Mũi tiêm,Ngày tiêm';

async function preview(lines: readonly string[]) {
  const path = tmp.file(`other-lot-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, [HEADER, ...lines].join('\r\n'));
  return previewImport(path, { now });
}

describe('the same dose of one person on two rows', () => {
  it('with two lots: both rows an error naming both rows and lots, neither stored', async () => {
    const p = await preview([
      '1,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
      '2,Lê Thị Bình,01/01/1961,Nữ,001161000702,Pfizer,FF1234,1,11/08/2021',
      '3,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1243,1,11/08/2021',
    ]);
    expect(p.records.map((r) => [r.row, r.status])).toEqual([[2, 'error'], [3, 'ready'], [4, 'error']]);
    const [a, b] = [p.records[0]!, p.records[2]!].map((r) => r.findings.find((f) => f.code === 'IMPORT_DUPLICATE_OTHER_LOT')!);
    expect(a!.severity).toBe('error');
    expect(a!.field).toBe('lot');
    expect(a!.message_en).toBe('Rows 2 and 4 give the same dose (dose 1, 2021-08-11) of the same person with two lots: "FF1234" and "FF1243". One of them is mistyped, and which cannot be told: correct it (keep one of the two rows) and import again.');
    expect(a!.message_vi).toBe('Dòng 2 và dòng 4 ghi cùng một mũi tiêm (mũi 1, ngày 11/08/2021) của cùng một người nhưng với hai số lô: "FF1234" và "FF1243". Một trong hai số lô gõ sai, không biết được số nào đúng: hãy sửa (giữ một trong hai dòng) rồi nhập lại.');
    expect(b!.message_en).toContain('Rows 4 and 2');
  });

  it('with one lot left blank: the blank one said as blank, not as an empty lot ""', async () => {
    const p = await preview([
      '1,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
      '2,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,,1,11/08/2021',
    ]);
    const said = p.records[0]!.findings.find((f) => f.code === 'IMPORT_DUPLICATE_OTHER_LOT')!;
    expect(said.message_en).toContain('two lots: "FF1234" and (blank).');
    expect(said.message_vi).toContain('hai số lô: "FF1234" và (trống).');
  });

  it('with one lot written two ways (case, spaces): a repeat, skipped as before', async () => {
    const p = await preview([
      '1,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021',
      '2,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer, ff1234 ,1,11/08/2021',
    ]);
    expect(p.records.map((r) => r.status)).toEqual(['ready', 'duplicate']);
  });

  it('on two day sheets: each row named with its sheet', async () => {
    const path = tmp.file('other-lot-days.xlsx');
    const header = HEADER.split(',');
    await writeXlsx(path, [
      { name: 'Ngày 1', rows: [header, '1,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF1234,1,11/08/2021'.split(',')] },
      { name: 'Ngày 2', rows: [header, '1,Lê Thị Bình,01/01/1961,Nữ,001161000702,Pfizer,FF1234,1,12/08/2021'.split(','), '2,Trần Văn An,01/01/1960,Nam,001060000701,Pfizer,FF9999,1,11/08/2021'.split(',')] },
    ]);
    const p = await previewImport(path, { now });
    expect(p.records.map((r) => [r.sheet, r.row, r.status])).toEqual([['Ngày 1', 2, 'error'], ['Ngày 2', 2, 'ready'], ['Ngày 2', 3, 'error']]);
    expect(p.records[0]!.findings.find((f) => f.code === 'IMPORT_DUPLICATE_OTHER_LOT')!.message_en).toContain('Row 2 of sheet "Ngày 1" and row 3 of sheet "Ngày 2"');
  });
});
