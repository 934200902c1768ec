import { isBlankCell, isBlankText, type CellValue, type HiddenColumns, type XlsxDateCell, type SheetRow, type StruckText } from '../sheetData.js';
import { dayInVietNam } from '../dayInVietNam.js';
import { decodeXstring, type StruckRuns } from './sharedStrings.js';
import { XmlError, type XmlAttributes, type XmlHandler } from './xmlScanner.js';

export interface WorksheetContext {
  sharedStrings: readonly (string | null)[] | null;
  dateStyles: readonly boolean[];
  /** By style: the width a whole number is shown at with leading zeros (StylesInfo), else 0 or absent. */
  zeroPadStyles?: readonly number[];
  /** By style: whether a number is shown in scientific notation (StylesInfo). */
  scientificStyles?: readonly boolean[];
  /** By style: what a date style that shows no day shows (StylesInfo), else null or absent. */
  partialDateStyles?: readonly ('year' | 'month' | null)[];
  /** By style: whether a date style is a custom code with the day first (StylesInfo), for DateCell.dayFirst. */
  dayFirstStyles?: readonly boolean[];
  /** By style: whether its font is struck through (StylesInfo), for SheetRow.struck. */
  strikeStyles?: readonly boolean[];
  /** Shared strings with text struck inside them (sharedStrings.ts StruckRuns), by index. */
  struckStrings?: ReadonlyMap<number, StruckRuns>;
  date1904: boolean;
  /** WorkbookInfo.recalcOnLoad: a formula's stored 0 or empty result is a placeholder, not a result. */
  recalcOnLoad?: boolean;
  /**
   * Called at each `<row>` with how many `<row>` elements were seen, blank ones too: progress,
   * cancel, and the bound on the work blank rows cost.
   */
  onRow(seen: number): void;
  /** Called as a row with a non-blank cell is kept: how many were kept (the row limit) and its width in cells (the cell limit). */
  onDataRow(kept: number, width: number): void;
}

export interface WorksheetResult {
  rows: SheetRow[];
  merges: string[];
}

/** Excel's own width: a cell further right is damage, not data. */
const MAX_COLUMNS = 16384;

/** "BC12" → 54 (0-based column), or -1 if the reference has no column letters. */
function refColumn(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return i === 0 ? -1 : n - 1;
}

