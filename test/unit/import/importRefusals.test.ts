// Every way a whole file is refused: a stable code, a Vietnamese and an English message, details.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/errors.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { PreviewOptions } from '../../../electron/core/import/types.js';
import {
  makeDoses, makeTempDir, PNG_BYTES, STANDARD_HEADER, standardRow, writeDelimited, writeLargeClinicXlsx, writeRawXlsx, writeSparseFile, writeXlsx, writeZip,
} from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

async function refusal(path: string, options: PreviewOptions = {}): Promise<StationError> {
  try {
    await previewImport(path, { now, ...options });
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    const e = err as StationError;
    expect(e.code).toMatch(/^IMPORT_[A-Z_]+$/);
    expect(e.messageVi).not.toBe('');
    expect(e.messageEn).not.toBe('');
    expect(e.messageVi).not.toBe(e.messageEn);
    return e;
  }
  throw new Error(`${path} was not refused`);
}

const doses = makeDoses(5, 11);
const standardCsv = [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))];
let goodXlsx: string;

beforeAll(async () => {
  goodXlsx = tmp.file('good.xlsx');
  await writeXlsx(goodXlsx, [{ name: 'DS', rows: standardCsv }]);
});

describe('IMPORT_NOT_SPREADSHEET / IMPORT_LEGACY_XLS', () => {
  it('refuses a picture, a PDF and random bytes, whatever their name', async () => {
    writeFileSync(tmp.file('photo.xlsx'), PNG_BYTES);
    writeFileSync(tmp.file('scan.csv'), Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'));
    writeFileSync(tmp.file('noise.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(await refusal(tmp.file('photo.xlsx'))).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected: 'png' } });
    expect(await refusal(tmp.file('scan.csv'))).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected: 'pdf' } });
    expect(await refusal(tmp.file('noise.csv'))).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected: 'binary' } });
  });

  it('refuses a Word document renamed .xlsx, and says what it is', async () => {
    writeZip(tmp.file('letter.xlsx'), [
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    expect(await refusal(tmp.file('letter.xlsx'))).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected: 'docx' } });
  });

  it('says what "Export to Excel" wrote — an HTML table, an Excel 2003 XML Spreadsheet, an OpenDocument sheet, an Excel Binary Workbook — and to save it as .xlsx', async () => {
    const cells = (row: string[]) => row.map((c) => `<td>${c}</td>`).join('');
    const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body><table><tr>${cells(STANDARD_HEADER)}</tr><tr>${cells(standardCsv[1]!)}</tr></table></body></html>`;
    writeFileSync(tmp.file('export.xls'), `\ufeff\r\n  ${html}`);
    writeFileSync(tmp.file('export16.xls'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<!DOCTYPE html>${html}`, 'utf16le')]));
    const xml = `<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="DS"><Table><Row><Cell><Data ss:Type="String">STT</Data></Cell></Row></Table></Worksheet></Workbook>`;
    writeFileSync(tmp.file('export2003.xls'), xml);
    // LibreOffice's "Flat XML ODF Spreadsheet": the root's mimetype after a kilobyte of namespaces.
    const namespaces = Array.from({ length: 30 }, (_, i) => ` xmlns:ns${i}="urn:oasis:names:tc:opendocument:xmlns:ns${i}:1.0"`).join('');
    writeFileSync(tmp.file('calc.fods'), `<?xml version="1.0" encoding="UTF-8"?>\n\n<office:document${namespaces} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body/></office:document>`);
    writeZip(tmp.file('calc.xlsx'), [
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]);
    // An Excel Binary Workbook (Excel's "Save as .xlsb"), the binary workbook part in place of the XML one.
    writeZip(tmp.file('binary.xlsb'), [
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.bin', data: new Uint8Array([0x83, 0x01, 0x00]) },
    ]);
    for (const [file, detected, en] of [
      ['export.xls', 'html', 'The file is a web page table (HTML)'],
      ['export16.xls', 'html', 'The file is a web page table (HTML)'],
      ['export2003.xls', 'spreadsheetml-2003', 'The file is an Excel 2003 XML Spreadsheet saved as .xls'],
      ['calc.xlsx', 'opendocument', 'The file is an OpenDocument spreadsheet'],
      ['calc.fods', 'opendocument-flat', 'The file is an OpenDocument spreadsheet'],
      ['binary.xlsb', 'xlsb', 'The file is an Excel Binary Workbook (.xlsb)'],
    ] as const) {
      const e = await refusal(tmp.file(file));
      expect(e, file).toMatchObject({ code: 'IMPORT_NOT_SPREADSHEET', details: { detected } });
      expect(e.messageEn, file).toContain(en);
      expect(e.messageEn, file).toContain('.xlsx');
      expect(e.messageVi, file).toContain('.xlsx');
    }
    // A CSV whose first cell merely starts with "<" is a CSV.
    writeDelimited(tmp.file('angle.csv'), [['<ghi chú>'], ...standardCsv]);
    await expect(previewImport(tmp.file('angle.csv'), { now })).resolves.toMatchObject({ format: 'csv', rows: standardCsv.length - 1 });
  });

  it('asks for .xlsx when given an old .xls (or password-protected) workbook', async () => {
    writeFileSync(tmp.file('old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    expect((await refusal(tmp.file('old.xls'))).code).toBe('IMPORT_LEGACY_XLS');
  });
});

