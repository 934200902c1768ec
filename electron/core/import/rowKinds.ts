/**
 * What each row under a header is: a record, or one of the rows clinic sheets have around and
 * between their records (titles repeated, totals and subtotals, group headings, a template's
 * example, the row of column numbers, blank rows), and whether a row after a totals row looks like
 * a record. Read from the header's mapping only; mapRow.ts turns the records into inputs.
 */
import { daysBetween, findVaccine, warning, type Finding } from './domainPort.js';
import { isDatePartsSubheader } from './datePartsHeader.js';
import { isSplitSubheader, type HeaderMapping, type MappedField } from './findHeaderRow.js';
import { matchHeader } from './headerAliases.js';
import { hasLetter, memoByText } from './memoByText.js';
import { parseDateCell } from './parseDateCell.js';
import { DAY_FIRST, type DateOrder } from './dateOrder.js';
import { parseDoseNumber, parsePhone, textOf } from './parseTextCells.js';
import { isBlankCell, isDateCell, isErrorCell, type CellValue, type SheetRow } from './sheetData.js';

/**
 * What a row under the header is. Besides the records: `total` ("Tổng cộng: 120 người", "Cộng
 * thôn Đông"), ending the data or, when records follow it, a subtotal; `section`, a group heading
 * between blocks ("I. Thôn Đông", "Tổ 5"); `columnNumbers`, the row of column numbers official forms
 * put under the header ("(1) (2) … (10)"); a `header` repeated at a page break; `blank`; a
 * `signature` row, the report's signature block ("Người lập biểu … Giám đốc", "(Ký, ghi rõ họ
 * tên)", "Hà Nội, ngày 30 tháng 11 năm 2021"), which, like a total, ends the data unless records follow it;
 * an `unusedDose`, a dose row a template numbered ahead ("Mũi 3") and no one filled (isUnusedDose).
 */
export type RowKind = 'data' | 'blank' | 'total' | 'section' | 'example' | 'columnNumbers' | 'header' | 'signature' | 'unusedDose';

/**
 * What a template's worked example opens with, in its first cell (the STT column, usually), folded
 * as headers are: "Ví dụ", "Ví dụ 1", "VD", "VD1", "Mẫu", "Dòng mẫu", "Example", "e.g.". Never a record.
 */
const EXAMPLE_LABEL = /^[([]?\s*(?:(?:ví dụ|vi du|vd|example)\s*[)\]]?\s*[:.]?\s*[0-9]?|mẫu|dòng mẫu|ví dụ mẫu|e\.g\.?|sample)\s*[)\]]?\s*[:.]?$/iu;
/** "Nguyễn Văn A (ví dụ)": a name that says in brackets it is an example. */
const EXAMPLE_NOTE = /[([]\s*(?:ví dụ|vi du|example)\s*[)\]]/iu;

/**
 * A label that opens a totals or subtotal row, on the NFC lower-cased text: "Tổng cộng", "Tổng số
 * …", "Cộng thôn Đông", "Total", and unaccented "Tong cong" / "Tong so". Matched with diacritics so
 * that the surnames Tống and Công are never a total.
 */
const TOTAL_LABEL = /^[\s\p{P}]*(?:tổng|cộng|tong\s*(?:cong|so)|(?:tong|cong)(?=[\s\p{P}]*(?:\d|$))|(?:grand\s*|sub-?\s*)?totals?)(?![\p{L}\p{N}])/u;

function isTotalLabel(text: string): boolean {
  return TOTAL_LABEL.test(text.normalize('NFC').toLowerCase());
}

/**
 * What opens a cell of a report's signature block, on the NFC lower-cased text without its
 * opening brackets: who signs ("Người lập biểu", "Giám đốc", "Trưởng trạm", "Thủ trưởng đơn vị",
 * "Prepared by"), the instruction under it ("Ký, ghi rõ họ tên", "Ký tên, đóng dấu"), and
 * "Xác nhận của …". With diacritics where the unaccented words are a name ("Trương Trâm"), so
 * only the forms no person is called are matched without them.
 */
