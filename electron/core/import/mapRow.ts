import type { DoseInput, Finding, PersonInput } from './domainPort.js';
import { error, findVaccine, normalizeName, warning } from './domainPort.js';
import { doseLabel } from './doseMarker.js';
import { idFallback, isSplitSubheader, type HeaderMapping, type MappedField, type SexSplit } from './findHeaderRow.js';
import { foldHeader, matchHeader } from './headerAliases.js';
import { hasLetter, memoByText } from './memoByText.js';
import { parseDateCell } from './parseDateCell.js';
import { DAY_FIRST, type DateOrder } from './dateOrder.js';
import { parseIdCells } from './parseIdCells.js';
import { cellErrorFinding, doseNumberUnreadable, parseDoseNumber, parseNationality, parsePhone, parseSex, textOf } from './parseTextCells.js';
import { isBlankCell, isErrorCell, type CellValue, type SheetRow } from './sheetData.js';

/** One data row turned into what the store takes, with what the import itself found wrong. */
export interface MappedRow {
  row: number;
  person: PersonInput;
  dose: DoseInput;
  findings: Finding[];
  /** Fields on which our findings stand in for validation's (no second message about the same cell). */
  covers: ReadonlySet<string>;
  /** The source cells, for the preview's rows and the failed-rows export. */
  cells: CellValue[];
}

/**
 * What a row under the header is. Besides the records: `total` ("Tổng cộng: 120 người", "Cộng
 * thôn Đông"), ending the data or, when records follow it, a subtotal; `section`, a group heading
 * between blocks ("I. Thôn Đông", "Tổ 5"); `columnNumbers`, the row of column numbers official forms
 * put under the header ("(1) (2) … (10)"); a `header` repeated at a page break; `blank`.
 */
export type RowKind = 'data' | 'blank' | 'total' | 'section' | 'example' | 'columnNumbers' | 'header';

/**
 * What a template's worked example opens with, in its first cell (the STT column, usually), folded
 * as headers are: "Ví dụ", "VD", "Mẫu", "Dòng mẫu", "Example", "e.g.". Never a record.
 */
const EXAMPLE_LABELS: ReadonlySet<string> = new Set(['vidu', 'vd', 'mau', 'dongmau', 'vidumau', 'example', 'eg', 'sample']);

/**
 * A label that opens a totals or subtotal row, on the NFC lower-cased text: "Tổng cộng", "Tổng số
 * …", "Cộng thôn Đông", "Total", and unaccented "Tong cong" / "Tong so". Matched with diacritics so
 * that the surnames Tống and Công are never a total.
 */
const TOTAL_LABEL = /^[\s\p{P}]*(?:tổng|cộng|tong\s*(?:cong|so)|(?:tong|cong)(?=[\s\p{P}]*(?:\d|$))|(?:grand\s*|sub-?\s*)?totals?)(?![\p{L}\p{N}])/u;

