// What kind of file the clerk gave, told by its bytes: each file that is no workbook or CSV is
// refused saying what it is and how to get an .xlsx from it, and no list is misread as one.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';
import { refusalOf } from './xlsx/refusalOf.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');
const doses = makeDoses(3, 7);
const standardCsv = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))];
const htmlTable = (rows: readonly (readonly string[])[]): string => `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;

describe('an HTML "Export to Excel" saved as .xls', () => {
  // What Vietnamese PHP and hospital software write: a <style> block of Excel's mso-number-format
  // rules, a rule per column, before the table — many kilobytes before the first <table>.
  const style = `<style>\n${Array.from({ length: 60 }, (_, i) => `.xl${60 + i} { mso-style-parent:style0; mso-number-format:"\\@"; font-family:"Times New Roman"; border:.5pt solid windowtext; }`).join('\n')}\n</style>\n`;

  it('is told for what it is however its start is written: a long <style>, a <head>, a comment, blanks and a BOM', async () => {
    const table = htmlTable(standardCsv);
    const files: [string, string | Buffer][] = [
      ['style-first.xls', `${style}${table}`],
      ['head-first.xls', `<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">${style}</head><body>${table}</body>`],
      ['comment-first.xls', `\ufeff\r\n<!-- saved from url=(0014)about:internet -->\r\n<!--[if gte mso 9]><xml><x:ExcelWorkbook></x:ExcelWorkbook></xml><![endif]-->\r\n${style}${table}`],
      ['title-first.xls', `  \n<title>Danh sách tiêm</title>${table}`],
      ['xml-decl.xls', `<?xml version="1.0" encoding="utf-8"?>\n<html xmlns:x="urn:schemas-microsoft-com:office:excel">${style}<body>${table}</body></html>`],
      ['style-utf16be.xls', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${style}${table}`, 'utf16le').swap16()])],
    ];
    for (const [name, data] of files) {
      writeFileSync(tmp.file(name), data);
      const e = await refusalOf(() => previewImport(tmp.file(name), { now }));
      expect(e, name).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected: 'html' } });
      expect(e.messageEn, name).toContain('web page table (HTML)');
      expect(e.messageVi, name).toContain('bảng trang web (HTML)');
    }
  });

  it('is not what a CSV is taken for when its cells hold tags, "<b>" first or an HTML word further down', () =>
    fc.assert(
      fc.asyncProperty(
        fc.constantFrom('<b>', '<i>', '<br>', '<u>', '<ghi chú>', '<span>', '<3 tuổi>', '<p>'),
        fc.constantFrom('', '<table>', '<html>', '<style>', '<td>x</td>'),
        async (first, later) => {
          const path = tmp.file('tags.csv');
          writeDelimited(path, [[`${first}DANH SÁCH TIÊM</b>`], ...standardCsv.slice(0, 2), [...standardCsv[2]!.slice(0, -1), `ghi chú ${later}`], ...standardCsv.slice(3)]);
          const preview = await previewImport(path, { now });
          expect(preview).toMatchObject({ format: 'csv', rows: standardCsv.length - 1 });
        },
      ),
      { numRuns: 20 },
    ));
});