const SIGNATURE_LABEL =
  /^[\s\p{P}]*(?:người\s+(?:lập|làm|ghi|báo\s+cáo|kiểm\s+tra|duyệt|tổng\s+hợp)|nguoi\s+(?:lap|lam|ghi|bao\s+cao|kiem\s+tra|duyet|tong\s+hop)|(?:phó\s+)?giám\s+đốc|(?:pho\s+)?giam\s+doc|thủ\s+trưởng|trưởng\s+(?:trạm|khoa|phòng|ban|đơn\s+vị|điểm\s+tiêm|trung\s+tâm)|lãnh\s+đạo\s+đơn\s+vị|ký\s*(?:tên|,|và|ghi)|ky\s*(?:ten|,)|xác\s+nhận\s+của|xac\s+nhan\s+cua|(?:prepared|approved|checked|signed)\s+by|signature)(?![\p{L}])/u;
/** The place-and-date line of a report: "Hà Nội, ngày 30 tháng 11 năm 2021", "Ngày … tháng … năm 20…". */
const DATE_LINE = /(?:^|,\s*)(?:ngày|ngay)[\s\d.…_/-]*(?:tháng|thang)[\s\d.…_/-]*(?:năm|nam)(?![\p{L}])/u;

/** Whether some text cell of a row opens like a signature block's, or is the report's date line. */
function hasSignatureText(cells: readonly CellValue[]): boolean {
  for (const cell of cells) {
    if (typeof cell !== 'string' || cell.length > 80 || !hasLetter(cell)) continue;
    const text = cell.normalize('NFC').toLowerCase().trim();
    if (SIGNATURE_LABEL.test(text) || DATE_LINE.test(text)) return true;
  }
  return false;
}

/** "I. Thôn Đông", "2) Tổ 5", "A - Khoa Nội": a numbered heading (a name or a lot never starts so). */
const NUMBERED_HEADING = /^(?:[IVXLC]{1,6}|\d{1,2}|[A-Za-z])\s*[.):/-]\s*\p{L}/u;
/** Words that open a group heading on its own in one cell: a village, hamlet, team, ward, day, round, class, department. */
const HEADING_WORDS =
  /^(?:thôn|xóm|ấp|tổ|đội|khu|khóm|bản|buôn|khối|cụm|phường|xã|thị trấn|đợt|ngày|buổi|nhóm|lớp|khoa|trường|đơn vị|điểm tiêm|danh sách|(?:thon|xom|ap|to|doi|khu|khoi|cum|dot|ngay|lop|nhom)\s*\d)(?![\p{L}])/u;
/** A roman numeral or a letter alone in the first cell, numbering the heading beside it. */
const HEADING_NUMBER = /^(?:[IVXLC]{1,6}|[A-Z])\.?$/;

