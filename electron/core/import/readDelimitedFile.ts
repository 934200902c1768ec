import { readFile } from 'node:fs/promises';
import type { StationError } from '../../../shared/errors.js';
import { decodeText } from './decodeText.js';
import { findHeaderRow } from './findHeaderRow.js';
import { refuseNulInText, withoutNulPadding } from './nulBytes.js';
import { sepLineOf } from './sepLine.js';
import { importError, importErrorAt, throwIfAborted, tooLarge } from './importErrors.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';
import type { ImportLimits } from './importLimits.js';
import { parseDelimited, SEPARATORS, type QuoteTrouble, type Separator } from './parseDelimited.js';
import type { SheetData, SheetRow } from './sheetData.js';

export interface ReadDelimitedOptions {
  limits: ImportLimits;
  signal?: AbortSignal;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

const SAMPLE_RECORDS = 50;
const PROGRESS_EVERY = 5000;
/** Excel's directive line: "sep=;" names the separator and is not shown as a row. */
const SEP_DIRECTIVE = /^sep=(.)(\r\n|\n|\r|$)/i;

function sampleRows(text: string, separator: string): SheetRow[] {
  const rows: SheetRow[] = [];
  for (const record of parseDelimited(text, separator)) {
    rows.push({ row: record.row, cells: record.fields });
    if (rows.length >= SAMPLE_RECORDS) break;
  }
  return rows;
}

/** How many sampled records have the most common field count (a title line has another count). */
function consistency(rows: SheetRow[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.cells.length > 1) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/**
 * The separator is the one under which the file has a recognisable header; when none has,
 * the one that splits the most records into the same number of fields. A semicolon file whose
 * names contain commas is not split on commas, because that finds no header.
 */
export function detectSeparator(text: string): Separator {
  let best: Separator = ',';
  let bestScore = [-1, -1];
  for (const sep of SEPARATORS) {
    const rows = sampleRows(text, sep);
    const header = findHeaderRow(rows);
    const score = [header ? Object.keys(header.fields).length : 0, consistency(rows)];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

/**
 * A quote that swallowed rows: refused, naming the line (as a text editor counts them, the `sep=`
 * line included) where the quote opens, rather than reading the merged rows as one bad row.
 */
function quoteError(trouble: QuoteTrouble, row: number, linesBefore: number): StationError {
  const line = trouble.line + linesBefore;
  const closeLine = trouble.closeLine + linesBefore;
  const where = `dòng ${line} (ô thứ ${trouble.column}, bắt đầu bằng "${trouble.start}")`;
  const whereEn = `line ${line} (field ${trouble.column}, starting "${trouble.start}")`;
  const place =
    trouble.kind === 'unclosed'
      ? {
          vi: `Dấu ngoặc kép mở ở ${where} không được đóng cho đến hết tệp: hãy thêm dấu " đóng ô đó, hoặc xóa dấu " mở`,
          en: `The quote opened on ${whereEn} is not closed before the end of the file: add the closing " of that cell, or remove the opening one`,
        }
      : {
          vi: `Dấu ngoặc kép mở ở ${where} chỉ đóng ở dòng ${closeLine}, nên các dòng ở giữa bị gộp vào một ô: hãy thêm dấu " đóng ô đó`,
          en: `The quote opened on ${whereEn} closes only on line ${closeLine}, so the lines between run into one cell: add the closing " of that cell`,
        };
  const details = { kind: trouble.kind, row, line, column: trouble.column };
  return importErrorAt('IMPORT_UNCLOSED_QUOTE', place, trouble.kind === 'unclosed' ? details : { ...details, closeLine });
}

/** Reads a CSV/TSV file as one sheet. Rows are numbered as Excel shows them. */
export async function readDelimitedFile(path: string, options: ReadDelimitedOptions): Promise<SheetData> {
  const { limits, signal } = options;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw importError('IMPORT_FILE_UNREADABLE', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, err);
  }
  throwIfAborted(signal);
  // NUL padding after the text is dropped, a NUL inside it refused where it is (nulBytes.ts).
  bytes = withoutNulPadding(bytes);
  refuseNulInText(bytes);
  const { text: decoded, encoding } = decodeText(bytes);
  let text = decoded;
  let separator: string;
  const directive = SEP_DIRECTIVE.exec(text);
  if (directive) {
    separator = directive[1]!;
    text = text.slice(directive[0].length);
  } else separator = detectSeparator(text);
  const linesBefore = directive ? 1 : 0;

  const rows: SheetRow[] = [];
  let records = 0;
  for (const record of parseDelimited(text, separator)) {
    if (++records % PROGRESS_EVERY === 0) {
      options.onProgress?.(Math.round((bytes.length * record.end) / Math.max(1, text.length)), bytes.length);
      await yieldToEventLoop(signal);
    }
    if (record.fields.every((f) => f.trim() === '')) continue;
    // Rows that hold something, as for xlsx: blank lines cost only their bytes (maxBytes bounds them).
    if (rows.length >= limits.maxRows) throw tooLarge({ maxRows: limits.maxRows });
    // A quote that took in rows is the cause of the long cell it makes: said first, with its line.
    if (record.quoteTrouble) throw quoteError(record.quoteTrouble, record.row, linesBefore);
    const long = record.fields.findIndex((f) => f.length > limits.maxCellChars);
    if (long !== -1) throw tooLarge({ row: record.row, column: long + 1, cellChars: record.fields[long]!.length, maxCellChars: limits.maxCellChars });
    rows.push({ row: record.row, cells: record.fields });
  }
  options.onProgress?.(bytes.length, bytes.length);
  return { format: 'csv', sheet: null, sheetNames: [], rows, encoding, separator, ...(directive ? { sepLine: sepLineOf(text, separator) } : {}) };
}
