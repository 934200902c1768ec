import { formatMegabytes } from '../../../shared/megabytes.js';
import { StationError } from '../../../shared/errors.js';
import { columnLetters } from './applyMerges.js';

/**
 * Why a whole file is refused (DESIGN §9). Row-level problems are findings, not errors: a file
 * with bad rows still previews; these codes mean nothing in the file could be used.
 */
export type ImportErrorCode =
  | 'IMPORT_NOT_SPREADSHEET'
  | 'IMPORT_LEGACY_XLS'
  | 'IMPORT_ENCRYPTED'
  | 'IMPORT_EMPTY'
  | 'IMPORT_NO_HEADER'
  | 'IMPORT_SHEET_NOT_FOUND'
  | 'IMPORT_SHEET_NOT_VACCINATED'
  | 'IMPORT_TOO_LARGE'
  | 'IMPORT_BAD_ENCODING'
  | 'IMPORT_UNCLOSED_QUOTE'
  | 'IMPORT_LETTERS_LOST'
  | 'IMPORT_LEGACY_FONT'
  | 'IMPORT_CORRUPT_ZIP'
  | 'IMPORT_CORRUPT_XLSX'
  | 'IMPORT_FILE_UNREADABLE'
  | 'IMPORT_COMMIT_FAILED'
  | 'IMPORT_EXPORT_FAILED'
  | 'IMPORT_CANCELLED';

const MESSAGES: Record<ImportErrorCode, [vi: string, en: string]> = {
  IMPORT_NOT_SPREADSHEET: [
    'Tệp không phải bảng tính Excel (.xlsx) hoặc CSV',
    'The file is not an Excel workbook (.xlsx) or a CSV file',
  ],
  // Each refusal says which of the two, or that both are possible (oleFileKind.ts).
  IMPORT_LEGACY_XLS: ['Tệp không ở dạng Excel Workbook (.xlsx) mà trạm đọc được', 'The file is not in the Excel Workbook format (.xlsx) the station reads'],
  IMPORT_ENCRYPTED: [
    'Tệp Excel có mật khẩu mở tệp (đã được mã hoá): trạm không đọc được tệp đã mã hoá',
    'The Excel file has a password to open (it is encrypted): the station cannot read an encrypted file',
  ],
  IMPORT_EMPTY: ['Tệp không có dữ liệu', 'The file has no data'],
  IMPORT_NO_HEADER: [
    'Không tìm thấy dòng tiêu đề có đủ các cột cần thiết',
    'No header row with the required columns was found',
  ],
  IMPORT_SHEET_NOT_FOUND: ['Không có trang tính với tên này', 'The workbook has no worksheet with this name'],
  // readSheet.ts notVaccinatedOnly: the place sentence names the tab and the ways on.
  IMPORT_SHEET_NOT_VACCINATED: [
    'Danh sách duy nhất trong tệp nằm ở trang có tên của danh sách người chưa được tiêm: không nhập, vì mỗi dòng sẽ thành một mũi tiêm chưa hề diễn ra',
    'The only list in the file is on a sheet named as a list of people not vaccinated: not imported, since each row would be a dose that never happened',
  ],
  IMPORT_TOO_LARGE: ['Tệp quá lớn để nhập', 'The file is too large to import'],
  IMPORT_BAD_ENCODING: [
    'Không đọc được bảng mã ký tự của tệp (hãy lưu lại dạng CSV UTF-8)',
    'The character encoding of the file cannot be read (save it again as CSV UTF-8)',
  ],
  IMPORT_LEGACY_FONT: [
    'Tiếng Việt trong tệp được gõ bằng một phông chữ cũ (TCVN3, VNI) hoặc kiểu VIQR, không phải Unicode: tên người không đọc được đúng',
    "The file's Vietnamese is typed in a legacy font (TCVN3, VNI) or in VIQR, not Unicode: people's names cannot be read right",
  ],
  IMPORT_LETTERS_LOST: [
    'Các chữ cái tiếng Việt của tệp đã bị thay bằng dấu "?" khi tệp được lưu: không thể khôi phục chúng từ tệp này',
    'The file\'s Vietnamese letters were replaced by "?" when it was saved: they cannot be recovered from this file',
  ],
  IMPORT_UNCLOSED_QUOTE: [
    'Tệp CSV có dấu ngoặc kép (") không được đóng đúng chỗ: các dòng sau nó bị gộp vào một ô',
    'The CSV file has a quote (") that is not closed where it should be: the lines after it run into one cell',
  ],
  IMPORT_CORRUPT_ZIP: [
    'Tệp Excel bị hỏng hoặc chưa tải xong (cấu trúc nén không hợp lệ)',
    'The Excel file is damaged or incomplete (invalid zip structure)',
  ],
  IMPORT_CORRUPT_XLSX: [
    'Tệp Excel bị hỏng: không đọc được nội dung trang tính',
    'The Excel file is damaged: its sheet content cannot be read',
  ],
  IMPORT_FILE_UNREADABLE: ['Không mở được tệp', 'The file cannot be opened'],
  IMPORT_COMMIT_FAILED: ['Không ghi được dữ liệu nhập: chưa có dòng nào được lưu', 'The import could not be written: no row was saved'],
  IMPORT_EXPORT_FAILED: ['Không ghi được tệp các dòng lỗi', 'The file of failed rows could not be written'],
  IMPORT_CANCELLED: ['Đã hủy nhập tệp', 'The import was cancelled'],
};

