import type { HeaderMapping } from './findHeaderRow.js';
import { foldHeader } from './headerAliases.js';
import { cellText, type SheetRow } from './sheetData.js';

/** The words a form writes under a date's header over its three columns, folded. */
const PART_WORDS: Record<'day' | 'month' | 'year', readonly string[]> = {
  day: ['ngay', 'day', 'dd', 'd'],
  month: ['thang', 'month', 'mm', 'm'],
  year: ['nam', 'year', 'yyyy', 'yy', 'y'],
};
/** A vaccination date's month and year in columns of their own ("Tháng tiêm", "Năm tiêm"), folded. */
const VACCINATION_MONTH = ['thangtiem', 'thangtiemchung'];
const VACCINATION_YEAR = ['namtiem', 'namtiemchung'];

type Parts = { day: number; month: number; year: number };

function partOfSubheader(row: SheetRow, column: number): 'day' | 'month' | 'year' | null {
  const folded = foldHeader(cellText(row.cells[column] ?? null));
  for (const part of ['day', 'month', 'year'] as const) if (PART_WORDS[part].includes(folded)) return part;
  return null;
}

/**
 * The columns of a date header merged over three ("Ngày sinh", "Ngày tiêm"), with "Ngày" |
 * "Tháng" | "Năm" in the row under it (a register form's date in three cells), or null. The first
 * of them alone, as the header's one date column, made the day a two-digit year ("12": 2012,
 * "28": 1928) or a serial (1900-01-12).
 */
function mergedParts(rows: readonly SheetRow[], mapping: HeaderMapping, field: 'dob' | 'vaccinationDate'): Parts | null {
  const under = rows[mapping.headerIndex + 1];
  const split = mapping.duplicates.find((d) => d.field === field && d.unused.length === 2);
  if (under === undefined || split === undefined) return null;
  const found: Partial<Parts> = {};
  for (const c of [split.used, ...split.unused]) {
    const part = partOfSubheader(under, c);
    if (part === null || found[part] !== undefined) return null;
    found[part] = c;
  }
  return found.day !== undefined && found.month !== undefined && found.year !== undefined ? { day: found.day, month: found.month, year: found.year } : null;
}

/** "Ngày tiêm" | "Tháng tiêm" | "Năm tiêm": the vaccination date's three columns, or null. */
function namedVaccinationParts(mapping: HeaderMapping): Parts | null {
  const day = mapping.fields.vaccinationDate;
  const column = (names: readonly string[]): number | undefined => mapping.columns.find((c) => c.field === null && names.includes(foldHeader(c.header)))?.index;
  const [month, year] = [column(VACCINATION_MONTH), column(VACCINATION_YEAR)];
  return day === undefined || month === undefined || year === undefined ? null : { day, month, year };
}

/** Whether a row is the "Ngày" | "Tháng" | "Năm" row under a date in three merged columns. */
export function isDatePartsSubheader(row: SheetRow, mapping: HeaderMapping): boolean {
  return mapping.datePartsUnder !== undefined && row.row === mapping.datePartsUnder;
}

/**
 * The header mapping with a date in three columns read as its day, month and year: a date of birth
 * as `birthMonth` and `birthYear` beside `dob` (dateParts.ts), a vaccination date (a row per dose
 * only: a row per person's dose columns are their own) as `vaccinationDateParts`.
 */
export function withDateParts(rows: readonly SheetRow[], mapping: HeaderMapping): HeaderMapping {
  const dob = mergedParts(rows, mapping, 'dob');
  const merged = mapping.doses.length === 0 ? mergedParts(rows, mapping, 'vaccinationDate') : null;
  const named = merged === null && mapping.doses.length === 0 ? namedVaccinationParts(mapping) : null;
  const dose = merged ?? named;
  if (dob === null && dose === null) return mapping;
  const label = new Map<number, string>();
  for (const p of [dob, merged]) {
    if (p === null) continue;
    label.set(p.day, 'ngày').set(p.month, 'tháng').set(p.year, 'năm');
  }
  return {
    ...mapping,
    // Written back with their part ("Ngày sinh (tháng)"): the failed-rows export has no row under its header.
    columns: mapping.columns.map((c) => {
      const part = label.get(c.index);
      if (part === undefined) return c;
      const field = dob !== null && c.index === dob.day ? 'dob' : dob !== null && c.index === dob.month ? 'birthMonth' : dob !== null && c.index === dob.year ? 'birthYear' : c.index === merged?.day ? 'vaccinationDate' : null;
      return { ...c, field, header: `${c.header} (${part})` };
    }),
    fields: {
      ...mapping.fields,
      ...(dob !== null ? { dob: dob.day, birthMonth: dob.month, birthYear: dob.year } : {}),
      ...(dose !== null ? { vaccinationDate: dose.day } : {}),
    },
    duplicates: mapping.duplicates.filter((d) => !(d.field === 'dob' && dob !== null) && !(d.field === 'vaccinationDate' && merged !== null)),
    ...(dose !== null ? { vaccinationDateParts: { month: dose.month, year: dose.year } } : {}),
    ...(dob !== null || merged !== null ? { datePartsUnder: rows[mapping.headerIndex + 1]!.row } : {}),
    rewritten: true,
  };
}
