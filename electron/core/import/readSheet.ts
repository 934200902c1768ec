import { checkZipFile } from './checkZipEntries.js';
import { describeMissing, findHeaderRow, REQUIRED_FIELDS, type HeaderMapping } from './findHeaderRow.js';
import { importError, importErrorAt, throwIfAborted } from './importErrors.js';
import type { ImportLimits } from './importLimits.js';
import { dateOrderOf, type DateOrder } from './dateOrder.js';
import { readDelimitedFile } from './readDelimitedFile.js';
import type { XlsxSheet } from './readXlsxSheets.js';
import type { SheetData } from './sheetData.js';
import type { FileKind } from './sniffFileKind.js';

export interface ChosenSheet {
  data: SheetData;
  mapping: HeaderMapping;
  date1904: boolean;
  /** How the rows under the header write their text dates: day first unless they show otherwise. */
  dateOrder: DateOrder;
}

/** A sheet and its header, before its dates are looked at. */
type Found = Omit<ChosenSheet, 'dateOrder'>;

interface ReadSheetOptions {
  kind: FileKind;
  size: number;
  limits: ImportLimits;
  sheet?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** `hiddenSheet`: a hidden sheet that has the list (hidden sheets are read only when named). */
function noHeader(best: HeaderMapping | null, sheet: string | null, hiddenSheet: string | null = null): Error {
  const missing = best ? best.missing : [...REQUIRED_FIELDS];
  const details = {
    sheet,
    headerRow: best?.headerRow ?? null,
    missing: describeMissing(missing),
    found: best ? best.columns.filter((c) => c.field !== null).map((c) => ({ header: c.header, field: c.field })) : [],
  };
  if (hiddenSheet === null) return importError('IMPORT_NO_HEADER', details);
  return importErrorAt(
    'IMPORT_NO_HEADER',
    {
      vi: `Trang tính "${hiddenSheet}" có danh sách nhưng đang bị ẩn: hãy bỏ ẩn trang đó trong Excel, hoặc chọn trang đó khi nhập (--sheet "${hiddenSheet}")`,
      en: `Sheet "${hiddenSheet}" holds a list but is hidden: unhide it in Excel, or choose it when importing (--sheet "${hiddenSheet}")`,
    },
    { ...details, hiddenSheet },
  );
}

const sameName = (a: string, b: string): boolean => a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

async function readCsv(path: string, options: ReadSheetOptions): Promise<Found> {
  const data = await readDelimitedFile(path, options);
  if (data.rows.length === 0) throw importError('IMPORT_EMPTY', { path });
  const mapping = findHeaderRow(data.rows);
  if (!mapping || mapping.missing.length > 0) throw noHeader(mapping, null);
  return { data, mapping, date1904: false };
}

/**
 * The sheet to import: the one named, or the first visible sheet (in tab order) whose header has
 * every required column. Sheets are streamed one at a time; reading stops as soon as no earlier
 * tab can still qualify.
 */
async function chooseXlsxSheet(path: string, options: ReadSheetOptions, verified: Set<string>): Promise<Found> {
  const wanted = options.sheet;
  let names: string[] = [];
  let matched = false;
  let sawRows = false;
  let chosen: { sheet: XlsxSheet; mapping: HeaderMapping } | null = null;
  let best: { sheet: string; mapping: HeaderMapping } | null = null;
  // Loaded on first use: CSV imports (and the CLI) do not load the xlsx reader.
  const { readXlsxSheets } = await import('./readXlsxSheets.js');
  const sheets = readXlsxSheets(path, {
    limits: options.limits,
    size: options.size,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    wantSheet: (name) => wanted === undefined || sameName(name, wanted),
    onSheetNames: (list) => {
      names = list;
    },
    verified,
  });
  // A complete header with nothing under it (an empty template tab before the list): the choice
  // only if no later sheet has a list.
  let emptyChoice: { sheet: XlsxSheet; mapping: HeaderMapping } | null = null;
  // A hidden sheet with a list, named when no visible one has one.
  let hiddenList: string | null = null;
  const complete = (m: HeaderMapping | null): m is HeaderMapping => m !== null && m.missing.length === 0;
  for await (const sheet of sheets) {
    matched = true;
    if (wanted === undefined && sheet.hidden) {
      if (hiddenList === null && sheet.rows.length > 1) {
        const m = findHeaderRow(sheet.rows);
        if (complete(m) && sheet.rows.length > m.headerIndex + 1) hiddenList = sheet.name;
      }
      continue;
    }
    if (sheet.rows.length > 0) sawRows = true;
    const mapping = findHeaderRow(sheet.rows);
    const score = (m: HeaderMapping): number => Object.keys(m.fields).length;
    if (mapping && (!best || score(mapping) > score(best.mapping))) best = { sheet: sheet.name, mapping };
    if (complete(mapping)) {
      if (wanted !== undefined || sheet.rows.length > mapping.headerIndex + 1) chosen = { sheet, mapping };
      else emptyChoice ??= { sheet, mapping };
    }
    if (wanted !== undefined) break;
    // Worksheets come in tab order (the reader finds them by the zip's directory; chart and dialog
    // sheets are not handed over): the first complete one with rows under its header is the
    // choice, and no later sheet is read — a damaged or oversized sheet after it cannot refuse a
    // good file.
    if (chosen) break;
  }
  chosen ??= emptyChoice;
  throwIfAborted(options.signal);
  if (wanted !== undefined && !matched) throw importError('IMPORT_SHEET_NOT_FOUND', { sheet: wanted, sheets: names });
  if (chosen) {
    const { sheet, mapping } = chosen;
    return {
      data: { format: 'xlsx', sheet: sheet.name, sheetNames: sheet.sheetNames, rows: sheet.rows },
      mapping,
      date1904: sheet.date1904,
    };
  }
  if (hiddenList !== null) throw noHeader(best?.mapping ?? null, best?.sheet ?? null, hiddenList);
  if (!sawRows) throw importError('IMPORT_EMPTY', { path, sheet: wanted ?? null });
  throw noHeader(best?.mapping ?? null, best?.sheet ?? null);
}

/**
 * The xlsx's sheet, then every part's CRC checked (checkZipEntries): the parts the reader checked
 * as it read them are not inflated again. When the reader fails, the whole file is checked first
 * (nothing skipped): a damaged file is IMPORT_CORRUPT_ZIP whatever else is wrong with it, as when
 * the check ran before the reader. A cancel is a cancel.
 */
async function readXlsx(path: string, options: ReadSheetOptions): Promise<Found> {
  const verified = new Set<string>();
  let chosen: Found;
  try {
    chosen = await chooseXlsxSheet(path, options, verified);
  } catch (err) {
    if (options.signal?.aborted !== true) await checkZipFile(path, options.signal);
    throw err;
  }
  await checkZipFile(path, options.signal, verified);
  return chosen;
}

export async function readSheet(path: string, options: ReadSheetOptions): Promise<ChosenSheet> {
  const found = await (options.kind === 'xlsx' ? readXlsx(path, options) : readCsv(path, options));
  return { ...found, dateOrder: dateOrderOf(found.data.rows, found.mapping) };
}
