import type { XmlAttributes, XmlHandler } from './xmlScanner.js';

/**
 * Handlers for the small parts read before any worksheet: the package's rels (where the workbook
 * is), xl/workbook.xml (tabs, 1904 dates), xl/_rels/workbook.xml.rels (tab → worksheet part) and
 * xl/styles.xml (which styles are dates).
 */

export interface SheetEntry {
  name: string;
  relId: string;
  hidden: boolean;
  /** `state="veryHidden"`: hidden so that Excel's Unhide does not list it (only VBA shows it again). */
  veryHidden: boolean;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
  /**
   * `<calcPr fullCalcOnLoad="1">`: the writer asks for every formula to be calculated on open, as
   * generators do that write no results (xlsxwriter stores 0, openpyxl nothing). Excel removes it
   * when it saves the file.
   */
  recalcOnLoad: boolean;
}

const xsdTrue = (v: string | undefined): boolean => v === '1' || v === 'true';

export function workbookHandler(into: WorkbookInfo): XmlHandler {
  return {
    wantText: false,
    open(name, a) {
      if (name === 'sheet') {
        const state = a.get('state');
        into.sheets.push({ name: a.get('name') ?? '', relId: a.get('id') ?? '', hidden: state === 'hidden' || state === 'veryHidden', veryHidden: state === 'veryHidden' });
      } else if (name === 'workbookPr') {
        into.date1904 = xsdTrue(a.get('date1904'));
      } else if (name === 'calcPr') {
        into.recalcOnLoad = xsdTrue(a.get('fullCalcOnLoad'));
      }
    },
    close() {},
    text() {},
  };
}

/** A relationship target as a zip entry name: relative to xl/, or absolute from the package root. */
export function resolveTarget(target: string, base = 'xl/'): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export interface Relationship {
  /** The zip entry name of the target part. */
  part: string;
  /** The last segment of the relationship type: worksheet, chartsheet, styles, sharedStrings... */
  kind: string;
}

/** `base`: the folder of the part the rels are of ("xl/" for the workbook's, "" for the package's). */
export function relsHandler(into: Map<string, Relationship>, base = 'xl/'): XmlHandler {
  return {
    wantText: false,
    open(name, a) {
      if (name !== 'Relationship') return;
      const id = a.get('Id');
      const target = a.get('Target');
      const type = a.get('Type') ?? '';
      if (id === undefined || target === undefined || a.get('TargetMode') === 'External') return;
      into.set(id, { part: resolveTarget(target, base), kind: type.slice(type.lastIndexOf('/') + 1) });
    },
    close() {},
    text() {},
  };
}

/**
 * The built-in number formats that show a date or time (ECMA-376 Part 1, 18.8.30): 14–22 and
 * 45–47 as exceljs read them, and 27–36, the East Asian date formats (exceljs knew no format code
 * for them and read such cells as plain numbers).
 */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47]);

/**
 * The letters of date and time codes (exceljs's utils.isDateFmt took y, m, d, h, M, s, b), in
 * either case: Excel reads the codes without case, and LibreOffice writes them in capitals
 * ("DD/MM/YYYY", "YYYY", "MM/YYYY"), which exceljs's lower-case rule read as plain numbers.
 */
const DATE_LETTER = /[bdhmsy]/i;

/**
 * The date/time letters of a custom format code that are codes, not literal text, in order.
 * Literal text is skipped as Excel reads it (ECMA-376 Part 1, 18.8.31): quoted text, the
 * character after a backslash (Excel stores `0" mũi"` typed in its dialog as `0\ \m\ũ\i`, and a
 * dose 2 in it must stay 2), the character after `_` (a space as wide as it) and after `*` (the
 * fill character), and [...] sections (colours, locales, elapsed hours). Otherwise the rule exceljs
 * applied, kept so the same workbook gives the same cells: `dd\/mm\/yyyy` is a date (what is
 * escaped is the slash).
 */
function* dateLetters(code: string): Generator<string> {
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"' || c === '[') {
      // Unclosed (Excel never stores one), it is one more character, as the exceljs rule read it.
      const close = code.indexOf(c === '"' ? '"' : ']', i + 1);
      if (close !== -1) i = close;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++; // the next character is literal
    } else if (DATE_LETTER.test(c)) {
      yield c;
    }
  }
}

/** Whether a custom format code shows a date: a date/time letter that is a code (dateLetters). */
export function isDateFormatCode(code: string): boolean {
  return !dateLetters(code).next().done;
}

/**
 * What a date format code shows of a date when it shows no day: 'year' ("yyyy", "yy") or 'month'
 * ("mm/yyyy", "mmm-yy", built-in 17), else null (a day, a time, or not a date).
 */
export function partialDateShown(code: string): 'year' | 'month' | null {
  const letters = new Set(Array.from(dateLetters(code), (c) => c.toLowerCase()));
  if (!letters.has('y') || letters.has('d') || letters.has('h') || letters.has('s')) return null;
  return letters.has('m') ? 'month' : 'year';
}

/**
 * Whether a custom date format code puts the day before the month ("dd/mm/yyyy",
 * "[$-42A]dd/mm/yyyy", "d-mmm-yy"): a date cell shown so was not made by a spreadsheet that read a
 * day-first text month first (dateOrder.ts swappedDateCells), which gives built-in 14 or "m/d/yyyy".
 * A run of three d or more is the weekday's name, and m after h or before s are minutes.
 */
