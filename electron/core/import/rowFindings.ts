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

  /** The cell at `index` (undefined: no such column); an error cell is said once and read as blank. */
  cell(row: SheetRow, index: number | undefined, field: MappedField): CellValue | undefined {
    const value = index === undefined ? undefined : (row.cells[index] ?? null);
    if (value !== undefined && value !== null && isErrorCell(value) && field !== 'idNumber' && field !== 'dob' && field !== 'vaccinationDate') {
      this.findings.push(cellErrorFinding(field === 'familyName' || field === 'givenName' || field === 'middleName' ? 'fullName' : field === 'birthYear' ? 'dob' : field, value.error));
      this.cover(field === 'birthYear' ? 'dob' : field);
      return null;
    }
    return value;
  }
}
