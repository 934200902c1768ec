import { columnLetters } from './applyMerges.js';
import { warning, type Finding } from './domainPort.js';
import { FIELD_LABELS, foldHeader, matchHeader, type HeaderMatch, type ImportField } from './headerAliases.js';
import { cellText, isBlankCell, type SheetRow } from './sheetData.js';

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
  /** Fields that more than one column names: the column imported and the ones left out (columnChoiceNotes). */
  duplicates: { field: MappedField; used: number; unused: number[]; why: 'precise' | 'first' }[];
  /** Fields written under one of two sub-columns "Nam" / "Nữ" (sexSplits); both columns are read. */
  splits: SexSplit[];
}

/**
 * A field whose header spans two sub-columns "Nam" | "Nữ", as the Ministry's register forms have
 * it: the year of birth written under the person's sex, or a mark under "Giới tính". The value is
 * whichever of the two cells is filled, and the column it is in says the sex.
 */
export interface SexSplit {
  field: 'sex' | 'birthYear' | 'dob';
  male: number;
  female: number;
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

/**
 * How well a header names its field, best first: a precise exact header ("Số CCCD"), a precise one
 * with more after it ("Số CCCD người tiêm"), then a generic one ("ID"). A generic header never
 * takes the field from a precise one, wherever the two columns are.
 */
function rankOf(match: HeaderMatch): number {
  return (match.generic ? 2 : 0) + (match.how === 'prefix' ? 1 : 0);
}

/**
 * Maps one row's cells as if it were the header: each field to its best-ranked column (ties: the
 * leftmost); the other columns naming the same field are listed in `duplicates`, never dropped
 * without a word.
 */
export function mapHeaderRow(row: SheetRow, headerIndex: number): HeaderMapping {
  const matches = row.cells.map((cell) => {
    const header = cellText(cell).trim();
    return { header, match: header ? matchHeader(header) : null };
  });
  const candidates = new Map<MappedField, { index: number; rank: number }[]>();
  matches.forEach(({ match }, index) => {
    if (!match || match.field === 'ignore') return;
    const list = candidates.get(match.field) ?? [];
    list.push({ index, rank: rankOf(match) });
    candidates.set(match.field, list);
  });
  const fields: Partial<Record<MappedField, number>> = {};
  const ranked = new Map<MappedField, { index: number; rank: number }[]>();
  for (const [field, list] of candidates) {
    const order = list.sort((a, b) => a.rank - b.rank || a.index - b.index);
    fields[field] = order[0]!.index;
    ranked.set(field, order);
  }
  // One full-name column makes separate family/given columns redundant (they are kept as data).
  if (fields.fullName !== undefined) {
    delete fields.familyName;
    delete fields.givenName;
  }
  if (fields.dob !== undefined) delete fields.birthYear;
  const duplicates: HeaderMapping['duplicates'] = [];
  for (const [field, order] of ranked) {
    if (fields[field] === undefined || order.length < 2) continue;
    const [used, next] = [order[0]!, order[1]!];
    duplicates.push({ field, used: used.index, unused: order.slice(1).map((c) => c.index), why: used.rank < next.rank ? 'precise' : 'first' });
  }
  const byColumn = new Map(Object.entries(fields).map(([field, index]) => [index, field as MappedField]));
  const columns: HeaderColumn[] = matches.map(({ header }, index) => ({ index, header, field: byColumn.get(index) ?? null }));
  return { headerRow: row.row, headerIndex, columns, fields, missing: missingOf(fields), duplicates, splits: [] };
}

const MALE_SUBHEADERS = new Set(['nam', 'male', 'm']);
const FEMALE_SUBHEADERS = new Set(['nu', 'female', 'f']);

/**
 * The id cell of a row whose id column is blank, from another document column of the same rank (a
 * CCCD column and a passport column: a foreigner fills the second); never from a generic `ID`
 * column, which a document's own header beat. Undefined when there is none filled.
 */
export function idFallback(row: SheetRow, mapping: HeaderMapping): SheetRow['cells'][number] | undefined {
  const d = mapping.duplicates.find((x) => x.field === 'idNumber' && x.why === 'first');
  const column = d?.unused.find((c) => !isBlankCell(row.cells[c]));
  return column === undefined ? undefined : row.cells[column];
}

/** The sex a sub-header cell names ("Nam", "Nữ", "Male", "F", …), or null. */
function subheaderSex(row: SheetRow, column: number): 'M' | 'F' | null {
  const text = foldHeader(cellText(row.cells[column] ?? null));
  return MALE_SUBHEADERS.has(text) ? 'M' : FEMALE_SUBHEADERS.has(text) ? 'F' : null;
}

/** Whether a row is the "Nam" | "Nữ" sub-header of every split of the mapping (the row under the header). */
export function isSplitSubheader(row: SheetRow, mapping: HeaderMapping): boolean {
  return mapping.splits.length > 0 && mapping.splits.every((s) => subheaderSex(row, s.male) === 'M' && subheaderSex(row, s.female) === 'F');
}

/**
 * The sex-split fields of a header (SexSplit): exactly two columns name the field (a merged header
 * cell copied across, or the same header twice) and the row under the header reads "Nam" over
 * one and "Nữ" over the other.
 */
function sexSplits(rows: readonly SheetRow[], mapping: HeaderMapping): SexSplit[] {
  const under = rows[mapping.headerIndex + 1];
  if (under === undefined) return [];
  const splits: SexSplit[] = [];
  for (const d of mapping.duplicates) {
    if ((d.field !== 'sex' && d.field !== 'birthYear' && d.field !== 'dob') || d.unused.length !== 1) continue;
    const pair = [d.used, d.unused[0]!];
    const male = pair.find((c) => subheaderSex(under, c) === 'M');
    const female = pair.find((c) => subheaderSex(under, c) === 'F');
    if (male !== undefined && female !== undefined) splits.push({ field: d.field, male, female });
  }
  return splits;
}

/** The header mapping with its sex-split fields read from the row under it: no longer "left out" columns. */
function withSplits(rows: readonly SheetRow[], mapping: HeaderMapping): HeaderMapping {
  const splits = sexSplits(rows, mapping);
  if (splits.length === 0) return mapping;
  const split = new Map<number, MappedField>(splits.flatMap((s) => [[s.male, s.field] as const, [s.female, s.field] as const]));
  return {
    ...mapping,
    columns: mapping.columns.map((c) => (split.has(c.index) ? { ...c, field: split.get(c.index)! } : c)),
    duplicates: mapping.duplicates.filter((d) => !splits.some((s) => s.field === d.field)),
    splits,
  };
}

/**
 * One warning per field that several columns name ("ID" and "Số CCCD", "Ngày tiêm mũi 1" and
 * "Ngày tiêm mũi 2"): which column is imported, why, and which are not, so the choice is never silent.
 */
export function columnChoiceNotes(mapping: HeaderMapping): Finding[] {
  const named = (index: number): string => `${columnLetters(index)} ("${mapping.columns[index]?.header ?? ''}")`;
  return mapping.duplicates.map(({ field, used, unused, why }) => {
    const label = FIELD_LABELS[field];
    const others = unused.map(named).join(', ');
    const [restVi, restEn] = unused.length > 1 ? ['các cột kia', 'the others are'] : ['cột kia', 'the other is'];
    if (field === 'idNumber' && why === 'first') {
      // Two document columns (CCCD and passport): one person fills one of them (idFallback).
      return warning(
        field,
        'IMPORT_COLUMNS_SAME_FIELD',
        `Cột ${named(used)} và cột ${others} đều là số giấy tờ: số được đọc ở cột ${columnLetters(used)}, hoặc ở ${unused.length > 1 ? 'cột kế tiếp có ghi' : `cột ${columnLetters(unused[0]!)}`} khi cột ${columnLetters(used)} để trống.`,
        `Columns ${named(used)} and ${others} are all id number columns: the number is read from column ${columnLetters(used)}, or from ${unused.length > 1 ? 'the next one filled' : `column ${columnLetters(unused[0]!)}`} when ${columnLetters(used)} is blank.`,
      );
    }
    const [whyVi, whyEn] =
      why === 'precise'
        ? [`vì tiêu đề của nó rõ hơn`, `as its header is the more precise`]
        : [`là cột đầu tiên; nếu cần cột khác, hãy đổi tên tiêu đề cột`, `the first of them; to use another one, rename the column headers`];
    return warning(
      field,
      'IMPORT_COLUMNS_SAME_FIELD',
      `Cột ${named(used)} và cột ${others} đều có thể là cột "${label.vi}": chỉ nhập cột ${columnLetters(used)} (${whyVi}), ${restVi} bị bỏ qua.`,
      `Columns ${named(used)} and ${others} could ${unused.length > 1 ? 'all' : 'both'} be the ${label.en.toLowerCase()}: only column ${columnLetters(used)} is imported (${whyEn}), ${restEn} ignored.`,
    );
  });
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
  return best === null ? null : withSplits(rows, best);
}

/** The missing columns for IMPORT_NO_HEADER details, each with its usual header in vi and en. */
export function describeMissing(missing: readonly RequiredField[]): { field: RequiredField; vi: string; en: string }[] {
  return missing.map((field) => ({ field, ...FIELD_LABELS[field] }));
}
