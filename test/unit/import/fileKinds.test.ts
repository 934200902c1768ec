// What kind of file the clerk gave, told by its bytes: each file that is no workbook or CSV is
// refused saying what it is and how to get an .xlsx from it, and no list is misread as one.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { makeDoses, makeTempDir, STANDARD_HEADER, standardRow, writeDelimited, writeXlsx, writeZip } from '../../fixtures/clinicFiles.js';
import { biffRecord, writeOleFile } from '../../fixtures/oleFile.js';
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
      ['heading-first.xls', `<h3>DANH SÁCH TIÊM CHỦNG</h3>\n<p>Tháng 7</p>\n${table}`],
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
    ), 30_000);
});

describe('files that are no workbook, each told for what it is and how to get an .xlsx from it', () => {
  const refused = async (name: string) => {
    const e = await refusalOf(() => previewImport(tmp.file(name), { now }));
    expect(e.messageVi, name).not.toBe(e.messageEn);
    return e;
  };

  it('a zip holding the list, as emailed or downloaded: names the files inside and says to extract them', async () => {
    const good = tmp.file('inner.xlsx');
    await writeXlsx(good, [{ name: 'DS', rows: standardCsv }]);
    const inner = readFileSync(good);
    for (const name of ['zipped.zip', 'zipped.xlsx']) {
      writeZip(tmp.file(name), [{ name: 'Danh sach tiem.xlsx', data: inner, store: true }]);
      const e = await refused(name);
      expect(e, name).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected: 'zip', inside: ['Danh sach tiem.xlsx'] } });
      expect(e.messageVi, name).toContain('tệp nén (.zip) chứa "Danh sach tiem.xlsx": hãy giải nén');
      expect(e.messageEn, name).toContain('a zip archive holding "Danh sach tiem.xlsx": extract it first');
    }
    // Several lists and a Mac's resource folder: the lists are named, the rest is not.
    writeZip(tmp.file('months.zip'), [
      { name: 'T7/DS thang 7.xlsx', data: inner },
      { name: '__MACOSX/T7/._DS thang 7.xlsx', data: 'x' },
      { name: 'DS thang 8.csv', data: 'a,b' },
      { name: 'readme.txt', data: 'x' },
    ]);
    const months = await refused('months.zip');
    expect(months.details).toMatchObject({ inside: ['T7/DS thang 7.xlsx', 'DS thang 8.csv'] });
    expect(months.messageEn).toContain('"T7/DS thang 7.xlsx", "DS thang 8.csv"');
    // A zip of something else says so, naming what it holds.
    writeZip(tmp.file('photos.zip'), [{ name: 'scan1.jpg', data: 'x' }]);
    expect((await refused('photos.zip')).messageEn).toContain('a zip archive with no .xlsx or .csv inside (it holds "scan1.jpg")');
  });

  it('a Word document, an Apple Numbers file, a RAR archive', async () => {
    writeZip(tmp.file('word.xlsx'), [
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    writeZip(tmp.file('list.numbers'), [
      { name: 'Index/Document.iwa', data: new Uint8Array([0, 1]) },
      { name: 'Metadata/DocumentIdentifier', data: 'abc' },
      { name: 'preview.jpg', data: new Uint8Array([0xff, 0xd8, 0xff]) },
    ]);
    writeFileSync(tmp.file('list.rar'), Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(64)]));
    for (const [name, detected, en] of [
      ['word.xlsx', 'docx', 'a Word document (.docx), not a workbook'],
      ['list.numbers', 'numbers', 'File > Export To > Excel'],
      ['list.rar', 'rar', 'a compressed archive (RAR): extract it first'],
    ] as const) {
      const e = await refused(name);
      expect(e, name).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected } });
      expect(e.messageEn, name).toContain(en);
    }
  });

  it('a Google Drive shortcut, an Excel web query from SharePoint, a Single File Web Page saved as .xls', async () => {
    writeFileSync(tmp.file('DS tiem.gsheet'), JSON.stringify({ '': 'WARNING! DO NOT EDIT THIS FILE! ANY CHANGES MADE WILL BE LOST!', doc_id: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEF', resource_key: '', email: 'tyt@example.com' }));
    writeFileSync(tmp.file('DS.iqy'), 'WEB\r\n1\r\nhttps://contoso.sharepoint.com/sites/tyt/_vti_bin/owssvr.dll?XMLDATA=1&List={ABC}&View={DEF}\r\n\r\nSelection={ABC}-{DEF}\r\n');
    writeFileSync(
      tmp.file('web.xls'),
      'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\nThis document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n------=_NextPart_01\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n<html><body><table><tr><td>STT</td></tr></table></body></html>\r\n------=_NextPart_01--\r\n',
    );
    for (const [name, detected, en, vi] of [
      ['DS tiem.gsheet', 'google-drive-shortcut', 'File > Download > Microsoft Excel (.xlsx)', 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEF'],
      ['DS.iqy', 'excel-web-query', 'it holds only the address of the list (contoso.sharepoint.com), not its data', 'contoso.sharepoint.com'],
      ['web.xls', 'mht', 'a Single File Web Page (.mht)', '.mht'],
    ] as const) {
      const e = await refused(name);
      expect(e, name).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected } });
      expect(e.messageEn, name).toContain(en);
      expect(e.messageVi, name).toContain(vi);
      expect(e.messageEn, name).toContain('.xlsx');
    }
    // A CSV whose first cell is "WEB" or a "{" is a CSV.
    writeDelimited(tmp.file('web-first.csv'), [['WEB'], ['{"x":1}'], ...standardCsv]);
    await expect(previewImport(tmp.file('web-first.csv'), { now })).resolves.toMatchObject({ format: 'csv', rows: standardCsv.length - 1 });
  });
});

