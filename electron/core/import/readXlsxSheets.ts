import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { StationError } from '../../../shared/errors.js';
import { fromExcelValue } from './cellValue.js';
import { importError, throwIfAborted } from './importErrors.js';
import type { ImportLimits } from './importLimits.js';
import { applyMerges } from './applyMerges.js';
import { isBlankCell, type CellValue, type SheetRow } from './sheetData.js';
import { isDate1904, openStreamingWorkbook } from './streamingWorkbookReader.js';

export interface XlsxSheet {
  name: string;
  /** Position among the workbook's tabs (0 = first), or -1 if the workbook does not list it. */
  tabIndex: number;
  hidden: boolean;
  rows: SheetRow[];
  /** Every sheet of the workbook in tab order. */
  sheetNames: string[];
  date1904: boolean;
}

export interface ReadXlsxOptions {
  limits: ImportLimits;
  /** Total bytes of the file, for progress. */
  size: number;
  signal?: AbortSignal;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Sheets whose rows are not wanted are skipped without being kept in memory. */
  wantSheet?: (name: string) => boolean;
  /** Told the workbook's sheet names (tab order) at each sheet, wanted or not. */
  onSheetNames?: (names: string[]) => void;
}

const PROGRESS_EVERY = 2000;

/** Damage inside the zip (inflate, signatures) versus damage inside the XML parts. */
function classify(err: unknown): StationError {
  if (err instanceof StationError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const zipLike = (typeof e?.code === 'string' && e.code.startsWith('Z_')) || /zip|signature|inflate|FILE_ENDED|end of (file|stream)|invalid (block|distance|stored|code)|header check/i.test(message);
  return importError(zipLike ? 'IMPORT_CORRUPT_ZIP' : 'IMPORT_CORRUPT_XLSX', { reason: message }, err);
}

/**
 * Streams an xlsx sheet by sheet (exceljs WorkbookReader): rows are converted as they arrive,
 * so a 100 MB workbook is never held as XML. The caller stops the iteration when it has the sheet
 * it wants; the file is closed then.
 */
export async function* readXlsxSheets(path: string, options: ReadXlsxOptions): AsyncGenerator<XlsxSheet> {
  const { limits, signal } = options;
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  const workbook = openStreamingWorkbook(input);
  try {
    for await (const worksheet of workbook.reader) {
      throwIfAborted(signal);
      // exceljs sets the tab name on the reader; its type declarations leave it out.
      const name = (worksheet as unknown as { name: string }).name;
      const sheets = workbook.sheets();
      const tabIndex = sheets.findIndex((s) => s.name === name);
      options.onSheetNames?.(sheets.map((s) => s.name));
      if (options.wantSheet && !options.wantSheet(name)) continue;
      const rows: SheetRow[] = [];
      let seen = 0;
      for await (const row of worksheet) {
        // Counted before blank rows are dropped: a zip bomb of empty styled rows is refused too.
        if (++seen > limits.maxRows) throw importError('IMPORT_TOO_LARGE', { sheet: name, maxRows: limits.maxRows });
        if (seen % PROGRESS_EVERY === 0) {
          throwIfAborted(signal);
          options.onProgress?.(input.bytesRead, options.size);
        }
        const cells: CellValue[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          // A formula's `value` drops a falsy cached result (0, "", FALSE): read the result itself.
          cells[col - 1] = fromExcelValue(cell.type === ExcelJS.ValueType.Formula ? { formula: true, result: cell.result } : cell.value);
        });
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        if (cells.every((c) => isBlankCell(c))) continue;
        rows.push({ row: row.number, cells });
      }
      applyMerges(rows, workbook.mergesOf(worksheet));
      options.onProgress?.(input.bytesRead, options.size);
      yield {
        name,
        tabIndex,
        hidden: sheets[tabIndex]?.hidden ?? false,
        rows,
        sheetNames: sheets.map((s) => s.name),
        date1904: isDate1904(workbook),
      };
    }
  } catch (err) {
    throw classify(err);
  } finally {
    input.destroy();
  }
}