describe('IMPORT_EMPTY / IMPORT_NO_HEADER', () => {
  it('refuses an empty file, blank lines, an empty workbook and a header without rows', async () => {
    writeFileSync(tmp.file('zero.csv'), '');
    writeFileSync(tmp.file('blank.csv'), '\r\n ; ; \r\n\r\n');
    await writeXlsx(tmp.file('empty.xlsx'), [{ name: 'Sheet1', rows: [] }]);
    writeDelimited(tmp.file('header-only.csv'), [STANDARD_HEADER, ['', '', ''], ['Tổng cộng']]);
    expect((await refusal(tmp.file('zero.csv'))).code).toBe('IMPORT_EMPTY');
    expect((await refusal(tmp.file('blank.csv'))).code).toBe('IMPORT_EMPTY');
    expect((await refusal(tmp.file('empty.xlsx'))).code).toBe('IMPORT_EMPTY');
    expect(await refusal(tmp.file('header-only.csv'))).toMatchObject({ code: 'IMPORT_EMPTY', details: { headerRow: 1 } });
  });

  it('names the required columns a header lacks, in both languages', async () => {
    writeDelimited(tmp.file('no-vaccine.csv'), [['DANH SÁCH'], ['STT', 'Họ và tên', 'Ngày sinh', 'CCCD', 'Ghi chú'], ['1', 'Nguyễn Văn An', '12/05/1985', '079085001234', '']]);
    const e = await refusal(tmp.file('no-vaccine.csv'));
    expect(e).toMatchObject({ code: 'IMPORT_NO_HEADER', details: { headerRow: 2 } });
    const details = e.details as { missing: { field: string; vi: string; en: string }[]; found: { header: string; field: string }[] };
    expect(details.missing).toEqual([
      { field: 'vaccine', vi: 'Tên vắc xin', en: 'Vaccine' },
      { field: 'doseNumber', vi: 'Mũi tiêm thứ', en: 'Dose number' },
      { field: 'vaccinationDate', vi: 'Ngày tiêm', en: 'Vaccination date' },
    ]);
    expect(details.found.map((f) => f.field)).toEqual(['fullName', 'dob', 'idNumber']);
    // What the screen and the CLI show: the messages name them too.
    expect(e.messageVi).toContain('Dòng tiêu đề (dòng 2) thiếu cột "Tên vắc xin", "Mũi tiêm thứ", "Ngày tiêm"');
    expect(e.messageEn).toContain('The header (row 2) has no "Vaccine", "Dose number", "Vaccination date" column');
  });

  it('says how to mark a dose\'s columns written twice without a dose', async () => {
    writeDelimited(tmp.file('twice.csv'), [
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tên vắc xin', 'Ngày tiêm', 'Số lô', 'Ngày tiêm', 'Số lô'],
      ['1', 'Nguyễn Văn An', '15/03/1985', 'Nam', '079085000905', 'Pfizer', '03/09/2021', 'FF2382', '24/09/2021', 'FF2383'],
    ]);
    const e = await refusal(tmp.file('twice.csv'));
    expect(e.code).toBe('IMPORT_NO_HEADER');
    expect(e.messageVi).toContain('thiếu cột "Mũi tiêm thứ"');
    expect(e.messageVi).toContain('Các cột "Ngày tiêm", "Số lô" có hai lần');
    expect(e.messageEn).toContain('the columns "Ngày tiêm", "Số lô" appear twice without saying which dose each is');
  });

  it('refuses a table with no recognisable header at all', async () => {
    writeDelimited(tmp.file('orders.csv'), [['Order', 'Item', 'Qty'], ['1', 'Gloves', '20']]);
    const e = await refusal(tmp.file('orders.csv'));
    expect(e.code).toBe('IMPORT_NO_HEADER');
    expect((e.details as { missing: unknown[] }).missing).toHaveLength(6);
  });
});