/** "BC12" → 12, or 0 if the reference has no row digits after its letters. */
function refRow(ref: string): number {
  let i = 0;
  while (i < ref.length && (ref.charCodeAt(i) | 0x20) >= 97 && (ref.charCodeAt(i) | 0x20) <= 122) i++;
  const n = Number(ref.slice(i));
  return i > 0 && Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * A calendar day as a date cell of the style shows it: what a format that shows no day shows
 * ("yyyy", "mm/yyyy"), and whether a custom format puts the day first (dateOrder.ts). A serial and
 * an ISO date (`t="d"`) both come here: the same day in the same style is the same cell. Style 0
 * is never a date style (as exceljs read it), nor is one whose format shows no date.
 */
function styledDate(day: string, style: number, ctx: WorksheetContext): XlsxDateCell {
  const dated = style > 0 && ctx.dateStyles[style] === true;
  const shows = dated ? ctx.partialDateStyles?.[style] : null;
  const cell: XlsxDateCell = shows ? { date: day, shows } : { date: day };
  if (dated && ctx.dayFirstStyles?.[style] === true) cell.dayFirst = true;
  return cell;
}

/** A date-formatted serial as its calendar date, by the arithmetic exceljs used (UTC midnights). */
function serialDate(serial: number, style: number, ctx: WorksheetContext): CellValue {
  const date = new Date(Math.round((serial - 25569 + (ctx.date1904 ? 1462 : 0)) * 86_400_000));
  if (Number.isNaN(date.getTime())) return { error: '#DATE' };
  return styledDate(date.toISOString().slice(0, 10), style, ctx);
}

/**
 * `t="d"`: "1985-03-02" or "1985-03-02T00:00:00…" → that day, in the cell's style as a serial of
 * that day would be; anything else is an error cell. An ISO date names its day whatever the
 * workbook's date system (ECMA-376 Part 1, 18.17.4). A time with a zone ("…T17:00:00.000Z") is an
 * instant: its day is the day it is in Viet Nam (dayInVietNam).
 */
function isoDate(text: string, style: number, ctx: WorksheetContext): CellValue {
  const written = text.trim();
  const day = written.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { error: '#DATE' };
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return { error: '#DATE' };
  const vietnam = dayInVietNam(day, written.slice(10));
  if (vietnam === null) return styledDate(day, style, ctx);
  const cell = styledDate(vietnam.slice(0, 10), style, ctx);
  cell.zoned = { written, vietnam };
  return cell;
}

const noCachedValue = (): CellValue => ({ error: '#NO_CACHED_VALUE' });

function finiteNumber(n: number): CellValue {
  return Number.isFinite(n) ? n : { error: '#NUM!' };
}

interface CellState {
  col: number;
  type: string;
  style: number;
  formula: boolean;
  hasValue: boolean;
  text: string;
}

/** A value of nothing but spaces, or none (its first character looked at first: a value is rarely blank). */
function blankValue(text: string): boolean {
  return text === '' || (text.charCodeAt(0) <= 32 && text.trim() === '');
}

/** Types whose value is text: a formula's empty result of one is a blank result, not a missing one. */
const isTextType = (type: string): boolean => type === 'str' || type === 'inlineStr';

/** Types read as a number (`n`, or a type no writer should use): the default branch of storedValue. */
const isNumberType = (type: string): boolean => type !== 's' && type !== 'b' && type !== 'e' && type !== 'd' && !isTextType(type);

/**
 * A cell as the import sees it (what exceljs and the cell reading above gave before): a formula is
 * its cached result (never recalculated), read as the same cell without the formula would be;
 * shared strings and inline strings their text, a number in a date style its date. `undefined`:
 * no value, no cell. Text is already unescaped (`_xHHHH_`, decodeXstring) where the handler
 * collected it.
 */
function cellValue(c: CellState, ctx: WorksheetContext): CellValue | undefined {
  return c.formula ? formulaResult(c, ctx) : storedValue(c, ctx);
}

/**
 * A formula's cached result. What only a formula has is decided here: a result that is missing or
 * a placeholder, and an error result; any other is the value of its type and style, as in a cell
 * typed by hand (storedValue): an ISO date of Strict Open XML is a date, not its year read as a
 * number; a VLOOKUP's CCCD in a "000000000000" cell the text shown; a dob formatted "yyyy" the year
 * shown; a text result written inline (`t="inlineStr"` with `<is>`) its text.
 */
function formulaResult(c: CellState, ctx: WorksheetContext): CellValue | undefined {
  // A generator that wrote the formula but not its result leaves nothing to read: no `<v>`, an
  // empty untyped one (openpyxl), or, in a workbook that asks to be calculated on open, the 0
  // a generator stores in its place (xlsxwriter): Excel shows the calculated value, and a lot
  // "0" must not be read for it. An empty text result is a result, on open or not: the "" of
  // =IF(K2="","",K2), as Excel and exceljs write it (`t="str"` with `<v></v>`); a blank cell.
  if (!c.hasValue || (!isTextType(c.type) && blankValue(c.text))) return noCachedValue();
  if (ctx.recalcOnLoad === true && c.type !== 'e' && c.text.trim() === '0') return noCachedValue();
  // An error result ("#N/A", "#DIV/0!": `t="e"`, or untyped by a careless writer) as Excel
  // shows it; an untyped result that is no number either: #ERROR (exceljs read NaN).
  if (c.type === 'e' || (isNumberType(c.type) && Number.isNaN(parseFloat(c.text)))) {
    const shown = c.text.trim();
    return { error: shown.startsWith('#') ? shown : '#ERROR' };
  }
  return storedValue(c, ctx);
}

/** A cell's value by its type and style (a formula's result too, once formulaResult has kept it). */
function storedValue(c: CellState, ctx: WorksheetContext): CellValue | undefined {
  // An empty `<v></v>` (or `<v/>`, or `<v> </v>`) holds no value whatever its type: a blank cell,
  // not the #NUM! of a number read from nothing, nor a shared string index read from nothing
  // (which refused the whole file as damaged, naming no cell), nor TRUE.
  if (!c.hasValue || (!isTextType(c.type) && blankValue(c.text))) return undefined;
  switch (c.type) {
    case 's': {
      // An index past the shared strings (or with none) is damage Excel offers to repair: the
      // cell's text is lost, and reading it as blank would drop a phone or a note in silence.
      const index = parseInt(c.text, 10);
      const list = ctx.sharedStrings;
      if (list === null || !(index >= 0 && index < list.length)) {
        throw new XmlError(list === null ? `cell text ${c.text} names a shared string, but the shared strings part is missing` : `cell text ${c.text} is past the ${list.length} shared strings`);
      }
      const s = list[index];
      return s === null || s === undefined ? undefined : s;
    }
    case 'inlineStr':
    case 'str':
      return c.text;
    case 'e':
      return { error: c.text };
    case 'b':
      return parseInt(c.text, 10) !== 0;
    case 'd':
      // An ISO 8601 date cell (Strict OOXML, SheetJS with cellDates): the calendar date it names.
      return isoDate(c.text, c.style, ctx);
    default: {
      const n = parseFloat(c.text);
      // Style 0 is never a date style (as exceljs read it).
      if (c.style > 0 && ctx.dateStyles[c.style] === true) return serialDate(n, c.style, ctx);
      // An id or a phone kept as a number in a cell formatted "000000000000": the text shown, its
      // leading zeros with it (they were never lost to the user).
      // At most two zeros: a CCCD's province (001–096) or a phone's leading 0; a 9-digit CMND in
      // a CCCD column stays a number (it is no CCCD with three zeros in front).
      const width = c.style > 0 ? (ctx.zeroPadStyles?.[c.style] ?? 0) : 0;
      if (width > 0 && Number.isInteger(n) && n >= 10 ** (width - 3) && n < 10 ** width && n < 1e21) return String(n).padStart(width, '0');
      return finiteNumber(n);
    }
  }
}

/**
 * A worksheet part's rows, cell by cell, as the XML streams by: `<row r>`, `<c r t s>` with `<v>`,
 * `<f>` and `<is>` (rich runs joined, phonetic runs left out), cells without `r` placed after the
 * previous one, a row without `r` numbered by its first cell's reference (else after the previous
 * row), and the `<mergeCell ref>` ranges. Text is unescaped (`_xHHHH_`) where the schema makes it
 * an ST_Xstring: each `<t>` of `<is>` on its own, and the `<v>` of text cells. Blank rows are dropped once counted (onRow); rows kept are counted apart (onDataRow).
 */
export function worksheetHandler(ctx: WorksheetContext, into: WorksheetResult): XmlHandler {
  let inSheetData = false;
  let seen = 0;
  let kept = 0;
  let rowNumber = 0;
  // A `<row>` without `r`: its number is its first cell's reference's ("A3"), else the one after the last.
  let rowFromCell = false;
  let rowHidden = false;
  // The columns of the row's numbers shown in scientific notation (SheetRow.scientific).
  let scientific: number[] | null = null;
  // The columns of the row's values struck through (SheetRow.struck).
  let struck: number[] | null = null;
  let struckText: StruckText[] | null = null;
  let cells: CellValue[] | null = null;
  let lastCol = -1;
  let cell: CellState | null = null;
  let inInline = false;
  /** Where the inline `<t>` being read starts in the cell's text: escapes are decoded per `<t>`. */
  let runStart = -1;
  // Inline rich text struck inside the cell (`<is><r><rPr><strike/>`), as sharedStrings.ts reads
  // a shared string's runs: the runs kept and struck (null until a run is struck).
  let inRun = false;
  let runStruck = false;
  let inlineKept = '';
  let inlineStruck: string | null = null;
  let phonetic = 0;
  // Blank texts after the row's last value so far, in column order (close 'c'): reused by every row.
  const pendingColumns: number[] = [];
  const pendingTexts: string[] = [];
  // `<cols>` comes before `<sheetData>` (ECMA-376 Part 1, 18.3.1.99): known as the rows are kept.
  let hiddenColumns: HiddenColumns[] | null = null;

  const handler: XmlHandler = {
    wantText: false,
    open(name: string, a: XmlAttributes) {
      switch (name) {
        case 'c': {
          if (!cells) return;
          const ref = a.get('r');
          if (rowFromCell) {
            rowFromCell = false;
            const r = ref === undefined ? 0 : refRow(ref);
            if (r > 0) rowNumber = r;
          }
          const col = ref === undefined ? lastCol + 1 : refColumn(ref);
          if (col < 0 || col >= MAX_COLUMNS) throw new XmlError(`bad cell reference ${ref ?? ''} in row ${rowNumber}`);
          lastCol = col;
          const s = a.get('s');
          cell = { col, type: a.get('t') ?? 'n', style: s === undefined ? 0 : parseInt(s, 10), formula: false, hasValue: false, text: '' };
          inlineStruck = null;
          return;
        }
        case 'v':
          if (!cell) return;
          cell.hasValue = true;
          cell.text = '';
          handler.wantText = true;
          return;
        case 'f':
          if (cell) cell.formula = true;
          return;
        case 'is':
          if (!cell) return;
          cell.hasValue = true;
          cell.text = '';
          inInline = true;
          inlineKept = '';
          inlineStruck = null;
          return;
        case 'r':
          if (!inInline) return;
          inRun = true;
          runStruck = false;
          return;
        case 'strike':
          if (inRun) {
            // <strike/> or <strike val="1"/>; val="0" / "false" turns it off (as in the styles part).
            const val = a.get('val');
            runStruck = val !== '0' && val !== 'false';
          }
          return;
        case 't':
          if (inInline && phonetic === 0 && cell) {
            handler.wantText = true;
            runStart = cell.text.length;
          }
          return;
        case 'rPh':
          phonetic++;
          return;
        case 'row': {
          if (!inSheetData) return;
          ctx.onRow(++seen);
          const r = parseInt(a.get('r') ?? '', 10);
          rowFromCell = !(r > 0);
          rowNumber = r > 0 ? r : rowNumber + 1;
          const hidden = a.get('hidden');
          rowHidden = hidden === '1' || hidden === 'true';
          scientific = null;
          struck = null;
          struckText = null;
          cells = [];
          lastCol = -1;
          pendingColumns.length = 0;
          pendingTexts.length = 0;
          return;
        }
        case 'sheetData':
          inSheetData = true;
          return;
        case 'col': {
          // Hidden as Excel writes it (hidden="1"; LibreOffice "true"), or a width of 0, which Excel shows as hidden.
          const hidden = a.get('hidden');
          if (hidden !== '1' && hidden !== 'true' && a.get('width') !== '0') return;
          const from = parseInt(a.get('min') ?? '', 10);
          const to = parseInt(a.get('max') ?? '', 10);
          if (from > 0 && to >= from) (hiddenColumns ??= []).push({ from: from - 1, to: Math.min(to, MAX_COLUMNS) - 1 });
          return;
        }
        case 'mergeCell': {
          const ref = a.get('ref');
          if (ref !== undefined) into.merges.push(ref.toUpperCase());
          return;
        }
        default:
      }
    },
    close(name: string) {
      switch (name) {
        case 'v':
          handler.wantText = false;
          // Every `<v>` is an ST_Xstring, but only text holds escapes: a formula's string result
          // (Excel writes a CR in it as `_x000D_`, as in shared strings) and `inlineStr` text a
          // writer put in `<v>`. Numbers, booleans, error codes, ISO dates and indexes never do.
          if (cell && (cell.type === 'str' || cell.type === 'inlineStr')) cell.text = decodeXstring(cell.text);
          return;
        case 't':
          handler.wantText = false;
          if (runStart >= 0 && cell && cell.text.includes('_x', runStart)) {
            cell.text = cell.text.slice(0, runStart) + decodeXstring(cell.text.slice(runStart));
          }
          if (runStart >= 0 && cell) {
            const run = cell.text.slice(runStart);
            if (inRun && runStruck) inlineStruck = (inlineStruck ?? '') + run;
            else inlineKept += run;
          }
          runStart = -1;
          return;
        case 'r':
          inRun = false;
          return;
        case 'is':
          inInline = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c': {
          if (!cell || !cells) return;
          const value = cellValue(cell, ctx);
          if (value !== undefined && value !== null) {
            // A blank text ("" from a formula =IF(…,"","") filled to column XFD, a cell of spaces)
            // past the row's last value waits for a value after it: at the row's end it is none, so
            // it widens no row (3,000 rows with one in XFD counted 49 million cells, and held them).
            if (cell.col >= cells.length && typeof value === 'string' && isBlankText(value)) {
              pendingColumns.push(cell.col);
              pendingTexts.push(value);
              cell = null;
              return;
            }
            for (let i = 0; i < pendingColumns.length; i++) {
              const col = pendingColumns[i]!;
              if (col >= cell.col) break;
              while (cells.length < col) cells.push(null);
              cells[col] = pendingTexts[i]!;
            }
            pendingColumns.length = 0;
            pendingTexts.length = 0;
            while (cells.length < cell.col) cells.push(null);
            cells[cell.col] = value;
            if (typeof value === 'number' && cell.style > 0 && ctx.scientificStyles?.[cell.style] === true) (scientific ??= []).push(cell.col);
            // Struck by the cell's style, or by rich-text runs: all of its text, or a part of it,
            // which is crossed out: the cell is read without it, the part said (SheetRow.struckText).
            const runs =
              cell.type === 's' && ctx.struckStrings !== undefined && ctx.struckStrings.size > 0
                ? ctx.struckStrings.get(parseInt(cell.text, 10))
                : cell.type === 'inlineStr' && inlineStruck !== null && inlineStruck.trim() !== ''
                  ? { all: inlineKept.trim() === '', kept: inlineKept, struck: inlineStruck }
                  : undefined;
            if (runs !== undefined && !runs.all && !cell.formula) {
              cells[cell.col] = runs.kept.trim();
              (struckText ??= []).push({ column: cell.col, struck: runs.struck.trim(), kept: runs.kept.trim() });
            }
            if ((runs?.all === true || (cell.style > 0 && ctx.strikeStyles?.[cell.style] === true)) && !isBlankCell(value)) (struck ??= []).push(cell.col);
          }
          cell = null;
          return;
        }
        case 'row': {
          if (!cells) return;
          if (!cells.every((v) => isBlankCell(v))) {
            const sheetRow: SheetRow = { row: rowNumber, cells };
            if (rowHidden) sheetRow.hidden = true;
            if (scientific !== null) sheetRow.scientific = scientific;
            if (hiddenColumns !== null) sheetRow.hiddenColumns = hiddenColumns;
            if (struck !== null) sheetRow.struck = struck;
            if (struckText !== null) sheetRow.struckText = struckText;
            into.rows.push(sheetRow);
            ctx.onDataRow(++kept, cells.length);
          }
          cells = null;
          return;
        }
        case 'sheetData':
          inSheetData = false;
          return;
        default:
      }
    },
    text(t: string) {
      if (cell) cell.text += t;
    },
  };
  return handler;
}
