import type { Finding } from './domainPort.js';
import type { MappedField } from './findHeaderRow.js';
import { cellErrorFinding } from './parseTextCells.js';
import { isErrorCell, type CellValue, type SheetRow } from './sheetData.js';

/** Findings and covered fields of one row being mapped, shared by its person and its doses. */
export class RowFindings {
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

  /**
   * The cell at `index` (undefined: no such column); an error cell is said once and read as blank.
   * A text that is exactly an Excel error value ("#N/A" in a CSV: Excel saves a formula's error
   * result as its text) is that error cell, as the xlsx reader gives it.
   */
  cell(row: SheetRow, index: number | undefined, field: MappedField): CellValue | undefined {
    const value = index === undefined ? undefined : asErrorCell(row.cells[index] ?? null);
    if (value !== undefined && value !== null && isErrorCell(value) && field !== 'idNumber' && field !== 'dob' && field !== 'vaccinationDate') {
      this.findings.push(cellErrorFinding(field === 'familyName' || field === 'givenName' || field === 'middleName' ? 'fullName' : field === 'birthYear' || field === 'birthMonth' ? 'dob' : field, value.error));
      this.cover(field === 'birthYear' || field === 'birthMonth' ? 'dob' : field);
      return null;
    }
    return value;
  }
}

/**
 * Excel's error values (and the newer dynamic-array and data-type ones), as a formula's result is
 * shown and as "CSV" and "Text" saves write it: a name, id, date or lot that reads so is no value.
 */
export const EXCEL_ERROR_VALUES: ReadonlySet<string> = new Set([
  '#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!',
]);

/** Somewhere in a text: "Nguyễn Văn #REF!" (a formula joining cells, one of them an error). */
const ERROR_INSIDE = new RegExp([...EXCEL_ERROR_VALUES].map((e) => e.replace(/[?]/g, '\\?')).join('|'), 'i');

/** The Excel error value a text holds, "#REF!" of "Nguyễn Văn #REF!", or null. */
export function excelErrorIn(text: string): string | null {
  if (!text.includes('#')) return null;
  const m = ERROR_INSIDE.exec(text);
  return m === null ? null : m[0].toUpperCase();
}

/** A text cell that is exactly an Excel error value, as the error cell; any other cell as it is. */
function asErrorCell(value: CellValue): CellValue {
  // Every error value starts with "#": a text without one is none (nearly every cell, never trimmed).
  if (typeof value !== 'string' || value.length > 24 || value.length < 4 || !value.includes('#')) return value;
  const t = value.trim().toUpperCase();
  return t.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR_VALUES.has(t) ? { error: t } : value;
}
