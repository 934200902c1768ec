import type { ImportErrorPlace } from './importErrors.js';

/**
 * What a file the station does not read is, told by its bytes, and what the clerk does to get an
 * .xlsx from it: the refusal (IMPORT_NOT_SPREADSHEET) says both, and `kind` is its
 * `details.detected`. The files clinics are sent or download instead of a workbook: a zip holding
 * the list, a Word or Numbers document, an "Export to Excel" that is a web page or a web query, a
 * Google Drive shortcut.
 */
export interface OtherKind {
  kind: string;
  place: ImportErrorPlace;
  /** More for the details (the files inside a zip). */
  details?: Record<string, unknown>;
}

/** Bytes looked at from the start of the file (sniffFileKind reads these). */
export const SNIFF_BYTES = 64 * 1024;

export const SAVE_AS_XLSX = { vi: 'hãy mở bằng Excel và lưu lại dạng Excel Workbook (.xlsx)', en: 'open it in Excel and save it as an Excel Workbook (.xlsx)' };

/** What to do with an OpenDocument spreadsheet, said in the refusal (the details name it too). */
const OPENDOCUMENT: ImportErrorPlace = {
  vi: 'Tệp là bảng tính OpenDocument (.ods, LibreOffice/OpenOffice): hãy lưu lại dạng Excel 2007-365 (.xlsx)',
  en: 'The file is an OpenDocument spreadsheet (.ods, LibreOffice/OpenOffice): save it as Excel 2007-365 (.xlsx)',
};

const PICTURE: ImportErrorPlace = {
  vi: 'Tệp là một ảnh: trạm đọc chính bảng danh sách, dạng .xlsx hoặc .csv, không đọc ảnh chụp hay bản quét',
  en: 'The file is a picture: the station reads the list itself, as .xlsx or .csv, not a photo or a scan of it',
};

const archive = (label: string): ImportErrorPlace => ({
  vi: `Tệp là tệp nén (${label}): hãy giải nén trước rồi nhập tệp .xlsx hoặc .csv bên trong`,
  en: `The file is a compressed archive (${label}): extract it first and import the .xlsx or .csv inside`,
});

const MAGIC: { kind: string; bytes: number[]; place: ImportErrorPlace }[] = [
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47], place: PICTURE },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff], place: PICTURE },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38], place: PICTURE },
  {
    kind: 'pdf',
    bytes: [0x25, 0x50, 0x44, 0x46, 0x2d],
    place: {
      vi: 'Tệp là tài liệu PDF: trạm đọc chính bảng danh sách, dạng .xlsx hoặc .csv; hãy dùng tệp Excel mà PDF được tạo ra từ đó',
      en: 'The file is a PDF document: the station reads the list itself, as .xlsx or .csv; use the Excel file the PDF was made from',
    },
  },
  { kind: 'gzip', bytes: [0x1f, 0x8b], place: archive('gzip') },
  { kind: 'rar', bytes: [0x52, 0x61, 0x72, 0x21], place: archive('RAR') },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf], place: archive('7z') },
];

/** A picture, a PDF or an archive other than zip, by its first bytes. */
export function magicKind(head: Uint8Array): OtherKind | null {
  const found = MAGIC.find((m) => m.bytes.every((b, i) => head[i] === b));
  return found ? { kind: found.kind, place: found.place } : null;
}

/** Files inside a zip that are lists a clerk would import, once extracted. */
const LIST_FILE = /\.(xlsx|xlsm|xls|csv|tsv|ods)$/i;
/** Files inside a zip the clerk never made: a Mac's resource forks, folders. */
const NOT_A_FILE = (name: string): boolean => name.endsWith('/') || /^__macosx\//i.test(name) || /(^|\/)\._/.test(name) || /(^|\/)\.ds_store$/i.test(name);
const NAMED = 5;

function quoted(names: readonly string[], lang: 'vi' | 'en'): string {
  const shown = names.slice(0, NAMED).map((n) => `"${n}"`).join(', ');
  const more = names.length - NAMED;
  if (more <= 0) return shown;
  return lang === 'vi' ? `${shown} và ${more} tệp khác` : `${shown} and ${more} more`;
}

/**
 * What a zip that is not a workbook is: another Office or OpenDocument file, Apple's Numbers, or
 * an archive — most often the list itself zipped, as mail and download sites send it: the files
 * to extract are named. `names` as the zip's directory has them.
 */
