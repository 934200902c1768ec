// Vietnamese typed with a TCVN3 (ABC) font such as .VnTime is stored as Latin-1 that only that
// font draws as Vietnamese: "Nguyễn Văn Trường" is "NguyÔn V¨n Tr­êng" in the file. Such names
// were a warning at most (NAME_UNUSUAL_CHARACTERS), or nothing ("NguyÔn ThÞ Lan"), and could be
// signed (legacyFont.ts). The TCVN3 strings below are the names as such a file holds them.
import { afterAll, describe, expect, it } from 'vitest';
import { hasLegacyLetters } from '../../../electron/core/import/legacyFont.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { StationError } from '../../../shared/errors.js';
import { previewRefusal } from './previewRefusal.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

/** "Nguyễn Văn Trường", "Nguyễn Thị Lan", "Trần Bình", "Hà Nội" and the header "Họ và tên" in TCVN3. */
const TCVN3 = { truong: 'NguyÔn V¨n Tr\u00adêng', lan: 'NguyÔn ThÞ Lan', binh: 'TrÇn B×nh', hanoi: 'Hµ Néi', hoVaTen: 'Hä vµ tªn', ngaySinh: 'Ngµy sinh', gioiTinh: 'Giíi tÝnh' };

const person = (n: number, name: string): string[] => [String(n), name, '15/03/1985', 'Nam', `07908500${1000 + n}`, '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021'];

const refusal = (path: string): Promise<StationError> => previewRefusal(path, now);

describe('text in a legacy TCVN3 font', () => {
  it('is told from TCVN3 names and never from Unicode ones, Vietnamese or not', () => {
    for (const t of Object.values(TCVN3)) expect([t, hasLegacyLetters(t)]).toEqual([t, true]);
    const unicode = [...makeDoses(400, 5).map((d) => d.person.fullName), 'Đặng Thùy Dương', 'Lê Thị Ánh', 'ÁNH', 'José Müller', 'McDonald Smith', 'Zoë Ørsted'];
    expect(unicode.filter(hasLegacyLetters)).toEqual([]);
  });

  it('refuses a workbook whose header is in the font, saying how to convert it', async () => {
    const path = tmp.file('vntime-header.xlsx');
    const header = ['STT', TCVN3.hoVaTen, TCVN3.ngaySinh, TCVN3.gioiTinh, 'Sè CCCD', 'Sè ®iÖn tho¹i', 'Tªn v¾c xin', 'Sè l«', 'Mòi tiªm thø', 'Ngµy tiªm'];
    await writeXlsx(path, [{ name: 'DS', rows: [header, person(1, TCVN3.truong), person(2, TCVN3.lan)] }]);
    const err = await refusal(path);
    expect(err.code).toBe('IMPORT_LEGACY_FONT');
    expect(err.messageEn).toContain('For example row 1: "Hä vµ tªn" (by the TCVN3 (ABC) table: "Họ và tên")');
    expect(err.messageEn).toContain('convert it from TCVN3 (ABC) to Unicode');
    expect(err.messageVi).toContain('chuyển mã từ TCVN3 (ABC) sang Unicode');
  });

  it('refuses a list whose names are in the font under a Unicode header, in an xlsx or a CSV', async () => {
    const rows = [STANDARD_HEADER, person(1, TCVN3.truong), person(2, TCVN3.lan), person(3, 'Lê Văn An'), person(4, TCVN3.binh)];
    const xlsx = tmp.file('vntime-names.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows }]);
    const csv = tmp.file('vntime-names.csv');
    writeDelimited(csv, rows);
    for (const path of [xlsx, csv]) {
      const err = await refusal(path);
      expect(err.code).toBe('IMPORT_LEGACY_FONT');
      expect(err.details).toMatchObject({ row: 2, where: 'names', font: 'TCVN3', reading: 'Nguyễn Văn Trường', namesInLegacyFont: 3, namesLookedAt: 4 });
      expect(err.messageVi).toContain(`Ví dụ dòng 2: "${TCVN3.truong}" (theo bảng mã TCVN3 (ABC): "Nguyễn Văn Trường")`);
    }
  });

  it('makes one such name among Unicode ones an error of its row', async () => {
    const path = tmp.file('one-vntime-name.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, person(1, 'Lê Văn An'), person(2, TCVN3.lan), person(3, 'Trần Thị Bích')] }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.findings.map((f) => `${f.field}:${f.code}`).join()])).toEqual([
      [2, 'ready', ''],
      [3, 'error', 'fullName:IMPORT_NAME_LEGACY_FONT'],
      [4, 'ready', ''],
    ]);
    // The name as the cell holds it, and what it reads: the user sees whose row it is.
    expect(preview.records[1]!.findings[0]!.message_en).toContain(`The name "${TCVN3.lan}" looks typed in a legacy TCVN3 (.VnTime) font, not Unicode (by the TCVN3 (ABC) table it reads "Nguyễn Thị Lan")`);
  });
});
