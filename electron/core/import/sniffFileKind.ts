import { open, type FileHandle } from 'node:fs/promises';
import { importError, importErrorAt, tooLarge, type ImportErrorPlace } from './importErrors.js';
import type { ImportLimits } from './importLimits.js';
import { assertInflatedSize } from './checkZipEntries.js';
import { readZipDirectory, type ZipEntry } from './zipDirectory.js';

export type FileKind = 'xlsx' | 'text';

const MAGIC: { kind: string; bytes: number[] }[] = [
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
  { kind: 'rar', bytes: [0x52, 0x61, 0x72, 0x21] },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/** What a zip that is not an xlsx is, for the error details (a .docx renamed .xlsx, ...); `names` in lower case. */
function zipKind(names: string[]): string {
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('ppt/presentation.xml')) return 'pptx';
  if (names.includes('xl/workbook.bin')) return 'xlsb';
  if (names.includes('content.xml')) return 'opendocument';
  return 'zip';
}

/**
 * Whether a zip without xl/workbook.xml has its workbook at another part, as the package's rels
 * name it ("xl/workbook2.xml"): a workbook all the same (xlsx/openWorkbook.ts reads it there).
 * Not for a zip another Office format or OpenDocument; a damaged rels part is no workbook here.
 */
async function workbookElsewhere(path: string, handle: FileHandle, entries: readonly ZipEntry[], names: readonly string[], signal: AbortSignal | undefined): Promise<boolean> {
  if (zipKind([...names]) !== 'zip' || !names.includes('_rels/.rels')) return false;
  // Loaded only for such a zip: text files and the usual xlsx do not load the reader here.
  const { mainDocumentPart } = await import('./xlsx/openWorkbook.js');
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e] as const));
  try {
    const part = await mainDocumentPart({ path, handle, bytesRead: 0 }, (name) => byName.get(name.toLowerCase()), signal);
    return part !== null && part.endsWith('.xml');
  } catch (err) {
    if (signal?.aborted === true) throw err;
    return false;
  }
}

/** What to do with an OpenDocument spreadsheet, said in the refusal (the details name it too). */
const OPENDOCUMENT: ImportErrorPlace = {
  vi: 'Tệp là bảng tính OpenDocument (.ods, LibreOffice/OpenOffice): hãy lưu lại dạng Excel 2007-365 (.xlsx)',
  en: 'The file is an OpenDocument spreadsheet (.ods, LibreOffice/OpenOffice): save it as Excel 2007-365 (.xlsx)',
};

/** What to do with an Excel Binary Workbook, said in the refusal. */
const XLSB: ImportErrorPlace = {
  vi: 'Tệp là bảng tính Excel dạng nhị phân (.xlsb): hãy mở bằng Excel và lưu lại dạng Excel Workbook (.xlsx)',
  en: 'The file is an Excel Binary Workbook (.xlsb): open it in Excel and save it as an Excel Workbook (.xlsx)',
};

/** What to do with an HTML table saved as .xls, said in the refusal. */
const HTML: ImportErrorPlace = {
  vi: 'Tệp là một bảng trang web (HTML), thường do chức năng "Xuất ra Excel" của phần mềm tạo ra: hãy mở bằng Excel và lưu lại dạng Excel Workbook (.xlsx)',
  en: 'The file is a web page table (HTML), as the "Export to Excel" of many programs writes: open it in Excel and save it as an Excel Workbook (.xlsx)',
};

/**
 * Bytes looked at from the start of the file. A PHP or hospital-software export opens with a
 * <style> block of Excel's mso-number-format rules, one per column, kilobytes before its <table>;
 * a flat OpenDocument's root carries a kilobyte of namespaces.
 */
export const SNIFF_BYTES = 64 * 1024;

/** Elements only a web page starts with: the first of them decides. */
const PAGE_ELEMENTS = new Set(['html', 'head', 'body', 'style', 'meta', 'title', 'link', 'script', 'base', 'table', 'xml']);
/**
 * Elements an export may start its table with (a heading, a row): a web page only when a table
 * follows, as a CSV's first cell could be one of them.
 */
const TABLE_LEADS = new Set(['tr', 'thead', 'tbody', 'caption', 'colgroup', 'col', 'div', 'center', 'font', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The start of the file as text: UTF-8, or UTF-16 by its byte order mark or its first bytes. */
function headText(head: Buffer): string {
  const even = head.subarray(0, head.length - (head.length % 2));
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] !== 0 && head[1] === 0x00)) return even.toString('utf16le');
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0x00 && head[1] !== 0)) return Buffer.from(even).swap16().toString('utf16le');
  return head.toString('utf8');
}

/**
 * The first element of a markup file, past a BOM, blanks, comments (a saved page's "saved from
 * url" mark, Excel's conditional comments), the XML declaration and a doctype; with what came
 * before it that says what the file is (`<!DOCTYPE html>`, `<?mso-application progid="Excel.Sheet"?>`).
 * Null when the text does not start with markup.
 */