/** Where in the file a refusal is, as a sentence in each language. */
export interface ImportErrorPlace {
  vi: string;
  en: string;
}

export function importError(code: ImportErrorCode, details?: Record<string, unknown>, cause?: unknown): StationError {
  return buildImportError(code, null, details, cause);
}

/**
 * A refusal whose messages also say where in the file the problem is (line, byte, the text
 * around it): the screen and the CLI show the messages, not the details, and a clinic can only
 * fix a character it can find. IMPORT_COMMIT_FAILED says its cause this way (a full disk, a
 * locked database: db/storageErrors.ts).
 */
export function importErrorAt(code: ImportErrorCode, place: ImportErrorPlace, details?: Record<string, unknown>, cause?: unknown): StationError {
  return buildImportError(code, place, details, cause);
}

function buildImportError(code: ImportErrorCode, place: ImportErrorPlace | null, details?: Record<string, unknown>, cause?: unknown): StationError {
  const [vi, en] = MESSAGES[code];
  const error = place ? new StationError(code, `${vi}. ${place.vi}`, `${en}. ${place.en}`, details) : new StationError(code, vi, en, details);
  if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
  return error;
}

/** Which limit a file passed (importLimits.ts), for IMPORT_TOO_LARGE's sentence. */
export type TooLarge =
  | { bytes: number; maxBytes: number }
  | { inflatedBytes: number; maxInflatedBytes: number }
  | { sheet?: string; maxRows: number }
  | { sheet: string; maxRowElements: number }
  | { sheet: string; maxCells: number }
  | { row: number; column: number; cellChars: number; maxCellChars: number };

const n = (x: number, lang: 'vi' | 'en') => x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');

/**
 * IMPORT_TOO_LARGE saying which limit and what to do: a sheet formatted or filled with formulas
 * down to Excel's last row or across to its last column is the usual cause of a small list
 * refused (the probe of session 23 found the limit only in `--json`).
 */
export function tooLarge(limit: TooLarge): StationError {
  const of = 'sheet' in limit && limit.sheet !== undefined ? { vi: `Trang "${limit.sheet}"`, en: `Sheet "${limit.sheet}"` } : { vi: 'Tệp', en: 'The file' };
  const trim = {
    vi: 'Nếu danh sách không lớn đến vậy, có thể trang có định dạng hoặc công thức kéo tới tận cuối: hãy xoá các dòng và cột trống thừa, lưu lại rồi nhập lại; danh sách rất lớn thì chia thành nhiều tệp.',
    en: 'If the list is not that large, the sheet may have formatting or formulas filled to its very end: delete the unused rows and columns, save, and import again; split a very large list into several files.',
  };
  let place: ImportErrorPlace;
  if ('maxBytes' in limit) {
    place = { vi: `Tệp có ${formatMegabytes(limit.bytes, 'vi')}, quá giới hạn ${formatMegabytes(limit.maxBytes, 'vi')}: hãy chia danh sách thành nhiều tệp.`, en: `The file is ${formatMegabytes(limit.bytes, 'en')}, over the limit of ${formatMegabytes(limit.maxBytes, 'en')}: split the list into several files.` };
  } else if ('maxInflatedBytes' in limit) {
    place = { vi: `Nội dung bên trong tệp Excel có ${formatMegabytes(limit.inflatedBytes, 'vi')} khi giải nén, quá giới hạn ${formatMegabytes(limit.maxInflatedBytes, 'vi')}. ${trim.vi}`, en: `The Excel file's content is ${formatMegabytes(limit.inflatedBytes, 'en')} unpacked, over the limit of ${formatMegabytes(limit.maxInflatedBytes, 'en')}. ${trim.en}` };
  } else if ('maxCellChars' in limit) {
    const cell = { vi: `dòng ${limit.row}, cột ${columnLetters(limit.column - 1)} (ô thứ ${limit.column})`, en: `row ${limit.row}, column ${columnLetters(limit.column - 1)} (field ${limit.column})` };
    place = {
      vi: `Ô ở ${cell.vi} có ${n(limit.cellChars, 'vi')} ký tự, quá giới hạn ${n(limit.maxCellChars, 'vi')} ký tự của một ô Excel: hãy rút ngắn ô đó (hoặc chuyển phần dài sang tệp khác), lưu rồi nhập lại.`,
      en: `The cell on ${cell.en} has ${n(limit.cellChars, 'en')} characters, over Excel's limit of ${n(limit.maxCellChars, 'en')} per cell: shorten that cell (or move the long text elsewhere), save and import again.`,
    };
  } else if ('maxCells' in limit) {
    place = { vi: `${of.vi} có hơn ${n(limit.maxCells, 'vi')} ô. ${trim.vi}`, en: `${of.en} has more than ${n(limit.maxCells, 'en')} cells. ${trim.en}` };
  } else if ('maxRowElements' in limit) {
    place = { vi: `${of.vi} có hơn ${n(limit.maxRowElements, 'vi')} dòng, kể cả dòng trống. ${trim.vi}`, en: `${of.en} has more than ${n(limit.maxRowElements, 'en')} rows, blank ones included. ${trim.en}` };
  } else {
    place = { vi: `${of.vi} có hơn ${n(limit.maxRows, 'vi')} dòng dữ liệu: hãy chia danh sách thành nhiều tệp.`, en: `${of.en} has more than ${n(limit.maxRows, 'en')} rows of data: split the list into several files.` };
  }
  return importErrorAt('IMPORT_TOO_LARGE', place, { ...limit });
}

