import type { SepLine } from './sepLine.js';
import { visibleText } from './visibleText.js';

/**
 * What a reader (xlsx or delimited text) hands to header detection and row mapping: the rows of
 * one sheet as cell values, numbered as the user sees them in Excel.
 */

/** A date cell (Excel date-formatted number), as its calendar date `YYYY-MM-DD`. */
export interface DateCell {
  date: string;
  /**
   * The cell's format shows only the year ("yyyy") or the month and year ("mm/yyyy", "mmm-yy"):
   * what the person sees is less than the date it holds (a year of birth kept as 1 January).
   */
  shows?: 'year' | 'month';
}

/**
 * A date cell as the xlsx reader makes it. `dayFirst`: the cell's format is a custom one with the
 * day before the month ("dd/mm/yyyy", "[$-42A]dd/mm/yyyy"), made day first on purpose, not by a
 * month-first spreadsheet reading day-first text (dateOrder.ts swappedDateCells; that one gives
 * built-in 14 or "m/d/yyyy"). Apart from DateCell, whose every field parseDateCell's partlyShown
 * takes; read it with shownDayFirst.
 */
export interface XlsxDateCell extends DateCell {
  dayFirst?: true;
  /**
   * An ISO date cell (`t="d"`) whose time has a zone and is on another day in Viet Nam than the
   * day it writes: SheetJS's cellDates writes a computer's local midnight in UTC, so 29 July on a
   * computer in Viet Nam is "2021-07-28T17:00:00.000Z". `date` is the day in Viet Nam; `written`
   * is the cell's text, `vietnam` the instant in Viet Nam time (yyyy-mm-ddThh:mm). Excel ignores
   * the zone and shows 28/07/2021 17:00: the reading is said (parseDateCell). Read it with
   * zonedTime.
   */
  zoned?: { written: string; vietnam: string };
}

/** Whether a date cell's own format puts the day first (XlsxDateCell.dayFirst). */
export function shownDayFirst(cell: DateCell): boolean {
  return (cell as XlsxDateCell).dayFirst === true;
}

/** The zoned time of an ISO date cell that is on another day in Viet Nam (XlsxDateCell.zoned). */
export function zonedTime(cell: DateCell): XlsxDateCell['zoned'] {
  return (cell as XlsxDateCell).zoned;
}

/** A cell holding an Excel error such as `#REF!` or `#N/A` (a formula whose result is an error). */
export interface ErrorCell {
  error: string;
}

/** Formulas are already replaced by their cached result; rich text and hyperlinks by their text. */
export type CellValue = string | number | boolean | DateCell | ErrorCell | null;

export interface SheetRow {
  /** 1-based row number the user sees in Excel; for CSV the record's row (header line = 1). */
  row: number;
  /** Index 0 is column A. */
  cells: CellValue[];
  /** Hidden in the workbook (a filter, or rows hidden by hand): read like the others, and said. */
  hidden?: true;
  /**
   * The columns whose number the workbook shows in scientific notation ("1.00E+05"): what a
   * spreadsheet makes of a lot "1E5" typed in a General cell. The cell keeps its number.
   */
  scientific?: number[];
  /** The columns whose value is struck through in the workbook (a font with `<strike/>`, or every rich-text run of it). */
  struck?: number[];
  /** Cells with a part of their text struck through (rich-text runs): read without it (struckRows.ts says so). */
  struckText?: StruckText[];
  /**
   * The columns whose value is a copy of a cell merged over this row from a row above (applyMerges):
   * a person merged over their dose rows is written once, on the first.
   */
  mergedFromAbove?: number[];
  /**
   * The sheet's columns hidden in the workbook (`<col min max hidden>`), as 0-based inclusive
   * ranges, on every row of a sheet that has any (one array shared by all its rows): a helper column
   * a clinic hid is read, but a visible column naming the same field wins over it.
   */
  hiddenColumns?: readonly HiddenColumns[];
}

/** A cell's text struck through in part: `struck` left out, `kept` read. */
export interface StruckText {
  column: number;
  struck: string;
  kept: string;
}

/** Columns `from` to `to` (0-based, inclusive) are hidden. */
export interface HiddenColumns {
  from: number;
  to: number;
}

/** Whether the workbook hides the row's column (SheetRow.hiddenColumns). */
export function isColumnHidden(row: SheetRow, column: number): boolean {
  const hidden = row.hiddenColumns;
  return hidden !== undefined && hidden.some((h) => column >= h.from && column <= h.to);
}

export interface SheetData {
  format: 'xlsx' | 'csv';
  /** The sheet's name (xlsx) or null (csv). */
  sheet: string | null;
  /** The workbook's worksheets in tab order, the tabs that can be chosen (xlsx; no chart sheet), or [] (csv). */
  sheetNames: string[];
  rows: SheetRow[];
  /** csv only: the detected text encoding and separator. */
  encoding?: string;
  separator?: string;
  /** csv only: the file's "sep=" line, which decided the separator (sepLine.ts). */
  sepLine?: SepLine;
}

export function isDateCell(value: CellValue): value is DateCell {
  return typeof value === 'object' && value !== null && 'date' in value;
}

export function isErrorCell(value: CellValue): value is ErrorCell {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** The cell as plain text (header matching, totals detection, messages). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDateCell(value)) return value.date;
  return value.error;
}

export function isBlankCell(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && isBlankText(value));
}

/**
 * Whether a text is blank: empty, spaces, or only what no one sees (visibleText: a zero-width
 * space or a BOM left in a cell cleared by hand, which had made a row of nothing an error row).
 * Its first character decides unless it is a space, a control or beyond ASCII.
 */
export function isBlankText(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return visibleText(text).trim() === '';
}