describe('IMPORT_TOO_LARGE', () => {
  it('refuses a 250 MB file from its size, before reading it', async () => {
    const path = tmp.file('huge.csv');
    writeSparseFile(path, 250 * 1024 * 1024, Buffer.from(standardCsv.map((r) => r.join(',')).join('\n')));
    const started = performance.now();
    expect(await refusal(path)).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { bytes: 250 * 1024 * 1024, maxBytes: 200 * 1024 * 1024 } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops reading at the row limit, in csv and in xlsx', async () => {
    const many = makeDoses(60, 5);
    writeDelimited(tmp.file('many.csv'), [STANDARD_HEADER, ...many.map((d, i) => standardRow(d, i + 1))]);
    await writeLargeClinicXlsx(tmp.file('many.xlsx'), many);
    expect(await refusal(tmp.file('many.csv'), { limits: { maxRows: 100 } })).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { maxRows: 100 } });
    expect(await refusal(tmp.file('many.xlsx'), { limits: { maxRows: 100 } })).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { maxRows: 100 } });
    await expect(previewImport(tmp.file('many.csv'), { now, limits: { maxRows: 121 } })).resolves.toMatchObject({ rows: 120 });
    // Blank lines are not rows, in csv as in xlsx: a list saved with a blank line after each row is the same list.
    writeDelimited(tmp.file('spaced.csv'), [STANDARD_HEADER, ...many.flatMap((d, i) => [standardRow(d, i + 1), []])]);
    await expect(previewImport(tmp.file('spaced.csv'), { now, limits: { maxRows: 121 } })).resolves.toMatchObject({ rows: 120 });
  });

  it('refuses a cell longer than Excel allows, naming its row, column and the limit', async () => {
    // A huge cell from an unclosed quote is IMPORT_UNCLOSED_QUOTE (csvRobustQuotes.test.ts); this one is quoted right.
    writeFileSync(tmp.file('long-cell.csv'), `${STANDARD_HEADER.join(',')}\n1,Nguyễn Văn An,15/03/1985\n2,Trần Thị Bích,01/02/1990,"${'x'.repeat(40_000)}"\n`);
    const err = await refusal(tmp.file('long-cell.csv'));
    expect(err).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { row: 3, column: 4, cellChars: 40_000, maxCellChars: 32_767 } });
    expect(err.messageEn).toBe("The file is too large to import. The cell on row 3, column D (field 4) has 40,000 characters, over Excel's limit of 32,767 per cell: shorten that cell (or move the long text elsewhere), save and import again.");
    expect(err.messageVi).toContain('Ô ở dòng 3, cột D (ô thứ 4) có 40.000 ký tự, quá giới hạn 32.767 ký tự của một ô Excel');
  });
});