/** Six digits or more, or a passport's letters and digits: what the id cell of a record holds. */
function looksLikeId(value: CellValue | undefined): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 100_000;
  return typeof value === 'string' && /^[A-Za-z]{0,2}\d{6,}$/.test(value.replace(/[\s.'-]/g, ''));
}

/** The findings of a date read all the same: the sheet's order, a year of birth's century, an ISO date cell's zone to check. */
const READ_ANYWAY: ReadonlySet<string> = new Set(['IMPORT_DATE_READ_MONTH_FIRST', 'IMPORT_DATE_ORDER_MIXED', 'IMPORT_DATE_TWO_DIGIT_YEAR', 'IMPORT_DATE_WEEKDAY_MISMATCH', 'IMPORT_DATE_CELL_TIME_ZONE']);

function looksLikeDate(value: CellValue | undefined, field: 'dob' | 'vaccinationDate', date1904: boolean, order: DateOrder, column?: number): boolean {
  if (value === undefined || value === null || typeof value === 'boolean' || isErrorCell(value)) return false;
  if (typeof value === 'string' && (value.trim() === '' || hasLetter(value))) return false;
  // Read the sheet's way: a month-first date read so, an ambiguous one in a sheet of both orders,
  // or a two-digit year of birth, carries its warning and is a date all the same.
  return parseDateCell(value, field, date1904, order, column).findings.every((f) => READ_ANYWAY.has(f.code));
}

/**
 * The one text of a row that holds nothing else (the same text in every cell of a merged range
 * counts once), with how many cells hold it and whether a roman numeral or a letter numbers it in
 * the first cell; null for any other row. A data row answers at its second cell.
 */
function onlyText(cells: readonly CellValue[]): { text: string; cells: number; numbered: boolean } | null {
  let text: string | null = null;
  let count = 0;
  let numbered = false;
  for (const cell of cells) {
    if (isBlankCell(cell)) continue;
    if (typeof cell !== 'string') return null;
    if (text !== null && cell !== text && cell.trim() !== text) return null;
    if (text === null) {
      const t = cell.trim();
      if (!numbered && t.length <= 6 && HEADING_NUMBER.test(t)) {
        numbered = true;
        continue;
      }
      text = t;
    }
    count++;
  }
  return text === null ? null : { text, cells: count, numbered };
}

/** "(3)" or 3 under the third column: the ordinal official forms number their columns with. */
function ordinalOf(cell: CellValue): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 ? cell : null;
  // Read by hand: this runs on the first cells of every row, and a pattern's match costs garbage.
  if (typeof cell !== 'string' || cell.length > 12) return null;
  let t = cell.trim();
  const open = t.startsWith('(');
  if (open !== t.endsWith(')')) return null;
  if (open) t = t.slice(1, -1).trim();
  if (t.length === 0 || t.length > 3) return null;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const digit = t.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    n = n * 10 + digit;
  }
  return n > 0 ? n : null;
}

/** More columns than a clinic's list has: a date cell further from Excel's day 0 is a date. */
const MAX_COLUMN_ORDINAL = 200;

/**
 * The column number a date cell holds: a form numbers its columns 1, 2 … 13 in the row under the
 * header, and in a column formatted as a date Excel keeps 7 as the date serial 7, shown 07/01/1900
 * (the row was read as a person with 18 findings, probe of session 23, t14_doses_wide). Serial n
 * is n days after 1899-12-30 as this reader counts, n days after 1899-12-31 as Excel shows serials
 * before its 29 February 1900, or n days after 1904-01-01 in a 1904 workbook. `expected`: the
 * number the row's earlier cells make this column's; null for the row's first cell.
 */
function dateOrdinal(date: string, expected: number | null): number | null {
  const fromDay0 = daysBetween('1899-12-30', date);
  const readings = [fromDay0, fromDay0 - 1, fromDay0 - DAYS_1900_TO_1904];
  if (expected !== null) return readings.includes(expected) ? expected : null;
  return readings.find((n) => n >= 1 && n <= MAX_COLUMN_ORDINAL) ?? null;
}
/** Serial 0 of the 1904 date system, 1904-01-01, in the 1900 system's days. */
const DAYS_1900_TO_1904 = 1462;

/**
 * The row of column numbers: every non-blank cell is its column's ordinal, counted from wherever the
 * table starts, and they number at least half the imported columns (a data row answers at once).
 */
function isColumnNumberRow(cells: readonly CellValue[], mappedColumns: number): boolean {
  let offset: number | null = null;
  let count = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (isBlankCell(cell)) continue;
    const n: number | null = ordinalOf(cell) ?? (isDateCell(cell) ? dateOrdinal(cell.date, offset === null ? null : i - offset) : null);
    if (n === null || (offset !== null && i - n !== offset)) return false;
    offset = i - n;
    count++;
  }
  return count >= Math.max(3, Math.ceil(mappedColumns / 2));
}

function cellFor(row: SheetRow, mapping: HeaderMapping, field: MappedField): CellValue | undefined {
  const index = mapping.fields[field];
  return index === undefined ? undefined : (row.cells[index] ?? null);
}

