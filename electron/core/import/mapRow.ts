import type { DoseInput, Finding, PersonInput } from './domainPort.js';
import { findVaccine, normalizeName } from './domainPort.js';
import type { HeaderMapping, MappedField } from './findHeaderRow.js';
import { foldHeader, matchHeader } from './headerAliases.js';
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
  covers: Set<string>;
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
  const mapped = Object.values(mapping.fields).map((i) => row.cells[i]);
  if (mapped.every((c) => isBlankCell(c ?? null))) return 'blank';
  const first = row.cells.find((c) => !isBlankCell(c));
  if (first !== undefined && typeof first === 'string') {
    const folded = foldHeader(first);
    // The id column of a totals row holds nothing like an id (or the label, merged across it).
    if (TOTAL_WORDS.some((w) => folded === w || (w.length > 4 && folded.startsWith(w))) && !/\d/.test(textOf(cellFor(row, mapping, 'idNumber')))) {
      return 'total';
    }
  }
  // The header repeated (a second block, a page break): three or more of its column names again.
  let repeats = 0;
  for (const [field, index] of Object.entries(mapping.fields)) {
    const cell = row.cells[index];
    if (typeof cell === 'string' && headerFieldOf(cell) === field) repeats++;
  }
  return repeats >= 3 ? 'header' : 'data';
}

/**
 * matchHeader's field for a data cell, cheaply: every alias is made of letters, so a cell without
 * one (an id number, a phone, a date, a dose number) names no field; the cells that repeat down a
 * sheet (vaccine, sex, lot, nationality) are matched once. This runs on every cell of every row.
 */
const NO_LETTER = /^[^\p{L}]*$/u;
const headerFields = new Map<string, string | null>();
const MAX_REMEMBERED = 4096;

function headerFieldOf(cell: string): string | null {
  if (NO_LETTER.test(cell)) return null;
  let field = headerFields.get(cell);
  if (field === undefined) {
    field = matchHeader(cell)?.field ?? null;
    if (headerFields.size >= MAX_REMEMBERED) headerFields.clear();
    headerFields.set(cell, field);
  }
  return field;
}

/** The sex a CCCD encodes in its 4th digit (even: male, odd: female). */
function sexFromCccd(idType: string, idNumber: string): 'M' | 'F' | null {
  if (idType !== 'CCCD' || !/^\d{12}$/.test(idNumber)) return null;
  return Number(idNumber[3]) % 2 === 0 ? 'M' : 'F';
}

export function mapRow(row: SheetRow, mapping: HeaderMapping, date1904: boolean): MappedRow {
  const findings: Finding[] = [];
  const covers = new Set<string>();
  const cell = (field: MappedField): CellValue | undefined => {
    const value = cellFor(row, mapping, field);
    if (value !== undefined && value !== null && isErrorCell(value) && field !== 'idNumber' && field !== 'dob' && field !== 'vaccinationDate') {
      findings.push(cellErrorFinding(field === 'familyName' || field === 'givenName' ? 'fullName' : field === 'birthYear' ? 'dob' : field, value.error));
      covers.add(field === 'birthYear' ? 'dob' : field);
      return null;
    }
    return value;
  };
  const take = (parsed: { findings: Finding[] }, field: string): void => {
    findings.push(...parsed.findings);
    if (parsed.findings.some((f) => f.severity === 'error')) covers.add(field);
  };

  const id = parseIdCells(cell('idNumber'), cell('idType'));
  findings.push(...id.findings);
  for (const f of id.covers) covers.add(f);

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
    vaccine: vaccineText === '' ? '' : (findVaccine(vaccineText)?.code ?? vaccineText),
    lot: textOf(cell('lot')),
    doseNumber: parseDoseNumber(cell('doseNumber')),
    vaccinationDate: vaccinationDate.value,
  };
  return { row: row.row, person, dose, findings, covers };
}