export function zipKind(names: readonly string[]): OtherKind {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  if (lower.has('word/document.xml')) {
    return {
      kind: 'docx',
      place: {
        vi: 'Tệp là văn bản Word (.docx), không phải bảng tính: nếu danh sách là một bảng trong Word, hãy chép bảng đó sang Excel và lưu dạng Excel Workbook (.xlsx)',
        en: 'The file is a Word document (.docx), not a workbook: if the list is a table in Word, copy that table into Excel and save it as an Excel Workbook (.xlsx)',
      },
    };
  }
  if (lower.has('ppt/presentation.xml')) {
    return {
      kind: 'pptx',
      place: {
        vi: 'Tệp là bản trình chiếu PowerPoint (.pptx), không phải bảng tính: hãy nhập tệp Excel (.xlsx) chứa danh sách',
        en: 'The file is a PowerPoint presentation (.pptx), not a workbook: import the Excel workbook (.xlsx) that holds the list',
      },
    };
  }
  if (lower.has('xl/workbook.bin')) {
    return {
      kind: 'xlsb',
      place: {
        vi: `Tệp là bảng tính Excel dạng nhị phân (.xlsb): ${SAVE_AS_XLSX.vi}`,
        en: `The file is an Excel Binary Workbook (.xlsb): ${SAVE_AS_XLSX.en}`,
      },
    };
  }
  if (lower.has('content.xml')) return { kind: 'opendocument', place: OPENDOCUMENT };
  // iWork '13 and later: the document's objects in Index/*.iwa (or Index.zip).
  if ([...lower].some((n) => (n.startsWith('index/') && n.endsWith('.iwa')) || n === 'index.zip')) {
    return {
      kind: 'numbers',
      place: {
        vi: 'Tệp là tài liệu Apple (Numbers, Pages hoặc Keynote), không phải tệp Excel: với bảng tính Numbers, hãy mở bằng Numbers, chọn Tệp > Xuất ra > Excel, rồi nhập tệp .xlsx đó',
        en: 'The file is an Apple document (Numbers, Pages or Keynote), not an Excel file: for a Numbers spreadsheet, open it in Numbers, choose File > Export To > Excel, and import that .xlsx',
      },
    };
  }
  const files = names.filter((n) => !NOT_A_FILE(n));
  const lists = files.filter((n) => LIST_FILE.test(n));
  if (lists.length > 0) {
    return {
      kind: 'zip',
      details: { inside: lists },
      place: {
        vi: `Tệp là tệp nén (.zip) chứa ${quoted(lists, 'vi')}: hãy giải nén trước (nhấp chuột phải vào tệp > Giải nén tất cả / Extract All), rồi nhập tệp bên trong`,
        en: `The file is a zip archive holding ${quoted(lists, 'en')}: extract it first (right-click the file > Extract All), then import the file inside`,
      },
    };
  }
  return {
    kind: 'zip',
    details: { inside: files.slice(0, NAMED) },
    place: {
      vi: `Tệp là tệp nén (.zip) không có bảng tính .xlsx hay .csv nào bên trong (trong đó có ${quoted(files, 'vi') || 'không tệp nào'})`,
      en: `The file is a zip archive with no .xlsx or .csv inside (it holds ${quoted(files, 'en') || 'no file'})`,
    },
  };
}

/** The start of the file as text: UTF-8, or UTF-16 by its byte order mark or its first bytes. */
function headText(head: Buffer): string {
  const even = head.subarray(0, head.length - (head.length % 2));
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] !== 0 && head[1] === 0x00)) return even.toString('utf16le');
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0x00 && head[1] !== 0)) return Buffer.from(even).swap16().toString('utf16le');
  return head.toString('utf8');
}

/** Elements only a web page starts with: the first of them decides. */
const PAGE_ELEMENTS = new Set(['html', 'head', 'body', 'style', 'meta', 'title', 'link', 'script', 'base', 'table', 'xml']);
/**
 * Elements an export may start its table with (a heading, a row): a web page only when a table
 * follows with only markup lines before it, as a CSV's first cell could be one of them.
 */
const TABLE_LEADS = new Set(['tr', 'thead', 'tbody', 'caption', 'colgroup', 'col', 'div', 'center', 'font', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

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
    if (/^<!doctype\s+html/.test(skipped)) doctypeHtml = true;
    if (skipped.startsWith('<?mso-application') && skipped.includes('excel.sheet')) excelSheet = true;
    if (end === -1) return { name: '', doctypeHtml, excelSheet, rest: '' };
    at = end + close.length;
  }
  const name = /^<([a-z][\w:.-]*)/i.exec(text.slice(at, at + 100))?.[1]?.toLowerCase() ?? '';
  return { name, doctypeHtml, excelSheet, rest: text.slice(at) };
}

/** Whether a <table> comes with only lines of markup before it (a CSV's rows start otherwise). */
function tableFollows(text: string): boolean {
  const at = text.search(/<table[\s>]/i);
  return at !== -1 && text.slice(0, at).split(/\r\n|\n|\r/).every((line) => line.trim() === '' || line.trimStart().startsWith('<'));
}

/**
 * What "Export to Excel" of web pages and hospital software writes under .xls: an HTML table, or
 * Excel 2003's XML Spreadsheet; and LibreOffice's one-file OpenDocument (.fods, "Flat XML ODF
 * Spreadsheet"). None is a workbook the station reads, and read as text they would only get "no
 * header row"; Excel or Calc opens each and saves it as .xlsx. Told by the file's first element,
 * not by a word anywhere in it: a CSV whose cells hold "<b>" or even "<table>" is a CSV. A PHP or
 * hospital export opens with a <style> block of mso-number-format rules, one per column,
 * kilobytes before its table.
 */
