/**
 * Bounds checked before and while reading, so a huge or hostile file (a zip bomb, a 1 GB export)
 * is refused with IMPORT_TOO_LARGE instead of exhausting memory. The byte limit is checked on the
 * file size before anything is read; the row limit while rows stream in.
 */
export interface ImportLimits {
  /** File size in bytes. */
  maxBytes: number;
  /** Rows read from the chosen sheet (all rows, title and blank rows included). */
  maxRows: number;
  /** Characters of one cell: longer text is not a name, an id or a date. */
  maxCellChars: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 1_000_000,
  maxCellChars: 32_767, // Excel's own cell limit
};
