import type { HeaderMapping } from './findHeaderRow.js';
import { foldHeader } from './headerAliases.js';
import { cellText, type SheetRow } from './sheetData.js';

/** The words a form writes under "Ngày sinh" over its three columns, folded. */
const PART_WORDS: Record<'day' | 'month' | 'year', readonly string[]> = {
  day: ['ngay', 'day', 'dd', 'd'],
  month: ['thang', 'month', 'mm', 'm'],
  year: ['nam', 'year', 'yyyy', 'yy', 'y'],
};

function partOfSubheader(row: SheetRow, column: number): 'day' | 'month' | 'year' | null {
  const folded = foldHeader(cellText(row.cells[column] ?? null));
  for (const part of ['day', 'month', 'year'] as const) if (PART_WORDS[part].includes(folded)) return part;
  return null;
}

/**
 * The columns of a "Ngày sinh" merged over three, with "Ngày" | "Tháng" | "Năm" in the row under
 * it (a register form's date of birth in three cells), or null. Read as the day, month and year
 * columns of dobParts.ts; the first of them alone, as the header's one date column, made the day
 * a two-digit year ("12": 2012, "28": 1928).
 */
function dobPartColumns(rows: readonly SheetRow[], mapping: HeaderMapping): { day: number; month: number; year: number } | null {
  const under = rows[mapping.headerIndex + 1];
  const split = mapping.duplicates.find((d) => d.field === 'dob' && d.unused.length === 2);
  if (under === undefined || split === undefined) return null;
  const found: Partial<Record<'day' | 'month' | 'year', number>> = {};
  for (const c of [split.used, ...split.unused]) {
    const part = partOfSubheader(under, c);
    if (part === null || found[part] !== undefined) return null;
    found[part] = c;
  }
  return found.day !== undefined && found.month !== undefined && found.year !== undefined ? { day: found.day, month: found.month, year: found.year } : null;
}

/** Whether a row is the "Ngày" | "Tháng" | "Năm" row under a date of birth in three columns. */
export function isDobPartsSubheader(row: SheetRow, mapping: HeaderMapping): boolean {
  return mapping.dobPartsUnder !== undefined && row.row === mapping.dobPartsUnder;
}

/** The header mapping with a date of birth in three merged columns read as its day, month and year. */
export function withDobParts(rows: readonly SheetRow[], mapping: HeaderMapping): HeaderMapping {
  const parts = dobPartColumns(rows, mapping);
  if (parts === null) return mapping;
  const label = { [parts.day]: 'ngày', [parts.month]: 'tháng', [parts.year]: 'năm' } as Record<number, string>;
  return {
    ...mapping,
    // Written back with their part ("Ngày sinh (tháng)"): the failed-rows export has no row under its header.
    columns: mapping.columns.map((c) =>
      label[c.index] === undefined ? c
      : { ...c, field: c.index === parts.day ? 'dob' : c.index === parts.month ? 'birthMonth' : 'birthYear', header: `${c.header} (${label[c.index]})` },
    ),
    fields: { ...mapping.fields, dob: parts.day, birthMonth: parts.month, birthYear: parts.year },
    duplicates: mapping.duplicates.filter((d) => d.field !== 'dob'),
    dobPartsUnder: rows[mapping.headerIndex + 1]!.row,
    rewritten: true,
  };
}