export function dayFirstShown(code: string): boolean {
  let day = -1;
  let month = -1;
  let prev = '';
  let run = 0;
  const letters = Array.from(dateLetters(code), (c) => c.toLowerCase());
  for (let i = 0; i <= letters.length; i++) {
    const c = letters[i] ?? '';
    if (c === prev) {
      run++;
      continue;
    }
    // A run of `prev` ends before i.
    const at = i - run;
    if (prev === 'd' && run <= 2 && day < 0) day = at;
    if (prev === 'm' && month < 0 && letters[at - 1] !== 'h' && c !== 's') month = at;
    prev = c;
    run = 1;
  }
  return day >= 0 && month >= 0 && day < month;
}

/** Built-in 15 "d-mmm-yy" and 16 "d-mmm": the day first, whatever the computer's language. */
const BUILTIN_DAY_FIRST_IDS = new Set([15, 16]);

/** Built-in 17: "mmm-yy". */
const BUILTIN_MONTH_YEAR_ID = 17;

export interface StylesInfo {
  /** By cellXfs index: whether a number in a cell of that style is a date. */
  dateStyles: boolean[];
  /**
   * By cellXfs index: the width a number in a cell of that style is shown at with leading zeros
   * (a custom format of zeros alone, six or more: "000000000000" on an id column), else 0. The
   * reader puts back two zeros at most (worksheetRows.ts).
   */
  zeroPadStyles: number[];
  /**
   * By cellXfs index: whether a number in a cell of that style is shown in scientific notation
   * (built-in 11 and 48, or a custom code with E+ / E-): what a spreadsheet gives the lot
   * "21E0101" or "1E5" typed in a General cell.
   */
  scientificStyles: boolean[];
  /** By cellXfs index: for a date style that shows no day, what it shows (partialDateShown), else null. */
  partialDateStyles: ('year' | 'month' | null)[];
  /** By cellXfs index: whether a date style is a custom code with the day before the month (dayFirstShown). */
  dayFirstStyles: boolean[];
  /**
   * By cellXfs index: whether the style's font is struck through (`<strike/>`): how a clerk
   * crosses out a row of a dose cancelled (Ctrl+5). Absent when the workbook has no styles.
   */
  strikeStyles?: boolean[];
}

/** Built-in scientific formats: 11 "0.00E+00", 48 "##0.0E+0". */
const BUILTIN_SCIENTIFIC_IDS = new Set([11, 48]);
/** An exponent in a format code, outside quoted text. */
const EXPONENT = /E[+-]/i;

/** A format code that shows a whole number with leading zeros to a width of an id or a phone. */
const ZERO_PAD = /^0{6,}$/;

export function stylesHandler(into: StylesInfo): XmlHandler {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  const xfFonts: number[] = [];
  // By font index, in <fonts> only (a <dxf>'s font is a conditional format's, not a cell's).
  const struckFonts: boolean[] = [];
  let inFonts = false;
  let inCellXfs = false;
  return {
    wantText: false,
    open(name, a: XmlAttributes) {
      if (name === 'numFmt') {
        const id = parseInt(a.get('numFmtId') ?? '', 10);
        const code = a.get('formatCode');
        if (!Number.isNaN(id) && code !== undefined) custom.set(id, code);
      } else if (name === 'fonts') {
        inFonts = true;
      } else if (name === 'font' && inFonts) {
        struckFonts.push(false);
      } else if (name === 'strike' && inFonts && struckFonts.length > 0) {
        // <strike/> or <strike val="1"/>; val="0" / "false" turns it off.
        const val = a.get('val');
        struckFonts[struckFonts.length - 1] = val === undefined || val === '1' || val === 'true';
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        xfFormats.push(parseInt(a.get('numFmtId') ?? '0', 10));
        xfFonts.push(parseInt(a.get('fontId') ?? '0', 10));
      }
    },
    close(name) {
      if (name === 'fonts') inFonts = false;
      if (name !== 'cellXfs') return;
      // numFmts come before cellXfs in the schema: every custom code is known here.
      inCellXfs = false;
      into.scientificStyles = xfFormats.map((id) => {
        if (!(id > 0)) return false;
        const code = custom.get(id);
        return code !== undefined ? EXPONENT.test(code.replace(/"[^"]*"/g, '')) : BUILTIN_SCIENTIFIC_IDS.has(id);
      });
      into.zeroPadStyles = xfFormats.map((id) => {
        const code = id > 0 ? custom.get(id) : undefined;
        return code !== undefined && ZERO_PAD.test(code) ? code.length : 0;
      });
      into.partialDateStyles = xfFormats.map((id) => {
        if (!(id > 0)) return null;
        const code = custom.get(id);
        if (code !== undefined) return isDateFormatCode(code) ? partialDateShown(code) : null;
        return id === BUILTIN_MONTH_YEAR_ID ? 'month' : null;
      });
      into.strikeStyles = xfFonts.map((font) => struckFonts[font] === true);
      into.dayFirstStyles = xfFormats.map((id) => {
        const code = id > 0 ? custom.get(id) : undefined;
        return code !== undefined ? isDateFormatCode(code) && dayFirstShown(code) : BUILTIN_DAY_FIRST_IDS.has(id);
      });
      into.dateStyles = xfFormats.map((id) => {
          // As exceljs: a format id of 0 (or none) is General, whatever numFmt 0 says.
          if (!(id > 0)) return false;
          const code = custom.get(id);
          if (code !== undefined) return isDateFormatCode(code);
          return BUILTIN_DATE_IDS.has(id);
        });
    },
    text() {},
  };
}
