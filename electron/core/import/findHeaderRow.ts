import { FIELD_LABELS, matchHeader, type ImportField } from './headerAliases.js';
import { cellText, type SheetRow } from './sheetData.js';

export type MappedField = Exclude<ImportField, 'ignore'>;

export interface HeaderColumn {
  /** 0-based column index (0 = A). */
  index: number;
  /** The header cell as written in the file. */
  header: string;
  /** The field the column is imported into; null = not imported (unknown, STT, or a second column for a field). */
  field: MappedField | null;
}

export interface HeaderMapping {
  /** Excel row number of the header. */
  headerRow: number;
  /** Index of the header in the rows array. */
  headerIndex: number;
  columns: HeaderColumn[];
  fields: Partial<Record<MappedField, number>>;
  /** Required fields (see REQUIRED_FIELDS) with no column. */
  missing: RequiredField[];
}

/** What a row needs to become a dose record. A name may also come as family + given columns. */
export type RequiredField = 'fullName' | 'dob' | 'idNumber' | 'vaccine' | 'doseNumber' | 'vaccinationDate';
export const REQUIRED_FIELDS: readonly RequiredField[] = ['fullName', 'dob', 'idNumber', 'vaccine', 'doseNumber', 'vaccinationDate'];

/** Title rows, a logo, the facility's name: real sheets put up to a dozen rows above the header. */
const SCAN_ROWS = 50;
/** Fewer recognised columns than this is a title or a note, not a header. */
const MIN_HEADER_FIELDS = 3;

function missingOf(fields: Partial<Record<MappedField, number>>): RequiredField[] {
  return REQUIRED_FIELDS.filter((f) => {
    if (f === 'fullName') return fields.fullName === undefined && (fields.familyName === undefined || fields.givenName === undefined);
    if (f === 'dob') return fields.dob === undefined && fields.birthYear === undefined;
    return fields[f] === undefined;
  });
}

/** Maps one row's cells as if it were the header. Exact alias matches win over prefix matches. */
export function mapHeaderRow(row: SheetRow, headerIndex: number): HeaderMapping {
  const matches = row.cells.map((cell) => {
    const header = cellText(cell).trim();
    return { header, match: header ? matchHeader(header) : null };
  });
  const fields: Partial<Record<MappedField, number>> = {};
  for (const how of ['exact', 'prefix'] as const) {
    matches.forEach(({ match }, index) => {
      if (!match || match.how !== how || match.field === 'ignore') return;
      if (fields[match.field] === undefined) fields[match.field] = index;
    });
  }
  // One full-name column makes separate family/given columns redundant (they are kept as data).
  if (fields.fullName !== undefined) {
    delete fields.familyName;
    delete fields.givenName;
  }
  if (fields.dob !== undefined) delete fields.birthYear;
  const byColumn = new Map(Object.entries(fields).map(([field, index]) => [index, field as MappedField]));
  const columns: HeaderColumn[] = matches.map(({ header }, index) => ({ index, header, field: byColumn.get(index) ?? null }));
  return { headerRow: row.row, headerIndex, columns, fields, missing: missingOf(fields) };
}

/**
 * The header row of a sheet: among the first rows, the one naming the most distinct fields
 * (ties: the upper one). Null when no row names at least three fields.
 */
export function findHeaderRow(rows: readonly SheetRow[]): HeaderMapping | null {
  let best: HeaderMapping | null = null;
  let bestScore = MIN_HEADER_FIELDS - 1;
  const limit = Math.min(rows.length, SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const mapping = mapHeaderRow(rows[i]!, i);
    const score = Object.keys(mapping.fields).length;
    if (score > bestScore) {
      best = mapping;
      bestScore = score;
    }
  }
  return best;
}

/** The missing columns for IMPORT_NO_HEADER details, each with its usual header in vi and en. */
export function describeMissing(missing: readonly RequiredField[]): { field: RequiredField; vi: string; en: string }[] {
  return missing.map((field) => ({ field, ...FIELD_LABELS[field] }));
}
