import { open, type FileHandle } from 'node:fs/promises';
import { StationError } from '../../../shared/errors.js';
import { importError, importErrorAt, throwIfAborted, tooLarge } from './importErrors.js';
import type { ImportLimits } from './importLimits.js';
import { applyMerges } from './applyMerges.js';
import type { SheetRow } from './sheetData.js';
import { openWorkbook, readXmlPart } from './xlsx/openWorkbook.js';
import { worksheetHandler, type WorksheetResult } from './xlsx/worksheetRows.js';
import { XmlError } from './xlsx/xmlScanner.js';
import { ZipPartDamaged } from './xlsx/zipParts.js';

export interface XlsxSheet {
  name: string;
  /** Position among the workbook's tabs (0 = first): sheets are read by the workbook's list. */
  tabIndex: number;
  hidden: boolean;
  /** Hidden so that Excel's Unhide dialog does not list it (workbookParts.ts). */
  veryHidden: boolean;
  rows: SheetRow[];
  /** The workbook's worksheets in tab order: the tabs that can be imported (no chart sheet). */
  sheetNames: string[];
  date1904: boolean;
  /** Only its first rows were read (ReadXlsxOptions.rowsWanted); merged ranges not applied. */
  partial: boolean;
}

/** A tab that is no worksheet: `kind` as its relationship names it ("chartsheet", "dialogsheet", "macrosheet"). */
export interface NotListSheet {
  name: string;
  kind: string;
}

export interface ReadXlsxOptions {
  limits: ImportLimits;
  /** Total bytes of the file, for progress. */
  size: number;
  signal?: AbortSignal;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Sheets whose rows are not wanted are skipped without being read. */
  wantSheet?: (name: string) => boolean;
  /**
   * Told the workbook's worksheet names (tab order) at each sheet, wanted or not, and its other
   * tabs (chart, dialog, macro sheets), which hold no list.
   */
  onSheetNames?: (names: string[], notLists: NotListSheet[]) => void;
  /** Collects the parts read to their end with CRC and size checked (xlsx/zipParts.ts partKey). */
  verified?: Set<string>;
  /**
   * Asked at each sheet: how many of its non-blank rows to read (all, when not given). A sheet cut
   * short is yielded `partial`: enough to find its header, without reading a large list.
   */
  rowsWanted?: () => number;
}

/** Thrown by the row counter to stop reading a sheet at ReadXlsxOptions.rowsWanted. */
class EnoughRows extends Error {}

const PROGRESS_EVERY = 2000;

/** Damage inside the zip (inflate, CRC, headers) versus damage inside the XML parts. */
function classify(err: unknown): StationError {
  if (err instanceof StationError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ZipPartDamaged) return importError('IMPORT_CORRUPT_ZIP', { reason: message }, err);
  if (err instanceof XmlError) return damagedSheet(message, err);
  const code = (err as { code?: unknown })?.code;
  // The disk or the share failing under us (EIO, ENOENT of a removed file) is not the file's damage.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return importError('IMPORT_FILE_UNREADABLE', { reason: code }, err);
  return damagedSheet(message, err);
}

/** IMPORT_CORRUPT_XLSX with what to do and what was wrong (the reason was only in `--json`). */
function damagedSheet(message: string, err: unknown): StationError {
  return importErrorAt(
    'IMPORT_CORRUPT_XLSX',
    {
      vi: `Hãy mở tệp bằng Excel (Excel sẽ đề nghị sửa tệp), lưu lại rồi nhập lại. (Chi tiết kỹ thuật, tiếng Anh: ${message}.)`,
      en: `Open it in Excel (Excel offers to repair it), save it again and import it again. (Technical detail: ${message}.)`,
    },
    { reason: message },
    err,
  );
}