function firstElement(text: string): { name: string; doctypeHtml: boolean; excelSheet: boolean; rest: string } | null {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctypeHtml = false;
  let excelSheet = false;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text[at] !== '<') return null;
    const ahead = text.slice(at, at + 9).toLowerCase();
    let close: string | null = null;
    if (ahead.startsWith('<!--')) close = '-->';
    else if (ahead.startsWith('<?')) close = '?>';
    else if (ahead.startsWith('<!doctype')) close = '>';
    if (close === null) break;
    const end = text.indexOf(close, at + 2);
    const skipped = text.slice(at, end === -1 ? text.length : end).toLowerCase();
    if (skipped.startsWith('<!doctype') && /^<!doctype\s+html/.test(skipped)) doctypeHtml = true;
    if (skipped.startsWith('<?mso-application') && skipped.includes('excel.sheet')) excelSheet = true;
    if (end === -1) return { name: '', doctypeHtml, excelSheet, rest: '' };
    at = end + close.length;
  }
  const name = /^<([a-z][\w:.-]*)/i.exec(text.slice(at, at + 100))?.[1]?.toLowerCase() ?? '';
  return { name, doctypeHtml, excelSheet, rest: text.slice(at) };
}

/**
 * What "Export to Excel" of web pages and hospital software writes under .xls: an HTML table, or
 * Excel 2003's XML Spreadsheet; and LibreOffice's one-file OpenDocument (.fods, "Flat XML ODF
 * Spreadsheet"). None is a workbook the station reads, and read as text they would only get "no
 * header row"; Excel or Calc opens each and saves it as .xlsx. Told by the file's first element,
 * not by a word anywhere in it: a CSV whose cells hold "<b>" or even "<table>" is a CSV.
 */
function markupKind(head: Buffer): { kind: string; place: ImportErrorPlace } | null {
  const first = firstElement(headText(head));
  if (first === null) return null;
  const { name } = first;
  if (first.excelSheet || name === 'workbook' || name.endsWith(':workbook')) {
    return {
      kind: 'spreadsheetml-2003',
      place: {
        vi: 'Tệp là bảng tính XML của Excel 2003 (XML Spreadsheet) mang đuôi .xls: hãy mở bằng Excel và lưu lại dạng Excel Workbook (.xlsx)',
        en: 'The file is an Excel 2003 XML Spreadsheet saved as .xls: open it in Excel and save it as an Excel Workbook (.xlsx)',
      },
    };
  }
  if (name === 'office:document') return { kind: 'opendocument-flat', place: OPENDOCUMENT };
  if (first.doctypeHtml || PAGE_ELEMENTS.has(name) || (TABLE_LEADS.has(name) && /<table[\s>]/i.test(first.rest))) return { kind: 'html', place: HTML };
  return null;
}

/**
 * Decides from the bytes, not the file name, what the file is: staff rename files, and Excel
 * itself saves "CSV" under .xls. Size is checked here, before anything else is read.
 */
export async function sniffFileKind(path: string, limits: ImportLimits, signal?: AbortSignal): Promise<{ kind: FileKind; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw importError('IMPORT_FILE_UNREADABLE', { path, reason: code ?? String(err) }, err);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw importError('IMPORT_FILE_UNREADABLE', { path, reason: 'not a file' });
    const { size } = stat;
    if (size === 0) throw importError('IMPORT_EMPTY', { path });
    if (size > limits.maxBytes) throw tooLarge({ bytes: size, maxBytes: limits.maxBytes });
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (startsWith(head, OLE2)) throw importError('IMPORT_LEGACY_XLS', { path });
    const magic = MAGIC.find((m) => startsWith(head, m.bytes));
    if (magic) throw importError('IMPORT_NOT_SPREADSHEET', { path, detected: magic.kind });
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) {
      const dir = await readZipDirectory(handle, size);
      if (!dir.ok) throw importError('IMPORT_CORRUPT_ZIP', { path, reason: dir.reason });
      // Part names compare without case in the package format (xlsx/openWorkbook.ts).
      const names = dir.entries.map((e) => e.name.toLowerCase());
      if (!names.includes('xl/workbook.xml') && !(await workbookElsewhere(path, handle, dir.entries, names, signal))) {
        const detected = zipKind(names);
        if (detected === 'opendocument') throw importErrorAt('IMPORT_NOT_SPREADSHEET', OPENDOCUMENT, { path, detected });
        if (detected === 'xlsb') throw importErrorAt('IMPORT_NOT_SPREADSHEET', XLSB, { path, detected });
        throw importError('IMPORT_NOT_SPREADSHEET', { path, detected });
      }
      // Every part's CRC is checked once the reader is done with the parts it needs (readSheet.ts).
      assertInflatedSize(dir.entries);
      return { kind: 'xlsx', size };
    }
    const markup = markupKind(head);
    if (markup) throw importErrorAt('IMPORT_NOT_SPREADSHEET', markup.place, { path, detected: markup.kind });
    return { kind: 'text', size };
  } finally {
    await handle.close();
  }
}
