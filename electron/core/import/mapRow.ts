import type { DoseInput, Finding, PersonInput } from './domainPort.js';
import { findVaccine, normalizeName } from './domainPort.js';
import type { HeaderMapping, MappedField } from './findHeaderRow.js';
import { foldHeader, matchHeader } from './headerAliases.js';
import { hasLetter, memoByText } from './memoByText.js';
import { parseDateCell } from './parseDateCell.js';
import { parseIdCells } from './parseIdCells.js';
import { cellErrorFinding, parseDoseNumber, parseNationality, parsePhone, parseSex, textOf } from './parseTextCells.js';
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

export type RowKind = 'data' | 'blank' | 'total' | 'header';

/** Words that open a totals row ("Tổng cộng: 120 người"), folded. */
const TOTAL_WORDS = ['tongcong', 'tongso', 'tong', 'cong', 'total', 'grandtotal', 'subtotal'];

function cellFor(row: SheetRow, mapping: HeaderMapping, field: MappedField): CellValue | undefined {
  const index = mapping.fields[field];
  return index === undefined ? undefined : (row.cells[index] ?? null);
}

/** After the totals row only rows with an id number look like forgotten data; the rest is footer. */
export function hasIdNumber(row: SheetRow, mapping: HeaderMapping): boolean {
  return textOf(cellFor(row, mapping, 'idNumber')) !== '';
}

/** Data, or one of the rows a clinic sheet has around its data that are not records. */
export function classifyRow(row: SheetRow, mapping: HeaderMapping): RowKind {
  const cells = row.cells;
  const columns = columnsOf(mapping);
  let blank = true;
  for (const [, index] of columns) {
    if (!isBlankCell(cells[index] ?? null)) {
      blank = false;
      break;
    }
  }
  if (blank) return 'blank';
  const first = cells.find((c) => !isBlankCell(c));
  // A cell without a letter folds to digits only, which no totals word is (the row number column).
  if (first !== undefined && typeof first === 'string' && hasLetter(first)) {
    const folded = foldHeader(first);
    // The id column of a totals row holds nothing like an id (or the label, merged across it).
    if (TOTAL_WORDS.some((w) => folded === w || (w.length > 4 && folded.startsWith(w))) && !/\d/.test(textOf(cellFor(row, mapping, 'idNumber')))) {
      return 'total';
    }
  }
  return repeatsHeader(cells, columns) ? 'header' : 'data';
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

export function mapRow(row: SheetRow, mapping: HeaderMapping, date1904: boolean): MappedRow {
  const findings: Finding[] = [];
  // Made on the first covered field: every row keeps its covers for the store pass.
  let covered: Set<string> | null = null;
  const cover = (field: string): void => void (covered ??= new Set<string>()).add(field);
  const cell = (field: MappedField): CellValue | undefined => {
    const value = cellFor(row, mapping, field);
    if (value !== undefined && value !== null && isErrorCell(value) && field !== 'idNumber' && field !== 'dob' && field !== 'vaccinationDate') {
      findings.push(cellErrorFinding(field === 'familyName' || field === 'givenName' ? 'fullName' : field === 'birthYear' ? 'dob' : field, value.error));
      cover(field === 'birthYear' ? 'dob' : field);
      return null;
    }
    return value;
  };
  const take = (parsed: { findings: Finding[] }, field: string): void => {
    findings.push(...parsed.findings);
    if (parsed.findings.some((f) => f.severity === 'error')) cover(field);
  };

  const id = parseIdCells(cell('idNumber'), cell('idType'));
  findings.push(...id.findings);
  for (const f of id.covers) cover(f);

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

  if (mapping.fields.dob !== undefined) {
    const dob = parseDateCell(cell('dob') ?? null, 'dob', date1904);
    take(dob, 'dob');
    person.dob = dob.value;
  } else {
    const year = cell('birthYear') ?? null;
    const dob = parseDateCell(typeof year === 'number' ? year : textOf(year), 'dob', date1904);
    take(dob, 'dob');
    person.dob = dob.value;
  }

  const sex = parseSex(cell('sex'));
  findings.push(...sex.findings);
  person.sex = sex.sex ?? sexFromCccd(id.idType, id.idNumber) ?? 'X';
  person.nationality = parseNationality(cell('nationality'));
  person.phone = parsePhone(cell('phone')) || null;

  const vaccineText = textOf(cell('vaccine'));
  const vaccinationDate = parseDateCell(cell('vaccinationDate') ?? null, 'vaccinationDate', date1904);
  take(vaccinationDate, 'vaccinationDate');
  const dose: DoseInput = {
    vaccine: vaccineText === '' ? '' : vaccineCodeOf(vaccineText),
    lot: textOf(cell('lot')),
    doseNumber: parseDoseNumber(cell('doseNumber')),
    vaccinationDate: vaccinationDate.value,
  };
  return { row: row.row, person, dose, findings, covers: covered ?? NO_COVERS, cells: row.cells };
}