/**
 * Streams an xlsx sheet by sheet in tab order with our own reader (xlsx/): the zip's central
 * directory says where each part is, so the workbook, its rels, styles and shared strings are read
 * first whatever the zip's order, then each wanted worksheet, inflated and scanned as a stream —
 * rows are converted as they arrive and a 100 MB workbook is never held as XML. The caller stops
 * the iteration when it has the sheet it wants; the file is closed then.
 */
export async function* readXlsxSheets(path: string, options: ReadXlsxOptions): AsyncGenerator<XlsxSheet> {
  const { limits, signal } = options;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw importError('IMPORT_FILE_UNREADABLE', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, err);
  }
  let failed = false;
  try {
    throwIfAborted(signal);
    const workbook = await openWorkbook(path, handle, (await handle.stat()).size, signal, options.verified);
    const sheetNames = workbook.sheets.filter((s) => s.isWorksheet).map((s) => s.name);
    const notLists = workbook.sheets.filter((s) => !s.isWorksheet).map((s) => ({ name: s.name, kind: s.kind }));
    for (const [tabIndex, sheet] of workbook.sheets.entries()) {
      throwIfAborted(signal);
      options.onSheetNames?.(sheetNames, notLists);
      if (!sheet.isWorksheet) continue;
      if (options.wantSheet && !options.wantSheet(sheet.name)) continue;
      if (!sheet.entry) throw new XmlError(`the part of sheet "${sheet.name}" is missing`);
      const sharedStrings = await workbook.sharedStrings(signal);
      const result: WorksheetResult = { rows: [], merges: [] };
      let cells = 0;
      const wanted = options.rowsWanted?.() ?? Infinity;
      const handler = worksheetHandler(
        {
          sharedStrings,
          dateStyles: workbook.dateStyles,
          zeroPadStyles: workbook.zeroPadStyles,
          scientificStyles: workbook.scientificStyles,
          partialDateStyles: workbook.partialDateStyles,
          dayFirstStyles: workbook.dayFirstStyles,
          strikeStyles: workbook.strikeStyles,
          struckStrings: workbook.struckStrings,
          date1904: workbook.date1904,
          recalcOnLoad: workbook.recalcOnLoad,
          onRow(seen) {
            // Every <row>, blank ones too: a sheet of 3 rows formatted down to Excel's last row is
            // read (its blank rows are not rows for maxRows), a zip bomb of more empty rows than
            // any Excel sheet has is refused, and the bar and cancel keep moving through either.
            if (seen > limits.maxRowElements) {
              throw tooLarge({ sheet: sheet.name, maxRowElements: limits.maxRowElements });
            }
            if (seen % PROGRESS_EVERY === 0) {
              throwIfAborted(signal);
              options.onProgress?.(workbook.source.bytesRead, options.size);
            }
          },
          onDataRow(kept, width) {
            if (kept >= wanted) throw new EnoughRows();
            if (kept > limits.maxRows) throw tooLarge({ sheet: sheet.name, maxRows: limits.maxRows });
            cells += width;
            if (cells > limits.maxCells) throw tooLarge({ sheet: sheet.name, maxCells: limits.maxCells });
          },
        },
        result,
      );
      let partial = false;
      try {
        await readXmlPart(workbook.source, sheet.entry, handler, signal);
      } catch (err) {
        if (!(err instanceof EnoughRows)) throw err;
        partial = true;
      }
      if (!partial) applyMerges(result.rows, result.merges);
      options.onProgress?.(workbook.source.bytesRead, options.size);
      yield { name: sheet.name, tabIndex, hidden: sheet.hidden, veryHidden: sheet.veryHidden, rows: result.rows, sheetNames, date1904: workbook.date1904, partial };
    }
  } catch (err) {
    failed = true;
    throw classify(err);
  } finally {
    await handle.close();
    // Done (or stopped by the caller, who has its sheet): the parts never read (pictures, other
    // sheets) are done too, so the bar ends full.
    if (!failed) options.onProgress?.(options.size, options.size);
  }
}