function markupKind(text: string): OtherKind | null {
  const first = firstElement(text);
  if (first === null) return null;
  const { name } = first;
  if (first.excelSheet || name === 'workbook' || name.endsWith(':workbook')) {
    return {
      kind: 'spreadsheetml-2003',
      place: {
        vi: `Tệp là bảng tính XML của Excel 2003 (XML Spreadsheet) mang đuôi .xls: ${SAVE_AS_XLSX.vi}`,
        en: `The file is an Excel 2003 XML Spreadsheet saved as .xls: ${SAVE_AS_XLSX.en}`,
      },
    };
  }
  if (name === 'office:document') return { kind: 'opendocument-flat', place: OPENDOCUMENT };
  if (first.doctypeHtml || PAGE_ELEMENTS.has(name) || (TABLE_LEADS.has(name) && tableFollows(first.rest))) {
    return {
      kind: 'html',
      place: {
        vi: `Tệp là một bảng trang web (HTML), thường do chức năng "Xuất ra Excel" của phần mềm tạo ra: ${SAVE_AS_XLSX.vi}`,
        en: `The file is a web page table (HTML), as the "Export to Excel" of many programs writes: ${SAVE_AS_XLSX.en}`,
      },
    };
  }
  return null;
}

/**
 * Excel's "Single File Web Page" (.mht/.mhtml), saved under .xls by Excel itself or renamed: a
 * MIME message (RFC 2557) whose headers come first.
 */
function webArchiveKind(text: string): OtherKind | null {
  const headers = text.slice(0, 4096).split(/\r?\n\r?\n/, 1)[0]!;
  if (!/^(?:[!-9;-~]+:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n)*?mime-version:/i.test(headers) || !/content-type:\s*multipart\/related/i.test(headers)) return null;
  return {
    kind: 'mht',
    place: {
      vi: `Tệp là trang web lưu thành một tệp (.mht, "Single File Web Page"), không phải sổ làm việc Excel: ${SAVE_AS_XLSX.vi}`,
      en: `The file is a Single File Web Page (.mht), not an Excel workbook: ${SAVE_AS_XLSX.en}`,
    },
  };
}

/**
 * An Excel web query (.iqy) — what SharePoint's "Export to Excel" downloads: "WEB", a version,
 * then the address Excel fetches the list from. It holds no row of the list.
 */
function webQueryKind(text: string): OtherKind | null {
  const match = /^\ufeff?\s*WEB\r?\n\d+\r?\n\s*(\S+)/i.exec(text.slice(0, 4096));
  if (!match) return null;
  let host: string;
  try {
    host = new URL(match[1]!).host;
  } catch {
    return null;
  }
  return {
    kind: 'excel-web-query',
    place: {
      vi: `Tệp là truy vấn web của Excel (.iqy), như chức năng "Xuất ra Excel" của SharePoint tải về: tệp chỉ có địa chỉ của danh sách (${host}), không có dữ liệu. Hãy mở tệp bằng Excel (Excel tải dữ liệu về, có thể hỏi đăng nhập), rồi lưu lại dạng Excel Workbook (.xlsx)`,
      en: `The file is an Excel web query (.iqy), as SharePoint's "Export to Excel" downloads: it holds only the address of the list (${host}), not its data. Open it in Excel (Excel fetches the data, and may ask you to sign in), then save it as an Excel Workbook (.xlsx)`,
    },
  };
}

/**
 * A Google Drive shortcut (.gsheet), what Drive for desktop puts in the synced folder for a
 * Google Sheets spreadsheet: a line of JSON naming the document. The data stays in Google.
 */
function driveShortcutKind(text: string, whole: boolean): OtherKind | null {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  if (!whole || !trimmed.startsWith('{') || !trimmed.endsWith('}')) return null;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return null;
  }
  const { doc_id: docId, url } = json as { doc_id?: unknown; url?: unknown };
  const link = typeof url === 'string' && /^https:\/\/docs\.google\.com\//.test(url) ? url : typeof docId === 'string' && /^[\w-]{10,}$/.test(docId) ? `https://docs.google.com/spreadsheets/d/${docId}` : null;
  if (link === null) return null;
  return {
    kind: 'google-drive-shortcut',
    place: {
      vi: `Tệp chỉ là lối tắt Google Drive (.gsheet) tới một bảng tính Google Trang tính, không có dữ liệu: hãy mở bảng tính (${link}), chọn Tệp > Tải xuống > Microsoft Excel (.xlsx), rồi nhập tệp tải về`,
      en: `The file is only a Google Drive shortcut (.gsheet) to a Google Sheets spreadsheet and holds no data: open the spreadsheet (${link}), choose File > Download > Microsoft Excel (.xlsx), and import the downloaded file`,
    },
  };
}

/**
 * A text file that is no list: a web page, an XML spreadsheet, a web archive or query, a Drive
 * shortcut. `whole`: the head is the whole file.
 */
export function textKind(head: Buffer, whole: boolean): OtherKind | null {
  const text = headText(head);
  return markupKind(text) ?? webArchiveKind(text) ?? webQueryKind(text) ?? driveShortcutKind(text, whole);
}