/** In the footer after the last totals row, a row with anything in its id column is reported as left out. */
export function hasIdNumber(row: SheetRow, mapping: HeaderMapping): boolean {
  return textOf(cellFor(row, mapping, 'idNumber')) !== '';
}

/**
 * Whether a row after a totals row is a record, so the total was a subtotal: an id number, or two
 * different cells that read as a record's (a name, a date, a vaccine, a dose number, a phone).
 * A signature footer ("Người lập biểu" … "Trưởng trạm") has one at most.
 */
export function looksLikeRecord(row: SheetRow, mapping: HeaderMapping, date1904 = false, order: DateOrder = DAY_FIRST): boolean {
  if (looksLikeId(cellFor(row, mapping, 'idNumber'))) return true;
  const seen = new Set<string>();
  const note = (field: MappedField, reads: (value: CellValue) => boolean): void => {
    const value = cellFor(row, mapping, field);
    if (value !== undefined && value !== null && !isBlankCell(value) && reads(value)) seen.add(textOf(value));
  };
  // "Tổng cộng xã A" in the name column is a subtotal's label, no person's name.
  const isName = (v: CellValue): boolean => typeof v === 'string' && hasLetter(v) && !/\d/.test(v) && !isTotalLabel(v);
  note('fullName', isName);
  note('familyName', isName);
  note('middleName', isName);
  note('givenName', isName);
  note('dob', (v) => looksLikeDate(v, 'dob', date1904, order, mapping.fields.dob));
  note('birthYear', (v) => /^(?:19|20)\d\d$/.test(textOf(v)));
  note('vaccinationDate', (v) => looksLikeDate(v, 'vaccinationDate', date1904, order, mapping.fields.vaccinationDate));
  note('vaccine', (v) => findVaccine(textOf(v)) !== undefined);
  note('doseNumber', (v) => {
    const n = parseDoseNumber(v);
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 20;
  });
  note('phone', (v) => /^(?:0|\+?84)\d{9}$/.test(parsePhone(v).phone.replace(/[\s.-]/g, '')));
  return seen.size >= 2;
}

/**
 * Data, or one of the rows a clinic sheet has around and between its data that are not records.
 * `signatures: false` asks what a signature row would be otherwise (records came after it).
 */