describe('an Office file of the old kind (a compound file): which one it is', () => {
  // BIFF8's workbook globals: BOF, then FILEPASS (0x002F) at once when the workbook has a password.
  const BOF = biffRecord(0x0809, Buffer.from([0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  const padding = (n: number) => biffRecord(0x00e1, new Uint8Array(n));
  const workbook = Buffer.concat([BOF, padding(2000), padding(2000), padding(2000)]);
  const protectedWorkbook = Buffer.concat([BOF, biffRecord(0x002f, new Uint8Array(54)), padding(2000), padding(2000), padding(2000)]);

  it('an encrypted .xlsx (a password to open) is IMPORT_ENCRYPTED, saying how to take the password off', async () => {
    writeOleFile(tmp.file('secret.xlsx'), [
      { name: 'EncryptionInfo', data: new Uint8Array(200) },
      { name: 'EncryptedPackage', data: new Uint8Array(600) },
    ]);
    const e = await refusalOf(() => previewImport(tmp.file('secret.xlsx'), { now }));
    expect(e).toMatchObject({ code: 'IMPORT_ENCRYPTED', details: { detected: 'encrypted-ooxml' } });
    expect(e.messageEn).toContain('password');
    expect(e.messageEn).toContain('Encrypt with Password');
    expect(e.messageVi).toContain('mật khẩu');
    expect(e.messageEn).not.toContain('.xls)');
  });

  it('an Excel 97-2003 workbook is IMPORT_LEGACY_XLS naming the format, and one with a password says to take it off', async () => {
    writeOleFile(tmp.file('old.xls'), [{ name: 'Workbook', data: workbook }, { name: '\u0005SummaryInformation', data: new Uint8Array(100) }]);
    writeOleFile(tmp.file('old-locked.xls'), [{ name: 'Workbook', data: protectedWorkbook }]);
    writeOleFile(tmp.file('excel95.xls'), [{ name: 'Book', data: workbook }]);
    const old = await refusalOf(() => previewImport(tmp.file('old.xls'), { now }));
    expect(old).toMatchObject({ code: 'IMPORT_LEGACY_XLS', details: { detected: 'xls' } });
    expect(old.messageEn).toContain('Excel 97-2003 workbook');
    expect(old.messageEn).not.toContain('password');
    const locked = await refusalOf(() => previewImport(tmp.file('old-locked.xls'), { now }));
    expect(locked).toMatchObject({ code: 'IMPORT_LEGACY_XLS', details: { detected: 'xls', encrypted: true } });
    expect(locked.messageEn).toContain('password');
    const excel95 = await refusalOf(() => previewImport(tmp.file('excel95.xls'), { now }));
    expect(excel95.messageEn).toContain('Excel 5.0/95 workbook');
  });

  it('a Word 97-2003 document is no spreadsheet; an unreadable compound file still gets the shared sentence', async () => {
    writeOleFile(tmp.file('letter.xls'), [{ name: 'WordDocument', data: new Uint8Array(600) }]);
    expect(await refusalOf(() => previewImport(tmp.file('letter.xls'), { now }))).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected: 'doc' } });
    writeFileSync(tmp.file('zeros.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000)]));
    const e = await refusalOf(() => previewImport(tmp.file('zeros.xls'), { now }));
    expect(e.code).toBe('IMPORT_LEGACY_XLS');
    expect(e.messageEn).toContain('password');
  });
});

describe('a list with its header and nothing under it', () => {
  it('says where the header was found and that no row is under it, not "the file has no data"', async () => {
    writeDelimited(tmp.file('header-only.csv'), [['DANH SÁCH TIÊM CHỦNG'], STANDARD_HEADER]);
    const e = await refusalOf(() => previewImport(tmp.file('header-only.csv'), { now }));
    expect(e).toMatchObject({ code: 'IMPORT_EMPTY', details: { headerRow: 2 } });
    expect(e.messageVi).toContain('Đã tìm thấy dòng tiêu đề (dòng 2) nhưng không có dòng nào bên dưới');
    expect(e.messageEn).toContain('The header was found (row 2) but there is no row under it');
    // Rows under it that are no records (a total, a template's example) are said to be so.
    writeDelimited(tmp.file('header-total.csv'), [STANDARD_HEADER, ['Tổng cộng', '', '', '', '3']]);
    const total = await refusalOf(() => previewImport(tmp.file('header-total.csv'), { now }));
    expect(total.messageEn).toContain('The header was found (row 1) but no row under it is a record (row 2: a total, a group heading or an example)');
    // A workbook's sheet is named.
    await writeXlsx(tmp.file('template.xlsx'), [{ name: 'Mẫu nhập', rows: [STANDARD_HEADER] }]);
    const sheet = await refusalOf(() => previewImport(tmp.file('template.xlsx'), { now }));
    expect(sheet.messageEn).toContain('The header was found (sheet "Mẫu nhập", row 1)');
  });
});

describe('a "sep=" line that does not fit the rows', () => {
  it('is named in the refusal with the separator the rows are written with', async () => {
    const semicolons = standardCsv.map((r) => r.join(';')).join('\r\n');
    writeFileSync(tmp.file('sep-comma.csv'), `sep=,\r\n${semicolons}\r\n`);
    const e = await refusalOf(() => previewImport(tmp.file('sep-comma.csv'), { now }));
    expect(e).toMatchObject({ code: 'IMPORT_NO_HEADER', details: { sepLine: { separator: ',', fits: ';' } } });
    expect(e.messageVi).toContain('Dòng đầu "sep=," của tệp nói các ô cách nhau bằng dấu phẩy (,), nhưng các dòng dưới nó dùng dấu chấm phẩy (;)');
    expect(e.messageEn).toContain('The file\'s first line "sep=," says its values are separated by commas (,), but the rows under it use semicolons (;): delete that line, or write "sep=;"');
    // One that fits nothing is still named: it decided how the rows were split.
    writeFileSync(tmp.file('sep-tab.csv'), 'sep=\t\r\nDANH SÁCH\r\n1;2;3\r\n');
    const tab = await refusalOf(() => previewImport(tmp.file('sep-tab.csv'), { now }));
    expect(tab.messageEn).toContain('The file\'s first line "sep=(Tab)" says its values are separated by tabs; no header was found with them');
  });
});
