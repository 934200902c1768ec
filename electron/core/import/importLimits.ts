/**
 * Bounds checked before and while reading, so a huge or hostile file (a zip bomb, a 1 GB export)
 * is refused with IMPORT_TOO_LARGE instead of exhausting memory. The byte limit is checked on the
 * file size before anything is read; the row limits while rows stream in. (What an xlsx's parts
 * may inflate to in all is bounded apart, from the zip's directory: checkZipEntries.ts.)
 */
export interface ImportLimits {
  /** File size in bytes. */
  maxBytes: number;
  /**
   * Rows of the chosen sheet, title rows included. xlsx: rows with at least one non-blank cell
   * (what the user calls rows: a sheet of 3 rows formatted down to Excel's last row has 3);
   * csv: every record, blank lines included.
   */
  maxRows: number;
  /**
   * `<row>` elements of one xlsx sheet, blank ones included: a blank row is not a row for
   * maxRows, but reading one still costs work, so how many are read is bounded here. Excel's own
   * sheet height: no sheet Excel writes has more.
   */
  maxRowElements: number;
  /**
   * Cells held for one xlsx sheet: each kept row counts up to its last non-blank cell. A sheet's
   * rows are held until its header is found, so a small file whose rows each reach Excel's last
   * column (XFD, 16,384 cells a row) would otherwise take gigabytes. A million rows of 40 columns fit.
   */
  maxCells: number;
  /** Characters of one cell: longer text is not a name, an id or a date. */
  maxCellChars: number;
}

/** Rows in an Excel sheet (Excel 2007 and later). */
export const EXCEL_MAX_ROWS = 1_048_576;

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 1_000_000,
  maxRowElements: EXCEL_MAX_ROWS,
  maxCells: 40_000_000,
  maxCellChars: 32_767, // Excel's own cell limit
};