export function classifyRow(row: SheetRow, mapping: HeaderMapping, opts: { signatures?: boolean } = {}): RowKind {
  if (isSplitSubheader(row, mapping) || isDatePartsSubheader(row, mapping)) return 'header';
  const cells = row.cells;
  const columns = columnsOf(mapping);
  let blank = true;
  for (const [, index] of columns) {
    if (!isBlankCell(cells[index] ?? null)) {
      blank = false;
      break;
    }
  }
  const first = cells.find((c) => !isBlankCell(c));
  // A cell without a letter is no label (the row number column, an id, a date).
  const label = typeof first === 'string' && hasLetter(first) ? first.trim() : null;
  // The word itself, as written: "Mẫu" but not the name "Mậu", "VD1" but not a code "VD01". In a
  // name column (a list without a row number column) "Mẫu" alone is a person's name.
  if (label !== null && label.length <= 14 && EXAMPLE_LABEL.test(label.normalize('NFC')) && !(isNameColumn(mapping, cells.indexOf(first ?? null)) && /^(?:mẫu|sample)$/iu.test(label.normalize('NFC')))) {
    return 'example';
  }
  // In the row number column (no field of the record), also written without its accents ("Mau", "Vi du").
  if (label !== null && label.length <= 8 && /^(?:mau|vi du)\s*[:.]?$/i.test(label)) {
    const firstAt = cells.indexOf(first ?? null);
    if (!columnsOf(mapping).some(([, i]) => i === firstAt)) return 'example';
  }
  const name = cellFor(row, mapping, 'fullName');
  if (typeof name === 'string' && (name.includes('(') || name.includes('[')) && EXAMPLE_NOTE.test(name.normalize('NFC'))) return 'example';
  if (label !== null && isTotalLabel(label)) {
    // The id column of a totals row holds nothing like an id (or the label, merged across it).
    const id = cellFor(row, mapping, 'idNumber');
    if (!looksLikeId(id) || textOf(id) === label) return 'total';
  }
  // A hospital system numbers its subtotals too and writes their label in the name column, the
  // day's vaccine, lot and date beside it ("2 | Cộng ngày 11/08/2021 | … | Pfizer | FF1234"). No
  // person is called "Cộng …" or "Tổng …" (matched with their marks: Công and Tống are names).
  if (name !== label && typeof name === 'string' && isTotalLabel(name) && !looksLikeId(cellFor(row, mapping, 'idNumber'))) return 'total';
  if (blank) return 'blank';
  if (isColumnNumberRow(cells, columns.length)) return 'columnNumbers';
  // Most rows have an id: the text test runs only on the others.
  if (opts.signatures !== false && !looksLikeId(cellFor(row, mapping, 'idNumber')) && hasSignatureText(cells) && !looksLikeRecord(row, mapping)) return 'signature';
  const only = onlyText(cells);
  // One text, merged across the table or worded as a heading, and no id or date: a group heading.
  // A lone text that is none of these (a name with nothing else) stays data, and is reported.
  if (only !== null && hasLetter(only.text) && !looksLikeId(only.text) && (only.cells >= 3 || only.numbered || NUMBERED_HEADING.test(only.text) || HEADING_WORDS.test(only.text.normalize('NFC').toLowerCase()))) {
    return 'section';
  }
  if (isUnusedDose(row, mapping)) return 'unusedDose';
  return repeatsHeader(cells, columns) ? 'header' : 'data';
}

/** A row's name as written: its full-name cell, else its family, middle and given names joined. */
export function rowName(row: SheetRow, mapping: HeaderMapping): string {
  const f = mapping.fields;
  const at = (i: number | undefined): string => (i === undefined ? '' : textOf(row.cells[i] ?? null));
  return at(f.fullName) || [at(f.familyName), at(f.middleName), at(f.givenName)].filter((t) => t !== '').join(' ');
}

/** The note of an unused dose row (isUnusedDose), naming the dose and whose block it is in. */
export function unusedDoseSkipped(row: SheetRow, mapping: HeaderMapping): Finding {
  const dose = textOf(cellFor(row, mapping, 'doseNumber'));
  const name = rowName(row, mapping);
  const whose = name === '' ? '' : ` (${name})`;
  return warning(
    'row',
    'IMPORT_ROW_SKIPPED',
    `Dòng ${row.row}${whose} chỉ ghi mũi tiêm thứ "${dose}", không có vắc xin, số lô hay ngày tiêm: là dòng mẫu để sẵn cho mũi chưa tiêm, bỏ qua.`,
    `Row ${row.row}${whose} holds only the dose number "${dose}", with no vaccine, lot or date: a row the template left for a dose not given yet, skipped.`,
  );
}

/** The person's fields: on a dose row of a merged block, copies of the block's first row. */
const PERSON_FIELDS: readonly MappedField[] = ['fullName', 'familyName', 'middleName', 'givenName', 'dob', 'birthYear', 'sex', 'idNumber', 'idType', 'phone', 'nationality'];

/**
 * A dose slot a template numbered ahead and no one filled: a list with a row per dose whose
 * person is merged over three rows, "Mũi 1", "Mũi 2", "Mũi 3" written in the dose column, the
 * third given to no one yet (probe of session 23, t20_blocks: three FIELD_REQUIRED each). The dose
 * number is the row's only dose cell (vaccine, lot and date blank) and the person's cells are blank
 * or the copies of a person merged from above. A row whose person is written on it is a dose
 * recorded without its details, and stays an error; a row with a date or a vaccine is a dose.
 */
