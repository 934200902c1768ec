/**
 * Which way a sheet writes its text dates. Vietnam writes day first (dd/mm/yyyy), and so do the
 * station's readers; but a CSV that Excel saved on a Windows set to English (United States)
 * writes month first (m/d/yyyy), every date column of it. Read day first, such a file's
 * "10/11/2021" silently becomes 10 November instead of 11 October, and only the dates whose day
 * is over 12 say anything. So the whole sheet is looked at first: a text date whose first number
 * cannot be a month (15/7/2021) shows day first, one whose second cannot (7/15/2021) shows month
 * first, and the ones that could be either (10/11/2021) are read the way the sheet shows, with a
 * warning naming the row that shows it. A sheet that shows both ways reads each date column that
 * shows one way only that way (DateOrder.columns: births typed day first beside a US export's
 * vaccination dates), and the rest day first, warning on every date that could be either.
 *
 * Only text counts: date cells and serials are calendar dates already. ISO dates (yyyy-mm-dd)
 * are unambiguous and never evidence.
 */
import type { HeaderMapping, MappedField } from './findHeaderRow.js';
import { foldHeader } from './headerAliases.js';
import { statedDateOrder } from './statedDateOrder.js';
import { isDateCell, isErrorCell, shownDayFirst, type CellValue, type SheetRow } from './sheetData.js';

/**
 * A text date as the station reads it (day first) or the other way; the time after it is cut first.
 * The year has four digits, or two: what Excel writes in a CSV for a date cell shown d/m/yy.
 */
const NUMERIC_DATE = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/;
/**
 * A time after the date ("01/07/2021 08:30", "2021-07-01T08:30:00", and as Vietnamese write a time,
 * "01/07/2021 8h30", "01/07/2021 - 8g", "01/07/2021 8h sáng", "01/07/2021 (chiều)": the session of a
 * vaccination day): the date is what counts.
 */
