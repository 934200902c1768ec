import type { SheetRow } from './sheetData.js';

/** Column letters to a 0-based index: A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A 0-based column index to its letters: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const REF = /^([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?$/;
/** Excel's own sheet width: a wider range is damaged, not a layout. */
const MAX_COLUMNS = 16384;

/**
 * Gives every cell of a merged range the value of its top-left cell, as a person reading the sheet
 * sees it: a name merged over a person's three dose rows belongs to all three, a header merged
 * over two header rows names the column in both. Only rows that exist are filled (a merge over
 * otherwise empty rows does not invent rows). The rows under the range's first are told which of
 * their cells are such copies (SheetRow.mergedFromAbove).
 */
export function applyMerges(rows: SheetRow[], ranges: readonly string[]): void {
  if (ranges.length === 0 || rows.length === 0) return;
  const byNumber = new Map(rows.map((r) => [r.row, r]));
  for (const range of ranges) {
    const m = REF.exec(range);
    if (!m) continue;
    const c1 = columnIndex(m[1]!);
    const r1 = Number(m[2]);
    const c2 = Math.min(m[3] ? columnIndex(m[3]) : c1, MAX_COLUMNS - 1);
    const r2 = m[4] ? Number(m[4]) : r1;
    const value = byNumber.get(r1)?.cells[c1] ?? null;
    if (value === null || c2 < c1 || r2 < r1) continue;
    const targets = r2 - r1 + 1 <= rows.length ? rangeRows(byNumber, r1, r2) : rows.filter((r) => r.row >= r1 && r.row <= r2);
    for (const row of targets) {
      for (let c = c1; c <= c2; c++) {
        if (row.row === r1 && c === c1) continue;
        while (row.cells.length <= c) row.cells.push(null);
        row.cells[c] = value;
        // Said per row: a dose row of a merged person block holds no person of its own (rowKinds.ts).
        if (row.row > r1) (row.mergedFromAbove ??= []).push(c);
      }
    }
  }
}

function rangeRows(byNumber: Map<number, SheetRow>, r1: number, r2: number): SheetRow[] {
  const out: SheetRow[] = [];
  for (let r = r1; r <= r2; r++) {
    const row = byNumber.get(r);
    if (row) out.push(row);
  }
  return out;
}