function isTotalLabel(text: string): boolean {
  return TOTAL_LABEL.test(text.normalize('NFC').toLowerCase());
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

function looksLikeDate(value: CellValue | undefined, field: 'dob' | 'vaccinationDate'): boolean {
  if (value === undefined || value === null || typeof value === 'boolean' || isErrorCell(value)) return false;
  if (typeof value === 'string' && (value.trim() === '' || hasLetter(value))) return false;
  return parseDateCell(value, field, false).findings.length === 0;
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
    const n = ordinalOf(cell);
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
export function looksLikeRecord(row: SheetRow, mapping: HeaderMapping): boolean {
  if (looksLikeId(cellFor(row, mapping, 'idNumber'))) return true;
  const seen = new Set<string>();
  const note = (field: MappedField, reads: (value: CellValue) => boolean): void => {
    const value = cellFor(row, mapping, field);
    if (value !== undefined && value !== null && !isBlankCell(value) && reads(value)) seen.add(textOf(value));
  };
  const isName = (v: CellValue): boolean => typeof v === 'string' && hasLetter(v) && !/\d/.test(v);
  note('fullName', isName);
  note('familyName', isName);
  note('givenName', isName);
  note('dob', (v) => looksLikeDate(v, 'dob'));
  note('birthYear', (v) => /^(?:19|20)\d\d$/.test(textOf(v)));
  note('vaccinationDate', (v) => looksLikeDate(v, 'vaccinationDate'));
  note('vaccine', (v) => findVaccine(textOf(v)) !== null);
  note('doseNumber', (v) => {
    const n = parseDoseNumber(v);
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 20;
  });
  note('phone', (v) => /^(?:0|\+?84)\d{9}$/.test(parsePhone(v).replace(/[\s.-]/g, '')));
  return seen.size >= 2;
}

/** Data, or one of the rows a clinic sheet has around and between its data that are not records. */
export function classifyRow(row: SheetRow, mapping: HeaderMapping): RowKind {
  if (isSplitSubheader(row, mapping)) return 'header';
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
  if (label !== null && label.length <= 12 && EXAMPLE_LABELS.has(foldHeader(label))) return 'example';
  if (label !== null && isTotalLabel(label)) {
    // The id column of a totals row holds nothing like an id (or the label, merged across it).
    const id = cellFor(row, mapping, 'idNumber');
    if (!looksLikeId(id) || textOf(id) === label) return 'total';
  }
  if (blank) return 'blank';
  if (isColumnNumberRow(cells, columns.length)) return 'columnNumbers';
  const only = onlyText(cells);
  // One text, merged across the table or worded as a heading, and no id or date: a group heading.
  // A lone text that is none of these (a name with nothing else) stays data, and is reported.
  if (only !== null && hasLetter(only.text) && !looksLikeId(only.text) && (only.cells >= 3 || only.numbered || NUMBERED_HEADING.test(only.text) || HEADING_WORDS.test(only.text.normalize('NFC').toLowerCase()))) {
    return 'section';
  }
  return repeatsHeader(cells, columns) ? 'header' : 'data';
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

/** The sex a CCCD encodes in its 4th digit (even: male, odd: female). */
function sexFromCccd(idType: string, idNumber: string): 'M' | 'F' | null {
  if (idType !== 'CCCD' || !/^\d{12}$/.test(idNumber)) return null;
  return Number(idNumber[3]) % 2 === 0 ? 'M' : 'F';
}

/** The catalog code a vaccine cell names, else the text as written. */
const vaccineCodeOf = memoByText((text: string): string => findVaccine(text)?.code ?? text);

/** The covers of a row whose cells all read cleanly (most rows): one shared, never added to. */
const NO_COVERS: ReadonlySet<string> = new Set<string>();

/** Which of a sex-split pair's two cells is filled: its sex, both, or neither (null). */
function filledSide(row: SheetRow, split: SexSplit): 'M' | 'F' | 'both' | null {
  const m = !isBlankCell(row.cells[split.male] ?? null);
  const f = !isBlankCell(row.cells[split.female] ?? null);
  return m && f ? 'both' : m ? 'M' : f ? 'F' : null;
}

/**
 * The value of a sex-split field (findHeaderRow.ts SexSplit): the one filled cell of the two, and
 * the sex its column says; both filled is an error (which one is the person's?).
 */
function splitCell(row: SheetRow, split: SexSplit): { value: CellValue; sex: 'M' | 'F' | null; findings: Finding[] } {
  const male = row.cells[split.male] ?? null;
  const female = row.cells[split.female] ?? null;
  const side = filledSide(row, split);
  if (side === 'both') {
    return {
      value: null,
      sex: null,
      findings: [
        error(
          'dob',
          'IMPORT_DOB_BOTH_SEXES',
          `Năm sinh được ghi ở cả cột Nam (${textOf(male)}) và cột Nữ (${textOf(female)}): chỉ ghi vào cột đúng giới tính.`,
          `The year of birth is written under both Nam (${textOf(male)}) and Nữ (${textOf(female)}): write it under the person's sex only.`,
        ),
      ],
    };
  }
  return { value: side === 'M' ? male : side === 'F' ? female : null, sex: side, findings: [] };
}

/** A mark (x, ✓, 1…) under "Nam" or "Nữ" of a split "Giới tính"; both marked is unknown, with a warning. */
function sexMarked(row: SheetRow, split: SexSplit): { sex: 'M' | 'F' | 'X' | null; findings: Finding[] } {
  const side = filledSide(row, split);
  if (side === 'both') {
    return {
      sex: 'X',
      findings: [warning('sex', 'IMPORT_SEX_BOTH_MARKED', 'Cả cột Nam và cột Nữ đều được đánh dấu: giới tính được ghi là không rõ.', 'Both Nam and Nữ are marked: the sex is recorded as unknown.')],
    };
  }
  return { sex: side, findings: [] };
}

/** Findings and covered fields of one row being mapped, shared by its person and its doses. */
class RowFindings {
  readonly findings: Finding[] = [];
  // Made on the first covered field: every row keeps its covers for the store pass.
  covered: Set<string> | null = null;

  cover(field: string): void {
    (this.covered ??= new Set<string>()).add(field);
  }

  take(parsed: { findings: Finding[] }, field: string): void {
    this.findings.push(...parsed.findings);
    if (parsed.findings.some((f) => f.severity === 'error')) this.cover(field);
  }

  /** The cell at `index` (undefined: no such column); an error cell is said once and read as blank. */
  cell(row: SheetRow, index: number | undefined, field: MappedField): CellValue | undefined {
    const value = index === undefined ? undefined : (row.cells[index] ?? null);
    if (value !== undefined && value !== null && isErrorCell(value) && field !== 'idNumber' && field !== 'dob' && field !== 'vaccinationDate') {
      this.findings.push(cellErrorFinding(field === 'familyName' || field === 'givenName' ? 'fullName' : field === 'birthYear' ? 'dob' : field, value.error));
      this.cover(field === 'birthYear' ? 'dob' : field);
      return null;
    }
    return value;
  }
}

/** The person of a row: id, name, date of birth, sex, nationality, phone. */
function mapPerson(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder, out: RowFindings): PersonInput {
  const cell = (field: MappedField): CellValue | undefined => out.cell(row, mapping.fields[field], field);
  const idCell = cell('idNumber');
  const id = parseIdCells(isBlankCell(idCell ?? null) ? (idFallback(row, mapping) ?? idCell) : idCell, cell('idType'));
  out.findings.push(...id.findings);
  for (const f of id.covers) out.cover(f);

  const person: PersonInput = { idType: id.idType, idNumber: id.idNumber };
  if (mapping.fields.fullName !== undefined) {
    person.fullName = normalizeName(textOf(cell('fullName')));
  } else {
    const family = normalizeName(textOf(cell('familyName')));
    const given = normalizeName(textOf(cell('givenName')));
    person.fullName = normalizeName(`${family} ${given}`);
    person.familyName = family;
    person.givenName = given;
  }

  // Under "Nam" | "Nữ" (a register form's year of birth): the filled cell, whose column says the sex.
  const born = mapping.splits.find((s) => s.field === 'dob' || s.field === 'birthYear');
  const bornIn = born === undefined ? null : splitCell(row, born);
  if (bornIn !== null && bornIn.findings.length > 0) out.take(bornIn, 'dob');
  if (mapping.fields.dob !== undefined) {
    const dob = parseDateCell((bornIn ? bornIn.value : cell('dob')) ?? null, 'dob', date1904, order);
    out.take(dob, 'dob');
    person.dob = dob.value;
  } else {
    const year = (bornIn ? bornIn.value : cell('birthYear')) ?? null;
    const dob = parseDateCell(typeof year === 'number' ? year : textOf(year), 'dob', date1904, order);
    out.take(dob, 'dob');
    person.dob = dob.value;
  }

  const marked = mapping.splits.find((s) => s.field === 'sex');
  const sex = marked === undefined ? parseSex(cell('sex')) : sexMarked(row, marked);
  out.findings.push(...sex.findings);
  person.sex = sex.sex ?? bornIn?.sex ?? sexFromCccd(id.idType, id.idNumber) ?? 'X';
  person.nationality = parseNationality(cell('nationality'));
  person.phone = parsePhone(cell('phone')) || null;
  return person;
}

/** Where a dose's cells are: its columns, and its number when the columns give it (a row per person). */
interface DoseSource {
  vaccinationDate?: number | undefined;
  vaccine?: number | undefined;
  lot?: number | undefined;
  doseNumber?: number | undefined;
  dose?: number;
}

/** One dose of a row: vaccine, lot, dose number, vaccination date. */
function mapDose(row: SheetRow, source: DoseSource, date1904: boolean, order: DateOrder, out: RowFindings): DoseInput {
  const vaccineText = textOf(out.cell(row, source.vaccine, 'vaccine'));
  const vaccinationDate = parseDateCell(out.cell(row, source.vaccinationDate, 'vaccinationDate') ?? null, 'vaccinationDate', date1904, order);
  out.take(vaccinationDate, 'vaccinationDate');
  let doseNumber: DoseInput['doseNumber'];
  if (source.dose !== undefined) doseNumber = source.dose;
  else {
    doseNumber = parseDoseNumber(out.cell(row, source.doseNumber, 'doseNumber'));
    // Text no way of writing a dose number reads: said with the cell's own text (validation's
    // finding would only say a number is needed).
    if (typeof doseNumber === 'string' && doseNumber.trim() !== '') out.take({ findings: [doseNumberUnreadable(doseNumber.trim())] }, 'doseNumber');
  }
  return {
    vaccine: vaccineText === '' ? '' : vaccineCodeOf(vaccineText),
    lot: textOf(out.cell(row, source.lot, 'lot')),
    doseNumber,
    vaccinationDate: vaccinationDate.value,
  };
}

/** A row per dose's dose columns, made once per mapping rather than per row. */
const doseSources = new WeakMap<HeaderMapping, DoseSource>();

function doseSourceOf(mapping: HeaderMapping): DoseSource {
  let source = doseSources.get(mapping);
  if (source === undefined) {
    const f = mapping.fields;
    source = { vaccinationDate: f.vaccinationDate, vaccine: f.vaccine, lot: f.lot, doseNumber: f.doseNumber };
    doseSources.set(mapping, source);
  }
  return source;
}

/** `order`: how the sheet writes its text dates (dateOrder.ts). One row, one dose. */
export function mapRow(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder = DAY_FIRST): MappedRow {
  const out = new RowFindings();
  const person = mapPerson(row, mapping, date1904, order, out);
  const dose = mapDose(row, doseSourceOf(mapping), date1904, order, out);
  return { row: row.row, person, dose, findings: out.findings, covers: out.covered ?? NO_COVERS, cells: row.cells };
}

/** A finding on one dose's cells of a row per person, saying which dose. */
function ofDose(f: Finding, dose: number): Finding {
  return { ...f, message_vi: `${doseLabel(dose)}: ${f.message_vi}`, message_en: `Dose ${dose}: ${f.message_en}` };
}

/**
 * The records of a data row: one, or in a list with a row per person (mapping.doses) one per dose
 * whose own columns hold something, each with the person's cells and findings. A person with no
 * dose filled is one record of the first dose, whose findings then say what is missing.
 */
export function mapRows(row: SheetRow, mapping: HeaderMapping, date1904: boolean, order: DateOrder = DAY_FIRST): MappedRow[] {
  if (mapping.doses.length === 0) return [mapRow(row, mapping, date1904, order)];
  const personOut = new RowFindings();
  const person = mapPerson(row, mapping, date1904, order, personOut);
  const filled = mapping.doses.filter((d) => d.own.some((c) => !isBlankCell(row.cells[c] ?? null)));
  return (filled.length > 0 ? filled : mapping.doses.slice(0, 1)).map((d) => {
    const out = new RowFindings();
    const dose = mapDose(row, d, date1904, order, out);
    const covers = personOut.covered === null && out.covered === null ? NO_COVERS : new Set([...(personOut.covered ?? []), ...(out.covered ?? [])]);
    return { row: row.row, person: { ...person }, dose, findings: [...personOut.findings, ...out.findings.map((f) => ofDose(f, d.dose))], covers, cells: row.cells };
  });
}