export const TRAILING_TIME =
  /^(.+?)(?:T|\s*,?\s+|\s+[-–]\s+)(?:(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:AM|PM|SA|CH))?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,2}\s*(?:[hg]|giờ)(?:\s*\d{2}\s*(?:'|p|ph|phút)?)?)(?:\s+(?:buổi\s+)?(?:sáng|trưa|chiều|tối))?|\(?(?:buổi\s+)?(?:sáng|trưa|chiều|tối|sang|trua|chieu|toi)\)?)$/i;

/** Where the sheet shows an order: the first such cell (Excel row, the text as written). */
export interface DateExample {
  row: number;
  text: string;
  /** The row's sheet, when the rows come from several sheets (a sheet per day read together). */
  sheet?: string;
  /** Shown by its time with AM/PM as English (United States) writes it (US_DATE_TIME), not by a number over 12. */
  amPm?: true;
}

/**
 * A date and time as .NET's and Excel's general format write them in English (United States),
 * "M/d/yyyy h:mm:ss AM": month and day unpadded, a 12-hour time with AM or PM. A hospital
 * system's server set to that language writes every date so, and a list of one vaccination day
 * has no day over 12 to show it. Vietnamese writes "dd/MM/yyyy" with SA/CH; a padded "08/12/2021
 * 08:30 AM" (English (Australia), say) is day first, and says nothing.
 */
/** The same as Vietnamese writes it, "dd/MM/yyyy h:mm:ss SA" (sáng, chiều): day first by its time. */
const VI_DATE_TIME = /^\d{1,2}\/\d{1,2}\/\d{4},?\s+\d{1,2}:[0-5]\d(?::[0-5]\d)?\s*(?:SA|CH)$/i;
const US_DATE_TIME = /^(?:1[0-2]|[1-9])\/(?:[12]\d|3[01]|[1-9])\/\d{4},?\s+(?:1[0-2]|[1-9]):[0-5]\d(?::[0-5]\d)?\s*[AP]\.?M\.?$/i;

export interface DateOrder {
  /** day-first: Vietnam's (also when nothing shows either); month-first: only that shows; mixed: both. */
  order: 'day-first' | 'month-first' | 'mixed';
  dayFirst: DateExample | null;
  monthFirst: DateExample | null;
  /**
   * The year the import runs in (Vietnam's calendar): a two-digit year of birth is read in the
   * century that does not put it in the future (parseDateCell.ts). Absent: the clock's year.
   */
  thisYear?: number;
  /**
   * The date columns whose date cells had their day and month swapped by a spreadsheet that read
   * the day-first text month first (swappedDateCells), each with the text date of the column that
   * shows it: their date cells are read swapped back, with a warning. Absent: none.
   */
  swapped?: ReadonlyMap<number, DateExample>;
  /**
   * A sheet that shows both ways (`mixed`), each date column on its own evidence (session 27): a
   * Google Sheet in English (United States) exports its date cells m/d/yyyy beside births a clerk
   * typed d/m/yyyy as text. A column that shows one way only is read that way; one that shows both
   * or neither keeps the sheet's reading (day first, every date that could be either warned).
   * Absent unless some column shows one way only.
   */
  columns?: ReadonlyMap<number, ColumnDateOrder>;
  /** Set on a column's own order (columns): its header, named in its findings. */
  column?: string;
}

/** One date column of a sheet that shows both ways: what the column itself shows. */
export interface ColumnDateOrder {
  header: string;
  /** none: the column shows neither way; one: one way, by one cell only (both read as the sheet's). */
  order: 'day-first' | 'month-first' | 'mixed' | 'none' | 'one';
  dayFirst: DateExample | null;
  monthFirst: DateExample | null;
}

/** The order a date in `column` is read by: the column's own when it shows one way only, else the sheet's. */
export function orderForColumn(order: DateOrder, column: number | undefined): DateOrder {
  const own = column === undefined || order.columns === undefined ? undefined : order.columns.get(column);
  if (own === undefined || (own.order !== 'day-first' && own.order !== 'month-first')) return order;
  return { order: own.order, dayFirst: own.dayFirst, monthFirst: own.monthFirst, column: own.header, ...(order.thisYear !== undefined ? { thisYear: order.thisYear } : {}) };
}

/** Different date cells, and text dates, a column needs before its cells are taken for swapped. */
const SWAPPED_AT = 3;
/** The least share of text dates among a swapped column's dates (days 13–31 are ~60 % of a month). */
const SWAPPED_TEXT_SHARE = 0.25;

/** Nothing looked at, or nothing shows otherwise: the station's own order. */
export const DAY_FIRST: DateOrder = { order: 'day-first', dayFirst: null, monthFirst: null };

/**
 * A leading word that only says "date": "ngày 16/7/2021", "Ngày: 16-07-2021", "ng. 16/7/2021",
 * "Date: 29/07/2021". Only before a digit: "ngày 16 tháng 7" keeps its words for the spelled form.
 */
const DATE_WORD = /^(?:ng[aàáảãạ][\u0300-\u0323]?y|ng\.|date)\s*[:.]?\s*(?=\d)/i;

/**
 * The day of the week before a date, as Excel's long date format writes it into a CSV ("Thứ Tư,
 * 20/04/2022", "Thứ 4, 20 tháng 4, 2022", "Wednesday, April 20, 2022"): only with its comma.
 */
const WEEKDAY = /^(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?\s*,\s*/iu;

/** The weekday a text opens with (its words, and the text after its comma), or null. */
function weekdayPrefix(text: string): { word: string; rest: string } | null {
  // Most date cells start with a digit: the pattern runs only on those that start with a letter.
  const c = text.charCodeAt(0) | 32;
  if (c < 97 || c > 122) return null;
  const nfc = text.normalize('NFC');
  const m = WEEKDAY.exec(nfc);
  return m === null ? null : { word: m[0], rest: nfc.slice(m[0].length) };
}

/** Folded weekday words and numbers → day of the week (0 Sunday … 6 Saturday). */
const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = {
  chunhat: 0, thuhai: 1, thu2: 1, thuba: 2, thu3: 2, thutu: 3, thu4: 3, thunam: 4, thu5: 4, thusau: 5, thu6: 5, thubay: 6, thu7: 6,
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednes: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, satur: 6, saturday: 6,
};

/** The day of the week a text date opens with ("Thứ tư, 20/04/2022": 3), or null when it has none. */
export function weekdayOf(text: string): number | null {
  const prefix = weekdayPrefix(text.trim());
  return prefix === null ? null : (WEEKDAY_NUMBERS[foldHeader(prefix.word)] ?? null);
}

/**
 * A time before the date, as hospital systems write a dose's moment: "08:30:00 12/08/2021", "8:30
 * SA 12/08/2021", "08:30, 2021-08-12". Only a real time of day, and a digit after it.
 */
const LEADING_TIME = /^(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:\s*(?:SA|CH|AM|PM))?\s*,?\s+(?=\d)/i;

/** The date part of a text cell (a leading weekday and "ngày", a time before or after it cut), trimmed. */
export function dateTextOf(text: string): string {
  let trimmed = text.trim();
  // Most date cells have no colon: the pattern runs only on those with one in their first six characters.
  const colon = trimmed.indexOf(':');
  if (colon > 0 && colon < 3) trimmed = trimmed.replace(LEADING_TIME, '');
  // A full stop closing the sentence a date was written as ("20/7/2021.").
  const t = (weekdayPrefix(trimmed)?.rest ?? trimmed).replace(DATE_WORD, '').replace(/(\d)\.$/, '$1');
  // A date alone ("01/08/2021") is at most 10 characters; a date and its time fit in 40, and the
  // pattern never runs over a long note.
  return t.length > 10 && t.length <= 40 ? (TRAILING_TIME.exec(t)?.[1]?.trim() ?? t) : t;
}

/** The two leading numbers of a d/m/yyyy-shaped text and its year as written (two digits or four), or null. */
export function numericDateParts(text: string): [number, number, number] | null {
  const m = NUMERIC_DATE.exec(text);
  return m === null ? null : [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * What one cell shows: 'day' (first number over 12), 'month' (second over 12), 'amPm' / 'saCh'
 * (month or day first by its time, US_DATE_TIME / VI_DATE_TIME, when its numbers could be
 * either), or nothing.
 */
function shows(value: CellValue | undefined): 'day' | 'month' | 'amPm' | 'saCh' | null {
  if (typeof value !== 'string' || value === '') return null;
  const parts = numericDateParts(dateTextOf(value));
  if (parts === null) return null;
  const [a, b] = parts;
  if (a > 12 && a <= 31 && b >= 1 && b <= 12) return 'day';
  if (b > 12 && b <= 31 && a >= 1 && a <= 12) return 'month';
  const text = value.trim();
  return US_DATE_TIME.test(text) ? 'amPm' : VI_DATE_TIME.test(text) ? 'saCh' : null;
}

const DATE_FIELDS: readonly MappedField[] = ['dob', 'vaccinationDate'];

/** Cells of a column that show one way before the column is read that way on its own (DateOrder.columns). */
const COLUMN_SHOWS_AT = 2;

/** The first example of each way seen so far. */
interface Shown {
  dayFirst: DateExample | null;
  monthFirst: DateExample | null;
}

/** A month-first example by a number over 12 is plainer than one by AM/PM: looked for until found. */
function noteShown(into: Shown, seen: 'day' | 'month' | 'amPm' | 'saCh', ex: DateExample): void {
  if ((seen === 'day' || seen === 'saCh') && into.dayFirst === null) into.dayFirst = ex;
  if (seen === 'month' && (into.monthFirst === null || into.monthFirst.amPm === true)) into.monthFirst = ex;
  if (seen === 'amPm' && into.monthFirst === null) into.monthFirst = { ...ex, amPm: true };
}

/**
 * The order the rows under the header show, from every text date of the date columns. `sheetAt`:
 * the sheet of the row at an index, when the rows are several sheets' (a sheet per day), so that
 * the row named as showing it is named with its sheet.
 */
export function dateOrderOf(rows: readonly SheetRow[], mapping: HeaderMapping, sheetAt?: (index: number) => string): DateOrder {
  const example = (at: number, text: string): DateExample => {
    const sheet = sheetAt?.(at);
    return { row: rows[at]!.row, text: text.trim(), ...(sheet !== undefined ? { sheet } : {}) };
  };
  // Every date column: a row per person's doses each have their own.
  const columns = [...new Set([...DATE_FIELDS.map((f) => mapping.fields[f]), ...mapping.doses.map((d) => d.vaccinationDate)])].filter((c): c is number => c !== undefined);
  // The first row that shows each way, in the sheet and in each column: every row is looked at,
  // so that a column that shows one way is known to show no other (DateOrder.columns).
  const sheet: Shown = { dayFirst: null, monthFirst: null };
  const own = new Map<number, Shown & { cells: number }>(columns.map((c) => [c, { dayFirst: null, monthFirst: null, cells: 0 }]));
  // "Ngày tiêm (mm/dd/yyyy)": the header's word is the column's way, as a column of cells showing it
  // is (statedDateOrder.ts); a cell under it showing the other way still makes the column both ways.
  for (const c of columns) {
    const header = mapping.columns?.find((h) => h.index === c)?.header ?? '';
    const stated = statedDateOrder(header);
    if (stated === null) continue;
    const ex = example(mapping.headerIndex, header);
    noteShown(sheet, stated, ex);
    const col = own.get(c)!;
    noteShown(col, stated, ex);
    col.cells += COLUMN_SHOWS_AT;
  }
  for (let at = mapping.headerIndex + 1; at < rows.length; at++) {
    const row = rows[at]!;
    for (const c of columns) {
      const value = row.cells[c];
      if (value === undefined || value === null || isDateCell(value) || isErrorCell(value)) continue;
      const seen = shows(value);
      if (seen === null) continue;
      const ex = example(at, value as string);
      noteShown(sheet, seen, ex);
      const col = own.get(c)!;
      noteShown(col, seen, ex);
      col.cells++;
    }
  }
  const { dayFirst, monthFirst } = sheet;
  if (monthFirst === null) {
    if (dayFirst === null) return DAY_FIRST;
    const swapped = new Map<number, DateExample>();
    for (const c of columns) {
      const shows = swappedDateCells(rows, mapping.headerIndex, c);
      if (shows !== null) swapped.set(c, example(shows, (rows[shows]!.cells[c] as string)));
    }
    return { order: 'day-first', dayFirst, monthFirst: null, ...(swapped.size > 0 ? { swapped } : {}) };
  }
  if (dayFirst === null) return { order: 'month-first', dayFirst, monthFirst };
  const byColumn = new Map<number, ColumnDateOrder>();
  for (const [c, { dayFirst: d, monthFirst: m, cells }] of own) {
    // One cell alone is no column's way: a "08/13/2021" typed month first among a day-first list's
    // dates that could be either would turn them all (the sheet's reading warns on each instead).
    const order = d !== null && m !== null ? 'mixed' : cells === 0 ? 'none' : cells < COLUMN_SHOWS_AT ? 'one' : d === null ? 'month-first' : 'day-first';
    byColumn.set(c, { header: mapping.columns?.find((h) => h.index === c)?.header ?? '', order, dayFirst: d, monthFirst: m });
  }
  const anyOwn = [...byColumn.values()].some((c) => c.order === 'day-first' || c.order === 'month-first');
  return { order: 'mixed', dayFirst, monthFirst, ...(anyOwn ? { columns: byColumn } : {}) };
}

/**
 * Whether the date cells of one date column are its day-first text dates read month first, and
 * the index of the first text date that shows it; null if not. A day-first list opened in Excel or LibreOffice
 * set to a month-first language (English (United States)) keeps "15/03/1985" as text, since no
 * month 15 exists, and makes "05/08/2021" the date cell 8 May. So in such a column every text date
 * has a first number over 12 (any other was made a date), every date cell a day of at most 12 (it
 * was the month), and the text dates are a good share of all (days 13–31). A column of real date
 * cells beside a few typed as text breaks one of these: a text "3/4/1990", a date cell on the
 * 25th, one text date among a campaign's thousand cells. Each column on its own evidence: the
 * text dates of a date of birth say nothing of the vaccination dates' cells. SWAPPED_AT different
 * date cells (a merged cell's copies are one) and text dates at least, SWAPPED_TEXT_SHARE of them.
 * A date cell whose own format puts the day first ("dd/mm/yyyy": XlsxDateCell.dayFirst) is none of
 * them: the swap gives built-in 14, the short date of the computer's language, or "m/d/yyyy".
 */
function swappedDateCells(rows: readonly SheetRow[], headerIndex: number, column: number): number | null {
  const cells = new Set<string>();
  let cellCount = 0;
  let texts = 0;
  let first: number | null = null;
  for (let at = headerIndex + 1; at < rows.length; at++) {
    const value = rows[at]!.cells[column];
    if (value === undefined || value === null || isErrorCell(value)) continue;
    if (isDateCell(value)) {
      // A cell formatted day first on purpose was typed or made day first: no swapped cell.
      if (shownDayFirst(value)) continue;
      if (Number(value.date.slice(8, 10)) > 12) return null;
      cells.add(value.date);
      cellCount++;
    } else if (typeof value === 'string') {
      const parts = numericDateParts(dateTextOf(value));
      if (parts === null) continue;
      if (parts[0] <= 12) return null;
      texts++;
      first ??= at;
    }
  }
  const enough = cells.size >= SWAPPED_AT && texts >= SWAPPED_AT && texts >= SWAPPED_TEXT_SHARE * (texts + cellCount);
  return enough ? first : null;
}