/**
 * IMPORT_EMPTY of a list whose header was found with no record under it (an empty template, a
 * list saved before its rows were typed): where the header is, and the rows under it (`rowsUnder`,
 * those holding anything) that are no record (a total, a template's example), as "the file has
 * no data" sent the clerk to look for a wrong file.
 */
export function noRecordsUnder(headerRow: number, sheet: string | null, rowsUnder: readonly number[]): StationError {
  const where = sheet === null ? { vi: `dòng ${headerRow}`, en: `row ${headerRow}` } : { vi: `trang "${sheet}", dòng ${headerRow}`, en: `sheet "${sheet}", row ${headerRow}` };
  const rows = rowsUnder;
  const shown = rows.slice(0, 5).join(', ') + (rows.length > 5 ? ', …' : '');
  const place =
    rows.length === 0
      ? { vi: `Đã tìm thấy dòng tiêu đề (${where.vi}) nhưng không có dòng nào bên dưới: hãy nhập tệp có các dòng danh sách`, en: `The header was found (${where.en}) but there is no row under it: import the file that holds the list's rows` }
      : {
          vi: `Đã tìm thấy dòng tiêu đề (${where.vi}) nhưng không dòng nào bên dưới là một bản ghi (dòng ${shown}: dòng tổng, tiêu đề nhóm hoặc dòng ví dụ)`,
          en: `The header was found (${where.en}) but no row under it is a record (${rows.length === 1 ? 'row' : 'rows'} ${shown}: a total, a group heading or an example)`,
        };
  return importErrorAt('IMPORT_EMPTY', place, { headerRow, sheet, rowsUnder: rows.length });
}

/** What a tab that is no worksheet is, as Excel names it. */
const NOT_LIST_KINDS: Record<string, { kind: string; vi: string; en: string }> = {
  chartsheet: { kind: 'chart', vi: 'một trang biểu đồ', en: 'a chart sheet' },
  dialogsheet: { kind: 'dialog', vi: 'một trang hộp thoại (Excel 5.0)', en: 'an Excel 5.0 dialog sheet' },
  macrosheet: { kind: 'macro', vi: 'một trang macro (Excel 4.0)', en: 'an Excel 4.0 macro sheet' },
};

/**
 * IMPORT_SHEET_NOT_FOUND naming the sheet asked for and the worksheets the workbook has (the
 * tabs that can be chosen); `notList`, the tab of that name when it is a chart, dialog or macro
 * sheet, said for what it is: listed among the sheets, it read as "no such sheet".
 */
export function sheetNotFound(wanted: string, sheets: readonly string[], notList?: { name: string; kind: string }): StationError {
  const list = sheets.map((s) => `"${s}"`).join(', ');
  if (notList !== undefined) {
    const what = NOT_LIST_KINDS[notList.kind] ?? { kind: notList.kind, vi: 'một trang không có ô', en: 'a sheet without cells' };
    return importErrorAt(
      'IMPORT_SHEET_NOT_FOUND',
      {
        vi: `"${notList.name}" là ${what.vi}, không phải trang tính có danh sách: hãy chọn ${sheets.length > 1 ? 'một trong các trang' : 'trang'} ${list || '(tệp không có trang tính nào)'}.`,
        en: `"${notList.name}" is ${what.en}, not a worksheet with a list: choose ${sheets.length > 1 ? 'one of the sheets' : 'the sheet'} ${list || '(the workbook has no worksheet)'}.`,
      },
      { sheet: wanted, sheets, notList: { name: notList.name, kind: what.kind } },
    );
  }
  return importErrorAt(
    'IMPORT_SHEET_NOT_FOUND',
    { vi: `Tên được chọn: "${wanted}"; các trang của tệp: ${list || '(không có)'}.`, en: `Asked for: "${wanted}"; the workbook's sheets: ${list || '(none)'}.` },
    { sheet: wanted, sheets },
  );
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw importError('IMPORT_CANCELLED');
}