describe('IMPORT_BAD_ENCODING', () => {
  it('refuses text that is neither UTF-8 nor Windows-1258', async () => {
    writeFileSync(tmp.file('cp.csv'), Buffer.concat([Buffer.from(`Ho va ten,Ngay sinh,CCCD\n1,`), Buffer.from([0x81, 0x8d, 0x8e]), Buffer.from('\n')]));
    expect(await refusal(tmp.file('cp.csv'))).toMatchObject({ code: 'IMPORT_BAD_ENCODING', details: { encoding: 'windows-1258', line: 2 } });
  });

  it('says a Vietnamese UTF-8 list with stray bytes is UTF-8, whether or not Windows-1258 could read the strays', async () => {
    // 0x81 is no Windows-1258 character, 0xB0 is "°": the same kind of file, the same answer.
    for (const stray of [[0x81, 0x8d, 0x8e], [0xb0]]) {
      writeFileSync(tmp.file('stray.csv'), Buffer.concat([Buffer.from(`${STANDARD_HEADER.join(',')}\n1,`), Buffer.from(stray), Buffer.from('\n')]));
      expect(await refusal(tmp.file('stray.csv'))).toMatchObject({ code: 'IMPORT_BAD_ENCODING', details: { encoding: 'utf-8', line: 2 } });
    }
  });
});

describe('IMPORT_CORRUPT_ZIP / IMPORT_CORRUPT_XLSX', () => {
  it('refuses a workbook cut short (an interrupted download or copy)', async () => {
    const bytes = readFileSync(goodXlsx);
    writeFileSync(tmp.file('cut.xlsx'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect((await refusal(tmp.file('cut.xlsx'))).code).toBe('IMPORT_CORRUPT_ZIP');
  });

  it('refuses a workbook whose compressed sheet is damaged, without hanging', async () => {
    const path = tmp.file('damaged.xlsx');
    const sheet = `<sheetData>${Array.from({ length: 300 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Nguyễn Văn ${i}</t></is></c></row>`).join('')}</sheetData>`;
    writeRawXlsx(path, sheet);
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 'xl/worksheets/sheet1.xml'.length;
    for (let i = at + 40; i < at + 200; i++) bytes[i] = 0xff;
    writeFileSync(path, bytes);
    expect(['IMPORT_CORRUPT_ZIP', 'IMPORT_CORRUPT_XLSX']).toContain((await refusal(path)).code);
  });

  it('refuses a workbook whose sheet XML is not XML', async () => {
    writeRawXlsx(tmp.file('badxml.xlsx'), '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ tên</t></is></row></sheetData>');
    expect((await refusal(tmp.file('badxml.xlsx'))).code).toBe('IMPORT_CORRUPT_XLSX');
  });
});

describe('IMPORT_FILE_UNREADABLE / IMPORT_CANCELLED', () => {
  it('says a missing file or a folder cannot be opened', async () => {
    expect(await refusal(tmp.file('nope.xlsx'))).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', details: { reason: 'ENOENT' } });
    mkdirSync(tmp.file('folder.csv'));
    expect((await refusal(tmp.file('folder.csv'))).code).toBe('IMPORT_FILE_UNREADABLE');
  });

  it('stops when cancelled, before or while reading', async () => {
    const before = new AbortController();
    before.abort();
    expect((await refusal(goodXlsx, { signal: before.signal })).code).toBe('IMPORT_CANCELLED');
    const path = tmp.file('cancel.xlsx');
    await writeLargeClinicXlsx(path, makeDoses(3000, 2));
    const during = new AbortController();
    const e = await refusal(path, { signal: during.signal, onProgress: (_done, _total, phase) => phase === 'read' && during.abort() });
    expect(e.code).toBe('IMPORT_CANCELLED');
  });

  it('lets a cancel request in while it validates a big CSV (the event loop turns between slices)', async () => {
    const many = makeDoses(3000, 9);
    writeDelimited(tmp.file('big.csv'), [STANDARD_HEADER, ...many.map((d, i) => standardRow(d, i + 1))]);
    const abort = new AbortController();
    const phases: string[] = [];
    const e = await refusal(tmp.file('big.csv'), {
      signal: abort.signal,
      onProgress: (_done, _total, phase) => {
        phases.push(phase);
        // As a cancel message over RPC would: from another turn of the event loop.
        if (phase === 'validate') setImmediate(() => abort.abort());
      },
    });
    expect(e.code).toBe('IMPORT_CANCELLED');
    expect(phases).toContain('read');
    expect(phases.filter((p) => p === 'validate').length).toBeLessThan(3);
  });
});
