/**
 * Rows struck through in the workbook. A clerk crosses out a dose that was cancelled or entered by
 * mistake (Excel's Ctrl+5) rather than deleting the row, so that the list still shows it: such a
 * row was read as any other and stored ready to sign (probe of session 24). A struck row is an
 * error of each record it gives, never confirmable: whoever imports it unstrikes the row first.
 */
import { error, type Finding } from './domainPort.js';
import { isBlankCell, type SheetRow } from './sheetData.js';
import type { MappedRow } from './mapRow.js';

/**
 * Whether the row is struck through: most of its own values (not those merged over it from a row
 * above, which the row above struck or not), and two at least, as a row crossed out is; one cell
 * struck beside its correction ("FF1234" struck, "FF1235" after it) is not the row.
 */
export function isStruckRow(row: SheetRow): boolean {
  const struck = row.struck;
  if (struck === undefined || struck.length < 2) return false;
  const merged = row.mergedFromAbove;
  let own = 0;
  let ownStruck = 0;
  for (let c = 0; c < row.cells.length; c++) {
    if (isBlankCell(row.cells[c]) || merged?.includes(c) === true) continue;
    own++;
    if (struck.includes(c)) ownStruck++;
  }
  return ownStruck >= 2 && ownStruck * 2 > own;
}

function struckRow(): Finding {
  return error(
    'row',
    'IMPORT_ROW_STRUCK',
    'Dòng này bị gạch ngang trong tệp Excel (thường là mũi đã hủy hoặc ghi nhầm): không nhập để ký. Nếu mũi này đã được tiêm, hãy bỏ gạch ngang (Ctrl+5) rồi nhập lại.',
    'This row is struck through in the Excel file (usually a dose cancelled or entered by mistake): it is not imported for signing. If the dose was given, remove the strikethrough (Ctrl+5) and import again.',
  );
}

/** Adds IMPORT_ROW_STRUCK to each record made from a struck row of `rows`. */
export function addStruckRowFindings(mapped: readonly MappedRow[], rows: readonly SheetRow[]): void {
  let struck: Set<number> | null = null;
  for (const row of rows) if (row.struck !== undefined && isStruckRow(row)) (struck ??= new Set()).add(row.row);
  if (struck === null) return;
  for (const r of mapped) if (struck.has(r.row)) r.findings.push(struckRow());
}