function isUnusedDose(row: SheetRow, mapping: HeaderMapping): boolean {
  const f = mapping.fields;
  if (mapping.doses.length > 0 || f.doseNumber === undefined) return false;
  // Nearly every row answers at its date.
  for (const field of ['vaccinationDate', 'vaccine', 'lot'] as const) {
    const index = f[field];
    if (index !== undefined && textOf(row.cells[index] ?? null) !== '') return false;
  }
  const dose = parseDoseNumber(row.cells[f.doseNumber] ?? null);
  if (typeof dose !== 'number' || !Number.isInteger(dose) || dose < 1) return false;
  const merged = row.mergedFromAbove;
  for (const field of PERSON_FIELDS) {
    const index = f[field];
    if (index !== undefined && !isBlankCell(row.cells[index] ?? null) && merged?.includes(index) !== true) return false;
  }
  return true;
}

/** Whether column `at` is the person's name (full, family or given). */
function isNameColumn(mapping: HeaderMapping, at: number): boolean {
  const f = mapping.fields;
  return at === f.fullName || at === f.familyName || at === f.middleName || at === f.givenName;
}

/** What a totals or heading row says (each merged text once), as the skipped-row note quotes it. */
export function rowLabel(row: SheetRow): string {
  const texts = new Set<string>();
  for (const cell of row.cells) if (!isBlankCell(cell)) texts.add(textOf(cell).replace(/\s+/g, ' '));
  const text = [...texts].join(' ');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The mapping's fields and their column indexes, listed once per mapping rather than per row. */
const columnLists = new WeakMap<HeaderMapping, readonly (readonly [string, number])[]>();

function columnsOf(mapping: HeaderMapping): readonly (readonly [string, number])[] {
  let list = columnLists.get(mapping);
  if (list === undefined) {
    list = Object.entries(mapping.fields).filter((e): e is [string, number] => e[1] !== undefined);
    columnLists.set(mapping, list);
  }
  return list;
}

/** Columns of the header that must name their own field again for a row to be the header repeated. */
const REPEATED_HEADER_FIELDS = 3;

/**
 * The header repeated (a second block, a page break): three or more of its column names again.
 * The cells answered without matching (no letter, or seen before) are counted first; a data row's
 * new text (a name, a lot) is matched only when it could still make the count, which it cannot
 * on an ordinary row, so the same answer costs no header matching per row.
 */
function repeatsHeader(cells: readonly CellValue[], columns: readonly (readonly [string, number])[]): boolean {
  // Counted without collecting the unknown cells: a data row (most rows) allocates nothing here.
  let repeats = 0;
  let unknown = 0;
  for (const [field, index] of columns) {
    const cell = cells[index];
    if (typeof cell !== 'string' || !hasLetter(cell)) continue;
    const known = headerFields.known(cell);
    if (known === undefined) unknown++;
    else if (known === field) repeats++;
  }
  if (repeats >= REPEATED_HEADER_FIELDS) return true;
  if (unknown === 0 || repeats + unknown < REPEATED_HEADER_FIELDS) return false;
  // Rare (a row that looks like a header): the unknown cells listed first, as nothing has been
  // remembered since the count, then matched (which remembers them).
  const unknownCells: [string, string][] = [];
  for (const [field, index] of columns) {
    const cell = cells[index];
    if (typeof cell === 'string' && hasLetter(cell) && headerFields.known(cell) === undefined) unknownCells.push([cell, field]);
  }
  for (const [cell, field] of unknownCells) if (headerFields(cell) === field && ++repeats >= REPEATED_HEADER_FIELDS) return true;
  return false;
}

/**
 * matchHeader's field for a data cell, cheaply: every alias is made of letters, so repeatsHeader
 * skips a cell without one (an id number, a phone, a date, a dose number); the cells that repeat
 * down a sheet (vaccine, sex, lot, nationality) are matched once.
 */
const headerFields = memoByText((cell: string): string | null => matchHeader(cell)?.field ?? null, 4096);

