// TCVN3 (.VnTime) writes ư as byte 0xAD, which Unicode reads as a soft hyphen (U+00AD), and
// normalizeName deletes soft hyphens: "Lưu Minh Thư" in TCVN3, "L\u00adu Minh Th\u00ad", was stored as
// "Lu Minh Th", ready, with no other TCVN3 letter to give it away. The legacy-font check now reads
// the cells as written (legacyFont.ts); a soft hyphen in a Unicode name is still deleted.
import { afterAll, describe, expect, it } from 'vitest';
import { legacyFontOf } from '../../../electron/core/import/legacyFont.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeTempDir, STANDARD_HEADER, writeDelimited, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const SHY = '\u00ad';
/** "Lưu Minh Thư" and "Trương Văn Hưng" in TCVN3: their only TCVN3 letter is ư, and "Văn" brings ¨. */
const LUU = `L${SHY}u Minh Th${SHY}`;
const TRUONG = `Tr${SHY}¬ng V¨n H${SHY}ng`;

const person = (n: number, ...name: string[]): string[] => [String(n), ...name, '15/03/1985', 'Nam', `07908500${1000 + n}`, '0912345678', 'AstraZeneca', 'AB1234', '1', '29/07/2021'];
const summary = (records: { row: number; status: string; findings: { field: string; code: string }[] }[]): unknown[] =>
  records.map((r) => [r.row, r.status, r.findings.map((f) => `${f.field}:${f.code}`).join()]);

describe("TCVN3's ư, a soft hyphen", () => {
  it('is read as ư when the name reads as Vietnamese so, and left a soft hyphen otherwise', () => {
    expect(legacyFontOf(LUU)).toEqual({ font: 'TCVN3', reading: 'Lưu Minh Thư' });
    expect(legacyFontOf(TRUONG)).toEqual({ font: 'TCVN3', reading: 'Trương Văn Hưng' });
    // Unicode names with a soft hyphen from a web page: past Latin-1, or no syllable with ư.
    for (const name of [`Nguyễn Văn Trư${SHY}ờng`, `Jo${SHY}hannes Schmidt`, `Hoàng Min${SHY}h`, `Anna Mül${SHY}ler`]) expect([name, legacyFontOf(name)]).toEqual([name, null]);
  });

  it('makes a TCVN3 name whose only TCVN3 letter is ư an error of its row, in an xlsx or a CSV, saying what it reads', async () => {
    const rows = [STANDARD_HEADER, person(1, 'Lê Văn An'), person(2, LUU), person(3, 'Trần Thị Bích')];
    const xlsx = tmp.file('tcvn3-u.xlsx');
    await writeXlsx(xlsx, [{ name: 'DS', rows }]);
    const csv = tmp.file('tcvn3-u.csv');
    writeDelimited(csv, rows);
    for (const path of [xlsx, csv]) {
      const preview = await previewImport(path, { now });
      expect(summary(preview.records)).toEqual([
        [2, 'ready', ''],
        [3, 'error', 'fullName:IMPORT_NAME_LEGACY_FONT'],
        [4, 'ready', ''],
      ]);
      expect(preview.records[1]!.findings[0]!.message_en).toContain('it reads "Lưu Minh Thư"');
    }
  });

  it('is looked at in a family and a given name column too', async () => {
    const header = ['STT', 'Họ', 'Tên', ...STANDARD_HEADER.slice(2)];
    const path = tmp.file('tcvn3-u-split.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [header, person(1, 'Lê', 'Văn An'), person(2, `L${SHY}u`, `Minh Th${SHY}`)] }]);
    const preview = await previewImport(path, { now });
    expect(summary(preview.records)).toEqual([
      [2, 'ready', ''],
      [3, 'error', 'fullName:IMPORT_NAME_LEGACY_FONT'],
    ]);
  });

  it('in a Unicode name is deleted as before, the name ready', async () => {
    const path = tmp.file('unicode-shy.xlsx');
    await writeXlsx(path, [{ name: 'DS', rows: [STANDARD_HEADER, person(1, `Nguyễn Văn Trư${SHY}ờng`), person(2, 'Lê Văn An')] }]);
    const preview = await previewImport(path, { now });
    expect(summary(preview.records)).toEqual([
      [2, 'ready', ''],
      [3, 'ready', ''],
    ]);
    expect(preview.records[0]!.input.person.fullName).toBe('Nguyễn Văn Trường');
  });
});
