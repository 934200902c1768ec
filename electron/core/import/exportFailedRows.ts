import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { importError } from './importErrors.js';
import { isDateCell, isErrorCell, type CellValue } from './sheetData.js';
import type { ImportPreview, ImportRow } from './types.js';

/** The column added after the source's own: what is wrong with the row, in both languages. */
export const FINDINGS_HEADER = 'Lỗi cần sửa / Findings';

function toExcel(value: CellValue | undefined): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (isDateCell(value)) return new Date(`${value.date}T00:00:00Z`);
  if (isErrorCell(value)) return value.error.startsWith('#NO_CACHED') ? null : { error: value.error as ExcelJS.CellErrorValue['error'] };
  return value;
}

/** The findings of a source row's records (one, or a row per person's doses), each said once. */
function findingsText(records: readonly ImportRow[]): string {
  const lines = [...new Set(records.flatMap((r) => r.findings.map((f) => `[${f.code}] ${f.message_vi} / ${f.message_en}`)))];
  const { row, sheet } = records[0]!;
  // A workbook of a sheet per day: the sheet too, so the clerk finds the row in the source.
  const where = sheet === undefined ? `Dòng ${row} / Row ${row}` : `Trang "${sheet}", dòng ${row} / Sheet "${sheet}", row ${row}`;
  return [where, ...lines].join('\n');
}

/** The failed records by their source row, in file order: a row per person is exported once. */
function bySourceRow(records: readonly ImportRow[]): ImportRow[][] {
  const rows = new Map<number, ImportRow[]>();
  for (const r of records) {
    const list = rows.get(r.row);
    if (list) list.push(r);
    else rows.set(r.row, [r]);
  }
  return [...rows.values()];
}

/** The failed records of each sheet read, in tab order (a sheet per day is exported as a sheet per day). */
function bySheet(preview: ImportPreview, failed: readonly ImportRow[]): { sheet: string | null; headerCells: CellValue[]; rows: ImportRow[][] }[] {
  const parts = preview.sheetsRead ?? [{ sheet: preview.sheet, headerRow: preview.headerRow, headerCells: preview.headerCells }];
  if (parts.length < 2) return [{ sheet: preview.sheet, headerCells: preview.headerCells, rows: bySourceRow(failed) }];
  return parts
    .map((p, i) => ({ sheet: p.sheet, headerCells: p.headerCells, rows: bySourceRow(failed.filter((r) => (r.sheet ?? parts[0]!.sheet) === p.sheet || (i === 0 && r.sheet === undefined))) }))
    .filter((p) => p.rows.length > 0);
}

/**
 * A name Excel takes for a sheet, from the source file's name (a csv has no sheet of its own):
 * Excel does not allow `\ / ? * : [ ]` or a leading or trailing apostrophe in one. exceljs's
 * streaming writer wrote them anyway, into a workbook its own reader then refuses (probe of
 * session 20: `Danh sách [T11].csv`). NFC first, so that a name that
 * came decomposed (macOS, Zalo) keeps each letter with its marks when cut to Excel's 31.
 */
export function excelSheetName(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replaceAll('[', '(')
    .replaceAll(']', ')')
    .replace(/[\\/?*:]/g, '-')
    .replace(/^[\s']+|[\s']+$/g, '');
  return Array.from(cleaned).slice(0, 31).join('').replace(/[\s']+$/, '') || 'Sheet1';
}

/**
 * Writes the rows that have errors to an xlsx in the source's column layout (the same header
 * cells in the same order) plus a findings column, so staff fix them there and import that file
 * again (DESIGN §8). Warnings of those rows are listed too; rows without errors are left out.
 * `file`: the source's name as the user knows it (its path, or the name the screen sent, not the
 * temp file it was read from): a csv's rows go in a sheet named after it. Returns how many rows were written.
 */
export async function exportFailedRows(file: string, preview: ImportPreview, outPath: string): Promise<{ rows: number }> {
  const failedRecords = preview.records.filter((r) => r.status === 'error');
  const sheets = bySheet(preview, failedRecords);
  // A workbook with no failed row still gets its (first) sheet with the header: the file opens.
  if (sheets.length === 0) sheets.push({ sheet: preview.sheet, headerCells: preview.headerCells, rows: [] });
  let written = 0;
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: outPath, useStyles: true, useSharedStrings: true });
    const used = new Set<string>();
    for (const part of sheets) {
      const width = Math.max(part.headerCells.length, ...part.rows.map((r) => r[0]!.cells.length));
      let sheetName = excelSheetName(part.sheet ?? basename(file, extname(file)));
      // Two source names that clean to one Excel name ("A/B", "A-B"): the second numbered.
      for (let n = 2; used.has(sheetName.toLowerCase()); n++) sheetName = `${Array.from(excelSheetName(part.sheet ?? '')).slice(0, 27).join('')} (${n})`;
      used.add(sheetName.toLowerCase());
      const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = Array.from({ length: width + 1 }, (_, i) => ({ width: i === width ? 60 : 18 }));
      const header = ws.addRow([...Array.from({ length: width }, (_, i) => toExcel(part.headerCells[i])), FINDINGS_HEADER]);
      header.font = { bold: true };
      header.commit();
      for (const records of part.rows) {
        const cells = records[0]!.cells;
        const row = ws.addRow([...Array.from({ length: width }, (_, i) => toExcel(cells[i])), findingsText(records)]);
        row.eachCell((cell) => {
          if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
        });
        row.getCell(width + 1).alignment = { wrapText: true, vertical: 'top' };
        row.commit();
        written++;
      }
      ws.commit();
    }
    await wb.commit();
  } catch (err) {
    throw importError('IMPORT_EXPORT_FAILED', { path: outPath, reason: err instanceof Error ? err.message : String(err) }, err);
  }
  return { rows: written };
}
