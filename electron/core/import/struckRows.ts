/**
 * Rows struck through in the workbook. A clerk crosses out a dose that was cancelled or entered by
 * mistake (Excel's Ctrl+5) rather than deleting the row, so that the list still shows it: such a
 * row was read as any other and stored ready to sign (probe of session 24). A struck row is an
 * error of each record it gives, never confirmable: whoever imports it unstrikes the row first.
 */
import { error, warning, type Finding } from './domainPort.js';
import type { HeaderMapping } from './findHeaderRow.js';
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

/**
 * A part of a cell's text struck through (rich text: "FF1234" struck, " FF1235" after it, a name's
 * wrong word crossed out): the reader read the cell without it (worksheetRows.ts). Said on each
 * record of the row, a warning: what is left is read, and a person checks it before signing.
 */
function struckText(header: string, struck: string, kept: string, field: string): Finding {
  return warning(
    field,
    'IMPORT_CELL_TEXT_STRUCK',
    `Ô "${header}" có chữ "${struck}" bị gạch ngang: đã đọc bỏ phần đó, thành "${kept}". Hãy kiểm tra lại.`,
    `The cell "${header}" has "${struck}" struck through in it: read without it, as "${kept}". Check it.`,
  );
}

/** Adds IMPORT_CELL_TEXT_STRUCK to each record made from a row with text struck inside a cell of a column read. */
export function addStruckTextFindings(mapped: readonly MappedRow[], rows: readonly SheetRow[], mapping: HeaderMapping): void {
  let said: Map<number, Finding[]> | null = null;
  for (const row of rows) {
    if (row.struckText === undefined) continue;
    for (const t of row.struckText) {
      const column = mapping.columns.find((c) => c.index === t.column);
      // A column no field reads (a note beside the list): nothing of it is imported.
      if (column === undefined || column.field === null) continue;
      (said ??= new Map()).set(row.row, [...(said.get(row.row) ?? []), struckText(column.header, t.struck, t.kept, column.field)]);
    }
  }
  if (said === null) return;
  for (const r of mapped) {
    const found = said.get(r.row);
    if (found !== undefined) r.findings.push(...found);
  }
}
